package dev.pipgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version and usage mistakes through {@link Main#run}. */
class UsageTest {
  @TempDir Path tmp;

  @Test
  void helpAndVersionGoToStdoutAndPass() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"review", "--help"},
          {"parse", "--help"},
          {"notes", "scaffold", "--help"},
          {"help"},
          {"help", "review"},
          {"help", "env-check"}
        }) {
      CliRun run = CliRun.in(tmp, args);
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(Main.PASS);
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("Usage: pipgate");
    }
    assertThat(CliRun.in(tmp, "review", "--help").out())
        .contains("--base", "--head", "--all", "--format", "--fail-on", "Exit codes")
        .isEqualTo(CliRun.in(tmp, "help", "review").out());
    assertThat(CliRun.in(tmp, "help").out()).contains("review", "env-check", "notes", "help");
    CliRun version = CliRun.in(tmp, "--version");
    assertThat(version.code()).isEqualTo(Main.PASS);
    // Classes outside a jar: no manifest to read the version and commit from.
    assertThat(version.out()).isEqualTo("pipgate dev (commit unknown)" + System.lineSeparator());
  }

  @Test
  void versionLineNamesVersionAndCommit() {
    assertThat(Main.Version.line("1.0.0", "5e3ff37")).isEqualTo("pipgate 1.0.0 (commit 5e3ff37)");
    // A build without git leaves the manifest's placeholder unresolved.
    assertThat(Main.Version.line("1.0.0", "${git.commit.id.abbrev}"))
        .isEqualTo("pipgate 1.0.0 (commit unknown)");
    assertThat(Main.Version.line("1.0.0", null)).isEqualTo("pipgate 1.0.0 (commit unknown)");
  }

  @Test
  void noCommand() {
    assertThat(CliRun.in(tmp).rejected())
        .isEqualTo(
            "pipgate: name a command; usage: pipgate COMMAND (review, parse, notes, env-check,"
                + " audit, action) (see 'pipgate help')");
    assertThat(CliRun.in(tmp, "notes").rejected())
        .isEqualTo("pipgate: notes: name a command: scaffold");
  }

  @Test
  void missingParametersNameWhatIsMissing() {
    CliRun parse = CliRun.in(tmp, "parse");
    assertThat(parse.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(parse.out()).isEmpty();
    assertThat(parse.rejected())
        .isEqualTo(
            "pipgate: Missing required parameter: 'FILE'; usage: pipgate parse [OPTIONS] FILE (see"
                + " 'pipgate help parse')");
    CliRun format = CliRun.in(tmp, "review", "--format");
    assertThat(format.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(format.rejected())
        .contains("'--format'")
        .endsWith("; usage: pipgate review [OPTIONS] (see 'pipgate help review')");
    assertThat(CliRun.in(tmp, "notes", "scaffold", "--bogus").rejected())
        .endsWith("usage: pipgate notes scaffold [OPTIONS] (see 'pipgate notes scaffold --help')");
    assertThat(CliRun.in(tmp, "help", "bogus").code()).isEqualTo(Main.BAD_INPUT);
  }
}
