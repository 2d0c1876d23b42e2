package dev.pipgate.diff;

/**
 * One item (a pip entry, a conda spec, a notes section) at base and at head.
 *
 * @param before the item at base, or null when added
 * @param after the item at head, or null when removed
 */
public record ItemChange<T>(Change change, T before, T after) {
  /** The item as it is at head, or at base when removed. */
  public T current() {
    return after != null ? after : before;
  }
}
