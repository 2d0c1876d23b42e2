package dev.pipgate.diff;

/** How one item compares between base and head. */
public enum Change {
  ADDED,
  REMOVED,
  CHANGED,
  UNCHANGED
}
