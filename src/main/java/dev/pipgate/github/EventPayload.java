package dev.pipgate.github;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parts of a workflow run's event payload ({@code GITHUB_EVENT_PATH}) pipgate needs to know
 * what to compare. Shapes from GitHub's "Webhook events and payloads" page.
 */
public sealed interface EventPayload {
  /** Largest event file read; payloads are a few kilobytes to a few hundred. */
  long MAX_BYTES = 25L * 1024 * 1024;

  String ZERO_SHA = "0000000000000000000000000000000000000000";

  /**
   * {@code pull_request} or {@code pull_request_target}.
   *
   * @param headRepo full name of the head repository, or empty when the fork has been deleted
   */
  record PullRequest(
      String eventName,
      int number,
      String baseSha,
      String headSha,
      String baseRef,
      String baseRepo,
      Optional<String> headRepo)
      implements EventPayload {
    /** True when the head is in another repository (a fork): the token is then read-only. */
    public boolean fromFork() {
      return headRepo.map(h -> !h.equalsIgnoreCase(baseRepo)).orElse(true);
    }
  }

  /** {@code merge_group}: a merge-queue commit on top of the target branch. */
  record MergeGroup(String baseSha, String headSha, String headRef, String baseRef)
      implements EventPayload {}

  /**
   * {@code push}.
   *
   * @param before the previous tip, all zeros when the push created the branch
   */
  record Push(String before, String after, String ref) implements EventPayload {
    public boolean newBranch() {
      return ZERO_SHA.equals(before);
    }
  }

  /** {@code workflow_dispatch}: a manual run on {@code ref}. */
  record WorkflowDispatch(String ref) implements EventPayload {}

  /**
   * {@code workflow_run}: the second half of the fork-safe pair, run with a write token after the
   * {@code pull_request} half finished. GitHub leaves {@code pull_requests} empty for forks, so the
   * pull request number comes from the first half's result and is checked against {@code headSha}.
   *
   * @param triggeringEvent the event of the run that finished (e.g. {@code pull_request})
   * @param headSha the head commit that run reviewed
   */
  record WorkflowRun(String triggeringEvent, String headSha, String conclusion)
      implements EventPayload {}

  static EventPayload read(String eventName, Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new InputException(name, 0, "event file not found");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(name, 0, "event file larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(name, 0, "cannot read event file: " + e.getMessage());
    }
    return parse(eventName, name, bytes);
  }

  static EventPayload parse(String eventName, String file, byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : Math.max(0, at.getLineNr());
      throw new InputException(file, line, "event file is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file, 0, "event file is not a JSON object");
    }
    EventFields f = new EventFields(file, root);
    return switch (eventName) {
      case "pull_request", "pull_request_target" -> {
        EventFields pr = f.object("pull_request");
        EventFields base = pr.object("base");
        EventFields head = pr.object("head");
        JsonNode headRepo = head.node().path("repo");
        yield new PullRequest(
            eventName,
            pr.positiveInt("number"),
            base.sha("sha"),
            head.sha("sha"),
            base.text("ref"),
            base.object("repo").text("full_name"),
            headRepo.isObject() && headRepo.path("full_name").isTextual()
                ? Optional.of(headRepo.path("full_name").asText())
                : Optional.empty());
      }
      case "merge_group" -> {
        EventFields mg = f.object("merge_group");
        yield new MergeGroup(
            mg.sha("base_sha"), mg.sha("head_sha"), mg.text("head_ref"), mg.text("base_ref"));
      }
      case "push" -> new Push(f.sha("before"), f.sha("after"), f.text("ref"));
      case "workflow_dispatch" -> new WorkflowDispatch(f.text("ref"));
      case "workflow_run" -> {
        EventFields run = f.object("workflow_run");
        JsonNode conclusion = run.node().path("conclusion");
        yield new WorkflowRun(
            run.text("event"),
            run.sha("head_sha"),
            conclusion.isTextual() ? conclusion.asText() : "");
      }
      default ->
          throw new InputException(
              file,
              0,
              "pipgate does not run on '"
                  + eventName
                  + "' events; use pull_request, pull_request_target, merge_group, push,"
                  + " workflow_dispatch, or workflow_run to publish a saved result");
    };
  }
}
