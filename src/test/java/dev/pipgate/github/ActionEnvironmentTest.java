package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionEnvironmentTest {
  static Map<String, String> actions() {
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", EventPayloadTest.fixture("pull_request.json").toString());
    env.put("GITHUB_REPOSITORY", "octo-org/env-repo");
    env.put("GITHUB_WORKSPACE", "/github/workspace");
    env.put("GITHUB_SHA", "9".repeat(40));
    env.put("GITHUB_OUTPUT", "/github/file_commands/set_output_1");
    env.put("GITHUB_STEP_SUMMARY", "/github/file_commands/step_summary_1");
    env.put("GITHUB_TOKEN", "ghs_fromEnv");
    // The runner upper-cases input names, turns spaces into '_' and keeps hyphens.
    env.put("INPUT_GITHUB-TOKEN", "ghs_fromInput");
    env.put("INPUT_FAIL-ON", "warning");
    env.put("INPUT_COMMENT_MODE", " summary ");
    env.put("INPUT_NOTES-FILE", "");
    return env;
  }

  @Test
  void readsTheRunnerVariables() {
    ActionEnvironment a = ActionEnvironment.from(actions());
    assertThat(a.inActions()).isTrue();
    assertThat(a.eventName()).isEqualTo("pull_request");
    assertThat(a.repository()).isEqualTo("octo-org/env-repo");
    assertThat(a.owner()).isEqualTo("octo-org");
    assertThat(a.repositoryName()).isEqualTo("env-repo");
    assertThat(a.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(a.workspace()).contains(Path.of("/github/workspace"));
    assertThat(a.sha()).contains("9".repeat(40));
    assertThat(a.outputFile()).contains(Path.of("/github/file_commands/set_output_1"));
    assertThat(a.stepSummaryFile()).contains(Path.of("/github/file_commands/step_summary_1"));
    assertThat(((EventPayload.PullRequest) a.event()).number()).isEqualTo(7);
  }

  @Test
  void inputsKeepHyphensAndTheTokenInputWins() {
    ActionEnvironment a = ActionEnvironment.from(actions());
    assertThat(a.token()).contains("ghs_fromInput");
    assertThat(a.input("fail-on")).contains("warning");
    assertThat(a.input("comment mode")).contains("summary");
    assertThat(a.input("notes-file")).isEmpty();
    assertThat(a.inputs()).containsEntry("FAIL-ON", "warning").containsKey("GITHUB-TOKEN");

    Map<String, String> env = actions();
    env.remove("INPUT_GITHUB-TOKEN");
    assertThat(ActionEnvironment.from(env).token()).contains("ghs_fromEnv");
    env.put("INPUT_GITHUB_TOKEN", "ghs_underscore");
    assertThat(ActionEnvironment.from(env).token()).contains("ghs_underscore");
  }

  @Test
  void enterpriseServerApiUrl() {
    Map<String, String> env = actions();
    env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3");
    assertThat(ActionEnvironment.from(env).apiUrl())
        .isEqualTo(URI.create("https://ghe.example.com/api/v3"));
    env.put("GITHUB_API_URL", "file:///etc/passwd");
    assertThatThrownBy(() -> ActionEnvironment.from(env).apiUrl())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("GITHUB_API_URL");
  }

  @Test
  void missingOrBadVariablesAreInputErrors() {
    Map<String, String> env = actions();
    env.remove("GITHUB_EVENT_NAME");
    env.put("GITHUB_REPOSITORY", "not a repo");
    ActionEnvironment a = ActionEnvironment.from(env);
    assertThatThrownBy(a::eventName)
        .isInstanceOf(InputException.class)
        .hasMessageContaining("GITHUB_EVENT_NAME is not set");
    assertThatThrownBy(a::repository).isInstanceOf(InputException.class);
    assertThat(ActionEnvironment.from(Map.of()).inActions()).isFalse();
  }

  @Test
  void theTokenNeverShowsInToString() {
    assertThat(ActionEnvironment.from(actions()).toString())
        .doesNotContain("ghs_")
        .contains("octo-org/env-repo");
  }
}
