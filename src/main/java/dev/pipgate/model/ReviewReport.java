package dev.pipgate.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one review: what changed, what pipgate found, and the verdict at the configured
 * fail level.
 *
 * @param base the base side: a commit SHA or a directory
 * @param head the head side: a commit SHA or a directory
 * @param notesFile repository path of the notes file (for links to its sections)
 * @param scope which env files the review covered; empty for reports that are not a review of a
 *     change (an environment check) or that do not say (a result saved by an older version)
 */
public record ReviewReport(
    String base,
    String head,
    String notesFile,
    List<Finding> findings,
    List<PipChange> pipChanges,
    FailLevel failOn,
    Optional<ReviewScope> scope) {
  public ReviewReport {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(notesFile, "notesFile");
    findings = List.copyOf(findings);
    pipChanges = List.copyOf(pipChanges);
    Objects.requireNonNull(failOn, "failOn");
    Objects.requireNonNull(scope, "scope");
  }

  /** A report that does not say which env files it covered. */
  public ReviewReport(
      String base,
      String head,
      String notesFile,
      List<Finding> findings,
      List<PipChange> pipChanges,
      FailLevel failOn) {
    this(base, head, notesFile, findings, pipChanges, failOn, Optional.empty());
  }

  /**
   * The sentence saying the change had no env file to review, shown instead of "no findings": a
   * change that touches no env file can still have findings (a notes section removed while its
   * entry stays), and then those are what the report is about.
   */
  public Optional<String> nothingReviewed() {
    return findings.isEmpty() ? scope.flatMap(ReviewScope::nothingReviewed) : Optional.empty();
  }

  /** Findings at or above the fail level. */
  public long blockingCount() {
    return findings.stream().filter(f -> failOn.fails(f.severity())).count();
  }

  public boolean passed() {
    return blockingCount() == 0;
  }

  /** {@code pass} or {@code fail}. */
  public String verdict() {
    return passed() ? "pass" : "fail";
  }
}
