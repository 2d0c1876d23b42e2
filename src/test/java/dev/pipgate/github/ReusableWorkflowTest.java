package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The reusable workflow an organisation requires (.github/workflows/pipgate.yml) mirrors the
 * action: every input of the action is an input of the workflow and reaches the action unchanged;
 * the policy token is a secret. The examples that call it pass only inputs it has.
 */
class ReusableWorkflowTest {
  static final String WORKFLOW = ".github/workflows/pipgate.yml";
  static final String CALL = "pipgate/pipgate/" + WORKFLOW + "@v1";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String file) throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String... keys) {
    Object at = o;
    for (String k : keys) {
      at = ((Map<String, Object>) at).get(k);
    }
    return (Map<String, Object>) at;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> actionStep(Map<String, Object> workflow) {
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) map(workflow, "jobs", "pipgate").get("steps");
    return steps.stream()
        .filter(s -> "pipgate/pipgate@v1".equals(s.get("uses")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void itsInputsAreTheActionsAndReachTheActionUnchanged() throws IOException {
    Map<String, Object> workflow = load(WORKFLOW);
    Map<String, Object> call = map(workflow, "on", "workflow_call");
    Set<String> actionInputs = new LinkedHashSet<>(map(load("action.yml"), "inputs").keySet());

    Set<String> expected = new LinkedHashSet<>(actionInputs);
    expected.removeAll(Set.of("github-token", "policy-token"));
    assertThat(map(call, "inputs").keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(map(call, "secrets").keySet()).containsExactly("policy-token");
    map(call, "inputs")
        .forEach(
            (name, spec) ->
                assertThat(map(spec))
                    .as(name)
                    .containsEntry("type", "string")
                    .containsEntry("default", ""));

    Map<String, Object> with = map(actionStep(workflow), "with");
    for (String name : expected) {
      assertThat(with).as(name).containsEntry(name, "${{ inputs." + name + " }}");
    }
    assertThat(with).containsEntry("policy-token", "${{ secrets.policy-token }}");
    assertThat(with).doesNotContainKey("github-token");
    assertThat(map(call, "outputs").keySet())
        .containsExactlyInAnyOrderElementsOf(Set.of("verdict", "blocking-count", "unjustified"));
  }

  @Test
  void theExamplesCallItWithInputsItHas() throws IOException {
    Set<String> inputs = map(load(WORKFLOW), "on", "workflow_call", "inputs").keySet();
    Map<String, String> modes =
        Map.of(
            "examples/workflows/org-required.yml", "",
            "examples/workflows/org-fork-safe-review.yml", "compute",
            "examples/workflows/org-fork-safe-publish.yml", "publish");
    for (Map.Entry<String, String> e : modes.entrySet()) {
      Map<String, Object> example = load(e.getKey());
      Map<String, Object> jobs = map(example, "jobs");
      assertThat(jobs).as(e.getKey()).hasSize(1);
      Map<String, Object> job = map(jobs.values().iterator().next());
      assertThat(job.get("uses")).as(e.getKey()).isEqualTo(CALL);
      Map<String, Object> with = map(job, "with");
      assertThat(inputs).as(e.getKey()).containsAll(with.keySet());
      assertThat(String.valueOf(with.getOrDefault("mode", ""))).isEqualTo(e.getValue());
    }
    // What a ruleset requires runs on pull requests and in the merge queue.
    assertThat(map(load("examples/workflows/org-required.yml"), "on").keySet())
        .containsExactlyInAnyOrder("pull_request", "merge_group");
    // The publishing half follows the computing half by its name.
    assertThat(map(load("examples/workflows/org-fork-safe-review.yml")).get("name"))
        .isEqualTo("pipgate review");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAuditExampleShardsOverAMatrixAndMergesEveryShard() throws IOException {
    Map<String, Object> audit = map(load("examples/workflows/org-audit.yml"), "jobs", "audit");
    List<Object> shards = (List<Object>) map(audit, "strategy", "matrix").get("shard");
    assertThat(shards.size()).isBetween(1, 256);
    assertThat(shards)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, shards.size())
                .boxed()
                .map(i -> (Object) i)
                .toList());
    String run =
        ((List<Map<String, Object>>) audit.get("steps"))
            .stream()
                .map(st -> String.valueOf(st.getOrDefault("run", "")))
                .filter(r -> r.contains("audit --org"))
                .findFirst()
                .orElseThrow();
    assertThat(run).contains("--shard \"$SHARD/" + shards.size() + "\"").contains("--format json");
    Map<String, Object> merge = map(load("examples/workflows/org-audit.yml"), "jobs", "merge");
    assertThat(merge.get("needs")).isEqualTo("audit");
    assertThat(merge.toString()).contains("audit merge shard-*.json").contains("pipgate-audit-*");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
