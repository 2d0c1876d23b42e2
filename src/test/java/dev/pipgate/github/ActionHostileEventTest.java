package dev.pipgate.github;

import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.NeedsTestData;
import dev.pipgate.cli.Main;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Event payloads with fields missing, null or of the wrong type, through {@code pipgate action}.
 * {@code ActionEndToEndTest} already refuses non-JSON, a non-object and three broken pull_request
 * payloads; these are the single-field faults of every event pipgate runs on.
 *
 * <pre>
 * event         field changed                        expected outcome
 * ------------  -----------------------------------  ------------------------------------------
 * pull_request  pull_request.number missing          exit 2 "event field pull_request.number
 *                                                    should be a positive integer, is missing"
 * pull_request  pull_request.number 7.5 / -1 / "7"  exit 2 "... should be a positive integer"
 * pull_request  pull_request.head.sha missing        exit 2 "pull_request.head.sha should be a string"
 * pull_request  pull_request.head.sha null           exit 2 "pull_request.head.sha ... is a null"
 * pull_request  pull_request.base missing            exit 2 "pull_request.base should be an object"
 * pull_request  pull_request.base.ref missing        exit 2 "pull_request.base.ref should be a string"
 * pull_request  pull_request.base.repo missing       exit 2 "pull_request.base.repo should be an object"
 * pull_request  pull_request missing                 exit 2 "event field pull_request should be an object"
 * pull_request  head.sha upper-case                  exit 2 "pull_request.head.sha is not a commit SHA"
 * merge_group   merge_group.head_sha missing         exit 2 "merge_group.head_sha should be a string"
 * merge_group   merge_group.base_ref a number        exit 2 "merge_group.base_ref ... is a number"
 * push          after missing                        exit 2 "event field after should be a string"
 * push          ref null                             exit 2 "event field ref ... is a null"
 * workflow_dispatch  ref missing                     exit 2 "event field ref should be a string"
 * workflow_run  workflow_run.head_sha missing        exit 2 "workflow_run.head_sha should be a string"
 *               (mode: publish)
 * every case above                                   no request reaches GitHub, nothing written
 * pull_request  pull_request.head.repo null (the     review runs: exit 1, the review, summary and
 *               fork was deleted, as GitHub sends)   check run are posted
 * </pre>
 */
@NeedsTestData("github-api")
class ActionHostileEventTest {
  @TempDir Path tmp;
  ActionHarness h;
  RevCommit base;
  RevCommit head;

  @BeforeEach
  void start() throws Exception {
    h = new ActionHarness(tmp);
    base = h.ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    h.ws.branch("feature");
    head = h.ws.commit("add one", Map.of(ENV, envFile("acme-widgets==1.2.0")));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static final Object REMOVE = new Object();

  /** Event name, payload maker, JSON pointer of the field, its new value (REMOVE drops it). */
  static Stream<Arguments> brokenFields() {
    return Stream.of(
        Arguments.of(
            "pull_request",
            "/pull_request/number",
            REMOVE,
            "pull_request.number should be a positive integer, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request/number",
            7.5,
            "pull_request.number should be a positive integer"),
        Arguments.of(
            "pull_request",
            "/pull_request/number",
            -1,
            "pull_request.number should be a positive integer"),
        Arguments.of(
            "pull_request",
            "/pull_request/number",
            "7",
            "pull_request.number should be a positive integer, is a string"),
        Arguments.of(
            "pull_request",
            "/pull_request/head/sha",
            REMOVE,
            "pull_request.head.sha should be a string, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request/head/sha",
            null,
            "pull_request.head.sha should be a string, is a null"),
        Arguments.of(
            "pull_request",
            "/pull_request/base",
            REMOVE,
            "pull_request.base should be an object, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request/base/ref",
            REMOVE,
            "pull_request.base.ref should be a string, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request/base/repo",
            REMOVE,
            "pull_request.base.repo should be an object, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request",
            REMOVE,
            "event field pull_request should be an object, is missing"),
        Arguments.of(
            "pull_request",
            "/pull_request/head/sha",
            "UPPER",
            "pull_request.head.sha is not a commit SHA"),
        Arguments.of(
            "merge_group",
            "/merge_group/head_sha",
            REMOVE,
            "merge_group.head_sha should be a string, is missing"),
        Arguments.of(
            "merge_group",
            "/merge_group/base_ref",
            3,
            "merge_group.base_ref should be a string, is a number"),
        Arguments.of("push", "/after", REMOVE, "event field after should be a string, is missing"),
        Arguments.of("push", "/ref", null, "event field ref should be a string, is a null"),
        Arguments.of(
            "workflow_dispatch", "/ref", REMOVE, "event field ref should be a string, is missing"),
        Arguments.of(
            "workflow_run",
            "/workflow_run/head_sha",
            REMOVE,
            "workflow_run.head_sha should be a string, is missing"));
  }

  private String validPayload(String event) {
    return switch (event) {
      case "pull_request" ->
          ActionWorkspace.pullRequestEvent(base.name(), head.name(), ActionHarness.REPOSITORY);
      case "merge_group" -> ActionWorkspace.mergeGroupEvent(base.name(), head.name());
      case "push" -> ActionWorkspace.pushEvent(base.name(), head.name(), "refs/heads/feature");
      case "workflow_dispatch" -> ActionWorkspace.dispatchEvent("refs/heads/feature");
      case "workflow_run" -> ActionWorkspace.workflowRunEvent(head.name());
      default -> throw new IllegalArgumentException(event);
    };
  }

  private static String changed(String payload, String pointer, Object value) throws Exception {
    ObjectNode root = (ObjectNode) FakeGitHub.JSON.readTree(payload);
    int slash = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) root.at(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1);
    if (value == REMOVE) {
      parent.remove(key);
    } else if (value == null) {
      parent.putNull(key);
    } else if (value.equals("UPPER")) {
      parent.put(key, parent.path(key).asText().toUpperCase(java.util.Locale.ROOT));
    } else {
      parent.set(key, FakeGitHub.JSON.valueToTree(value));
    }
    return root.toString();
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @MethodSource
  void brokenFields(String event, String pointer, Object value, String message) throws Exception {
    String payload = changed(validPayload(event), pointer, value);
    Map<String, String> inputs =
        event.equals("workflow_run")
            ? Map.of("INPUT_MODE", "publish", "GITHUB_SHA", head.name())
            : Map.of("GITHUB_SHA", head.name());

    ActionHarness.Run run = h.action(event, payload, inputs);

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("pipgate: ")
        .contains(message)
        .doesNotContain("Exception")
        .doesNotContain("internal error");
    assertThat(h.gh.requests()).as("nothing reaches GitHub").isEmpty();
  }

  @Test
  void aDeletedForkStillGetsItsReview() throws Exception {
    String payload =
        changed(
            ActionWorkspace.pullRequestEvent(base.name(), head.name(), "mallory/env-repo"),
            "/pull_request/head/repo",
            null);

    ActionHarness.Run run = h.action("pull_request", payload, Map.of());

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    assertThat(run.err()).isEmpty();
    assertThat(h.writeLines())
        .containsExactly(
            "POST " + ActionHarness.PULLS + "/reviews",
            "POST " + ActionHarness.ISSUE + "/comments",
            "POST /repos/" + ActionHarness.REPOSITORY + "/check-runs");
    JsonNode review = FakeGitHub.JSON.readTree(h.gh.writes().get(0).getBodyAsString());
    assertThat(review.path("commit_id").asText()).isEqualTo(head.name());
  }
}
