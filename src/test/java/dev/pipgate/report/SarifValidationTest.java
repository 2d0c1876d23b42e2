package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Microsoft's SARIF validator ({@code Sarif.Multitool validate}, npm package
 * {@code @microsoft/sarif-multitool-linux}) on rendered SARIF. The binary is named by the system
 * property {@code pipgate.sarifMultitool} or the environment variable {@code SARIF_MULTITOOL}; the
 * test is skipped where neither is set.
 */
class SarifValidationTest {
  @TempDir Path dir;

  @Test
  void renderedSarifPassesTheValidator() throws Exception {
    Path tool = multitool();
    List<RuleInfo> catalog =
        List.of(
            new RuleInfo(
                "unjustified-pip",
                Severity.ERROR,
                "Every new pip entry needs a justification in the notes file."),
            new RuleInfo(
                "incomplete-justification",
                Severity.ERROR,
                "A justification answers all four questions."));
    Path sarif = dir.resolve("review.sarif");
    Files.writeString(
        sarif, new SarifReporter(catalog).render(Reports.failing()), StandardCharsets.UTF_8);
    Path empty = dir.resolve("empty.sarif");
    Files.writeString(
        empty, new SarifReporter(List.of()).render(Reports.empty()), StandardCharsets.UTF_8);

    assertThat(validate(tool, empty)).as("validator findings, empty report").isEmpty();
    List<String> problems = validate(tool, sarif);
    // SARIF2017 (a warning) asks every location for a region. A finding about a file as a whole
    // (line 0) deliberately has none: there is no line to point at. Exactly those may be flagged.
    long wholeFile = Reports.findings().stream().filter(f -> f.location().line() == 0).count();
    assertThat(wholeFile).isPositive();
    assertThat(problems.stream().filter(p -> p.startsWith("warning SARIF2017:")))
        .hasSize((int) wholeFile);
    assertThat(problems.stream().filter(p -> !p.startsWith("warning SARIF2017:")))
        .as("validator findings")
        .isEmpty();
  }

  /** The validator's error and warning results, as "ruleId: message" lines. */
  private List<String> validate(Path tool, Path input) throws IOException, InterruptedException {
    Path log = dir.resolve(input.getFileName() + ".validation.sarif");
    Process validator =
        new ProcessBuilder(
                tool.toString(),
                "validate",
                input.toString(),
                "--output",
                log.toString(),
                "--log",
                "ForceOverwrite",
                "--level",
                "Error;Warning")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("validator.out").toFile())
            .start();
    assertThat(validator.waitFor(5, TimeUnit.MINUTES)).as("validator finished").isTrue();
    String console = Files.readString(dir.resolve("validator.out"));
    assertThat(validator.exitValue()).as("validator exit code; output:%n%s", console).isZero();
    JsonNode results = new ObjectMapper().readTree(log.toFile()).path("runs").path(0);
    assertThat(results.path("invocations").path(0).path("executionSuccessful").asBoolean())
        .as("validator ran; output:%n%s", console)
        .isTrue();
    List<String> problems = new ArrayList<>();
    for (JsonNode r : results.path("results")) {
      problems.add(
          r.path("level").asText("warning")
              + " "
              + r.path("ruleId").asText()
              + ": "
              + r.path("message").toString());
    }
    if (problems.stream().anyMatch(p -> !p.startsWith("warning SARIF2017:"))) {
      problems.add("validator output:\n" + console);
    }
    return problems;
  }

  private static Path multitool() {
    String named = System.getProperty("pipgate.sarifMultitool");
    if (named == null || named.isBlank()) {
      named = System.getenv("SARIF_MULTITOOL");
    }
    Assumptions.assumeTrue(
        named != null && !named.isBlank(),
        "set pipgate.sarifMultitool or SARIF_MULTITOOL to run the SARIF validator");
    Path tool = Path.of(named);
    assertThat(tool).as("SARIF validator named but missing").isExecutable();
    return tool;
  }
}
