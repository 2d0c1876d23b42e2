package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileJsonTest {
  private static PipEntry pip(
      int line, String raw, PipEntry.Kind kind, String name, String specifier, String url) {
    return new PipEntry(
        "environment.yml", line, raw, kind, name, name, List.of(), specifier, "", url, "", null);
  }

  @Test
  void contractFieldsForEveryKindOfLine() throws Exception {
    EnvFile env =
        new EnvFile(
            "environment.yml",
            "tf<29>",
            List.of("conda-forge", "defaults"),
            List.of(
                new CondaDep(
                    "environment.yml",
                    5,
                    "conda-forge::numpy>=1.20,<1.24",
                    "numpy",
                    "conda-forge",
                    ">=1.20,<1.24",
                    "",
                    null),
                new CondaDep("environment.yml", 6, "num py", null, "", "", "", "bad spec")),
            List.of(
                pip(9, "requests>=2.31", PipEntry.Kind.REQUIREMENT, "requests", ">=2.31", ""),
                pip(10, "--extra-index-url https://x", PipEntry.Kind.OPTION, null, "", ""),
                pip(
                    11,
                    "git+https://h/o/r.git@v1#egg=lib",
                    PipEntry.Kind.VCS,
                    "lib",
                    "",
                    "git+https://h/o/r.git@v1"),
                new PipEntry(
                    "reqs/extra.txt",
                    1,
                    "-r more.txt",
                    PipEntry.Kind.REQUIREMENTS_FILE,
                    null,
                    null,
                    List.of(),
                    "",
                    "",
                    "more.txt",
                    "",
                    "file not found")),
            8,
            Map.of(),
            null,
            List.of("reqs/extra.txt"));

    JsonNode root = new ObjectMapper().readTree(EnvFileJson.render(env));

    assertThat(JsonReporterTest.fieldNames(root))
        .startsWith("path", "name", "channels", "conda", "pip");
    assertThat(root.get("path").asText()).isEqualTo("environment.yml");
    assertThat(root.get("name").asText()).isEqualTo("tf<29>");
    assertThat(root.get("channels")).hasSize(2);
    assertThat(root.get("channels").get(1).asText()).isEqualTo("defaults");

    JsonNode conda = root.get("conda");
    assertThat(conda.get(0).get("name").asText()).isEqualTo("numpy");
    assertThat(conda.get(0).get("spec").asText()).isEqualTo("conda-forge::numpy>=1.20,<1.24");
    assertThat(conda.get(0).get("line").asInt()).isEqualTo(5);
    assertThat(conda.get(1).get("name").isNull()).isTrue();
    assertThat(conda.get(1).get("error").asText()).isEqualTo("bad spec");

    JsonNode pip = root.get("pip");
    assertThat(pip).hasSize(4);
    assertThat(pip.get(0).get("kind").asText()).isEqualTo("requirement");
    assertThat(pip.get(0).get("spec").asText()).isEqualTo(">=2.31");
    assertThat(pip.get(0).get("raw").asText()).isEqualTo("requests>=2.31");
    assertThat(pip.get(0).get("error").isNull()).isTrue();
    assertThat(pip.get(1).get("kind").asText()).isEqualTo("option");
    assertThat(pip.get(1).get("name").isNull()).isTrue();
    assertThat(pip.get(2).get("kind").asText()).isEqualTo("vcs");
    assertThat(pip.get(2).get("spec").asText()).isEqualTo("git+https://h/o/r.git@v1");
    assertThat(pip.get(3).get("kind").asText()).isEqualTo("requirements-file");
    assertThat(pip.get(3).get("file").asText()).isEqualTo("reqs/extra.txt");
    assertThat(pip.get(3).get("line").asInt()).isEqualTo(1);
    assertThat(pip.get(3).get("error").asText()).isEqualTo("file not found");
  }

  @Test
  void fileWithoutNameOrEntries() throws Exception {
    EnvFile env =
        new EnvFile("e.yml", null, List.of(), List.of(), List.of(), 0, Map.of(), null, List.of());
    JsonNode root = new ObjectMapper().readTree(EnvFileJson.render(env));
    assertThat(root.get("name").isNull()).isTrue();
    assertThat(root.get("channels").isArray()).isTrue();
    assertThat(root.get("pip")).isEmpty();
    assertThat(root.get("conda")).isEmpty();
  }
}
