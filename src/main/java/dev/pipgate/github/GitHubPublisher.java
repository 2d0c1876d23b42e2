package dev.pipgate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.github.Publication.Annotation;
import dev.pipgate.github.Publication.CheckOutcome;
import dev.pipgate.github.Publication.CommentMode;
import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.github.Publication.ReviewEvent;
import dev.pipgate.github.PublishResult.Outcome;
import dev.pipgate.report.MarkdownText;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Publishes a finished review on GitHub: one review with the inline comments that are not there
 * yet, a sticky summary comment, and a check run (or a commit status). Re-running with the same
 * result writes nothing; a token that may not write degrades to a result that says what was not
 * posted, never to an exception.
 *
 * <p>Whose comments are pipgate's: a comment counts only when it carries a pipgate marker at its
 * fixed place <em>and</em> its author is the token's user. {@code GET /user} names that user for
 * personal and OAuth tokens; for installation tokens (the workflow's {@code github.token} acts as
 * {@code github-actions[bot]}) it answers 403 "Resource not accessible by integration", and then a
 * comment counts when its author's {@code type} is {@code Bot}. A person's comment is never edited,
 * deleted or answered, whatever it contains.
 */
public final class GitHubPublisher {
  /**
   * New inline comments per review. Not an API limit: every comment notifies, and GitHub's
   * secondary limits punish "creating content too quickly" (pulls/create-review description); the
   * rest goes to the summary.
   */
  static final int MAX_INLINE_COMMENTS_PER_REVIEW = 50;

  /**
   * Review requests per run while splitting comments GitHub refused (each one that lands notifies,
   * and each write waits a second): one bad line among 2 costs 3, among 8 costs 7.
   */
  static final int MAX_REVIEW_REQUESTS = 10;

  /**
   * Longest comment or review body: "Body is too long (maximum is 65536 characters)", a 422 the API
   * enforces though the OpenAPI description has no maxLength (REVIEW-API-FACTS.md §3).
   */
  static final int MAX_COMMENT_BODY = 65_536;

  /** {@code output.summary} and {@code output.text}: {@code maxLength: 65535} (checks/create). */
  static final int MAX_CHECK_OUTPUT = 65_535;

  /** {@code output.annotations}: {@code maxItems: 50} per create or update request. */
  static final int MAX_ANNOTATIONS_PER_REQUEST = 50;

  /** Annotations per check run pipgate sends at most (each 50 cost one write request). */
  static final int MAX_ANNOTATIONS = 1000;

  /** Annotation {@code title}: 255 characters (checks/create). */
  static final int MAX_ANNOTATION_TITLE = 255;

  /**
   * Annotation {@code message}: "maximum size is 64 KB" (checks/create); counted in characters, so
   * at most 4 UTF-8 bytes each.
   */
  static final int MAX_ANNOTATION_MESSAGE = 16_000;

  /** Commit status {@code description}: GitHub cuts it at 140 characters. */
  static final int MAX_STATUS_DESCRIPTION = 140;

  static final String CHECK_NAME = "pipgate";

  /** Tells pipgate's check runs from a workflow job that happens to be called "pipgate". */
  static final String CHECK_EXTERNAL_ID = "pipgate";

  static final String STATUS_CONTEXT = "pipgate";

  static final String FORK_SAFE_WARNING =
      """
      pipgate could not write to GitHub with this token (read-only: a pull request from a fork, \
      or missing 'pull-requests: write' / 'checks: write' permissions). The findings are in the \
      job summary, the annotations and the exit code. To comment on pull requests from forks \
      safely, run pipgate on 'pull_request' (read-only, untrusted code) and publish its result \
      from a second workflow triggered by 'workflow_run', which gets a write token but never \
      checks out the fork's code.""";

  private final GitHubRest rest;

  GitHubPublisher(GitHubRest rest) {
    this.rest = rest;
  }

