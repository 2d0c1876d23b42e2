package dev.pipgate.envcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes conda-meta records in conda's own format (field shapes from the corpus records:
 * build/build_number/channel/subdir/depends/files/paths_data/requested_spec...) into a prefix, and
 * turns distributions real pip installed into conda-built ones (conda-build installs with pip at
 * build time, then the package carries the dist-info with INSTALLER "conda").
 */
final class CondaPrefix {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path prefix;
  private final StringBuilder history = new StringBuilder();

  CondaPrefix(Path prefix) throws IOException {
    this.prefix = prefix;
    Files.createDirectories(prefix.resolve("conda-meta"));
    history.append("==> 2022-07-01 10:00:00 <==\n# cmd: conda create -n tf29 tensorflow=2.9.1\n");
    history.append("# conda version: 4.12.0\n");
  }

  /** A record for {@code files} (prefix-relative), which are created empty when absent. */
  Path record(String name, String version, String build, List<String> depends, List<String> files)
      throws IOException {
    for (String f : files) {
      Path p = prefix.resolve(f);
      if (!Files.exists(p)) {
        Files.createDirectories(p.getParent());
        Files.createFile(p);
      }
    }
    String fn = name + "-" + version + "-" + build;
    ObjectNode r = JSON.createObjectNode();
    r.put("build", build);
    r.put("build_number", 0);
    r.put("channel", "https://conda.anaconda.org/conda-forge/linux-64");
    r.putArray("constrains");
    ArrayNode deps = r.putArray("depends");
    depends.forEach(deps::add);
    r.put("extracted_package_dir", "/opt/conda/pkgs/" + fn);
    r.put("features", "");
    ArrayNode fs = r.putArray("files");
    files.forEach(fs::add);
    r.put("fn", fn + ".conda");
    r.put("license", "BSD-3-Clause");
    ObjectNode link = r.putObject("link");
    link.put("source", "/opt/conda/pkgs/" + fn);
    link.put("type", 1);
    r.put("md5", "0123456789abcdef0123456789abcdef");
    r.put("name", name);
    r.put("package_tarball_full_path", "/opt/conda/pkgs/" + fn + ".conda");
    ObjectNode pathsData = r.putObject("paths_data");
    ArrayNode paths = pathsData.putArray("paths");
    for (String f : files) {
      ObjectNode p = paths.addObject();
      p.put("_path", f);
      p.put("path_type", "hardlink");
      p.put("size_in_bytes", Files.size(prefix.resolve(f)));
    }
    pathsData.put("paths_version", 1);
    r.put("requested_spec", "None");
    r.put("size", 1000);
    r.put("subdir", "linux-64");
    r.put("timestamp", 1656662400000L);
    r.put("track_features", "");
    r.put("url", "https://conda.anaconda.org/conda-forge/linux-64/" + fn + ".conda");
    r.put("version", version);
    Path file = prefix.resolve("conda-meta/" + fn + ".json");
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    history.append("+conda-forge/linux-64::").append(fn).append('\n');
    Files.writeString(prefix.resolve("conda-meta/history"), history.toString());
    return file;
  }

  /**
   * Makes the distribution real pip installed at {@code distInfo} look conda-built: INSTALLER
   * "conda" without a newline (as conda-forge packages have it), no REQUESTED, and a record owning
   * every file its RECORD lists.
   */
  Path adopt(Path distInfo, String condaName, String build, List<String> depends)
      throws IOException {
    Path site = distInfo.getParent();
    Files.writeString(distInfo.resolve("INSTALLER"), "conda", StandardCharsets.UTF_8);
    Files.deleteIfExists(distInfo.resolve("REQUESTED"));
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(distInfo.resolve("RECORD"))) {
      String path = PrefixScan.firstCsvField(line);
      if (!path.isEmpty()) {
        files.add(prefix.relativize(site.resolve(path).normalize()).toString());
      }
    }
    String dir = distInfo.getFileName().toString().replaceFirst("\\.dist-info$", "");
    String version = dir.substring(dir.lastIndexOf('-') + 1);
    return record(condaName, version, build, depends, files);
  }

  static Path distInfo(Path sitePackages, String escapedName) throws IOException {
    try (Stream<Path> s = Files.list(sitePackages)) {
      return s.filter(p -> p.getFileName().toString().startsWith(escapedName + "-"))
          .filter(p -> p.getFileName().toString().endsWith(".dist-info"))
          .findFirst()
          .orElseThrow();
    }
  }
}
