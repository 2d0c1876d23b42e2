package dev.pipgate.github;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything one run publishes on GitHub: inline review comments, the sticky summary comment and
 * the check run. Built by the caller from a finished review; {@link GitHubPublisher} decides what
 * actually has to be written.
 *
 * @param owner repository owner
 * @param repo repository name
 * @param pullRequest pull request number, or empty outside pull requests (push, merge queue)
 * @param headSha the commit the comments and the check run belong to (for pull requests the PR
 *     head, not the merge commit in {@code GITHUB_SHA})
 * @param comments inline comments, one per finding on a line of the diff
 * @param summary the sticky summary comment's content
 * @param check the check run's content
 * @param reviewEvent COMMENT, or REQUEST_CHANGES when blocking findings exist
 * @param commentMode where comments go
 * @param checkRun whether to write a check run (or a commit status where checks are not allowed)
 */
public record Publication(
    String owner,
    String repo,
    OptionalInt pullRequest,
    String headSha,
    List<InlineComment> comments,
    SummaryComment summary,
    CheckOutcome check,
    ReviewEvent reviewEvent,
    CommentMode commentMode,
    boolean checkRun) {

  public Publication {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(pullRequest, "pullRequest");
    Objects.requireNonNull(headSha, "headSha");
    comments = List.copyOf(comments);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(reviewEvent, "reviewEvent");
    Objects.requireNonNull(commentMode, "commentMode");
    if (!owner.matches("[A-Za-z0-9_.-]+") || !repo.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("not a repository: " + owner + "/" + repo);
    }
    if (!headSha.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("not a commit SHA: " + headSha);
    }
  }

  /** Where comments go: a review with inline comments plus the summary, the summary only, none. */
  public enum CommentMode {
    REVIEW,
    SUMMARY,
    OFF
  }

  /** The review's event: REQUEST_CHANGES only when blocking findings exist. */
  public enum ReviewEvent {
    COMMENT,
    REQUEST_CHANGES
  }

  /**
   * One inline comment on the RIGHT side of the diff.
   *
   * @param body visible Markdown (pipgate adds the hidden fingerprint marker itself)
   * @param fingerprint the finding's stable identity ({@code Finding.fingerprint()})
   */
  public record InlineComment(String path, int line, String body, String fingerprint) {
    public InlineComment {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(fingerprint, "fingerprint");
      if (line < 1) {
        throw new IllegalArgumentException("an inline comment needs a line: " + path);
      }
    }
  }

  /**
   * The sticky summary comment: an opening part, then one Markdown entry per finding. Entries are
   * what gets cut first when the body is too long for a comment.
   */
  public record SummaryComment(String markdown, List<String> findingEntries) {
    public SummaryComment {
      Objects.requireNonNull(markdown, "markdown");
      findingEntries = List.copyOf(findingEntries);
    }
  }

  public enum Conclusion {
    SUCCESS,
    FAILURE,
    NEUTRAL
  }

  public enum AnnotationLevel {
    NOTICE,
    WARNING,
    FAILURE
  }

  /** A check-run annotation; lines are 1-based (a file-level finding uses line 1). */
  public record Annotation(
      String path,
      int startLine,
      int endLine,
      AnnotationLevel level,
      String title,
      String message) {
    public Annotation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(message, "message");
      if (startLine < 1 || endLine < startLine) {
        throw new IllegalArgumentException("bad annotation lines " + startLine + "-" + endLine);
      }
    }
  }

  /** The check run's conclusion and output. */
  public record CheckOutcome(
      Conclusion conclusion,
      String title,
      String summary,
      String text,
      List<Annotation> annotations) {
    public CheckOutcome {
      Objects.requireNonNull(conclusion, "conclusion");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(text, "text");
      annotations = List.copyOf(annotations);
    }
  }
}