  /** Opens the REST transport {@link #connect} publishes through. */
  @FunctionalInterface
  interface Transport {
    Transport REAL =
        (apiUrl, token) -> new GitHubRest(apiUrl, token, Sleeper.REAL, Clock.systemUTC());

    GitHubRest open(URI apiUrl, String token);
  }

  /**
   * The transport of {@link #connect}. End-to-end tests of the action in this package reach the
   * publisher only through {@code Main.run}, so they swap this for one on a fake clock: the spacing
   * between writes and the back-offs are real seconds otherwise.
   */
  static volatile Transport transport = Transport.REAL;

  /** A publisher for the API at {@code apiUrl} (api.github.com, or {@code https://host/api/v3}). */
  public static GitHubPublisher connect(URI apiUrl, String token) {
    return new GitHubPublisher(transport.open(apiUrl, token));
  }

  /**
   * The head commit of a pull request, to check that a saved result (fork-safe pair) belongs to the
   * pull request it names.
   */
  public Optional<String> pullRequestHeadSha(String owner, String repo, int number) {
    try {
      String sha =
          rest.get("/repos/" + owner + "/" + repo + "/pulls/" + number)
              .path("head")
              .path("sha")
              .asText("");
      return sha.isEmpty() ? Optional.empty() : Optional.of(sha);
    } catch (GitHubApiException e) {
      return Optional.empty();
    }
  }

  public PublishResult publish(Publication publication) {
    return new Run(publication).execute();
  }

  /** The state of one publication. */
  private final class Run {
    private final Publication p;
    private final String repoPath;
    private final int writesBefore;
    private Identity identity;
    private int posted;
    private int edited;
    private int deleted;
    private int replies;
    private int dismissed;
    private final List<InlineComment> moved = new ArrayList<>();
    private final Set<String> refused = new TreeSet<>();
    private final List<String> notPosted = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean forbidden;
    private ReviewEvent event;
    private int reviewRequests;
    private String refusedMessage;

    Run(Publication p) {
      this.p = p;
      this.repoPath = "/repos/" + p.owner() + "/" + p.repo();
      this.writesBefore = rest.writeRequests();
    }

    PublishResult execute() {
      Outcome summary = Outcome.SKIPPED;
      Outcome check = Outcome.SKIPPED;
      if (p.pullRequest().isPresent() && p.commentMode() != CommentMode.OFF) {
        identity = Identity.of(rest);
        int pr = p.pullRequest().getAsInt();
        Optional<List<JsonNode>> issueComments =
            attempt(
                "summary comment",
                () -> Optional.of(rest.list(repoPath + "/issues/" + pr + "/comments")),
                Optional.empty());
        if (p.commentMode() == CommentMode.REVIEW) {
          Set<String> knownRefused =
              issueComments
                  .map(this::ourSummaries)
                  .filter(ours -> !ours.isEmpty())
                  .map(ours -> Markers.unplacedIn(ours.get(0).path("body").asText(), p.headSha()))
                  .orElse(Set.of());
          attempt("review", () -> review(pr, knownRefused), false);
        }
        if (issueComments.isPresent()) {
          summary =
              attempt("summary comment", () -> summary(pr, issueComments.get()), Outcome.FAILED);
        } else {
          summary = Outcome.FAILED;
        }
      }
      if (p.checkRun()) {
        check = attempt("check run", this::check, Outcome.FAILED);
      }
      List<String> allWarnings = new ArrayList<>();
      if (forbidden) {
        allWarnings.add(FORK_SAFE_WARNING);
      }
      allWarnings.addAll(warnings);
      return new PublishResult(
          posted,
          edited,
          deleted,
          replies,
          dismissed,
          summary,
          check,
          moved,
          notPosted,
          allWarnings,
          !notPosted.isEmpty(),
          rest.writeRequests() - writesBefore);
    }

