package dev.pipgate.github;

import dev.pipgate.github.Publication.InlineComment;
import java.util.List;

/**
 * What a publication did. {@code degraded} means something could not be written (read-only token,
 * GitHub unavailable); the findings are then only in the job summary, annotations and exit code,
 * and {@code warnings} says why, once.
 *
 * @param commentsPosted new inline comments (in one review)
 * @param commentsEdited inline comments whose text changed
 * @param commentsDeleted stale inline comments removed
 * @param repliesPosted "resolved" answers in threads where a person replied
 * @param reviewsDismissed pipgate's own change requests dismissed
 * @param summary what happened to the sticky summary comment
 * @param check what happened to the check run
 * @param movedToSummary inline comments shown only in the summary (cap, or lines GitHub refused)
 * @param notPosted what could not be written, one line each
 * @param writeRequests POST, PATCH, PUT and DELETE requests sent
 */
public record PublishResult(
    int commentsPosted,
    int commentsEdited,
    int commentsDeleted,
    int repliesPosted,
    int reviewsDismissed,
    Outcome summary,
    Outcome check,
    List<InlineComment> movedToSummary,
    List<String> notPosted,
    List<String> warnings,
    boolean degraded,
    int writeRequests) {

  public PublishResult {
    movedToSummary = List.copyOf(movedToSummary);
    notPosted = List.copyOf(notPosted);
    warnings = List.copyOf(warnings);
  }

  /** What happened to one published item. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** A commit status was set because the token may not create check runs. */
    STATUS_INSTEAD,
    SKIPPED,
    FAILED
  }
}
