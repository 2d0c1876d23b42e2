package dev.pipgate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipgate.github.FakeGitHub.OWNER;
import static dev.pipgate.github.FakeGitHub.PR;
import static dev.pipgate.github.FakeGitHub.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.github.Publication.Annotation;
import dev.pipgate.github.Publication.AnnotationLevel;
import dev.pipgate.github.Publication.CheckOutcome;
import dev.pipgate.github.Publication.CommentMode;
import dev.pipgate.github.Publication.Conclusion;
import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.github.Publication.ReviewEvent;
import dev.pipgate.github.Publication.SummaryComment;
import dev.pipgate.github.PublishResult.Outcome;
import dev.pipgate.model.DiffMark;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import dev.pipgate.report.MarkdownText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@NeedsTestData("github-api")
class GitHubPublisherTest {
  static final String SHA1 = "1111111111111111111111111111111111111111";
  static final String SHA2 = "2222222222222222222222222222222222222222";
  static final String ENV = "environment.yml";

  GitHubFixture gh;

  @BeforeEach
  void start() {
    gh = new GitHubFixture();
  }

  @AfterEach
  void stop() {
    gh.close();
  }

  // ---- publications -----------------------------------------------------------------------

  static Finding finding(String rule, String pkg, int line) {
    return Finding.of(
            rule,
            Severity.ERROR,
            new Location(ENV, line),
            pkg,
            "pip package " + pkg + " has no justification",
            "Add a section for " + pkg + " to requirements-notes.md.")
        .withMark(DiffMark.ADDED);
  }

  static Publication publication(
      String sha, List<Finding> findings, ReviewEvent event, Conclusion conclusion) {
    List<InlineComment> comments = findings.stream().map(FindingComments::inlineComment).toList();
    List<String> entries =
        findings.stream().map(f -> "- " + f.location() + ": " + f.message()).toList();
    List<Annotation> annotations =
        findings.stream()
            .map(
                f ->
                    new Annotation(
                        f.location().file(),
                        f.location().line(),
                        f.location().line(),
                        AnnotationLevel.FAILURE,
                        f.ruleId(),
                        f.message()))
            .toList();
    return new Publication(
        OWNER,
        REPO,
        OptionalInt.of(PR),
        sha,
        comments,
        new SummaryComment("## pipgate\n\n" + findings.size() + " finding(s)", entries),
        new CheckOutcome(
            conclusion, findings.size() + " finding(s)", "pipgate summary", "details", annotations),
        event,
        CommentMode.REVIEW,
        true);
  }

  static Publication failing(String sha, List<Finding> findings) {
    return publication(sha, findings, ReviewEvent.COMMENT, Conclusion.FAILURE);
  }

  static List<Finding> twoFindings() {
    return List.of(finding("notes.missing", "torch", 12), finding("notes.missing", "jax", 14));
  }

