package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment check against real pip on real environments. */
class EnvCheckTest {
  private static final Pattern MISSING =
      Pattern.compile("^(\\S+) (\\S+) requires (\\S+), which is not installed\\.$");
  private static final Pattern CONFLICT =
      Pattern.compile("^(\\S+) (\\S+) has requirement .+, but you have (\\S+) (\\S+)\\.$");

  @TempDir Path tmp;

  /** {@code requirer version -> dependency [version]}, the names and versions of a pip line. */
  static String brokenKey(String pipCheckLine) {
    Matcher m = MISSING.matcher(pipCheckLine);
    if (m.matches()) {
      return m.group(1) + " " + m.group(2) + " -> " + m.group(3) + " (missing)";
    }
    m = CONFLICT.matcher(pipCheckLine);
    if (m.matches()) {
      return m.group(1) + " " + m.group(2) + " -> " + m.group(3) + " " + m.group(4);
    }
    throw new AssertionError("not a pip check line: " + pipCheckLine);
  }

  static List<String> brokenKeys(EnvCheckResult result) {
    List<String> out = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.ruleId().equals(EnvRules.BROKEN_REQUIREMENT)) {
        out.add(brokenKey(f.message()));
      }
    }
    return out;
  }

  static List<String> pipKeys(List<String> pipCheckLines) {
    return pipCheckLines.stream().map(EnvCheckTest::brokenKey).toList();
  }

  static List<String> rules(EnvCheckResult result) {
    return result.findings().stream().map(Finding::ruleId).toList();
  }

  static void assertAgreesWithPip(EnvCheckResult result, Venv venv) throws Exception {
    assertThat(
            result.distributions().stream()
                .map(
                    d ->
                        new PipAgreement.Installed(
                            dev.pipgate.names.PackageName.normalize(d.name()),
                            d.version(),
                            d.installer(),
                            d.requested()))
                .toList())
        .containsExactlyInAnyOrderElementsOf(PipAgreement.inspected(venv.inspect(), venv.dir()));
    assertThat(brokenKeys(result)).containsExactlyInAnyOrderElementsOf(pipKeys(venv.check()));
  }

  @Test
  void cleanVenvPasses() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("alpha", "1.0", "beta>=2", "gamma ; extra == \"fast\"");
    wheels.wheel("beta", "2.1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(wheels, "alpha");

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());

    assertThat(result.findings()).isEmpty();
    assertThat(result.verdict(FailLevel.WARNING)).isEqualTo("pass");
    assertThat(result.distributions()).extracting(DistributionView::conda).containsOnly(false);
    assertAgreesWithPip(result, venv);
  }

  @Test
  void brokenMissingMarkerExcludedAndExtraOnlyRequirementsAsPipCheckSeesThem() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel(
        "tensorflow",
        "2.9.1",
        "protobuf<3.20,>=3.9.2",
        "numpy>=1.20",
        "absl-py>=1.0.0",
        "pywin32>=300 ; sys_platform == \"win32\"",
        "keras-nightly ; extra == \"gpu\"",
        "typing-extensions>=3.6.6 ; python_version >= \"3\"");
    wheels.wheel("protobuf", "4.21.2");
    wheels.wheel("numpy", "1.23.5");
    wheels.wheel("typing_extensions", "4.3.0rc1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(
        wheels,
        "--no-deps",
        "tensorflow==2.9.1",
        "protobuf==4.21.2",
        "numpy==1.23.5",
        "typing_extensions==4.3.0rc1");

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());

    assertThat(brokenKeys(result))
        .containsExactlyInAnyOrder(
            "tensorflow 2.9.1 -> absl-py (missing)", "tensorflow 2.9.1 -> protobuf 4.21.2");
    Finding protobuf =
        result.findings().stream()
            .filter(f -> "protobuf".equals(f.packageName()))
            .findFirst()
            .orElseThrow();
    // Points at the Requires-Dist line in tensorflow's METADATA.
    assertThat(protobuf.location().file()).endsWith("tensorflow-2.9.1.dist-info/METADATA");
    assertThat(
            Files.readAllLines(venv.dir().resolve(protobuf.location().file()))
                .get(protobuf.location().line() - 1))
        .isEqualTo("Requires-Dist: protobuf<3.20,>=3.9.2");
    assertThat(result.verdict(FailLevel.ERROR)).isEqualTo("fail");
    assertAgreesWithPip(result, venv);
  }

  @Test
  void eggInfoAndDuplicateMetadataAsPipSeesThem() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("beta", "2.1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(wheels, "beta");
    PrefixScan before = PrefixScan.scan(venv.dir(), null, null);
    Path site = venv.dir().resolve(before.sitePackages().get(0));
    Path egg = Files.createDirectories(site.resolve("legacy-0.3-py3.11.egg-info"));
    Files.writeString(
        egg.resolve("PKG-INFO"), "Metadata-Version: 1.1\nName: legacy\nVersion: 0.3\n");
    Files.writeString(egg.resolve("requires.txt"), "pip<1\nmissing-dep\n\n[socks]\nPySocks\n");
    Path dup = Files.createDirectories(site.resolve("beta-2.0.dist-info"));
    Files.writeString(dup.resolve("METADATA"), "Metadata-Version: 2.1\nName: beta\nVersion: 2.0\n");

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults());

    assertThat(rules(result)).contains(EnvRules.DUPLICATE_DISTRIBUTION);
    assertThat(result.distributions()).extracting(DistributionView::name).doesNotHaveDuplicates();
    // Which of two same-named directories pip sees depends on directory order; names must agree.
    assertThat(result.distributions().stream().map(d -> d.name().toLowerCase()).toList())
        .containsExactlyInAnyOrderElementsOf(
            PipAgreement.inspected(venv.inspect(), venv.dir()).stream()
                .map(PipAgreement.Installed::name)
                .toList());
    List<String> pipLines = venv.check();
    assertThat(pipKeys(pipLines)).contains("legacy 0.3 -> missing-dep (missing)");
    assertThat(brokenKeys(result))
        .filteredOn(k -> k.startsWith("legacy"))
        .containsExactlyInAnyOrderElementsOf(
            pipKeys(pipLines).stream().filter(k -> k.startsWith("legacy")).toList());
  }

  @Test
  void agreesWithPipOnThisMachinesPython() throws Exception {
    String python = Venv.python3();
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "python3 is not installed");
    Path prefix =
        Path.of(
            Venv.run(List.of(python, "-c", "import sys; print(sys.prefix)"), null).out().strip());

    EnvCheckResult result = EnvCheck.run(prefix, EnvCheck.Options.defaults());

    assertThat(result.python())
        .isEqualTo(Venv.inspect(python).path("environment").path("python_full_version").asText());
    assertThat(brokenKeys(result)).containsExactlyInAnyOrderElementsOf(pipKeys(Venv.check(python)));
  }
}
