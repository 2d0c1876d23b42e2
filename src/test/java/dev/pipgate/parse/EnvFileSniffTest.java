package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvFileSniffTest {
  private static boolean sniff(String name, String text) {
    return EnvFileSniff.isEnvFile(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void condaEnvFilesAreRecognised() {
    assertThat(sniff("tf2.yml", "name: tf\ndependencies:\n  - python=3.9\n")).isTrue();
    assertThat(sniff("gpu.yaml", "dependencies:\n  - pip:\n    - torch\n")).isTrue();
  }

  @Test
  void aBrokenFileWithTopLevelDependenciesStaysInReview() {
    assertThat(sniff("env-gpu.yml", "dependencies:\n  - pip:\n\t- torch\n")).isTrue();
  }

  @Test
  void otherYamlFilesAreNot() {
    assertThat(
            sniff(
                "Chart.yaml",
                "apiVersion: v2\nname: app\ndependencies:\n  - name: redis\n    version: 1.0.0\n"))
        .isFalse();
    assertThat(sniff(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: x\n"))
        .isFalse();
    assertThat(sniff("docker-compose.yml", "services:\n  web:\n    image: nginx\n")).isFalse();
    assertThat(sniff("pubspec.yaml", "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n"))
        .isFalse();
    assertThat(sniff("mkdocs.yml", "site_name: x\nnav:\n  - Home: index.md\n")).isFalse();
    assertThat(sniff(".pre-commit-config.yaml", "repos:\n  - repo: x\n    rev: v1\n")).isFalse();
    assertThat(
            sniff(
                "recipe/meta.yaml",
                "{% set version = \"1.0\" %}\npackage:\n  name: x\nrequirements:\n  run:\n    - python\n"))
        .isFalse();
  }
}
