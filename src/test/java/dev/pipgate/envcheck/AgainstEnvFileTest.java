package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgainstEnvFileTest {
  @TempDir Path tmp;

  static PipEntry pip(int line, String name, String specifier, String marker) {
    return new PipEntry(
        "environment.yml",
        line,
        name + specifier + (marker.isEmpty() ? "" : "; " + marker),
        PipEntry.Kind.REQUIREMENT,
        dev.pipgate.names.PackageName.normalize(name),
        name,
        List.of(),
        specifier,
        marker,
        "",
        "",
        null);
  }

  @Test
  void undeclaredRequestedAndMissingOrMismatchedDeclaredPackages() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("alpha", "1.0", "beta>=2");
    wheels.wheel("beta", "2.1");
    wheels.wheel("gamma", "0.1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(wheels, "alpha", "gamma");
    EnvFile env =
        new EnvFile(
            "environment.yml",
            "demo",
            List.of("conda-forge"),
            List.of(
                new CondaDep("environment.yml", 4, "python=3.11", "python", "", "3.11", "", null)),
            List.of(
                pip(7, "Alpha", "", ""),
                pip(8, "beta", "==9", ""),
                pip(9, "missing-pkg", ">=1", ""),
                pip(10, "winonly", "", "sys_platform == \"win32\""),
                pip(11, "pip", "", "")),
            6,
            Map.of(),
            null,
            List.of());

    EnvCheckResult result = EnvCheck.run(venv.dir(), EnvCheck.Options.defaults().withAgainst(env));

    assertThat(result.findings())
        .extracting(Finding::ruleId, Finding::packageName, f -> f.location().line())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(EnvRules.MISSING_DECLARED_PACKAGE, "beta", 8),
            org.assertj.core.groups.Tuple.tuple(
                EnvRules.MISSING_DECLARED_PACKAGE, "missing-pkg", 9),
            org.assertj.core.groups.Tuple.tuple(EnvRules.UNDECLARED_PIP_PACKAGE, "gamma", 0));
    assertThat(result.findings())
        .filteredOn(f -> f.packageName().equals("beta"))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("2.1");
  }

  @Test
  void commandReadsEnvironmentYmlAndTheFilesItsPipLinesFollow() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("alpha", "1.0");
    wheels.wheel("gamma", "0.1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(wheels, "alpha", "gamma");
    java.nio.file.Files.createDirectories(tmp.resolve("proj"));
    java.nio.file.Files.writeString(
        tmp.resolve("proj/environment.yml"),
        """
        name: demo
        dependencies:
          - python=3.11
          - pip
          - pip:
            - alpha==1.0
            - -r extra-requirements.txt
        """);
    java.nio.file.Files.writeString(tmp.resolve("proj/extra-requirements.txt"), "delta>=2\n");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    dev.pipgate.cli.CliContext ctx =
        new dev.pipgate.cli.CliContext(
            Map.of(),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            tmp);

    int code =
        new picocli.CommandLine(new dev.pipgate.cli.EnvCheckCommand(ctx))
            .execute(
                "--prefix", "venv", "--against", "proj/environment.yml", "--fail-on", "warning");

    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(text)
        .contains("extra-requirements.txt:1: warning missing-declared-package: delta")
        .contains("warning undeclared-pip-package: gamma 0.1")
        .doesNotContain("undeclared-pip-package: alpha");
  }
}
