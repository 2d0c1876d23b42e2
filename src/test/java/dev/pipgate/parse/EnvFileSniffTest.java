package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which YAML files are conda env files by content, and which other YAML files stay silent. */
class EnvFileSniffTest {
  private static boolean sniff(String path, String text) {
    return EnvFileSniff.isEnvFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock =
          """
          tf2.yml | name: tf2\\ndependencies:\\n  - python=3.9\\n  - pip:\\n    - torch\\n
          pip only | dependencies:\\n  - pip:\\n    - requests\\n
          conda only | channels: [conda-forge]\\ndependencies: [numpy, scipy]\\n
          broken env file | dependencies:\\n  - numpy\\n - {pip: [\\n
          template | {% set v = 1 %}\\ndependencies:\\n  - numpy={{ v }}\\n
          """)
  void envFiles(String name, String text) {
    assertThat(sniff("x.yml", text.replace("\\n", "\n"))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock =
          """
          Chart.yaml | apiVersion: v2\\nname: app\\ndependencies:\\n  - name: redis\\n    version: 17.0.0\\n    repository: https://charts.bitnami.com/bitnami\\n
          workflow | name: ci\\non: [push]\\njobs:\\n  test:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - uses: actions/checkout@v4\\n
          docker-compose | services:\\n  web:\\n    image: nginx\\n    depends_on:\\n      - db\\n
          pubspec.yaml | name: app\\ndependencies:\\n  flutter:\\n    sdk: flutter\\n  http: ^1.2.0\\n
          mkdocs.yml | site_name: Docs\\nnav:\\n  - Home: index.md\\nplugins:\\n  - search\\n
          .pre-commit-config.yaml | repos:\\n  - repo: https://github.com/psf/black\\n    rev: 24.1.0\\n    hooks:\\n      - id: black\\n
          meta.yaml | package:\\n  name: x\\n  version: 1.0\\nrequirements:\\n  run:\\n    - python\\n    - numpy\\n
          empty | ''
          a list | - a\\n- b\\n
          a scalar | just text\\n
          nested dependencies | tool:\\n  dependencies:\\n    - numpy\\n
          """)
  void otherYamlFiles(String name, String text) {
    assertThat(sniff("x.yml", text.replace("\\n", "\n").replace("''", ""))).isFalse();
  }
}
