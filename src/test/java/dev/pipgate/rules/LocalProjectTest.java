package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalProjectTest {
  @TempDir Path dir;

  private static String env(String pip) {
    return "name: t\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - " + pip + "\n";
  }

  private List<Finding> review(String path, String pip, String config) {
    RuleReview r = RuleReview.in(dir).head(path, env(pip));
    if (config != null) {
      r.config(config);
    }
    return r.findings().stream()
        .filter(f -> f.ruleId().equals(LocalProject.ID) || f.ruleId().equals(UnjustifiedPip.ID))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-e .", ".", "./pkg", "-e ./sub", "--editable=.[dev]", "-e .[conda_dev]"})
  void theRepositorysOwnProjectIsANote(String pip) {
    assertThat(review("environment.yml", pip, null))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo(LocalProject.ID);
              assertThat(f.severity()).isEqualTo(Severity.NOTE);
              assertThat(f.location().line()).isEqualTo(6);
            });
  }

  @Test
  void aParentDirectoryInsideTheRepositoryIsItsOwnProject() {
    assertThat(review("docs/environment.yml", "-e ..", null))
        .extracting(Finding::ruleId)
        .containsExactly(LocalProject.ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-e ..", "../other", "/opt/src/pkg", "-e file:///opt/src/pkg"})
  void aPathOutsideTheRepositoryIsUnjustified(String pip) {
    assertThat(review("environment.yml", pip, null))
        .extracting(Finding::ruleId)
        .containsExactly(UnjustifiedPip.ID);
  }

  @Test
  void severityIsConfigurable() {
    assertThat(review("environment.yml", "-e .", "rules:\n  local-project: error\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThat(review("environment.yml", "-e .", "rules:\n  local-project: off\n")).isEmpty();
  }

  @Test
  void anUnchangedOwnProjectIsNotReportedAgain() {
    String env = env("-e .");
    assertThat(
            RuleReview.in(dir)
                .base(env)
                .head(env.replace("python=3.9", "python=3.10"))
                .of(LocalProject.ID))
        .isEmpty();
  }
}