    /** Runs one part; a GitHub failure is recorded, never thrown. */
    private <T> T attempt(String part, Supplier<T> action, T onFailure) {
      try {
        return action.get();
      } catch (GitHubApiException e) {
        notPosted.add(part + ": " + e.getMessage());
        if (e.forbidden()) {
          forbidden = true;
        } else {
          warnings.add("pipgate could not publish the " + part + ": " + e.getMessage());
        }
        return onFailure;
      }
    }

    // ---- inline comments ------------------------------------------------------------------

    private boolean review(int pr, Set<String> knownRefused) {
      List<JsonNode> all = rest.list(repoPath + "/pulls/" + pr + "/comments");
      Map<Long, List<JsonNode>> repliesByRoot = new HashMap<>();
      List<JsonNode> ours = new ArrayList<>();
      for (JsonNode c : all) {
        long root = c.path("in_reply_to_id").asLong(0);
        if (root != 0) {
          repliesByRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(c);
        } else if (identity.owns(c.path("user"))
            && Markers.fingerprintOf(c.path("body").asText()).isPresent()) {
          ours.add(c);
        }
      }
      ours.sort(Comparator.comparingLong(c -> c.path("id").asLong()));

      Map<String, InlineComment> wanted = new LinkedHashMap<>();
      p.comments().stream()
          .sorted(
              Comparator.comparing(InlineComment::path)
                  .thenComparingInt(InlineComment::line)
                  .thenComparing(InlineComment::fingerprint))
          .forEach(c -> wanted.putIfAbsent(Markers.hash(c.fingerprint()), c));

      Map<String, JsonNode> present = new HashMap<>();
      List<JsonNode> stale = new ArrayList<>();
      List<JsonNode> superseded = new ArrayList<>();
      for (JsonNode c : ours) {
        String hash = Markers.fingerprintOf(c.path("body").asText()).orElseThrow();
        boolean outdated = c.path("line").isNull() || c.path("line").isMissingNode();
        if (!wanted.containsKey(hash)) {
          stale.add(c);
        } else if (outdated || present.containsKey(hash)) {
          superseded.add(c);
        } else {
          present.put(hash, c);
        }
      }

      // The cap counts comments already in place, so a re-run lands on the same selection.
      int room = Math.max(0, MAX_INLINE_COMMENTS_PER_REVIEW - present.size());
      List<InlineComment> fresh = new ArrayList<>();
      Map<JsonNode, String> edits = new LinkedHashMap<>();
      for (Map.Entry<String, InlineComment> e : wanted.entrySet()) {
        String body = inlineBody(e.getValue());
        JsonNode existing = present.get(e.getKey());
        if (existing == null) {
          if (knownRefused.contains(e.getKey())) {
            moved.add(e.getValue());
            refused.add(e.getKey());
          } else if (fresh.size() < room) {
            fresh.add(e.getValue());
          } else {
            moved.add(e.getValue());
          }
        } else if (!Markers.normalise(existing.path("body").asText())
            .equals(Markers.normalise(body))) {
          edits.put(existing, body);
        }
      }

      List<JsonNode> reviews = rest.list(repoPath + "/pulls/" + pr + "/reviews");
      List<JsonNode> ourChangeRequests =
          reviews.stream()
              .filter(r -> identity.owns(r.path("user")))
              .filter(r -> Markers.isReview(r.path("body").asText()))
              .filter(r -> r.path("state").asText().equals("CHANGES_REQUESTED"))
              .toList();
      boolean requestChanges = p.reviewEvent() == ReviewEvent.REQUEST_CHANGES;
      if (!fresh.isEmpty() || (requestChanges && ourChangeRequests.isEmpty())) {
        postReview(pr, fresh);
      }
      for (Map.Entry<JsonNode, String> e : edits.entrySet()) {
        rest.writeOk(
            "PATCH",
            repoPath + "/pulls/comments/" + e.getKey().path("id").asLong(),
            object().put("body", e.getValue()));
        edited++;
      }
      for (JsonNode c : stale) {
        retire(pr, c, repliesByRoot.getOrDefault(c.path("id").asLong(), List.of()), true);
      }
      for (JsonNode c : superseded) {
        retire(pr, c, repliesByRoot.getOrDefault(c.path("id").asLong(), List.of()), false);
      }
      if (!requestChanges) {
        for (JsonNode r : ourChangeRequests) {
          rest.writeOk(
              "PUT",
              repoPath + "/pulls/" + pr + "/reviews/" + r.path("id").asLong() + "/dismissals",
              object()
                  .put(
                      "message",
                      "No blocking pipgate findings remain at " + p.headSha().substring(0, 12))
                  .put("event", "DISMISS"));
          dismissed++;
        }
      }
      return true;
    }

