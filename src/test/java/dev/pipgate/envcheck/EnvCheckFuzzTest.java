package dev.pipgate.envcheck;

// Fuzz tests for what `pipgate env-check` reads: conda package records, conda's history, the
// metadata directories in site-packages (METADATA, RECORD, INSTALLER, direct_url.json, egg-info
// PKG-INFO and requires.txt), and pip's --report JSON. `mvn test` replays the hand-written inputs
// under src/test/resources/dev/pipgate/envcheck/EnvCheckFuzzTestInputs/<method>/ plus the real
// files of the test data's corpus (the methods seeded from it are skipped without it). To fuzz one
// method (Jazzer fuzzes one test per run):
//
//   JAZZER_FUZZ=1 mvn -o test -Dpipgate.shared=DIR -Dtest='EnvCheckFuzzTest#metadata' \
//     -Djazzer.max_duration=60s
//
// A crashing input is saved into that method's inputs directory and replays from then on.

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.SharedCorpus;
import dev.pipgate.model.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile files in a prefix, checked the way {@code pipgate env-check} checks it ({@link
 * EnvCheck#run}): a result (unreadable files become notes, as conda and pip skip them), or {@link
 * InputException}. Anything else escaping is a bug. Each input is written into a real prefix
 * directory that also holds one well-formed conda package and distribution, so the readers' output
 * meets the checks that consume it.
 */
class EnvCheckFuzzTest {
  private static final String SITE = "lib/python3.11/site-packages";
  private static final String FILE_MARK = "\n#>>> ";
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");
  private static final EnvCheck.Options OPTIONS =
      new EnvCheck.Options("3.11.4", "linux-64", null, null, java.util.Map.of());
  private static Path prefix;

  /** The input is {@code conda-meta/pkg-1.0-0.json}. */
  @NeedsTestData("corpus/conda-meta")
  @MethodSource("corpusCondaRecords")
  @DictionaryEntries({
    "\"name\"",
    "\"version\"",
    "\"build\"",
    "\"files\"",
    "\"depends\"",
    "\"paths_data\"",
    "\"_path\"",
    "\"noarch\"",
    "\"requested_spec\"",
    "\"subdir\""
  })
  @FuzzTest
  void condaRecord(byte[] input) throws IOException {
    Path root = freshPrefix();
    Files.write(root.resolve("conda-meta/pkg-1.0-0.json"), input);
    check(root, null);
  }

  /** The input is {@code conda-meta/history}. */
  @NeedsTestData("corpus/conda-meta")
  @MethodSource("corpusHistories")
  @DictionaryEntries({"==> ", " <==", "# cmd:", "+conda-forge/linux-64::", "::"})
  @FuzzTest
  void history(byte[] input) throws IOException {
    Path root = freshPrefix();
    Files.write(root.resolve("conda-meta/history"), input);
    check(root, null);
  }

  /**
   * Up to the first line {@code #>>> path}, the input is {@code pkg-1.0.dist-info/METADATA}; each
   * such line starts the file at {@code path} in site-packages (one or two plain names: {@code
   * x.dist-info/RECORD}, {@code y.egg-info/requires.txt}, {@code z.egg-info} as a file).
   */
  @NeedsTestData("corpus/dist-info")
  @MethodSource("corpusDistInfo")
  // Jazzer writes dictionary entries without escaping line breaks, so none holds one.
  @DictionaryEntries({
    "#>>> ",
    "Name:",
    "Version:",
    "Requires-Dist:",
    ".dist-info/",
    ".egg-info/",
    "RECORD",
    "INSTALLER",
    "REQUESTED",
    "direct_url.json",
    "requires.txt",
    "PKG-INFO",
    "installed-files.txt"
  })
  @FuzzTest
  void metadata(byte[] input) throws IOException {
    Path root = freshPrefix();
    String[] parts = new String(input, StandardCharsets.ISO_8859_1).split(FILE_MARK, -1);
    Path site = root.resolve(SITE);
    Files.createDirectories(site.resolve("pkg-1.0.dist-info"));
    Files.write(site.resolve("pkg-1.0.dist-info/METADATA"), latin1(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      int nl = parts[i].indexOf('\n');
      String path = nl < 0 ? parts[i] : parts[i].substring(0, nl);
      byte[] content = latin1(nl < 0 ? "" : parts[i].substring(nl + 1));
      String[] names = path.split("/", -1);
      boolean safe =
          names.length <= 2
              && Stream.of(names).allMatch(n -> SAFE_PATH.matcher(n).matches())
              && !names[names.length - 1].endsWith(".pth");
      if (!safe) {
        continue;
      }
      try {
        Path target = site.resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
      } catch (IOException e) {
        // a name already taken by a directory (or the other way round): not an input to keep
      }
    }
    check(root, null);
  }

  /** The input is the file of {@code pip install --dry-run --report}. */
  @DictionaryEntries({
    "\"version\": \"1\"",
    "\"install\"",
    "\"metadata\"",
    "\"requires_dist\"",
    "\"requested\"",
    "\"is_direct\"",
    "\"download_info\""
  })
  @FuzzTest
  void pipReport(byte[] input) throws IOException {
    PipReport report;
    try {
      report = PipReport.read("report.json", input);
    } catch (InputException expected) {
      return;
    }
    check(freshPrefix(), report);
  }

  @AfterAll
  static void removePrefix() throws IOException {
    if (prefix != null) {
      delete(prefix);
      Files.delete(prefix);
      prefix = null;
    }
  }

  private static void check(Path root, PipReport report) {
    try {
      EnvCheck.run(root, report == null ? OPTIONS : OPTIONS.withPipReport(report));
    } catch (InputException expected) {
      // the documented failure
    }
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The prefix, emptied and refilled with python and numpy from conda and one pip distribution (pkg
   * 1.0, which needs numpy and a missing package) that the inputs may overwrite.
   */
  private static synchronized Path freshPrefix() throws IOException {
    if (prefix == null) {
      prefix = Files.createTempDirectory("pipgate-fuzz-prefix");
    }
    delete(prefix);
    Files.createDirectories(prefix.resolve("conda-meta"));
    Path site = Files.createDirectories(prefix.resolve(SITE));
    Files.writeString(
        prefix.resolve("conda-meta/python-3.11.4-h0_0_cpython.json"),
        """
        {"name": "python", "version": "3.11.4", "build": "h0_0_cpython", "subdir": "linux-64",
         "channel": "https://conda.anaconda.org/conda-forge/linux-64", "depends": [],
         "files": ["bin/python3.11"]}
        """);
    Files.writeString(
        prefix.resolve("conda-meta/numpy-1.26.4-py311_0.json"),
        """
        {"name": "numpy", "version": "1.26.4", "build": "py311_0", "subdir": "linux-64",
         "depends": ["python >=3.11,<3.12.0a0"],
         "files": ["lib/python3.11/site-packages/numpy-1.26.4.dist-info/METADATA"]}
        """);
    Files.createDirectories(site.resolve("numpy-1.26.4.dist-info"));
    Files.writeString(
        site.resolve("numpy-1.26.4.dist-info/METADATA"), "Name: numpy\nVersion: 1.26.4\n");
    Files.writeString(site.resolve("numpy-1.26.4.dist-info/INSTALLER"), "conda\n");
    Files.createDirectories(site.resolve("pkg-1.0.dist-info"));
    Files.writeString(
        site.resolve("pkg-1.0.dist-info/METADATA"),
        "Name: pkg\nVersion: 1.0\nRequires-Dist: numpy>=2\nRequires-Dist: gone; python_version>'3'\n");
    Files.writeString(site.resolve("pkg-1.0.dist-info/INSTALLER"), "pip\n");
    return prefix;
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --------------------------------------------------------------- seeds from the test data corpus

  static Stream<Arguments> corpusCondaRecords() {
    return SharedCorpus.files("conda-meta", name -> name.endsWith(".json"));
  }

  static Stream<Arguments> corpusHistories() {
    return SharedCorpus.files("conda-meta", name -> name.endsWith("__history"));
  }

  /**
   * Each METADATA file as it is; each other dist-info file (INSTALLER, REQUESTED, direct_url.json)
   * after a small METADATA, in the directory it came from.
   */
  static Stream<Arguments> corpusDistInfo() {
    return SharedCorpus.paths("dist-info", name -> true).stream()
        .map(
            p -> {
              String name = p.getFileName().toString();
              String file = name.substring(name.lastIndexOf("__") + 2);
              byte[] bytes = SharedCorpus.bytes(p);
              if (!file.equals("METADATA")) {
                byte[] head =
                    ("Name: other\nVersion: 2\n" + FILE_MARK + "pkg-1.0.dist-info/" + file + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                byte[] both = new byte[head.length + bytes.length];
                System.arraycopy(head, 0, both, 0, head.length);
                System.arraycopy(bytes, 0, both, head.length, bytes.length);
                bytes = both;
              }
              return Arguments.of(Named.of("dist-info/" + name, bytes));
            });
  }
}
