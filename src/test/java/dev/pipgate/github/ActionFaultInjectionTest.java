package dev.pipgate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.pipgate.github.ActionHarness.ISSUE;
import static dev.pipgate.github.ActionHarness.PULLS;
import static dev.pipgate.github.ActionHarness.REPOSITORY;
import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static dev.pipgate.github.ActionWorkspace.pullRequestEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.pipgate.NeedsTestData;
import dev.pipgate.cli.Main;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the GitHub side, through {@code pipgate action}, beyond {@code ActionEndToEndTest} (5xx
 * retried, secondary rate limit, 422 line, read-only token) and {@code GitHubPublisherTest} (the
 * same faults against the publisher alone, including a failed summary POST and 320 comments).
 *
 * <pre>
 * fault                                            expected outcome
 * -----------------------------------------------  --------------------------------------------------
 * the review POST takes effect, its answer is      run 1: exit 1; the retry posts the review again, so
 *   lost (connection closed)                         GitHub holds it twice (see the report: a
 *                                                    non-idempotent POST is retried);
 *                                                  run 2, same head: no review posted, the duplicate
 *                                                    comments deleted, one of each left;
 *                                                  run 3: no writes
 * the same with the answer held 65 s (past the     as above (the timeout is an IOException too);
 *   client's 60 s timeout)                           real time, so only with -Dpipgate.slowTests=true
 * review posted, summary PATCH fails (HTTP 500)    run: exit 1 with the verdict, one warning naming the
 *                                                    summary; the old summary stays;
 *                                                  next run, same head: one PATCH of the summary,
 *                                                    nothing posted again; then no writes
 * review posted, summary POST fails (HTTP 500)     next run, same head: the summary POSTed once, no
 *                                                    review posted again
 * 320 review comments and 320 issue comments by    run 1 posts one review and one summary; run 2 reads
 *   a person before pipgate's                        4 pages of each list and writes nothing; the fix
 *                                                    deletes pipgate's comments on page 4 and edits its
 *                                                    summary; the person's 640 comments stay
 * </pre>
 */
@NeedsTestData("github-api")
class ActionFaultInjectionTest {
  static final String WIDGETS = "acme-widgets==1.2.0";
  static final String ZETA = "zeta-tools==0.4.1";

  @TempDir Path tmp;
  ActionHarness h;
  RevCommit base;
  RevCommit head;

  @BeforeEach
  void start() throws Exception {
    h = new ActionHarness(tmp);
    base = h.ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    h.ws.branch("feature");
    head = h.ws.commit("add two pip packages", Map.of(ENV, envFile(WIDGETS, ZETA)));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private ActionHarness.Run pr(RevCommit at) throws Exception {
    return h.action("pull_request", pullRequestEvent(base.name(), at.name(), REPOSITORY), Map.of());
  }

  private List<ObjectNode> botComments() {
    return h.gh.github.reviewCommentsBy("pipgate-bot");
  }

  private static List<String> fingerprints(List<ObjectNode> comments) {
    return comments.stream()
        .map(c -> Markers.fingerprintOf(c.path("body").asText()).orElseThrow())
        .toList();
  }

  // ---- an answer lost after GitHub acted ----------------------------------------------------

  private void lostReviewAnswerIsRepairedByTheNextRun(Consumer<LossyProxy> fault) throws Exception {
    try (LossyProxy proxy = new LossyProxy(h.gh.apiUrl())) {
      h.apiUrl = proxy.url();
      fault.accept(proxy);

      ActionHarness.Run first = pr(head);

      assertThat(proxy.lost).containsExactly("POST " + PULLS + "/reviews");
      assertThat(first.exit()).as(first.err()).isEqualTo(Main.FINDINGS);
      assertThat(h.writeLines())
          .as("a POST whose answer was lost is not sent again: it may have been acted on")
          .filteredOn(l -> l.equals("POST " + PULLS + "/reviews"))
          .hasSize(1);
      assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("answer was lost"));
      assertThat(h.gh.github.reviews).hasSize(1);
      assertThat(botComments()).hasSize(2);
      assertThat(h.gh.github.summaries()).hasSize(1);
      h.gh.resetRequests();

      ActionHarness.Run second = pr(head);

      assertThat(second.exit()).isEqualTo(Main.FINDINGS);
      assertThat(h.writeLines())
          .as("nothing posted twice on the next run")
          .doesNotContain("POST " + PULLS + "/reviews", "POST " + ISSUE + "/comments")
          .noneMatch(l -> l.startsWith("DELETE "));
      assertThat(botComments()).hasSize(2);
      assertThat(fingerprints(botComments())).doesNotHaveDuplicates();
      assertThat(h.gh.github.summaries()).hasSize(1);
      h.gh.resetRequests();

      pr(head);

      assertThat(h.gh.writes()).isEmpty();
    }
  }

  @Test
  void reviewAnswerLostAfterGitHubCreatedIt() throws Exception {
    lostReviewAnswerIsRepairedByTheNextRun(p -> p.dropOnce("POST", "/pulls/7/reviews"));
  }

  @Test
  @EnabledIfSystemProperty(named = "pipgate.slowTests", matches = "true")
  void reviewAnswerLaterThanTheClientsTimeout() throws Exception {
    lostReviewAnswerIsRepairedByTheNextRun(
        p -> p.delayOnce("POST", "/pulls/7/reviews", Duration.ofSeconds(65)));
  }

  // ---- the summary --------------------------------------------------------------------------

  @Test
  void summaryUpdateFailsAndTheNextRunRepairsIt() throws Exception {
    pr(head);
    long summaryId = h.gh.github.summaries().get(0).path("id").asLong();
    RevCommit half = h.ws.commit("justify one", Map.of(NOTES, notes("acme-widgets")));
    MappingBuilder broken =
        patch(urlPathMatching("/repos/" + REPOSITORY + "/issues/comments/\\d+"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Server Error\"}"));
    h.gh.server.stubFor(broken);
    h.gh.resetRequests();

    ActionHarness.Run failing = pr(half);

    assertThat(failing.exit()).as("the verdict stands").isEqualTo(Main.FINDINGS);
    assertThat(failing.warnings())
        .singleElement()
        .asString()
        .contains("summary comment")
        .contains("500");
    assertThat(h.writeLines())
        .filteredOn(l -> l.startsWith("PATCH /repos/" + REPOSITORY + "/issues/comments/"))
        .hasSize(PolicyConnector.MAX_ATTEMPTS);
    assertThat(h.gh.github.summaries())
        .singleElement()
        .satisfies(s -> assertThat(s.path("body").asText()).contains("acme-widgets"));
    assertThat(botComments()).hasSize(1);
    h.gh.server.removeStub(broken);
    h.gh.resetRequests();

    ActionHarness.Run repair = pr(half);

    assertThat(repair.exit()).isEqualTo(Main.FINDINGS);
    assertThat(repair.warnings()).isEmpty();
    assertThat(h.writeLines())
        .containsExactly("PATCH /repos/" + REPOSITORY + "/issues/comments/" + summaryId);
    assertThat(h.gh.github.summaries()).hasSize(1);
    assertThat(h.gh.github.reviews).hasSize(1);
    assertThat(botComments()).hasSize(1);
    h.gh.resetRequests();

    pr(half);

    assertThat(h.gh.writes()).isEmpty();
  }

  @Test
  void summaryCreationFailsAndTheNextRunPostsItOnce() throws Exception {
    MappingBuilder broken =
        post(urlPathEqualTo(ISSUE + "/comments"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Server Error\"}"));
    h.gh.server.stubFor(broken);

    ActionHarness.Run failing = pr(head);

    assertThat(failing.exit()).isEqualTo(Main.FINDINGS);
    assertThat(h.gh.github.reviews).hasSize(1);
    assertThat(h.gh.github.summaries()).isEmpty();
    h.gh.server.removeStub(broken);
    h.gh.resetRequests();

    pr(head);

    assertThat(h.writeLines()).containsExactly("POST " + ISSUE + "/comments");
    assertThat(h.gh.github.summaries()).hasSize(1);
    assertThat(h.gh.github.reviews).hasSize(1);
    assertThat(botComments()).hasSize(2);
  }

  // ---- many comments ------------------------------------------------------------------------

  @Test
  void paginatesOverThreeHundredExistingCommentsThroughTheAction() throws Exception {
    ObjectNode bob = h.gh.github.user("bob", "User");
    for (int i = 0; i < 320; i++) {
      h.gh.github.addReviewComment(bob, ENV, 3, "nit " + i, null);
      h.gh.github.addIssueComment(bob, "comment " + i);
    }

    ActionHarness.Run first = pr(head);

    assertThat(first.exit()).isEqualTo(Main.FINDINGS);
    assertThat(h.writeLines())
        .containsExactly(
            "POST " + PULLS + "/reviews",
            "POST " + ISSUE + "/comments",
            "POST /repos/" + REPOSITORY + "/check-runs");
    h.gh.resetRequests();

    pr(head);

    assertThat(h.gh.writes()).as("pipgate's own comments are found on page 4").isEmpty();
    assertThat(h.gh.requests())
        .filteredOn(r -> r.getUrl().contains("/pulls/7/comments"))
        .hasSize(4);
    assertThat(h.gh.requests())
        .filteredOn(r -> r.getUrl().contains("/issues/7/comments"))
        .hasSize(4);
    h.gh.resetRequests();
    List<Long> ours = botComments().stream().map(c -> c.path("id").asLong()).toList();
    RevCommit fixed =
        h.ws.commit("justify both", Map.of(NOTES, notes("acme-widgets", "zeta-tools")));

    ActionHarness.Run fix = pr(fixed);

    assertThat(fix.exit()).isEqualTo(Main.PASS);
    assertThat(h.writeLines())
        .contains(
            "DELETE /repos/" + REPOSITORY + "/pulls/comments/" + ours.get(0),
            "DELETE /repos/" + REPOSITORY + "/pulls/comments/" + ours.get(1))
        .filteredOn(l -> l.contains("/issues/"))
        .singleElement()
        .asString()
        .startsWith("PATCH /repos/" + REPOSITORY + "/issues/comments/");
    assertThat(botComments()).isEmpty();
    assertThat(h.gh.github.reviewCommentsBy("bob")).hasSize(320);
    assertThat(h.gh.github.issueComments).hasSize(321);
  }
}