    /**
     * The new comments as one review. GitHub rejects a whole review with one joined 422 message
     * when any comment's line is outside the diff, without saying which (REVIEW-API-FACTS.md §2):
     * then the comments are split in halves and each half is tried as its own review, so the
     * placeable ones still land and only the refused ones move to the summary (remembered there for
     * this head SHA, so a re-run does not try again). The splitting stops at {@link
     * #MAX_REVIEW_REQUESTS}; what is undecided then moves to the summary too. Only the first review
     * that lands requests changes; when none does and it has to, a review without comments does.
     */
    private void postReview(int pr, List<InlineComment> fresh) {
      event = p.reviewEvent();
      if (!fresh.isEmpty()) {
        place(pr, fresh);
      }
      if (refusedMessage != null) {
        warnings.add(
            "GitHub refused "
                + refused.size()
                + " inline comment(s) ("
                + refusedMessage
                + "); they are in the summary comment instead");
      }
      if (event == ReviewEvent.REQUEST_CHANGES) {
        GitHubRest.Response r = sendReview(pr, List.of());
        if (r != null) {
          GitHubRest.expectOk("POST", repoPath + "/pulls/" + pr + "/reviews", r);
        }
      }
    }

    /** Places {@code comments}, splitting them on GitHub's 422 while requests are left. */
    private void place(int pr, List<InlineComment> comments) {
      if (reviewRequests < MAX_REVIEW_REQUESTS) {
        GitHubRest.Response r = sendReview(pr, comments);
        if (r.ok()) {
          posted += comments.size();
          return;
        }
        if (r.status() != 422) {
          GitHubRest.expectOk("POST", repoPath + "/pulls/" + pr + "/reviews", r);
        }
        if (refusedMessage == null) {
          refusedMessage = r.message();
        }
        if (comments.size() > 1 && reviewRequests < MAX_REVIEW_REQUESTS) {
          int half = comments.size() / 2;
          place(pr, comments.subList(0, half));
          place(pr, comments.subList(half, comments.size()));
          return;
        }
      }
      for (InlineComment c : comments) {
        moved.add(c);
        refused.add(Markers.hash(c.fingerprint()));
      }
    }

    /**
     * One review request with the current event; null when there is nothing to post. A review that
     * requested changes turns the event for the rest of this run into COMMENT.
     */
    private GitHubRest.Response sendReview(int pr, List<InlineComment> comments) {
      while (!(comments.isEmpty() && event == ReviewEvent.COMMENT)) {
        reviewRequests++;
        GitHubRest.Response r =
            rest.write(
                "POST", repoPath + "/pulls/" + pr + "/reviews", reviewRequest(event, comments));
        if (r.status() == 422 && event == ReviewEvent.REQUEST_CHANGES && ownPullRequest(r)) {
          // "Can not request changes on your own pull request": only COMMENT is allowed.
          event = ReviewEvent.COMMENT;
          continue;
        }
        if (r.ok()) {
          event = ReviewEvent.COMMENT;
        }
        return r;
      }
      return null;
    }

    private boolean ownPullRequest(GitHubRest.Response r) {
      return r.message().toLowerCase(Locale.ROOT).contains("own pull request");
    }

