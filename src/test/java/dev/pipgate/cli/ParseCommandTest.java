package dev.pipgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipgate parse FILE}: what pipgate reads in an env file, with lines. */
class ParseCommandTest {
  private static final String ENV =
      """
      name: kinds
      channels:
        - conda-forge
        - nodefaults
      dependencies:
        - python=3.9
        - conda-forge::numpy>=1.20,<1.24
        - pip
        - pip:
            - requests[socks]==2.31.0 ; python_version < "3.11"
            - torch @ https://download.pytorch.org/whl/cpu/torch-1.13.1%2Bcpu-cp39-cp39-linux_x86_64.whl
            - git+https://github.com/UKPLab/sentence-transformers.git@v2.2.2#egg=sentence-transformers
            - -e ./tools/mylib
            - ./vendor/pkg
            - --extra-index-url https://download.pytorch.org/whl/cpu
            - -r requirements-extra.txt
            - -c constraints.txt
      """;

  @TempDir Path tmp;

  @BeforeEach
  void writeFiles() throws IOException {
    Files.createDirectories(tmp.resolve("envs"));
    Files.writeString(tmp.resolve("envs/kinds.yml"), ENV);
    Files.writeString(tmp.resolve("envs/requirements-extra.txt"), "# extras\ntqdm==4.66.4\n");
    Files.writeString(tmp.resolve("envs/constraints.txt"), "urllib3<2\n");
  }

  @Test
  void jsonShowsEveryKindWithNameSpecAndLine() {
    CliRun run = CliRun.in(tmp, "parse", "envs/kinds.yml", "--format", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.PASS);
    JsonNode json = run.json();
    assertThat(fieldNames(json)).contains("name", "channels", "conda", "pip");
    assertThat(json.get("name").asText()).isEqualTo("kinds");
    assertThat(json.get("channels").isArray()).isTrue();
    assertThat(texts(json.get("channels"))).containsExactly("conda-forge", "nodefaults");

    JsonNode conda = json.get("conda");
    assertThat(conda).hasSize(3);
    for (JsonNode d : conda) {
      assertThat(fieldNames(d)).contains("name", "spec", "line");
      assertThat(d.get("line").isInt()).isTrue();
    }
    assertThat(conda.get(1).get("name").asText()).isEqualTo("numpy");
    assertThat(conda.get(1).get("spec").asText()).isEqualTo("conda-forge::numpy>=1.20,<1.24");
    assertThat(conda.get(1).get("line").asInt()).isEqualTo(7);

    List<String> rows = new ArrayList<>();
    for (JsonNode p : json.get("pip")) {
      assertThat(fieldNames(p)).contains("name", "spec", "line", "kind");
      assertThat(p.get("line").isInt()).isTrue();
      rows.add(
          p.get("kind").asText()
              + " "
              + (p.get("name").isNull() ? "null" : p.get("name").asText())
              + " "
              + p.get("line").asInt());
    }
    assertThat(rows)
        .containsExactly(
            "requirement requests 10",
            "url torch 11",
            "vcs sentence-transformers 12",
            "editable null 13",
            "path null 14",
            "option null 15",
            "requirements-file null 16",
            "requirement tqdm 2",
            "constraints-file null 17");

    JsonNode pip = json.get("pip");
    assertThat(pip.get(0).get("spec").asText()).isEqualTo("==2.31.0");
    assertThat(pip.get(1).get("spec").asText()).startsWith("https://download.pytorch.org/");
    assertThat(pip.get(2).get("spec").asText()).startsWith("git+https://github.com/UKPLab/");
    // The followed file's entry says where it is.
    assertThat(pip.get(7).get("file").asText()).isEqualTo("envs/requirements-extra.txt");
    assertThat(pip.get(7).get("spec").asText()).isEqualTo("==4.66.4");
  }

  @Test
  void jsonIsTheDefaultFormat() {
    assertThat(CliRun.in(tmp, "parse", "envs/kinds.yml").json())
        .isEqualTo(CliRun.in(tmp, "parse", "envs/kinds.yml", "--format", "json").json());
  }

  @Test
  void anEnvFileWithoutNameOrChannels() throws IOException {
    Files.writeString(tmp.resolve("bare.yml"), "dependencies:\n  - python=3.9\n");
    JsonNode json = CliRun.in(tmp, "parse", "bare.yml").json();
    assertThat(json.get("name").isNull()).isTrue();
    assertThat(json.get("channels").isArray()).isTrue();
    assertThat(json.get("channels")).isEmpty();
    assertThat(json.get("pip")).isEmpty();
    assertThat(json.get("conda")).hasSize(1);
  }

  @Test
  void textNamesFileLineAndKind() {
    CliRun run = CliRun.in(tmp, "parse", "envs/kinds.yml", "--format", "text");
    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out().lines())
        .contains(
            "envs/kinds.yml:6: conda python=3.9",
            "envs/kinds.yml:13: pip editable -e ./tools/mylib",
            "envs/requirements-extra.txt:2: pip requirement tqdm==4.66.4");
  }

  @Test
  void aFileOutsideTheWorkingDirectory(@TempDir Path elsewhere) {
    CliRun run = CliRun.in(elsewhere, "parse", tmp.resolve("envs/kinds.yml").toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.json().get("pip")).hasSize(9);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
