package dev.pipgate.github;

import static dev.pipgate.github.GitHubConnection.PER_PAGE;
import static dev.pipgate.github.GitHubConnection.call;

import dev.pipgate.github.Publication.Annotation;
import dev.pipgate.github.Publication.CheckOutcome;
import dev.pipgate.github.Publication.CommentMode;
import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.github.Publication.ReviewEvent;
import dev.pipgate.github.PublishResult.Outcome;
import dev.pipgate.report.MarkdownText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHPullRequestReviewBuilder;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHPullRequestReviewEvent;
import org.kohsuke.github.GHPullRequestReviewState;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/**
 * Publishes a finished review on GitHub: one review with the inline comments that are not there
 * yet, a sticky summary comment, and a check run (or a commit status). Re-running with the same
 * result writes nothing; a token that may not write degrades to a result that says what was not
 * posted, never to an exception. Every request goes through one hub4j {@link GitHub} ({@link
 * GitHubConnection}).
 *
 * <p>Whose comments are pipgate's: a comment counts only when it carries a pipgate marker at its
 * fixed place <em>and</em> its author is the token's user. {@code GET /user} names that user for
 * personal and OAuth tokens; for installation tokens (the workflow's {@code github.token} acts as
 * {@code github-actions[bot]}) it answers 403 "Resource not accessible by integration", and then a
 * comment counts when its author is a GitHub App's bot account: a login ending in {@code [bot]},
 * which no person's login can (logins are letters, digits and hyphens). A person's comment is never
 * edited, deleted or answered, whatever it contains.
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

  private final GitHubConnection connection;
  private final GitHub github;

  GitHubPublisher(GitHubConnection connection) {
    this.connection = connection;
    this.github = connection.github();
  }

  /** A publisher for the API at {@code apiUrl} (api.github.com, or {@code https://host/api/v3}). */
  public static GitHubPublisher connect(URI apiUrl, String token) {
    return new GitHubPublisher(GitHubConnection.open(apiUrl, token));
  }

  /** Shared policies read through this publisher's connection (and token), once each. */
  public dev.pipgate.config.PolicySource policySource() {
    return connection.policies();
  }

  /**
   * The head commit of a pull request, to check that a saved result (fork-safe pair) belongs to the
   * pull request it names.
   */
  public Optional<String> pullRequestHeadSha(String owner, String repo, int number) {
    try {
      String sha =
          call("pull request " + number, () -> pullRequest(owner, repo, number).getHead()).getSha();
      return sha == null || sha.isEmpty() ? Optional.empty() : Optional.of(sha);
    } catch (GitHubApiException e) {
      return Optional.empty();
    }
  }

  private final Map<String, GHRepository> repositories = new HashMap<>();
  private final Map<String, GHPullRequest> pullRequests = new HashMap<>();

  /** A repository, read once per publisher: the head check and the publication share it. */
  private GHRepository repository(String owner, String repo) {
    String key = owner + "/" + repo;
    GHRepository r = repositories.get(key);
    if (r == null) {
      r = call("repository " + key, () -> github.getRepository(key));
      repositories.put(key, r);
    }
    return r;
  }

  /** A pull request, read once per publisher. */
  private GHPullRequest pullRequest(String owner, String repo, int number) {
    String key = owner + "/" + repo + "#" + number;
    GHPullRequest pr = pullRequests.get(key);
    if (pr == null) {
      GHRepository r = repository(owner, repo);
      pr = call("pull request " + number, () -> r.getPullRequest(number));
      pullRequests.put(key, pr);
    }
    return pr;
  }

  public PublishResult publish(Publication publication) {
    return new Run(publication).execute();
  }

  /** A review comment as pipgate reads it: the author's login is fetched once per login. */
  private record ReviewComment(
      GHPullRequestReviewComment raw,
      long id,
      String login,
      String body,
      long inReplyTo,
      int line) {
    static ReviewComment of(GHPullRequestReviewComment c) {
      String login =
          authorLogin("author of review comment " + c.getId(), () -> c.getUser().getLogin());
      return new ReviewComment(
          c, c.getId(), login, nullToEmpty(c.getBody()), c.getInReplyToId(), c.getLine());
    }

    boolean isReply() {
      return inReplyTo > 0;
    }

    /** A comment whose line left the diff has no line (JSON null, read as 0). */
    boolean outdated() {
      return line <= 0;
    }
  }

  /** The state of one publication. */
  private final class Run {
    private final Publication p;
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
      this.writesBefore = connection.writeRequests();
    }

    PublishResult execute() {
      Outcome summary = Outcome.SKIPPED;
      Outcome check = Outcome.SKIPPED;
      if (p.pullRequest().isPresent() && p.commentMode() != CommentMode.OFF) {
        identity = Identity.of(github);
        Optional<List<GHIssueComment>> issueComments =
            attempt("summary comment", () -> Optional.of(issueComments()), Optional.empty());
        if (p.commentMode() == CommentMode.REVIEW) {
          Set<String> knownRefused =
              issueComments
                  .map(this::ourSummaries)
                  .filter(ours -> !ours.isEmpty())
                  .map(ours -> Markers.unplacedIn(nullToEmpty(ours.get(0).getBody()), p.headSha()))
                  .orElse(Set.of());
          attempt("review", () -> review(knownRefused), false);
        }
        if (issueComments.isPresent()) {
          summary = attempt("summary comment", () -> summary(issueComments.get()), Outcome.FAILED);
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
          connection.writeRequests() - writesBefore);
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

    private GHRepository repository() {
      return GitHubPublisher.this.repository(p.owner(), p.repo());
    }

    private GHPullRequest pullRequest() {
      return GitHubPublisher.this.pullRequest(p.owner(), p.repo(), p.pullRequest().getAsInt());
    }

    private List<GHIssueComment> issueComments() {
      return call(
          "list issue comments",
          () -> pullRequest().listComments().withPageSize(PER_PAGE).toList());
    }

    // ---- inline comments ------------------------------------------------------------------

    private boolean review(Set<String> knownRefused) {
      List<ReviewComment> all =
          call(
                  "list review comments",
                  () -> pullRequest().listReviewComments().withPageSize(PER_PAGE).toList())
              .stream()
              .map(ReviewComment::of)
              .toList();
      Map<Long, List<ReviewComment>> repliesByRoot = new HashMap<>();
      List<ReviewComment> ours = new ArrayList<>();
      for (ReviewComment c : all) {
        if (c.isReply()) {
          repliesByRoot.computeIfAbsent(c.inReplyTo(), k -> new ArrayList<>()).add(c);
        } else if (identity.owns(c.login()) && Markers.fingerprintOf(c.body()).isPresent()) {
          ours.add(c);
        }
      }
      ours.sort(Comparator.comparingLong(ReviewComment::id));

      Map<String, InlineComment> wanted = new LinkedHashMap<>();
      p.comments().stream()
          .sorted(
              Comparator.comparing(InlineComment::path)
                  .thenComparingInt(InlineComment::line)
                  .thenComparing(InlineComment::fingerprint))
          .forEach(c -> wanted.putIfAbsent(Markers.hash(c.fingerprint()), c));

      Map<String, ReviewComment> present = new HashMap<>();
      List<ReviewComment> stale = new ArrayList<>();
      List<ReviewComment> superseded = new ArrayList<>();
      for (ReviewComment c : ours) {
        String hash = Markers.fingerprintOf(c.body()).orElseThrow();
        if (!wanted.containsKey(hash)) {
          stale.add(c);
        } else if (c.outdated() || present.containsKey(hash)) {
          superseded.add(c);
        } else {
          present.put(hash, c);
        }
      }

      // The cap counts comments already in place, so a re-run lands on the same selection.
      int room = Math.max(0, MAX_INLINE_COMMENTS_PER_REVIEW - present.size());
      List<InlineComment> fresh = new ArrayList<>();
      Map<ReviewComment, String> edits = new LinkedHashMap<>();
      for (Map.Entry<String, InlineComment> e : wanted.entrySet()) {
        String body = inlineBody(e.getValue());
        ReviewComment existing = present.get(e.getKey());
        if (existing == null) {
          if (knownRefused.contains(e.getKey())) {
            moved.add(e.getValue());
            refused.add(e.getKey());
          } else if (fresh.size() < room) {
            fresh.add(e.getValue());
          } else {
            moved.add(e.getValue());
          }
        } else if (!Markers.normalise(existing.body()).equals(Markers.normalise(body))) {
          edits.put(existing, body);
        }
      }

      List<GHPullRequestReview> ourChangeRequests = new ArrayList<>();
      for (GHPullRequestReview r :
          call("list reviews", () -> pullRequest().listReviews().withPageSize(PER_PAGE).toList())) {
        if (r.getState() == GHPullRequestReviewState.CHANGES_REQUESTED
            && Markers.isReview(nullToEmpty(r.getBody()))
            && identity.owns(
                authorLogin("author of review " + r.getId(), () -> r.getUser().getLogin()))) {
          ourChangeRequests.add(r);
        }
      }
      boolean requestChanges = p.reviewEvent() == ReviewEvent.REQUEST_CHANGES;
      if (!fresh.isEmpty() || (requestChanges && ourChangeRequests.isEmpty())) {
        postReview(fresh);
      }
      for (Map.Entry<ReviewComment, String> e : edits.entrySet()) {
        call(
            "edit review comment " + e.getKey().id(),
            () -> {
              e.getKey().raw().update(e.getValue());
              return null;
            });
        edited++;
      }
      for (ReviewComment c : stale) {
        retire(c, repliesByRoot.getOrDefault(c.id(), List.of()), true);
      }
      for (ReviewComment c : superseded) {
        retire(c, repliesByRoot.getOrDefault(c.id(), List.of()), false);
      }
      if (!requestChanges) {
        for (GHPullRequestReview r : ourChangeRequests) {
          call(
              "dismiss review " + r.getId(),
              () -> {
                r.dismiss("No blocking pipgate findings remain at " + p.headSha().substring(0, 12));
                return null;
              });
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
    private void postReview(List<InlineComment> fresh) {
      event = p.reviewEvent();
      if (!fresh.isEmpty()) {
        place(fresh);
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
        sendReview(List.of());
      }
    }

    /** Places {@code comments}, splitting them on GitHub's 422 while requests are left. */
    private void place(List<InlineComment> comments) {
      if (reviewRequests < MAX_REVIEW_REQUESTS) {
        try {
          sendReview(comments);
          posted += comments.size();
          return;
        } catch (GitHubApiException e) {
          if (e.status() != 422) {
            throw e;
          }
          if (refusedMessage == null) {
            refusedMessage = e.githubMessage();
          }
        }
        if (comments.size() > 1 && reviewRequests < MAX_REVIEW_REQUESTS) {
          int half = comments.size() / 2;
          place(comments.subList(0, half));
          place(comments.subList(half, comments.size()));
          return;
        }
      }
      for (InlineComment c : comments) {
        moved.add(c);
        refused.add(Markers.hash(c.fingerprint()));
      }
    }

    /**
     * One review request with the current event; nothing when there is nothing to post. A review
     * that requested changes turns the event for the rest of this run into COMMENT.
     */
    private void sendReview(List<InlineComment> comments) {
      while (!(comments.isEmpty() && event == ReviewEvent.COMMENT)) {
        reviewRequests++;
        try {
          call("create review", () -> reviewRequest(event, comments).create());
        } catch (GitHubApiException e) {
          if (e.status() == 422
              && event == ReviewEvent.REQUEST_CHANGES
              && e.githubMessage().toLowerCase(Locale.ROOT).contains("own pull request")) {
            // "Can not request changes on your own pull request": only COMMENT is allowed.
            event = ReviewEvent.COMMENT;
            continue;
          }
          throw e;
        }
        event = ReviewEvent.COMMENT;
        return;
      }
    }

    private GHPullRequestReviewBuilder reviewRequest(
        ReviewEvent event, List<InlineComment> comments) {
      String text =
          event == ReviewEvent.REQUEST_CHANGES
              ? "pipgate found problems that block this change; see the comments and the summary."
              : "pipgate has " + comments.size() + " new comment(s) on this change.";
      GHPullRequestReviewBuilder review =
          pullRequest()
              .createReview()
              .commitId(p.headSha())
              .body(text + "\n\n" + Markers.REVIEW)
              .event(
                  event == ReviewEvent.REQUEST_CHANGES
                      ? GHPullRequestReviewEvent.REQUEST_CHANGES
                      : GHPullRequestReviewEvent.COMMENT);
      for (InlineComment c : comments) {
        review.singleLineComment(inlineBody(c), c.path(), c.line());
      }
      return review;
    }

    /**
     * A comment whose finding is gone ({@code stale}) or that a newer one replaces: deleted, unless
     * a person replied in its thread; then a stale one is answered once, and kept.
     */
    private void retire(ReviewComment comment, List<ReviewComment> thread, boolean stale) {
      boolean personReplied = thread.stream().anyMatch(r -> !identity.owns(r.login()));
      if (!personReplied) {
        call(
            "delete review comment " + comment.id(),
            () -> {
              comment.raw().delete();
              return null;
            });
        deleted++;
        return;
      }
      boolean answered =
          thread.stream()
              .anyMatch(r -> identity.owns(r.login()) && Markers.isResolvedReply(r.body()));
      if (stale && !answered) {
        String hash = Markers.fingerprintOf(comment.body()).orElseThrow();
        call(
            "reply to review comment " + comment.id(),
            () ->
                comment
                    .raw()
                    .reply("Resolved in " + p.headSha() + ".\n\n" + Markers.resolved(hash)));
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

    private List<GHIssueComment> ourSummaries(List<GHIssueComment> issueComments) {
      return issueComments.stream()
          .filter(c -> identity.owns(authorLogin("author of comment " + c.getId(), c::getUserName)))
          .filter(c -> Markers.isSummary(nullToEmpty(c.getBody())))
          .sorted(Comparator.comparingLong(GHIssueComment::getId))
          .toList();
    }

    private Outcome summary(List<GHIssueComment> issueComments) {
      List<GHIssueComment> ours = ourSummaries(issueComments);
      String body = summaryBody();
      Outcome outcome;
      if (ours.isEmpty()) {
        call("create summary comment", () -> pullRequest().comment(body));
        outcome = Outcome.CREATED;
      } else {
        GHIssueComment first = ours.get(0);
        if (Markers.normalise(nullToEmpty(first.getBody())).equals(Markers.normalise(body))) {
          outcome = Outcome.UNCHANGED;
        } else {
          call(
              "edit summary comment " + first.getId(),
              () -> {
                first.update(body);
                return null;
              });
          outcome = Outcome.UPDATED;
        }
      }
      // Earlier runs that failed half-way may have left a second summary: keep one.
      for (GHIssueComment extra : ours.subList(Math.min(1, ours.size()), ours.size())) {
        call(
            "delete summary comment " + extra.getId(),
            () -> {
              extra.delete();
              return null;
            });
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
      List<Annotation> annotations = out.annotations().stream().limit(MAX_ANNOTATIONS).toList();
      String marker = annotationsMarker(annotations);
      String text = SummaryText.cut(out.text(), MAX_CHECK_OUTPUT - marker.length()) + marker;
      GHCheckRun.Conclusion conclusion = GHCheckRun.Conclusion.valueOf(out.conclusion().name());

      Optional<GHCheckRun> existing =
          call(
                  "list check runs",
                  () ->
                      repository()
                          .getCheckRuns(
                              p.headSha(), Map.of("check_name", CHECK_NAME, "filter", "all"))
                          .withPageSize(PER_PAGE)
                          .toList())
              .stream()
              .filter(r -> CHECK_NAME.equals(r.getName()))
              .filter(r -> CHECK_EXTERNAL_ID.equals(r.getExternalId()))
              .max(Comparator.comparingLong(GHCheckRun::getId));
      if (existing.isEmpty()) {
        Optional<GHCommitStatus> status = latestStatus();
        if (status.isPresent()) {
          // An earlier run on this commit could not create check runs: stay with the status.
          return setStatus(status);
        }
        return createCheckRun(conclusion, title, summary, text, annotations);
      }
      GHCheckRun run = existing.get();
      GHCheckRun.Output output = run.getOutput();
      String oldText = output == null ? "" : nullToEmpty(output.getText());
      boolean sameText =
          conclusion == run.getConclusion()
              && output != null
              && title.equals(output.getTitle())
              && summary.equals(output.getSummary())
              && text.equals(oldText);
      // The marker in the text fingerprints the annotations: hub4j cannot list them.
      boolean sameAnnotations =
          output != null
              && output.getAnnotationsCount() == annotations.size()
              && marker.equals(annotationsMarkerIn(oldText));
      if (sameText && sameAnnotations) {
        return Outcome.UNCHANGED;
      }
      if (!sameAnnotations) {
        // An update appends annotations, it cannot replace them: a new run with the same name
        // takes the old one's place on the commit.
        return createCheckRun(conclusion, title, summary, text, annotations);
      }
      try {
        call(
            "update check run " + run.getId(),
            () ->
                repository()
                    .updateCheckRun(run.getId())
                    .withStatus(GHCheckRun.Status.COMPLETED)
                    .withConclusion(conclusion)
                    .add(new GHCheckRunBuilder.Output(title, summary).withText(text))
                    .create());
      } catch (GitHubApiException e) {
        if (e.forbidden()) {
          return createCheckRun(conclusion, title, summary, text, annotations);
        }
        throw e;
      }
      return Outcome.UPDATED;
    }

    /**
     * A new check run; hub4j sends the first {@link #MAX_ANNOTATIONS_PER_REQUEST} annotations with
     * it and each further batch in a PATCH.
     */
    private Outcome createCheckRun(
        GHCheckRun.Conclusion conclusion,
        String title,
        String summary,
        String text,
        List<Annotation> all) {
      GHCheckRunBuilder.Output output = new GHCheckRunBuilder.Output(title, summary).withText(text);
      all.forEach(a -> output.add(annotation(a)));
      try {
        call(
            "create check run",
            () ->
                repository()
                    .createCheckRun(CHECK_NAME, p.headSha())
                    .withExternalID(CHECK_EXTERNAL_ID)
                    .withStatus(GHCheckRun.Status.COMPLETED)
                    .withConclusion(conclusion)
                    .add(output)
                    .create());
      } catch (GitHubApiException e) {
        if (e.forbidden()) {
          // The token may not create check runs (no 'checks: write'): a commit status says the
          // same.
          return setStatus(Optional.empty());
        }
        throw e;
      }
      return Outcome.CREATED;
    }

    private Optional<GHCommitStatus> latestStatus() {
      return call(
              "list commit statuses",
              () -> repository().listCommitStatuses(p.headSha()).withPageSize(PER_PAGE).toList())
          .stream()
          .filter(s -> STATUS_CONTEXT.equalsIgnoreCase(s.getContext()))
          .max(Comparator.comparingLong(GHCommitStatus::getId));
    }

    private Outcome setStatus(Optional<GHCommitStatus> latest) {
      GHCommitState state =
          p.check().conclusion() == Publication.Conclusion.FAILURE
              ? GHCommitState.FAILURE
              : GHCommitState.SUCCESS;
      String description = p.check().title().isBlank() ? "pipgate" : p.check().title();
      description = SummaryText.cut(description.replaceAll("\\s+", " "), MAX_STATUS_DESCRIPTION);
      if (latest.isPresent()
          && state == latest.get().getState()
          && description.equals(latest.get().getDescription())) {
        return Outcome.STATUS_INSTEAD;
      }
      String text = description;
      call(
          "create commit status",
          () -> repository().createCommitStatus(p.headSha(), state, null, text, STATUS_CONTEXT));
      return Outcome.STATUS_INSTEAD;
    }

    private GHCheckRunBuilder.Annotation annotation(Annotation a) {
      return new GHCheckRunBuilder.Annotation(
              a.path(),
              a.startLine(),
              a.endLine(),
              GHCheckRun.AnnotationLevel.valueOf(a.level().name()),
              SummaryText.cut(a.message(), MAX_ANNOTATION_MESSAGE))
          .withTitle(SummaryText.cut(a.title(), MAX_ANNOTATION_TITLE));
    }
  }

  private static final Pattern ANNOTATIONS_MARKER =
      Pattern.compile("<!-- pipgate:annotations:([0-9a-f]{16}) -->\\s*\\z");

  /**
   * A hidden line at the end of the check run's text that fingerprints its annotations, as sent: a
   * re-run with the same annotations leaves the run alone, a change creates a new run.
   */
  static String annotationsMarker(List<Annotation> annotations) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    annotations.stream()
        .map(
            a ->
                String.join(
                    "\u0000",
                    a.path(),
                    Integer.toString(a.startLine()),
                    Integer.toString(a.endLine()),
                    a.level().name(),
                    SummaryText.cut(a.title(), MAX_ANNOTATION_TITLE),
                    SummaryText.cut(a.message(), MAX_ANNOTATION_MESSAGE)))
        .sorted()
        .forEach(k -> sha.update((k + "\u0001").getBytes(StandardCharsets.UTF_8)));
    String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    return "\n\n<!-- pipgate:annotations:" + hash + " -->";
  }

  private static String annotationsMarkerIn(String text) {
    Matcher m = ANNOTATIONS_MARKER.matcher(text);
    return m.find() ? "\n\n<!-- pipgate:annotations:" + m.group(1) + " -->" : "";
  }

  /**
   * The login of an author hub4j fetches ({@code GET /users/{login}}, once per login), or null for
   * a deleted account (GitHub sends {@code "user": null}): never pipgate's own.
   */
  private static String authorLogin(String what, GitHubConnection.Call<String> login) {
    try {
      return call(what, login);
    } catch (NullPointerException e) {
      return null; // hub4j reads the login of a missing user
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Whose comments are pipgate's own (see the class comment). */
  record Identity(String login) {
    static Identity of(GitHub github) {
      try {
        String login = call("who am I", github::getMyself).getLogin();
        return new Identity(login == null || login.isEmpty() ? null : login);
      } catch (GitHubApiException e) {
        return new Identity(null);
      }
    }

    boolean owns(String author) {
      if (author == null) {
        return false;
      }
      if (login != null) {
        return login.equalsIgnoreCase(author);
      }
      return author.toLowerCase(Locale.ROOT).endsWith("[bot]");
    }
  }
}
