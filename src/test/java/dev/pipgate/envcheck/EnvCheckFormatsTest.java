package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.cli.CliContext;
import dev.pipgate.cli.EnvCheckCommand;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Severity;
import dev.pipgate.report.Format;
import dev.pipgate.report.Reporters;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.rules.Rule;
import dev.pipgate.rules.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pipgate env-check} in every format, through the review's reporters, and with severities
 * from the config file. The prefix is written by hand: a venv layout whose one distribution
 * requires one that is not installed.
 */
class EnvCheckFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private CliContext ctx;

  @BeforeEach
  void prefix() throws Exception {
    Path prefix = tmp.resolve("env");
    Files.createDirectories(prefix);
    Files.writeString(
        prefix.resolve("pyvenv.cfg"),
        "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.4\n");
    Path distInfo =
        Files.createDirectories(prefix.resolve("lib/python3.11/site-packages/app-1.0.dist-info"));
    Files.writeString(
        distInfo.resolve("METADATA"),
        "Metadata-Version: 2.1\nName: app\nVersion: 1.0\nRequires-Dist: helper>=2\n");
    Files.writeString(distInfo.resolve("INSTALLER"), "pip\n");
    ctx =
        new CliContext(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            tmp);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return new CommandLine(new EnvCheckCommand(ctx)).execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private EnvCheckResult direct() {
    EnvCheckResult r = EnvCheck.run(tmp.resolve("env"), EnvCheck.Options.defaults());
    return new EnvCheckResult("env", r.python(), r.distributions(), r.findings());
  }

  @Test
  void textIsTheReviewsTextReporterAfterOneLineSayingWhatWasRead() {
    assertThat(run("--prefix", "env")).isEqualTo(1);

    String[] lines = stdout().split("\n", 2);
    assertThat(lines[0]).isEqualTo("pipgate env-check: 1 distributions in env (Python 3.11.4)");
    assertThat(lines[1])
        .isEqualTo(Reporters.of(Format.TEXT).render(direct().asReview(FailLevel.ERROR)))
        .contains(
            "lib/python3.11/site-packages/app-1.0.dist-info/METADATA:4: error broken-requirement:"
                + " app 1.0 requires helper, which is not installed.")
        .endsWith("pipgate: fail — 1 error (fail-on: error)\n");
  }

  @Test
  void markdownAndSarifAreTheReviewsReporters() throws Exception {
    assertThat(run("--prefix", "env", "--format", "markdown")).isEqualTo(1);
    assertThat(stdout())
        .isEqualTo(Reporters.of(Format.MARKDOWN).render(direct().asReview(FailLevel.ERROR)))
        .startsWith("## ❌ pipgate: fail\n\n1 error, 1 blocking (fail-on: error) · `env`\n")
        .contains("`broken-requirement`");

    assertThat(run("--prefix", "env", "--format", "sarif", "--fail-on", "never")).isZero();
    JsonNode sarif = JSON.readTree(stdout());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.path("runs").get(0);
    List<String> driverRules = new ArrayList<>();
    run.path("tool")
        .path("driver")
        .path("rules")
        .forEach(r -> driverRules.add(r.path("id").asText()));
    assertThat(driverRules).containsExactlyInAnyOrderElementsOf(EnvRules.DEFAULTS.keySet());
    JsonNode result = run.path("results").get(0);
    assertThat(result.path("ruleId").asText()).isEqualTo("broken-requirement");
    assertThat(driverRules.get(result.path("ruleIndex").asInt())).isEqualTo("broken-requirement");
    assertThat(result.path("level").asText()).isEqualTo("error");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
  }

  @Test
  void jsonKeepsItsShapeAndWritesFindingsAsTheReviewJsonDoes() throws Exception {
    assertThat(run("--prefix", "env", "--format", "json")).isEqualTo(1);
    JsonNode root = JSON.readTree(stdout());

    List<String> fields = new ArrayList<>();
    root.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsSubsequence("verdict", "prefix", "python", "distributions", "findings");
    assertThat(root.path("verdict").asText()).isEqualTo("fail");
    assertThat(root.path("python").asText()).isEqualTo("3.11.4");
    assertThat(root.path("distributions").get(0).path("location").asText())
        .isEqualTo("lib/python3.11/site-packages/app-1.0.dist-info");
    assertThat(root.path("distributions").get(0).path("installer").asText()).isEqualTo("pip");
    JsonNode review =
        JSON.readTree(Reporters.of(Format.JSON).render(direct().asReview(FailLevel.ERROR)));
    assertThat(root.path("findings")).isEqualTo(review.path("findings")).hasSize(1);
  }

  @Test
  void severitiesAndFailLevelComeFromTheConfigFileAndFlagsOverrideIt() throws Exception {
    Path config = Files.createDirectories(tmp.resolve(".github")).resolve("pipgate.yml");

    Files.writeString(config, "rules:\n  broken-requirement: warning\n");
    assertThat(run("--prefix", "env")).isZero();
    assertThat(stdout()).contains(": warning broken-requirement:");
    assertThat(run("--prefix", "env", "--severity", "broken-requirement=error")).isEqualTo(1);

    Files.writeString(config, "fail-on: warning\nrules:\n  broken-requirement: warning\n");
    assertThat(run("--prefix", "env")).isEqualTo(1);
    assertThat(run("--prefix", "env", "--fail-on", "error")).isZero();

    Files.writeString(config, "rules:\n  broken-requirement: off\n");
    assertThat(run("--prefix", "env")).isZero();
    assertThat(stdout()).endsWith("pipgate: pass — no findings\n");

    Files.writeString(tmp.resolve("other.yml"), "rules:\n  broken-requirement: note\n");
    assertThat(run("--prefix", "env", "--config", "other.yml")).isZero();
    assertThat(stdout()).contains(": note broken-requirement:");

    Files.writeString(config, "rules:\n  broken-requirements: off\n");
    assertThat(run("--prefix", "env")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("pipgate: .github/pipgate.yml")
        .contains("unknown rule 'broken-requirements'");

    assertThat(run("--prefix", "env", "--severity", "broken-requirement=loud")).isEqualTo(2);
    assertThat(run("--prefix", "env", "--format", "html")).isEqualTo(2);
  }

  @Test
  void aConfigThatExtendsAPolicyReadsItFromPolicyFileAndKeepsItsLocks() throws Exception {
    Path config = Files.createDirectories(tmp.resolve(".github")).resolve("pipgate.yml");
    Files.writeString(config, "extends: octo-org/policies/pipgate.yml@v1\n");
    Files.writeString(
        tmp.resolve("policy.yml"), "locked: [severities]\nrules:\n  broken-requirement: warning\n");

    assertThat(run("--prefix", "env", "--policy-file", "policy.yml")).isZero();
    assertThat(stdout()).contains(": warning broken-requirement:");
    assertThat(run("--prefix", "env")).as("no copy of the policy: exit 2").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--policy-file FILE");

    Files.writeString(
        config, "extends: octo-org/policies/pipgate.yml@v1\nrules:\n  broken-requirement: off\n");
    assertThat(run("--prefix", "env", "--policy-file", "policy.yml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'rules' is locked");
  }

  @Test
  void oneConfigFileNamesReviewAndEnvironmentRulesAlike() {
    List<String> reviewIds = RuleSet.all().stream().map(Rule::id).toList();
    assertThat(reviewIds).doesNotContainAnyElementsOf(EnvRules.DEFAULTS.keySet());
    assertThat(ConfigResolution.ruleIds())
        .containsAll(reviewIds)
        .containsAll(EnvRules.DEFAULTS.keySet());
    assertThat(EnvRules.SUMMARIES.keySet()).isEqualTo(EnvRules.DEFAULTS.keySet());

    var config =
        new ConfigLoader(ConfigResolution.ruleIds())
            .loadFile(
                ".github/pipgate.yml",
                "rules:\n  mixed-source: off\n  pip-would-break: error\n  unpinned-pip: note\n"
                    .getBytes(StandardCharsets.UTF_8),
                ConfigResolution.defaults());
    assertThat(config.severities())
        .containsEntry("mixed-source", Optional.empty())
        .containsEntry("pip-would-break", Optional.of(Severity.ERROR))
        .containsEntry("unpinned-pip", Optional.of(Severity.NOTE));
  }
}
