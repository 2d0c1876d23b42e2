package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnpinnedPipTest {
  @TempDir Path dir;

  private static String env(String... pip) {
    StringBuilder sb = new StringBuilder("name: t\ndependencies:\n  - python=3.9\n  - pip\n");
    sb.append("  - pip:\n");
    for (String p : pip) {
      sb.append("      - ").append(p).append('\n');
    }
    return sb.toString();
  }

  private List<String> unpinned(String pip) {
    return RuleReview.in(dir).head(env(pip)).of(UnpinnedPip.ID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-e git+https://github.com/CompVis/taming-transformers.git@master#egg=taming-transformers",
        "-e git+https://github.com/openai/CLIP.git@main#egg=clip",
        "git+https://github.com/microsoft/DeepSpeed.git",
        "git+https://github.com/facebookresearch/detectron2.git",
        "git+https://github.com/org/lib.git@develop#egg=lib",
        "git+https://github.com/org/lib.git@v2#egg=lib",
        "git+https://github.com/org/lib.git@1.x#egg=lib",
        "lib @ git+https://github.com/org/lib.git@master",
        "-e git+https://github.com/org/lib.git#egg=lib",
        "--editable=git+https://github.com/org/lib.git@main#egg=lib",
        "hg+https://hg.example.org/lib#egg=lib"
      })
  void vcsEntryWithoutAFixedRefWarns(String pip) {
    assertThat(unpinned(pip)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "git+https://github.com/org/lib.git@5b838a8#egg=lib",
        "git+https://github.com/org/lib.git@5b838a8a8d9c0e1f2a3b4c5d6e7f8091a2b3c4d5#egg=lib",
        "-e git+https://github.com/org/lib.git@v1.2.3#egg=lib",
        "git+https://github.com/org/lib.git@1.0",
        "git+https://github.com/org/lib.git@0.4.0rc1#egg=lib",
        "lib @ git+https://github.com/org/lib.git@v2.2.2"
      })
  void vcsEntryAtACommitOrReleaseTagDoesNotWarn(String pip) {
    assertThat(unpinned(pip)).isEmpty();
  }

  @Test
  void messagesSayWhatTheRefIs() {
    assertThat(unpinned("git+https://github.com/microsoft/DeepSpeed.git"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("without a ref");
    assertThat(unpinned("-e git+https://github.com/openai/CLIP.git@main#egg=clip"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("at 'main', which is not a commit or a release tag");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rich", "rich>=13", "rich!=13.0", "rich>13"})
  void requirementWithoutAnUpperBoundWarns(String pip) {
    assertThat(unpinned(pip)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rich==13.7.1", "rich===13.7.1", "rich~=13.7", "rich>=13,<14"})
  void pinnedRequirementDoesNotWarn(String pip) {
    assertThat(unpinned(pip)).isEmpty();
  }

  @Test
  void aCommitDroppedFromAVcsUrlWarnsWithTheBasesLine() {
    List<Finding> found =
        RuleReview.in(dir)
            .base(env("git+https://github.com/org/lib.git@5b838a8#egg=lib"))
            .head(env("git+https://github.com/org/lib.git#egg=lib"))
            .findings()
            .stream()
            .filter(f -> f.ruleId().equals(UnpinnedPip.ID))
            .toList();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).contains("without a ref");
    assertThat(found.get(0).fix())
        .hasValueSatisfying(
            s ->
                assertThat(s.replacement())
                    .isEqualTo("      - git+https://github.com/org/lib.git@5b838a8#egg=lib"));
  }

  @Test
  void aNamelessVcsUrlLosingItsCommitWarnsOnTheChange() {
    List<String> found =
        RuleReview.in(dir)
            .base(env("git+https://github.com/microsoft/DeepSpeed.git@5b838a8"))
            .head(env("git+https://github.com/microsoft/DeepSpeed.git"))
            .of(UnpinnedPip.ID);
    assertThat(found).hasSize(1);
  }

  @Test
  void anUnchangedUnpinnedVcsEntryIsNotReportedAgain() {
    String same = env("git+https://github.com/microsoft/DeepSpeed.git", "rich==13.7.1");
    assertThat(
            RuleReview.in(dir)
                .base(same)
                .head(same.replace("rich==13.7.1", "rich==13.7.2"))
                .of(UnpinnedPip.ID))
        .isEmpty();
  }

  @Test
  void severityIsConfigurable() {
    List<Finding> found =
        RuleReview.in(dir)
            .head(env("git+https://github.com/microsoft/DeepSpeed.git"))
            .config("rules:\n  unpinned-pip: error\n")
            .findings()
            .stream()
            .filter(f -> f.ruleId().equals(UnpinnedPip.ID))
            .toList();
    assertThat(found).singleElement().extracting(f -> f.severity().name()).isEqualTo("ERROR");
  }
}
