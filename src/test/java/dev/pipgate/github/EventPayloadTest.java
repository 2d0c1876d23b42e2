package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.github.EventPayload.MergeGroup;
import dev.pipgate.github.EventPayload.PullRequest;
import dev.pipgate.github.EventPayload.Push;
import dev.pipgate.github.EventPayload.WorkflowDispatch;
import dev.pipgate.model.InputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPayloadTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(EventPayloadTest.class.getResource("/events/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private Path write(String json) throws IOException {
    Path p = tmp.resolve("event.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void pullRequestFromTheSameRepository() {
    PullRequest pr = (PullRequest) EventPayload.read("pull_request", fixture("pull_request.json"));
    assertThat(pr.number()).isEqualTo(7);
    assertThat(pr.baseSha()).isEqualTo("a".repeat(40));
    assertThat(pr.headSha()).isEqualTo("2".repeat(40));
    assertThat(pr.baseRef()).isEqualTo("main");
    assertThat(pr.headRepo()).contains("octo-org/env-repo");
    assertThat(pr.fromFork()).isFalse();
  }

  @Test
  void pullRequestTargetFromAFork() {
    PullRequest pr =
        (PullRequest) EventPayload.read("pull_request_target", fixture("pull_request_target.json"));
    assertThat(pr.eventName()).isEqualTo("pull_request_target");
    assertThat(pr.number()).isEqualTo(12);
    assertThat(pr.headSha()).isEqualTo("3".repeat(40));
    assertThat(pr.headRepo()).contains("mallory/env-repo");
    assertThat(pr.fromFork()).isTrue();
  }

  @Test
  void pullRequestWhoseForkWasDeletedCountsAsFork() throws IOException {
    String json =
        Files.readString(fixture("pull_request_target.json"))
            .replaceFirst("\"repo\": \\{\"id\": 9009[^}]*\\}", "\"repo\": null");
    PullRequest pr = (PullRequest) EventPayload.read("pull_request_target", write(json));
    assertThat(pr.headRepo()).isEqualTo(Optional.empty());
    assertThat(pr.fromFork()).isTrue();
  }

  @Test
  void mergeGroup() {
    MergeGroup mg = (MergeGroup) EventPayload.read("merge_group", fixture("merge_group.json"));
    assertThat(mg.baseSha()).isEqualTo("a".repeat(40));
    assertThat(mg.headSha()).isEqualTo("5".repeat(40));
    assertThat(mg.baseRef()).isEqualTo("refs/heads/main");
    assertThat(mg.headRef()).startsWith("refs/heads/gh-readonly-queue/main/");
  }

  @Test
  void pushAndPushThatCreatesABranch() {
    Push push = (Push) EventPayload.read("push", fixture("push.json"));
    assertThat(push.before()).isEqualTo("a".repeat(40));
    assertThat(push.after()).isEqualTo("4".repeat(40));
    assertThat(push.ref()).isEqualTo("refs/heads/main");
    assertThat(push.newBranch()).isFalse();

    Push created = (Push) EventPayload.read("push", fixture("push_new_branch.json"));
    assertThat(created.newBranch()).isTrue();
  }

  @Test
  void workflowDispatch() {
    WorkflowDispatch wd =
        (WorkflowDispatch)
            EventPayload.read("workflow_dispatch", fixture("workflow_dispatch.json"));
    assertThat(wd.ref()).isEqualTo("refs/heads/main");
  }

  @Test
  void otherEventsAreRefusedByName() {
    assertThatThrownBy(() -> EventPayload.read("issue_comment", fixture("push.json")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'issue_comment'")
        .hasMessageContaining("pull_request");
  }

  @Test
  void notJsonNamesTheFileAndLine() throws IOException {
    Path p = write("{\n  \"ref\": \"refs/heads/main\",\n  oops\n}");
    InputException e =
        (InputException)
            org.assertj.core.api.Assertions.catchThrowable(() -> EventPayload.read("push", p));
    assertThat(e.file()).isEqualTo(p.toString());
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.oneLine()).startsWith(p + ":3: event file is not JSON");
  }

  @Test
  void missingFileIsAnInputError() {
    Path p = tmp.resolve("nope.json");
    assertThatThrownBy(() -> EventPayload.read("push", p))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not found");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "null",
        "{}",
        "{\"before\": 1, \"after\": \"x\", \"ref\": \"r\"}",
        "{\"before\": \"zz\", \"after\": \"4444444444444444444444444444444444444444\", \"ref\": \"r\"}",
        "{\"before\": \"0000000000000000000000000000000000000000\", \"after\": {}, \"ref\": \"r\"}",
      })
  void wrongShapesForPushAreInputErrors(String json) throws IOException {
    Path p = write(json);
    assertThatThrownBy(() -> EventPayload.read("push", p))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).file()).isEqualTo(p.toString()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"pull_request\": []}",
        "{\"pull_request\": {\"number\": \"7\"}}",
        "{\"pull_request\": {\"number\": -1}}",
        "{\"pull_request\": {\"number\": 1e3}}",
        "{\"pull_request\": {\"number\": 99999999999}}",
        "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": null}}}",
        "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
            + " \"ref\": \"main\", \"repo\": {}}, \"head\": {}}}",
      })
  void wrongShapesForPullRequestsNameTheField(String json) throws IOException {
    Path p = write(json);
    assertThatThrownBy(() -> EventPayload.read("pull_request", p))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("pull_request");
  }

  @Test
  void invalidUtf8AndBinaryNeverThrowAnythingElse() throws IOException {
    Path p = tmp.resolve("bin.json");
    Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{'});
    assertThatThrownBy(() -> EventPayload.read("push", p)).isInstanceOf(InputException.class);
  }
}
