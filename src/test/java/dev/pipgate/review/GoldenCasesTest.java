package dev.pipgate.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: each folder under {@code src/test/resources/golden/} holds {@code base/} and {@code
 * head/} (a repository at two revisions), optional {@code args} (extra CLI flags, one per line), a
 * {@code mapping.json} (conda-forge name mapping, for {@code --mapping-file mapping.json}), and the
 * expected outputs {@code expected.txt}, {@code expected.md}, {@code expected.json}, {@code
 * expected.sarif} and {@code expected.exit}. Run with {@code -Dpipgate.golden.update=true} to
 * rewrite the expectations after an intended change, then read the diff.
 */
class GoldenCasesTest {
  static final Path ROOT = Path.of("src/test/resources/golden");
  static final boolean UPDATE = Boolean.getBoolean("pipgate.golden.update");
  static final Map<String, String> OUTPUTS =
      Map.of(
          "text",
          "expected.txt",
          "markdown",
          "expected.md",
          "json",
          "expected.json",
          "sarif",
          "expected.sarif");
  static final Set<String> KNOWN =
      Set.of(
          "base",
          "head",
          "args",
          "README.md",
          "mapping.json",
          "expected.exit",
          "expected.txt",
          "expected.md",
          "expected.json",
          "expected.sarif");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesExpectations(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    List<String> extra =
        Files.exists(dir.resolve("args"))
            ? Files.readAllLines(dir.resolve("args")).stream().filter(l -> !l.isBlank()).toList()
            : List.of();
    Integer exit = null;
    for (Map.Entry<String, String> out : OUTPUTS.entrySet()) {
      List<String> args = new ArrayList<>(List.of("review", "--format", out.getKey()));
      if (Files.isDirectory(dir.resolve("base"))) {
        args.addAll(List.of("--base-dir", "base"));
      }
      args.addAll(List.of("--head-dir", "head"));
      args.addAll(extra);
      Run run = run(dir, args);
      assertThat(run.err).as("stderr of %s", args).isEmpty();
      if (exit == null) {
        exit = run.code;
      } else {
        assertThat(run.code).as("exit code is the same for every format").isEqualTo(exit);
      }
      check(dir.resolve(out.getValue()), run.out);
    }
    check(dir.resolve("expected.exit"), exit + "\n");
  }

  @Test
  void everyFileInACaseFolderIsKnown() throws IOException {
    try (Stream<String> names = cases()) {
      for (String name : names.toList()) {
        try (Stream<Path> files = Files.list(ROOT.resolve(name))) {
          for (Path f : files.toList()) {
            assertThat(KNOWN)
                .as("orphan in golden case %s", name)
                .contains(f.getFileName().toString());
          }
        }
        assertThat(ROOT.resolve(name).resolve("head")).as("case %s has a head", name).isDirectory();
      }
    }
  }

  private static void check(Path expected, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expected).as("expectation file (run with -Dpipgate.golden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  record Run(int code, String out, String err) {}

  static Run run(Path cwd, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args.toArray(String[]::new),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            cwd.toAbsolutePath());
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
