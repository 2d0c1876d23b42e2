package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.cli.CliContext;
import dev.pipgate.cli.EnvCheckCommand;
import dev.pipgate.model.Finding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The silent upgrade, reproduced: a conda prefix (records in conda's format, conda-built dist-info)
 * for TensorFlow 2.9.1 with protobuf 3.19.6 and cudatoolkit 11.2, into whose site-packages real pip
 * then installs protobuf 4.21.2 and a CUDA runtime wheel.
 */
class CondaPrefixScenarioTest {
  @TempDir Path tmp;

  private Wheelhouse wheels;
  private Venv venv;
  private CondaPrefix conda;
  private Path site;

  private void build() throws Exception {
    wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("numpy", "1.23.5");
    wheels.wheel(
        "protobuf",
        "3.19.6",
        List.of(),
        Map.of("google/protobuf/__init__.py", "__version__ = '3.19.6'\n"));
    wheels.wheel(
        "protobuf",
        "4.21.2",
        List.of(),
        Map.of("google/protobuf/__init__.py", "__version__ = '4.21.2'\n"));
    wheels.wheel("tensorflow", "2.9.1", "protobuf<3.20,>=3.9.2", "numpy>=1.20");
    wheels.wheel("nvidia-cuda-runtime-cu11", "11.7.99");
    wheels.wheel("torchlike", "1.13.0", "nvidia-cuda-runtime-cu11==11.7.99");
    wheels.wheel("app", "1.0", "protobuf>=3.20");
    // The prefix is a real interpreter prefix, so real pip installs into its site-packages.
    venv = Venv.create(tmp.resolve("tf29"));
    venv.install(wheels, "--no-deps", "numpy==1.23.5", "protobuf==3.19.6", "tensorflow==2.9.1");
    PythonInfo python = PrefixScan.scan(venv.dir(), null, null).python();
    site = venv.dir().resolve(PrefixScan.scan(venv.dir(), null, null).sitePackages().get(0));
    conda = new CondaPrefix(venv.dir());
    String py = "py" + python.minor().replace(".", "");
    conda.record(
        "python",
        python.version(),
        "h7a1cb2a_0_cpython",
        List.of("libffi >=3.4,<4.0a0"),
        List.of());
    conda.record(
        "cudatoolkit",
        "11.2.2",
        "hbe64b41_10",
        List.of("__glibc >=2.17,<3.0.a0"),
        List.of("lib/libcudart.so.11.2.152", "lib/libcublas.so.11"));
    conda.adopt(CondaPrefix.distInfo(site, "numpy"), "numpy", py + "h7a1cb2a_0", List.of("python"));
    conda.adopt(
        CondaPrefix.distInfo(site, "protobuf"),
        "protobuf",
        py + "h295c915_0",
        List.of("libprotobuf 3.19.6.*"));
    conda.adopt(
        CondaPrefix.distInfo(site, "tensorflow"),
        "tensorflow-base",
        "cuda112" + py + "h01bd6f0_0",
        List.of("protobuf >=3.9.2,<3.20", "cudatoolkit >=11.2,<12"));
  }

  @Test
  void condaPrefixBeforePipPassesAndCondaOwnsItsDistributions() throws Exception {
    build();

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());

    assertThat(result.findings()).isEmpty();
    assertThat(result.distributions())
        .filteredOn(DistributionView::conda)
        .extracting(DistributionView::name)
        .containsExactlyInAnyOrder("numpy", "protobuf", "tensorflow");
    assertThat(result.distributions())
        .filteredOn(d -> d.name().equals("protobuf"))
        .singleElement()
        .extracting(DistributionView::installer)
        .isEqualTo("conda");
    EnvCheckTest.assertAgreesWithPip(result, venv);
  }

  @Test
  void pipDryRunReportPredictsTheDamage() throws Exception {
    build();
    Path report = venv.dryRunReport(wheels, tmp.resolve("report.json"), "app", "torchlike");

    EnvCheckResult result =
        EnvCheck.run(
            venv.dir(),
            EnvCheck.Options.defaults()
                .withPipReport(PipReport.read("report.json", Files.readAllBytes(report))));

    assertThat(EnvCheckTest.rules(result))
        .containsExactlyInAnyOrder(
            EnvRules.PIP_WOULD_REPLACE_CONDA,
            EnvRules.PIP_WOULD_BREAK,
            EnvRules.PIP_WOULD_ADD_CUDA_RUNTIME);
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals(EnvRules.PIP_WOULD_BREAK))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.packageName()).isEqualTo("protobuf");
              assertThat(f.message()).contains("tensorflow 2.9.1").contains("protobuf 4.21.2");
              assertThat(f.location().file()).isEqualTo("report.json");
            });
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals(EnvRules.PIP_WOULD_REPLACE_CONDA))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("protobuf 3.19.6")
        .contains("4.21.2");
    // The prediction comes true: pip check after the real install says the same.
    venv.install(wheels, "app", "torchlike");
    assertThat(EnvCheckTest.pipKeys(venv.check()))
        .containsExactly("tensorflow 2.9.1 -> protobuf 4.21.2");
  }

  @Test
  void pipUpgradeOverCondaIsMixedSourceBrokenAndSecondCudaRuntime() throws Exception {
    build();
    venv.install(wheels, "protobuf==4.21.2");
    venv.install(wheels, "nvidia-cuda-runtime-cu11==11.7.99");

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());

    assertThat(EnvCheckTest.rules(result))
        .containsExactlyInAnyOrder(
            EnvRules.MIXED_SOURCE, EnvRules.BROKEN_REQUIREMENT, EnvRules.MULTIPLE_CUDA_RUNTIMES);
    Finding mixed = only(result, EnvRules.MIXED_SOURCE);
    assertThat(mixed.packageName()).isEqualTo("protobuf");
    assertThat(mixed.message())
        .contains("replaced conda's protobuf 3.19.6 with protobuf 4.21.2")
        .contains("is gone");
    assertThat(mixed.location().file()).endsWith("protobuf-4.21.2.dist-info/METADATA");
    assertThat(only(result, EnvRules.MULTIPLE_CUDA_RUNTIMES).message())
        .contains("cudatoolkit 11.2.2")
        .contains("nvidia-cuda-runtime-cu11 11.7.99");
    EnvCheckTest.assertAgreesWithPip(result, venv);

    // conda may later drop the stale record: the history still tells who installed it.
    Files.delete(
        venv.dir()
            .resolve("conda-meta")
            .resolve(
                Files.list(venv.dir().resolve("conda-meta"))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("protobuf-"))
                    .findFirst()
                    .orElseThrow()));
    EnvCheckResult dropped = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());
    assertThat(only(dropped, EnvRules.MIXED_SOURCE).message())
        .contains("history installed protobuf 3.19.6")
        .contains("no record");
  }

  @Test
  void commandLineJsonAndExitCodes() throws Exception {
    build();
    venv.install(wheels, "protobuf==4.21.2");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            tmp);

    int code =
        new CommandLine(new EnvCheckCommand(ctx)).execute("--prefix", "tf29", "--format", "json");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.path("verdict").asText()).isEqualTo("fail");
    assertThat(json.path("prefix").asText()).isEqualTo("tf29");
    assertThat(json.path("python").asText()).matches("3\\.\\d+\\.\\d+");
    assertThat(json.path("distributions").size())
        .isEqualTo(PipAgreement.inspected(venv.inspect(), venv.dir()).size());
    JsonNode dist = json.path("distributions").get(0);
    assertThat(dist.has("name") && dist.has("version") && dist.has("installer")).isTrue();
    assertThat(dist.path("requested").isBoolean() && dist.path("conda").isBoolean()).isTrue();
    JsonNode finding = json.path("findings").get(0);
    assertThat(finding.fieldNames())
        .toIterable()
        .containsSubsequence("rule", "severity", "file", "line", "package", "message", "inDiff");
    assertThat(finding.path("inDiff").asBoolean()).isFalse();

    out.reset();
    code =
        new CommandLine(new EnvCheckCommand(ctx))
            .execute("--prefix", "tf29", "--fail-on", "never", "--output", "report.txt");
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(tmp.resolve("report.txt"));
    assertThat(lines.get(0)).startsWith("pipgate env-check: ").contains(" distributions in tf29");
    assertThat(lines.get(lines.size() - 1)).startsWith("pipgate: pass — ");
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    ".*tensorflow-2\\.9\\.1\\.dist-info/METADATA:\\d+: error broken-requirement: .*"));

    code =
        new CommandLine(new EnvCheckCommand(ctx))
            .execute(
                "--prefix",
                "tf29",
                "--severity",
                "mixed-source=warning",
                "--severity",
                "broken-requirement=note");
    assertThat(code).isZero();

    Files.writeString(tmp.resolve("bad.json"), "{\"version\": \"1\", \"install\": [");
    err.reset();
    code =
        new CommandLine(new EnvCheckCommand(ctx))
            .execute("--prefix", "tf29", "--pip-report", "bad.json");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pipgate: bad.json:");

    assertThat(new CommandLine(new EnvCheckCommand(ctx)).execute("--prefix", "nowhere"))
        .isEqualTo(2);
    assertThat(
            new CommandLine(new EnvCheckCommand(ctx))
                .execute("--prefix", "tf29", "--fail-on", "sometimes"))
        .isEqualTo(2);
  }

  private static Finding only(EnvCheckResult result, String rule) {
    List<Finding> found = result.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    assertThat(found).as(rule).hasSize(1);
    return found.get(0);
  }
}