    private ObjectNode reviewRequest(ReviewEvent event, List<InlineComment> comments) {
      ObjectNode body = object();
      body.put("commit_id", p.headSha());
      String text =
          event == ReviewEvent.REQUEST_CHANGES
              ? "pipgate found problems that block this change; see the comments and the summary."
              : "pipgate has " + comments.size() + " new comment(s) on this change.";
      body.put("body", text + "\n\n" + Markers.REVIEW);
      body.put("event", event.name());
      ArrayNode array = body.putArray("comments");
      for (InlineComment c : comments) {
        array
            .addObject()
            .put("path", c.path())
            .put("line", c.line())
            .put("side", "RIGHT")
            .put("body", inlineBody(c));
      }
      return body;
    }

    /**
     * A comment whose finding is gone ({@code stale}) or that a newer one replaces: deleted, unless
     * a person replied in its thread; then a stale one is answered once, and kept.
     */
    private void retire(int pr, JsonNode comment, List<JsonNode> thread, boolean stale) {
      boolean personReplied = thread.stream().anyMatch(r -> !identity.owns(r.path("user")));
      long id = comment.path("id").asLong();
      if (!personReplied) {
        rest.writeOk("DELETE", repoPath + "/pulls/comments/" + id, null);
        deleted++;
        return;
      }
      boolean answered =
          thread.stream()
              .anyMatch(
                  r ->
                      identity.owns(r.path("user"))
                          && Markers.isResolvedReply(r.path("body").asText()));
      if (stale && !answered) {
        String hash = Markers.fingerprintOf(comment.path("body").asText()).orElseThrow();
        rest.writeOk(
            "POST",
            repoPath + "/pulls/" + pr + "/comments/" + id + "/replies",
            object().put("body", "Resolved in " + p.headSha() + ".\n\n" + Markers.resolved(hash)));
        replies++;
      }
    }

    private String inlineBody(InlineComment c) {
      String marker = "\n\n" + Markers.fingerprint(Markers.hash(c.fingerprint()));
      String body = c.body();
      int room = MAX_COMMENT_BODY - marker.length();
      if (body.length() > room) {
        String note = "\n\n(cut: the full text is in the job summary)";
        body = body.substring(0, room - note.length()) + note;
      }
      return body + marker;
    }

    // ---- summary comment ------------------------------------------------------------------

    private List<JsonNode> ourSummaries(List<JsonNode> issueComments) {
      return issueComments.stream()
          .filter(c -> identity.owns(c.path("user")))
          .filter(c -> Markers.isSummary(c.path("body").asText()))
          .sorted(Comparator.comparingLong(c -> c.path("id").asLong()))
          .toList();
    }

    private Outcome summary(int pr, List<JsonNode> issueComments) {
      List<JsonNode> ours = ourSummaries(issueComments);
      String body = summaryBody();
      Outcome outcome;
      if (ours.isEmpty()) {
        rest.writeOk("POST", repoPath + "/issues/" + pr + "/comments", object().put("body", body));
        outcome = Outcome.CREATED;
      } else {
        JsonNode first = ours.get(0);
        if (Markers.normalise(first.path("body").asText()).equals(Markers.normalise(body))) {
          outcome = Outcome.UNCHANGED;
        } else {
          rest.writeOk(
              "PATCH",
              repoPath + "/issues/comments/" + first.path("id").asLong(),
              object().put("body", body));
          outcome = Outcome.UPDATED;
        }
      }
      // Earlier runs that failed half-way may have left a second summary: keep one.
      for (JsonNode extra : ours.subList(Math.min(1, ours.size()), ours.size())) {
        rest.writeOk("DELETE", repoPath + "/issues/comments/" + extra.path("id").asLong(), null);
      }
      return outcome;
    }

