package dev.pipgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line, with what it printed on each stream. */
record CliRun(int code, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static CliRun in(Path cwd, String... args) {
    return in(cwd, Map.of(), args);
  }

  static CliRun in(Path cwd, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, env, o, e, cwd);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + out, e);
    }
  }

  /** The findings of a {@code --format json} review as "rule package" strings. */
  List<String> findings() {
    List<String> found = new ArrayList<>();
    json()
        .get("findings")
        .forEach(f -> found.add(f.get("rule").asText() + " " + f.get("package").asText()));
    return found;
  }

  /** pipChanges of a {@code --format json} review as "change package" strings. */
  List<String> pipChanges() {
    List<String> found = new ArrayList<>();
    json()
        .get("pipChanges")
        .forEach(c -> found.add(c.get("change").asText() + " " + c.get("package").asText()));
    return found;
  }

  /**
   * The contract for input pipgate cannot use: exit 2, nothing on stdout, and exactly one line on
   * stderr that starts with "pipgate: " and carries no stack trace or exception class name.
   */
  String rejected() {
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(Main.BAD_INPUT);
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
    return line;
  }
}
