package dev.pipgate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of the command line through {@link Main#run}, with what it printed on each
 * stream, cut off when it takes longer than a generous bound: even hostile input must end, in a
 * verdict or one line of refusal.
 */
public record CliRun(int code, String out, String err) {
  /** Far above what any case needs; it only turns a hang into a failure. */
  public static final Duration BOUND = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  public static CliRun in(Path cwd, String... args) {
    return in(cwd, Map.of(), args);
  }

  public static CliRun in(Path cwd, Map<String, String> env, String... args) {
    return assertTimeoutPreemptively(
        BOUND,
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          int code;
          try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
              PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, env, o, e, cwd);
          }
          return new CliRun(
              code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
  }

  public JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + abbreviated(out), e);
    }
  }

  /** The findings of a {@code --format json} review as "rule package" (or "rule") strings. */
  public List<String> findings() {
    List<String> found = new ArrayList<>();
    json()
        .get("findings")
        .forEach(
            f ->
                found.add(
                    f.get("rule").asText()
                        + (f.path("package").isTextual() ? " " + f.get("package").asText() : "")));
    return found;
  }

  /** A review that ran to a verdict: exit 0 or 1, nothing on stderr. */
  public CliRun judged(int expectedCode) {
    assertThat(err).as("stderr").isEmpty();
    assertThat(code).as("exit code").isEqualTo(expectedCode);
    return this;
  }

  /**
   * Refused input: exit 2, nothing on stdout, one line on stderr starting "pipgate: " without a
   * stack trace, exception class name or "internal error". Returns the line.
   */
  public String rejected() {
    assertThat(code).as("exit code; stderr: %s", abbreviated(err)).isEqualTo(Main.BAD_INPUT);
    assertThat(out).as("stdout").isEmpty();
    assertThat(err).as("stderr").endsWith(System.lineSeparator());
    String line = err.substring(0, err.length() - System.lineSeparator().length());
    assertThat(line).as("stderr").doesNotContain("\n").doesNotContain("\r").startsWith("pipgate: ");
    assertThat(line)
        .as("stderr")
        .doesNotContain("at dev.")
        .doesNotContain("at java.")
        .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
        .doesNotContain("internal error");
    assertThat(line.length()).as("one readable line, not the input echoed").isLessThan(2_000);
    return line;
  }

  /** pipChanges of a {@code --format json} review as "change package" strings. */
  public List<String> pipChanges() {
    List<String> found = new ArrayList<>();
    json()
        .get("pipChanges")
        .forEach(c -> found.add(c.get("change").asText() + " " + c.get("package").asText()));
    return found;
  }

  private static String abbreviated(String s) {
    return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "…";
  }
}
