package dev.pipgate.model;

/**
 * Where a finding's line sits relative to the change under review. Filtering marks findings; it
 * never drops them: each reporter decides what to do with a mark.
 */
public enum DiffMark {
  /** The line was added or changed by the change. */
  ADDED,
  /** The line is unchanged but shown in a diff hunk (a review comment may still go there). */
  CONTEXT,
  /** The line is not part of the diff (or the finding has no line). */
  OUTSIDE,
  /** No diff is known (e.g. an environment check, or {@code --all}). */
  UNKNOWN;

  /** True where GitHub accepts a review comment on the RIGHT side. */
  public boolean commentable() {
    return this == ADDED || this == CONTEXT;
  }
}
