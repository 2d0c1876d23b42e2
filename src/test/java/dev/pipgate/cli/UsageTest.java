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
          {"--help"}, {"review", "--help"}, {"parse", "--help"}, {"notes", "scaffold", "--help"}
        }) {
      CliRun run = CliRun.in(tmp, args);
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(Main.PASS);
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("Usage: pipgate");
    }
    assertThat(CliRun.in(tmp, "review", "--help").out())
        .contains("--base", "--head", "--all", "--format", "--fail-on", "Exit codes");
    CliRun version = CliRun.in(tmp, "--version");
    assertThat(version.code()).isEqualTo(Main.PASS);
    assertThat(version.out()).startsWith("pipgate ");
  }

  @Test
  void noCommand() {
    assertThat(CliRun.in(tmp).rejected())
        .isEqualTo("pipgate: name a command; see 'pipgate --help'");
    assertThat(CliRun.in(tmp, "notes").rejected())
        .isEqualTo("pipgate: notes: name a command: scaffold");
  }

  @Test
  void missingParametersNameWhatIsMissing() {
    CliRun parse = CliRun.in(tmp, "parse");
    assertThat(parse.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(parse.out()).isEmpty();
    assertThat(parse.err()).startsWith("pipgate: Missing required parameter: 'FILE'");
    CliRun format = CliRun.in(tmp, "review", "--format");
    assertThat(format.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(format.err()).startsWith("pipgate: ").contains("'--format'");
  }
}
