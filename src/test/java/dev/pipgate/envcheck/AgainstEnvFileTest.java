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
}
