package dev.pipgate.hostile;

import static dev.pipgate.hostile.HostileFiles.BILLION_LAUGHS;
import static dev.pipgate.hostile.HostileFiles.MB;
import static dev.pipgate.hostile.Texts.ENV;
import static dev.pipgate.hostile.Texts.NOTES;
import static dev.pipgate.hostile.Texts.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest hostile inputs of {@link HostileInputTest} once more, through the command line in a
 * separate JVM limited to 256 MB of heap: the honest check that memory stays bounded (a heap
 * measurement inside the test JVM would say little). The JVM runs {@code Main} from the test's own
 * class path, so the check needs no packaged jar.
 *
 * <pre>
 * case (directory mode)                     expected outcome with -Xmx256m
 * ----------------------------------------  -----------------------------------------------------
 * 50 MB env file                            exit 2, one line naming environment.yml
 * 10,000 new pip entries                    exit 1, JSON with 10,000 findings
 * notes with 100,000 headings               exit 1, JSON with one finding
 * alias bomb in the env file                exit 2, one line naming environment.yml
 * 50 MB of random bytes as mapping file     exit 2, one line naming mapping.json
 * 50 MB mapping of 1.9 million entries      exit 2, one line: larger than the 32 MiB cap
 * </pre>
 */
class HostileInputMemoryTest {
  private static final long BOUND_SECONDS = 120;

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void aBaseSide() {
    HostileFiles.write(tmp.resolve("base").resolve(ENV), env("requests==2.31.0"));
  }

  private Run review(String... more) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.pipgate.cli.Main"));
    command.addAll(List.of("review", "--base-dir", "base", "--head-dir", "head"));
    command.addAll(List.of(more));
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    Process p =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    assertThat(ended).as("ended within %d s", BOUND_SECONDS).isTrue();
    Run run =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    return run;
  }

  private static void assertOneLine(Run run, String prefix) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith(prefix);
  }

  @Test
  void fiftyMegabyteEnvFile() throws Exception {
    HostileFiles.hugeEnv(tmp.resolve("head").resolve(ENV), 50);
    assertOneLine(review(), "pipgate: environment.yml: ");
  }

  @Test
  void tenThousandPipEntries() throws Exception {
    HostileFiles.write(tmp.resolve("head").resolve(ENV), HostileFiles.envWithEntries(10_000));
    Run run = review("--format", "json");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(run.out()).get("findings")).hasSize(10_000);
  }

  @Test
  void hundredThousandHeadings() throws Exception {
    HostileFiles.write(
        tmp.resolve("head").resolve(ENV),
        env("requests==2.31.0", "pkg-00001==1.0", "rich==13.7.1"));
    HostileFiles.write(tmp.resolve("head").resolve(NOTES), HostileFiles.notesWithHeadings(100_000));
    Run run = review("--format", "json");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(run.out()).get("findings")).hasSize(1);
  }

  @Test
  void aliasBomb() throws Exception {
    HostileFiles.write(
        tmp.resolve("head").resolve(ENV), BILLION_LAUGHS + "dependencies:\n  - pip\n  - pip: *i\n");
    assertOneLine(review(), "pipgate: environment.yml:");
  }

  @Test
  void fiftyMegabytesOfRandomBytesAsMappingFile() throws Exception {
    HostileFiles.write(tmp.resolve("head").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.write(tmp.resolve("mapping.json"), HostileFiles.noise(50 * MB, 19));
    assertOneLine(review("--mapping-file", "mapping.json"), "pipgate: mapping.json:");
  }

  @Test
  void fiftyMegabyteMappingOfValidEntries() throws Exception {
    HostileFiles.write(tmp.resolve("head").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.mappingWithManyKeys(tmp.resolve("mapping.json"), 50);
    assertOneLine(review("--mapping-file", "mapping.json"), "pipgate: mapping.json");
  }
}