    private String summaryBody() {
      // Line 2 is always pipgate's own, so that summary text can never stand in for it.
      StringBuilder head = new StringBuilder(Markers.SUMMARY).append('\n');
      head.append(Markers.unplaced(p.headSha(), refused)).append('\n');
      head.append(p.summary().markdown().strip());
      List<String> entries = p.summary().findingEntries();
      List<String> movedEntries = new ArrayList<>();
      for (InlineComment c : moved) {
        String firstParagraph = c.body().split("\n\n", 2)[0].replace('\n', ' ');
        movedEntries.add(
            "- " + MarkdownText.code(c.path() + ":" + c.line()) + " " + firstParagraph);
      }
      return SummaryText.fit(head.toString(), entries, movedEntries, MAX_COMMENT_BODY);
    }

    // ---- check run ------------------------------------------------------------------------

    private Outcome check() {
      CheckOutcome out = p.check();
      String title = out.title().isBlank() ? "pipgate" : out.title();
      String summary =
          SummaryText.cut(out.summary().isBlank() ? title : out.summary(), MAX_CHECK_OUTPUT);
      String text = SummaryText.cut(out.text(), MAX_CHECK_OUTPUT);
      List<ObjectNode> annotations =
          out.annotations().stream().limit(MAX_ANNOTATIONS).map(this::annotation).toList();
      String conclusion = out.conclusion().name().toLowerCase(Locale.ROOT);

      List<JsonNode> runs =
          rest.list(
              repoPath
                  + "/commits/"
                  + p.headSha()
                  + "/check-runs?check_name="
                  + CHECK_NAME
                  + "&filter=all");
      Optional<JsonNode> existing =
          runs.stream()
              .filter(r -> CHECK_NAME.equals(r.path("name").asText()))
              .filter(r -> CHECK_EXTERNAL_ID.equals(r.path("external_id").asText()))
              .max(Comparator.comparingLong(r -> r.path("id").asLong()));
      if (existing.isEmpty()) {
        Optional<JsonNode> status = latestStatus();
        if (status.isPresent()) {
          // An earlier run on this commit could not create check runs: stay with the status.
          return setStatus(status);
        }
        return createCheckRun(conclusion, title, summary, text, annotations);
      }
      JsonNode run = existing.get();
      JsonNode output = run.path("output");
      boolean sameText =
          conclusion.equals(run.path("conclusion").asText())
              && title.equals(output.path("title").asText())
              && summary.equals(output.path("summary").asText())
              && text.equals(output.path("text").asText(""));
      boolean sameAnnotations =
          output.path("annotations_count").asInt(-1) == annotations.size()
              && (annotations.isEmpty() || sameAnnotations(run.path("id").asLong(), annotations));
      if (sameText && sameAnnotations) {
        return Outcome.UNCHANGED;
      }
      if (!sameAnnotations) {
        // An update appends annotations, it cannot replace them: a new run with the same name
        // takes the old one's place on the commit.
        return createCheckRun(conclusion, title, summary, text, annotations);
      }
      ObjectNode update = object().put("status", "completed").put("conclusion", conclusion);
      update.set("output", output(title, summary, text, List.of()));
      GitHubRest.Response r =
          rest.write("PATCH", repoPath + "/check-runs/" + run.path("id").asLong(), update);
      if (r.status() == 403 || r.status() == 404) {
        return createCheckRun(conclusion, title, summary, text, annotations);
      }
      GitHubRest.expectOk("PATCH", repoPath + "/check-runs/" + run.path("id").asLong(), r);
      return Outcome.UPDATED;
    }

    private Outcome createCheckRun(
        String conclusion, String title, String summary, String text, List<ObjectNode> all) {
      ObjectNode create =
          object()
              .put("name", CHECK_NAME)
              .put("head_sha", p.headSha())
              .put("external_id", CHECK_EXTERNAL_ID)
              .put("status", "completed")
              .put("conclusion", conclusion);
      int first = Math.min(all.size(), MAX_ANNOTATIONS_PER_REQUEST);
      create.set("output", output(title, summary, text, all.subList(0, first)));
      GitHubRest.Response r = rest.write("POST", repoPath + "/check-runs", create);
      if (r.status() == 403 || r.status() == 404) {
        // The token may not create check runs (no 'checks: write'): a commit status says the same.
        return setStatus(Optional.empty());
      }
      long id = GitHubRest.expectOk("POST", repoPath + "/check-runs", r).path("id").asLong();
      for (int from = first; from < all.size(); from += MAX_ANNOTATIONS_PER_REQUEST) {
        List<ObjectNode> batch =
            all.subList(from, Math.min(all.size(), from + MAX_ANNOTATIONS_PER_REQUEST));
        rest.writeOk(
            "PATCH",
            repoPath + "/check-runs/" + id,
            object().set("output", output(title, summary, null, batch)));
      }
      return Outcome.CREATED;
    }

