package dev.pipgate.envcheck;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A directory of tiny real wheels built here (PEP 427: a zip with the package, a {@code .dist-info}
 * holding METADATA, WHEEL and a RECORD of sha256 digests and sizes, which pip checks), for {@code
 * pip install --no-index --find-links}.
 */
final class Wheelhouse {
  private final Path dir;

  Wheelhouse(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  Path dir() {
    return dir;
  }

  /** Builds {@code name-version-py3-none-any.whl} with these Requires-Dist lines. */
  Path wheel(String name, String version, String... requiresDist) throws IOException {
    return wheel(name, version, List.of(requiresDist), Map.of());
  }

  /**
   * Builds a wheel; {@code files} maps archive paths to content (defaults to one {@code
   * <module>/__init__.py}).
   */
  Path wheel(String name, String version, List<String> requiresDist, Map<String, String> files)
      throws IOException {
    String escaped = name.replaceAll("[-_.]+", "_");
    String distInfo = escaped + "-" + version + ".dist-info";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    if (files.isEmpty()) {
      entries.put(
          escaped.toLowerCase(java.util.Locale.ROOT) + "/__init__.py",
          ("__version__ = \"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
    } else {
      files.forEach((k, v) -> entries.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    StringBuilder metadata =
        new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
    for (String r : requiresDist) {
      metadata.append("Requires-Dist: ").append(r).append('\n');
    }
    metadata.append("\nA test distribution.\n");
    entries.put(distInfo + "/METADATA", metadata.toString().getBytes(StandardCharsets.UTF_8));
    entries.put(
        distInfo + "/WHEEL",
        """
        Wheel-Version: 1.0
        Generator: pipgate-tests
        Root-Is-Purelib: true
        Tag: py3-none-any

        """
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      record
          .append(e.getKey())
          .append(",sha256=")
          .append(digest(e.getValue()))
          .append(',')
          .append(e.getValue().length)
          .append('\n');
    }
    record.append(distInfo).append("/RECORD,,\n");
    entries.put(distInfo + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
    Path wheel = dir.resolve(escaped + "-" + version + "-py3-none-any.whl");
    try (OutputStream out = Files.newOutputStream(wheel);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return wheel;
  }

  /** RECORD's hash form: urlsafe base64 of the sha256 digest without padding (PEP 376/427). */
  static String digest(byte[] content) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