  private static JsonNode body(LoggedRequest r) {
    try {
      return FakeGitHub.JSON.readTree(r.getBodyAsString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<String> writeLines() {
    return gh.writes().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
  }

  // ---- scenarios --------------------------------------------------------------------------

  @Test
  void firstRunPostsOneReviewTheSummaryAndACheckRun() {
    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsPosted()).isEqualTo(2);
    assertThat(result.summary()).isEqualTo(Outcome.CREATED);
    assertThat(result.check()).isEqualTo(Outcome.CREATED);
    assertThat(result.degraded()).isFalse();
    assertThat(result.warnings()).isEmpty();
    assertThat(writeLines())
        .containsExactly(
            "POST /repos/octo-org/env-repo/pulls/7/reviews",
            "POST /repos/octo-org/env-repo/issues/7/comments",
            "POST /repos/octo-org/env-repo/check-runs");
    JsonNode review = body(gh.writes().get(0));
    assertThat(review.path("event").asText()).isEqualTo("COMMENT");
    assertThat(review.path("commit_id").asText()).isEqualTo(SHA1);
    assertThat(review.path("comments")).hasSize(2);
    for (JsonNode c : review.path("comments")) {
      // hub4j sends no side; the description's default for a review comment's side is RIGHT.
      assertThat(c.path("side").asText("RIGHT")).isEqualTo("RIGHT");
      assertThat(c.path("body").asText())
          .matches("(?s).*\n<!-- pipgate:fingerprint=[0-9a-f]{32} -->");
    }
    assertThat(gh.github.summaries()).hasSize(1);
    JsonNode run = gh.github.checkRuns.get(0);
    assertThat(run.path("name").asText()).isEqualTo("pipgate");
    assertThat(run.path("external_id").asText()).isEqualTo("pipgate");
    assertThat(run.path("conclusion").asText()).isEqualTo("failure");
    assertThat(gh.github.annotations.get(run.path("id").asLong())).hasSize(2);
  }

  @Test
  void identicalRerunWritesNothing() {
    gh.publisher().publish(failing(SHA1, twoFindings()));
    gh.resetRequests();

    PublishResult again = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(writeLines()).isEmpty();
    assertThat(again.writeRequests()).isZero();
    assertThat(again.commentsPosted()).isZero();
    assertThat(again.summary()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.check()).isEqualTo(Outcome.UNCHANGED);
    assertThat(gh.requests()).isNotEmpty();
  }

  @Test
  void changedMessageEditsTheCommentInPlace() {
    gh.publisher().publish(failing(SHA1, twoFindings()));
    gh.resetRequests();
    List<Finding> changed =
        List.of(
            finding("notes.missing", "torch", 12),
            Finding.of(
                    "notes.missing",
                    Severity.ERROR,
                    new Location(ENV, 14),
                    "jax",
                    "pip package jax still has no justification",
                    "")
                .withMark(DiffMark.ADDED));

    PublishResult result = gh.publisher().publish(failing(SHA1, changed));

    assertThat(result.commentsEdited()).isEqualTo(1);
    assertThat(result.commentsPosted()).isZero();
    assertThat(writeLines())
        .anyMatch(l -> l.startsWith("PATCH /repos/octo-org/env-repo/pulls/comments/"));
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .anyMatch(c -> c.path("body").asText().contains("still has no justification"));
  }

  @Test
  void aReplyFromADeletedAccountCountsAsAPersonsNeverAsPipgates() {
    gh.publisher().publish(failing(SHA1, twoFindings()));
    ObjectNode ours = gh.github.reviewCommentsBy("pipgate-bot").get(0);
    // GitHub answers "user": null for an account that no longer exists.
    gh.github.addReviewComment(
        null, ENV, ours.path("line").asInt(), "why?", ours.path("id").asLong());
    gh.github.addIssueComment(null, "<!-- pipgate:summary -->\nfrom nobody");

    PublishResult fixed =
        gh.publisher()
            .publish(publication(SHA2, List.of(), ReviewEvent.COMMENT, Conclusion.SUCCESS));

    assertThat(fixed.degraded()).as(String.join("; ", fixed.notPosted())).isFalse();
    assertThat(fixed.repliesPosted()).isEqualTo(1);
    assertThat(gh.github.reviewComments).contains(ours);
    assertThat(gh.github.summaries())
        .as("the deleted account's look-alike is left alone, pipgate's own is kept up to date")
        .hasSize(2)
        .anyMatch(c -> c.path("body").asText().equals("<!-- pipgate:summary -->\nfrom nobody"));
  }

  @Test
  void fixPushedDeletesStaleCommentsAndAnswersThreadsPeopleRepliedTo() {
    gh.publisher().publish(failing(SHA1, twoFindings()));
    ObjectNode jaxComment =
        gh.github.reviewCommentsBy("pipgate-bot").stream()
            .filter(c -> c.path("line").asInt() == 14)
            .findFirst()
            .orElseThrow();
    ObjectNode person = gh.github.user("alice", "User");
    gh.github.addReviewComment(
        person, ENV, 14, "jax is needed for the TPU build", jaxComment.path("id").asLong());
    gh.resetRequests();

    PublishResult fixed =
        gh.publisher()
            .publish(publication(SHA2, List.of(), ReviewEvent.COMMENT, Conclusion.SUCCESS));

    assertThat(fixed.commentsDeleted()).isEqualTo(1);
    assertThat(fixed.repliesPosted()).isEqualTo(1);
    assertThat(fixed.summary()).isEqualTo(Outcome.UPDATED);
    assertThat(fixed.check()).isEqualTo(Outcome.CREATED);
    assertThat(gh.github.reviewComments).noneMatch(c -> c.path("line").asInt() == 12);
    assertThat(gh.github.reviewComments).contains(jaxComment);
    assertThat(gh.github.reviewComments)
        .anyMatch(
            c ->
                c.path("in_reply_to_id").asLong() == jaxComment.path("id").asLong()
                    && c.path("body").asText().startsWith("Resolved in " + SHA2));
    JsonNode newRun = gh.github.checkRuns.get(gh.github.checkRuns.size() - 1);
    assertThat(newRun.path("head_sha").asText()).isEqualTo(SHA2);
    assertThat(newRun.path("conclusion").asText()).isEqualTo("success");
    assertThat(gh.github.summaries()).hasSize(1);

    gh.resetRequests();
    PublishResult again =
        gh.publisher()
            .publish(publication(SHA2, List.of(), ReviewEvent.COMMENT, Conclusion.SUCCESS));
    assertThat(gh.writes()).as("the thread is answered once").isEmpty();
    assertThat(again.repliesPosted()).isZero();
  }

  @Test
  void changeRequestIsDismissedWhenNothingBlocksAnyMore() {
    gh.publisher()
        .publish(publication(SHA1, twoFindings(), ReviewEvent.REQUEST_CHANGES, Conclusion.FAILURE));
    assertThat(gh.github.reviews)
        .singleElement()
        .satisfies(r -> assertThat(r.path("state").asText()).isEqualTo("CHANGES_REQUESTED"));
    gh.resetRequests();
    assertThat(
            gh.publisher()
                .publish(
                    publication(
                        SHA1, twoFindings(), ReviewEvent.REQUEST_CHANGES, Conclusion.FAILURE))
                .writeRequests())
        .isZero();

    PublishResult result =
        gh.publisher()
            .publish(publication(SHA2, List.of(), ReviewEvent.COMMENT, Conclusion.SUCCESS));

    assertThat(result.reviewsDismissed()).isEqualTo(1);
    assertThat(gh.github.reviews.get(0).path("state").asText()).isEqualTo("DISMISSED");
    assertThat(writeLines())
        .anyMatch(l -> l.matches("PUT /repos/octo-org/env-repo/pulls/7/reviews/\\d+/dismissals"));
  }

  @Test
  void readOnlyTokenOnAForkDegradesWithOneWarning() {
    gh.github.readOnly = true;
    gh.github.installationToken = true;

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.degraded()).isTrue();
    assertThat(result.warnings()).containsExactly(GitHubPublisher.FORK_SAFE_WARNING);
    assertThat(result.warnings().get(0)).contains("workflow_run").contains("pull_request");
    assertThat(result.notPosted()).hasSize(3);
    assertThat(result.notPosted()).anyMatch(s -> s.startsWith("review:"));
    assertThat(result.notPosted()).anyMatch(s -> s.startsWith("summary comment:"));
    assertThat(result.notPosted()).anyMatch(s -> s.startsWith("check run:"));
    assertThat(result.summary()).isEqualTo(Outcome.FAILED);
    assertThat(result.check()).isEqualTo(Outcome.FAILED);
    assertThat(writeLines())
        .containsExactly(
            "POST /repos/octo-org/env-repo/pulls/7/reviews",
            "POST /repos/octo-org/env-repo/issues/7/comments",
            "POST /repos/octo-org/env-repo/check-runs",
            "POST /repos/octo-org/env-repo/statuses/" + SHA1);
  }

  @Test
  void checkRunsNotAllowedFallsBackToACommitStatus() {
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/octo-org/env-repo/check-runs"))
            .atPriority(1)
            .willReturn(json(403, FakeGitHub.NOT_ACCESSIBLE)));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.check()).isEqualTo(Outcome.STATUS_INSTEAD);
    assertThat(result.degraded()).isFalse();
    assertThat(gh.github.statuses)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.path("context").asText()).isEqualTo("pipgate");
              assertThat(s.path("state").asText()).isEqualTo("failure");
              assertThat(s.path("description").asText()).hasSizeLessThanOrEqualTo(140);
            });
    gh.resetRequests();

    gh.publisher().publish(failing(SHA1, twoFindings()));
    assertThat(writeLines()).isEmpty();
  }

  @Test
  void lineOutsideTheDiffMovesThatCommentToTheSummaryOnce() {
    gh.github.diffLines.add(ENV + ":12");

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsPosted()).isEqualTo(1);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .extracting(c -> c.path("line").asInt())
        .containsExactly(12);
    assertThat(result.movedToSummary()).extracting(InlineComment::line).containsExactly(14);
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("refused 1 inline comment")
        .contains("must be part of the diff");
    assertThat(result.degraded()).isFalse();
    assertThat(writeLines().stream().filter(l -> l.endsWith("/pulls/7/reviews")))
        .as("all, then each half")
        .hasSize(3);
    String summary = gh.github.summaries().get(0).path("body").asText();
    String moved = summary.substring(summary.indexOf(SummaryText.MOVED_HEADING));
    assertThat(moved).contains("environment.yml:14").doesNotContain("environment.yml:12");
    assertThat(summary.lines().skip(1).findFirst().orElseThrow())
        .startsWith("<!-- pipgate:unplaced sha=" + SHA1 + " fingerprints=")
        .doesNotContain(",");
    gh.resetRequests();

    PublishResult again = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(gh.writes()).as("GitHub's refusal is remembered for this head").isEmpty();
    assertThat(again.movedToSummary()).hasSize(1);
  }

  @Test
  void refusedLinesAreSearchedForWithinABoundedNumberOfReviews() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(finding("notes.missing", "pkg" + i, 10 + i));
      if (i != 7 && i != 30) {
        gh.github.diffLines.add(ENV + ":" + (10 + i));
      }
    }

    PublishResult result = gh.publisher().publish(failing(SHA1, many));

    assertThat(writeLines().stream().filter(l -> l.endsWith("/pulls/7/reviews")))
        .hasSize(GitHubPublisher.MAX_REVIEW_REQUESTS);
    assertThat(result.commentsPosted() + result.movedToSummary().size()).isEqualTo(40);
    assertThat(result.movedToSummary())
        .extracting(InlineComment::line)
        .contains(17, 40)
        .hasSizeLessThan(40);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(result.commentsPosted());
  }

  @Test
  void changesAreRequestedOnceWhenTheCommentsLandInSeveralReviews() {
    gh.github.diffLines.add(ENV + ":14");

    gh.publisher()
        .publish(publication(SHA1, twoFindings(), ReviewEvent.REQUEST_CHANGES, Conclusion.FAILURE));

    assertThat(gh.github.reviews)
        .extracting(r -> r.path("state").asText())
        .containsExactly("CHANGES_REQUESTED");
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(1);
  }

  @Test
  void badGatewayIsRetriedWithBackoff() {
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/octo-org/env-repo/pulls/7/reviews"))
            .atPriority(1)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered")
            .willReturn(json(502, "{\"message\":\"Server Error\"}")));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsPosted()).isEqualTo(2);
    assertThat(result.degraded()).isFalse();
    assertThat(gh.github.reviews).hasSize(1);
    assertThat(writeLines().stream().filter(l -> l.endsWith("/pulls/7/reviews"))).hasSize(2);
    assertThat(gh.time.retryWaits()).containsExactly(PolicyConnector.FIRST_BACKOFF);
  }

  @Test
  void serverErrorsThatDoNotStopEndInAMessageNotAnException() {
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/octo-org/env-repo/check-runs"))
            .atPriority(1)
            .willReturn(json(503, "{\"message\":\"Service Unavailable\"}")));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.check()).isEqualTo(Outcome.FAILED);
    assertThat(result.degraded()).isTrue();
    assertThat(result.warnings()).singleElement().asString().contains("check run").contains("503");
    assertThat(gh.time.retryWaits()).hasSize(PolicyConnector.MAX_ATTEMPTS - 1);
    assertThat(result.summary()).isEqualTo(Outcome.CREATED);
  }

  @Test
  void secondaryRateLimitHonoursRetryAfter() {
    // A real secondary-limit answer (429, Retry-After: 8) recorded by hub4j.
    JsonNode recorded =
        FakeGitHub.recording(
                "hub4j/AbuseLimitHandlerTest/wiremock/testHandler_Wait_Secondary_Limits_Too_Many_Requests/mappings/2-r_h_t_fail.json")
            .get("response");
    gh.server.stubFor(
        get(urlPathEqualTo("/repos/octo-org/env-repo/pulls/7/comments"))
            .atPriority(1)
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("free")
            .willReturn(recordedResponse(recorded)));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsPosted()).isEqualTo(2);
    assertThat(gh.time.retryWaits()).containsExactly(Duration.ofSeconds(8));
  }

  @Test
  void secondaryRateLimitWithoutHeadersWaitsAMinute() {
    JsonNode recorded =
        FakeGitHub.recording(
                "hub4j/AbuseLimitHandlerTest/wiremock/testHandler_Wait_Secondary_Limits/mappings/2-r_h_t_fail.json")
            .get("response");
    gh.server.stubFor(
        get(urlPathEqualTo("/repos/octo-org/env-repo/issues/7/comments"))
            .atPriority(1)
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("free")
            .willReturn(recordedResponse(recorded)));

    gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(gh.time.retryWaits()).containsExactly(PolicyConnector.SECONDARY_LIMIT_WAIT);
  }

  @Test
  void primaryRateLimitWaitsUntilTheReset() {
    long reset = gh.time.instant().getEpochSecond() + 30;
    gh.server.stubFor(
        get(urlPathEqualTo("/repos/octo-org/env-repo/issues/7/comments"))
            .atPriority(1)
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("free")
            .willReturn(
                json(403, "{\"message\":\"API rate limit exceeded for installation ID 1.\"}")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(reset))));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.degraded()).isFalse();
    assertThat(gh.time.retryWaits()).containsExactly(Duration.ofSeconds(31));
  }

  @Test
  void rateLimitLongerThanTheBudgetGivesUpWithAMessage() {
    gh.server.stubFor(
        get(urlPathEqualTo("/repos/octo-org/env-repo/issues/7/comments"))
            .atPriority(1)
            .willReturn(
                json(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}")
                    .withHeader("Retry-After", "3600")));

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.degraded()).isTrue();
    assertThat(result.warnings()).anyMatch(w -> w.contains("3600 s") && w.contains("giving up"));
    assertThat(gh.time.retryWaits()).isEmpty();
    assertThat(result.check()).isEqualTo(Outcome.CREATED);
  }

  @Test
  void hundredFiftyFindingsAreCappedTruncatedAndBatched() {
    List<Finding> many = new ArrayList<>();
    String longHelp = "x".repeat(600);
    for (int i = 1; i <= 150; i++) {
      many.add(
          Finding.of(
                  "notes.missing",
                  Severity.ERROR,
                  new Location(ENV, i),
                  "pkg" + i,
                  "pip package pkg" + i + " has no justification " + longHelp,
                  longHelp)
              .withMark(DiffMark.ADDED));
    }
    Publication big = failing(SHA1, many);
    List<String> entries = new ArrayList<>();
    IntStream.rangeClosed(1, 150).forEach(i -> entries.add("- pkg" + i + " " + "y".repeat(800)));
    big =
        new Publication(
            big.owner(),
            big.repo(),
            big.pullRequest(),
            big.headSha(),
            big.comments(),
            new SummaryComment("## pipgate", entries),
            big.check(),
            big.reviewEvent(),
            big.commentMode(),
            big.checkRun());

    PublishResult result = gh.publisher().publish(big);

    assertThat(result.commentsPosted()).isEqualTo(GitHubPublisher.MAX_INLINE_COMMENTS_PER_REVIEW);
    assertThat(result.movedToSummary())
        .hasSize(150 - GitHubPublisher.MAX_INLINE_COMMENTS_PER_REVIEW);
    String summary = gh.github.summaries().get(0).path("body").asText();
    assertThat(summary.length()).isLessThanOrEqualTo(GitHubPublisher.MAX_COMMENT_BODY);
    assertThat(summary).containsPattern("_\\d+ more findings are only in the job summary");
    List<LoggedRequest> checkWrites =
        gh.writes().stream().filter(r -> r.getUrl().contains("/check-runs")).toList();
    assertThat(writeLines().stream().filter(l -> l.contains("/check-runs")))
        .containsExactly(
            "POST /repos/octo-org/env-repo/check-runs",
            "PATCH /repos/octo-org/env-repo/check-runs/"
                + gh.github.checkRuns.get(0).path("id").asLong(),
            "PATCH /repos/octo-org/env-repo/check-runs/"
                + gh.github.checkRuns.get(0).path("id").asLong());
    for (LoggedRequest w : checkWrites) {
      assertThat(body(w).path("output").path("annotations")).hasSize(50);
    }
    assertThat(gh.github.annotations.get(gh.github.checkRuns.get(0).path("id").asLong()))
        .hasSize(150);
    gh.resetRequests();

    gh.publisher().publish(big);
    assertThat(writeLines()).isEmpty();
  }

  @Test
  void worksAgainstGitHubEnterpriseServer() {
    gh.close();
    gh = new GitHubFixture("/api/v3");

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsPosted()).isEqualTo(2);
    assertThat(result.summary()).isEqualTo(Outcome.CREATED);
    assertThat(result.check()).isEqualTo(Outcome.CREATED);
    assertThat(gh.requests()).allMatch(r -> r.getUrl().startsWith("/api/v3/"));
    gh.resetRequests();
    gh.publisher().publish(failing(SHA1, twoFindings()));
    assertThat(writeLines()).isEmpty();
  }

  @Test
  void hostileRepositoryTextCannotMentionInjectOrForgeMarkers() {
    String evil = "@octocat <img src=x onerror=alert(1)> <!-- pipgate:summary --> `x` | ```";
    Finding f =
        Finding.of(
                "notes.missing",
                Severity.ERROR,
                new Location(ENV, 12),
                "evil",
                "pip package " + evil + " has no justification",
                "notes say: "
                    + evil
                    + "\n<!-- pipgate:fingerprint=00000000000000000000000000000000 -->")
            .withFix(new Suggestion("  - " + evil))
            .withMark(DiffMark.ADDED);
    Publication p = failing(SHA1, List.of(f));
    p =
        new Publication(
            p.owner(),
            p.repo(),
            p.pullRequest(),
            p.headSha(),
            p.comments(),
            new SummaryComment(
                "## pipgate",
                List.of(
                    "- " + MarkdownText.escape(evil),
                    "| " + MarkdownText.code(evil) + " | " + MarkdownText.escape(evil) + " |")),
            p.check(),
            p.reviewEvent(),
            p.commentMode(),
            p.checkRun());

    gh.publisher().publish(p);

    String comment = gh.github.reviewCommentsBy("pipgate-bot").get(0).path("body").asText();
    String prose = comment.substring(0, comment.indexOf("````suggestion"));
    assertThat(prose)
        .doesNotContain("@octocat")
        .doesNotContain("<img")
        .doesNotContain("<!--")
        .contains("@\u200boctocat");
    assertThat(prose.strip().lines()).as("help text stays one paragraph").hasSize(3);
    assertThat(Markers.fingerprintOf(comment)).contains(Markers.hash(f.fingerprint()));
    assertThat(comment)
        .contains("````suggestion\n  - " + evil + "\n````\n\n<!-- pipgate:fingerprint=");
    String summary = gh.github.summaries().get(0).path("body").asText();
    assertThat(summary)
        .containsOnlyOnce("<!-- pipgate:summary -->")
        .startsWith("<!-- pipgate:summary -->");
    // Code spans show their text literally (no mention, no HTML); outside them nothing is raw.
    String outsideCode = summary.replaceAll("````.*?````", "");
    assertThat(outsideCode).doesNotContain("@octocat").doesNotContain("<img");
    assertThat(summary.lines().skip(2)).noneMatch(l -> l.contains("<!--"));
    assertThat(summary.lines().filter(l -> l.startsWith("| ")))
        .singleElement()
        .asString()
        .endsWith(" |");
  }

  @Test
  void paginatesOverThreeHundredExistingComments() {
    ObjectNode person = gh.github.user("bob", "User");
    for (int i = 0; i < 320; i++) {
      gh.github.addReviewComment(person, ENV, 3, "nit " + i, null);
      gh.github.addIssueComment(person, "comment " + i);
    }
    gh.publisher().publish(failing(SHA1, twoFindings()));
    assertThat(gh.github.summaries()).hasSize(1);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(2);
    gh.resetRequests();

    gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(gh.writes()).as("pipgate's own comments are on page 4").isEmpty();
    assertThat(gh.requests().stream().filter(r -> r.getUrl().contains("/pulls/7/comments")))
        .hasSize(4);
    assertThat(gh.requests().stream().filter(r -> r.getUrl().contains("/issues/7/comments")))
        .hasSize(4);
    assertThat(gh.github.reviewCommentsBy("bob")).hasSize(320);
  }

  @Test
  void summaryFailureIsRepairedByTheNextRunWithoutPostingTwice() {
    MappingBuilder broken =
        post(urlPathEqualTo("/repos/octo-org/env-repo/issues/7/comments"))
            .atPriority(1)
            .willReturn(json(500, "{\"message\":\"Server Error\"}"));
    gh.server.stubFor(broken);

    PublishResult first = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(first.commentsPosted()).isEqualTo(2);
    assertThat(first.summary()).isEqualTo(Outcome.FAILED);
    assertThat(first.degraded()).isTrue();
    assertThat(gh.github.summaries()).isEmpty();
    gh.server.removeStub(broken);
    gh.resetRequests();

    PublishResult second = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(second.commentsPosted()).isZero();
    assertThat(second.summary()).isEqualTo(Outcome.CREATED);
    assertThat(gh.github.reviews).hasSize(1);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(2);
    assertThat(writeLines()).containsExactly("POST /repos/octo-org/env-repo/issues/7/comments");
  }

  @Test
  void installationTokenRecognisesBotCommentsAndNeverTouchesPeoplesComments() {
    gh.github.installationToken = true;
    gh.github.tokenUser = gh.github.user("github-actions[bot]", "Bot");
    String stolenMarker =
        "I copied this\n\n" + Markers.fingerprint(Markers.hash(twoFindings().get(0).fingerprint()));
    ObjectNode mallory = gh.github.user("mallory", "User");
    ObjectNode forged = gh.github.addReviewComment(mallory, ENV, 12, stolenMarker, null);
    ObjectNode forgedSummary = gh.github.addIssueComment(mallory, "<!-- pipgate:summary -->\nfake");

    gh.publisher().publish(failing(SHA1, twoFindings()));
    gh.publisher().publish(publication(SHA2, List.of(), ReviewEvent.COMMENT, Conclusion.SUCCESS));

    assertThat(gh.github.reviewComments).contains(forged);
    assertThat(forged.path("body").asText()).isEqualTo(stolenMarker);
    assertThat(forgedSummary.path("body").asText()).isEqualTo("<!-- pipgate:summary -->\nfake");
    assertThat(gh.github.reviewCommentsBy("github-actions[bot]")).isEmpty();
    assertThat(gh.github.summaries()).hasSize(2);
  }

  @Test
  void duplicateCommentsFromAnInterruptedRunAreCleanedUp() {
    gh.publisher().publish(failing(SHA1, twoFindings()));
    ObjectNode original = gh.github.reviewCommentsBy("pipgate-bot").get(0);
    gh.github.addReviewComment(
        gh.github.tokenUser,
        ENV,
        original.path("line").asInt(),
        original.path("body").asText(),
        null);
    gh.resetRequests();

    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));

    assertThat(result.commentsDeleted()).isEqualTo(1);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(2).contains(original);
  }

  @Test
  void pushWithoutPullRequestOnlyWritesTheCheckRun() {
    Publication p = failing(SHA1, twoFindings());
    p =
        new Publication(
            p.owner(),
            p.repo(),
            OptionalInt.empty(),
            p.headSha(),
            p.comments(),
            p.summary(),
            p.check(),
            p.reviewEvent(),
            p.commentMode(),
            p.checkRun());

    PublishResult result = gh.publisher().publish(p);

    assertThat(result.summary()).isEqualTo(Outcome.SKIPPED);
    assertThat(writeLines()).containsExactly("POST /repos/octo-org/env-repo/check-runs");
  }

  @Test
  void summaryModePostsNoReviewAndOffModeNoComments() {
    Publication p = failing(SHA1, twoFindings());
    Publication summaryOnly =
        new Publication(
            p.owner(),
            p.repo(),
            p.pullRequest(),
            p.headSha(),
            p.comments(),
            p.summary(),
            p.check(),
            p.reviewEvent(),
            CommentMode.SUMMARY,
            false);

    gh.publisher().publish(summaryOnly);

    assertThat(writeLines()).containsExactly("POST /repos/octo-org/env-repo/issues/7/comments");
    gh.resetRequests();
    Publication off =
        new Publication(
            p.owner(),
            p.repo(),
            p.pullRequest(),
            p.headSha(),
            p.comments(),
            p.summary(),
            p.check(),
            p.reviewEvent(),
            CommentMode.OFF,
            false);
    assertThat(gh.publisher().publish(off).writeRequests()).isZero();
    assertThat(gh.requests()).isEmpty();
  }

  @Test
  void tokenNeverLeavesInMessages() {
    gh.github.readOnly = true;
    PublishResult result = gh.publisher().publish(failing(SHA1, twoFindings()));
    assertThat(String.join("\n", result.warnings()) + String.join("\n", result.notPosted()))
        .doesNotContain("ghs_secretTokenValue");
    assertThat(gh.requests().get(0).getHeader("Authorization"))
        .isEqualTo("Bearer ghs_secretTokenValue");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  /** A recorded WireMock response, without the headers hub4j templated with {@code {{now}}}. */
  private static ResponseDefinitionBuilder recordedResponse(JsonNode recorded) {
    ResponseDefinitionBuilder b =
        aResponse()
            .withStatus(recorded.path("status").asInt())
            .withBody(recorded.path("body").asText());
    Iterator<Map.Entry<String, JsonNode>> headers = recorded.path("headers").fields();
    while (headers.hasNext()) {
      Map.Entry<String, JsonNode> h = headers.next();
      if (h.getValue().isTextual() && !h.getValue().asText().contains("{{")) {
        b.withHeader(h.getKey(), h.getValue().asText());
      }
    }
    return b;
  }

  @Test
  void unreachableGitHubIsRetriedThenReported() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    GitHubPublisher offline =
        new GitHubPublisher(
            new GitHubConnection(
                java.net.URI.create("http://127.0.0.1:" + port), "t", gh.time, gh.time));

    PublishResult result = offline.publish(failing(SHA1, twoFindings()));

    assertThat(result.degraded()).isTrue();
    assertThat(result.warnings()).anyMatch(w -> w.contains("no answer from GitHub after 5 tries"));
    assertThat(gh.time.retryWaits())
        .isNotEmpty()
        .allMatch(d -> d.compareTo(PolicyConnector.MAX_TOTAL_WAIT) < 0);
  }

  @Test
  void requestingChangesOnOwnPullRequestFallsBackToComment() {
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/octo-org/env-repo/pulls/7/reviews"))
            .atPriority(1)
            .inScenario("own")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("commented")
            .willReturn(
                json(
                    422,
                    "{\"message\":\"Unprocessable Entity\",\"errors\":[\"Can not request changes on"
                        + " your own pull request\"]}")));

    PublishResult result =
        gh.publisher()
            .publish(
                publication(SHA1, twoFindings(), ReviewEvent.REQUEST_CHANGES, Conclusion.FAILURE));

    assertThat(result.commentsPosted()).isEqualTo(2);
    assertThat(gh.github.reviews)
        .singleElement()
        .satisfies(r -> assertThat(r.path("state").asText()).isEqualTo("COMMENTED"));
  }
}