    private Optional<JsonNode> latestStatus() {
      return rest.list(repoPath + "/commits/" + p.headSha() + "/statuses").stream()
          .filter(s -> STATUS_CONTEXT.equalsIgnoreCase(s.path("context").asText()))
          .max(Comparator.comparingLong(s -> s.path("id").asLong()));
    }

    private Outcome setStatus(Optional<JsonNode> latest) {
      String state =
          p.check().conclusion() == Publication.Conclusion.FAILURE ? "failure" : "success";
      String description = p.check().title().isBlank() ? "pipgate" : p.check().title();
      description = SummaryText.cut(description.replaceAll("\\s+", " "), MAX_STATUS_DESCRIPTION);
      if (latest.isPresent()
          && state.equals(latest.get().path("state").asText())
          && description.equals(latest.get().path("description").asText())) {
        return Outcome.STATUS_INSTEAD;
      }
      rest.writeOk(
          "POST",
          repoPath + "/statuses/" + p.headSha(),
          object()
              .put("state", state)
              .put("description", description)
              .put("context", STATUS_CONTEXT));
      return Outcome.STATUS_INSTEAD;
    }

    private boolean sameAnnotations(long runId, List<ObjectNode> wanted) {
      List<String> have =
          rest.list(repoPath + "/check-runs/" + runId + "/annotations").stream()
              .map(GitHubPublisher::annotationKey)
              .sorted()
              .toList();
      List<String> want = wanted.stream().map(GitHubPublisher::annotationKey).sorted().toList();
      return have.equals(want);
    }

    private ObjectNode annotation(Annotation a) {
      return object()
          .put("path", a.path())
          .put("start_line", a.startLine())
          .put("end_line", a.endLine())
          .put("annotation_level", a.level().name().toLowerCase(Locale.ROOT))
          .put("title", SummaryText.cut(a.title(), MAX_ANNOTATION_TITLE))
          .put("message", SummaryText.cut(a.message(), MAX_ANNOTATION_MESSAGE));
    }

    private ObjectNode output(String title, String summary, String text, List<ObjectNode> ann) {
      ObjectNode o = object().put("title", title).put("summary", summary);
      if (text != null) {
        o.put("text", text);
      }
      if (!ann.isEmpty()) {
        o.putArray("annotations").addAll(ann);
      }
      return o;
    }
  }

  private static String annotationKey(JsonNode a) {
    return List.of(
            a.path("path").asText(),
            a.path("start_line").asText(),
            a.path("end_line").asText(),
            a.path("annotation_level").asText(),
            a.path("title").asText(""),
            a.path("message").asText(""))
        .stream()
        .collect(Collectors.joining("\u0000"));
  }

  private static ObjectNode object() {
    return GitHubRest.JSON.createObjectNode();
  }

  /** Whose comments are pipgate's own (see the class comment). */
  record Identity(String login) {
    static Identity of(GitHubRest rest) {
      try {
        String login = rest.get("/user").path("login").asText("");
        return new Identity(login.isEmpty() ? null : login);
      } catch (GitHubApiException e) {
        return new Identity(null);
      }
    }

    boolean owns(JsonNode user) {
      if (login != null) {
        return login.equalsIgnoreCase(user.path("login").asText());
      }
      return "Bot".equals(user.path("type").asText());
    }
  }
}
