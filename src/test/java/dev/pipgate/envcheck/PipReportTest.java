package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipReportTest {
  @TempDir Path tmp;

  @Test
  void readsTheReportRealPipWrites() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("app", "1.0", "protobuf>=3.20", "extra-only ; extra == \"x\"");
    wheels.wheel("protobuf", "4.21.2");
    Venv venv = Venv.create(tmp.resolve("venv"));
    Path file = venv.dryRunReport(wheels, tmp.resolve("report.json"), "app");

    PipReport report = PipReport.read("report.json", Files.readAllBytes(file));

    assertThat(report.pipVersion()).isNotEmpty();
    assertThat(report.install())
        .extracting(PipReport.Item::key, PipReport.Item::version, PipReport.Item::requested)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("app", "1.0", true),
            org.assertj.core.groups.Tuple.tuple("protobuf", "4.21.2", false));
    PipReport.Item app =
        report.install().stream().filter(i -> i.key().equals("app")).findFirst().orElseThrow();
    assertThat(app.requiresDist()).hasSize(2).first().asString().startsWith("protobuf");
    assertThat(app.url()).startsWith("file:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"install\": []}",
        "{\"version\": \"0\", \"install\": []}",
        "{\"version\": 1, \"install\": []}",
        "{\"version\": \"1\"}",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {}}]}",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a b\", \"version\": \"1\"}}]}",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a\", \"version\": \"1\","
            + " \"requires_dist\": [1]}}]}",
        "{\"version\": \"1\", \"install\": [",
        "\u0000\u0001"
      })
  void malformedReportsAreInputErrorsNamingTheFile(String text) {
    assertThatThrownBy(() -> PipReport.read("r.json", text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).file()).isEqualTo("r.json"));
  }
}
