package dev.pipgate.model;

import java.util.List;
import java.util.Objects;

/**
 * The result of one review: what changed, what pipgate found, and the verdict at the configured
 * fail level.
 *
 * @param base the base side: a commit SHA or a directory
 * @param head the head side: a commit SHA or a directory
 * @param notesFile repository path of the notes file (for links to its sections)
 */
public record ReviewReport(
    String base,
    String head,
    String notesFile,
    List<Finding> findings,
    List<PipChange> pipChanges,
    FailLevel failOn) {
  public ReviewReport {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(notesFile, "notesFile");
    findings = List.copyOf(findings);
    pipChanges = List.copyOf(pipChanges);
    Objects.requireNonNull(failOn, "failOn");
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
