package dev.pipgate.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A pip entry added, removed or changed between base and head, with whether the notes justify it.
 *
 * @param file the env file the entry belongs to
 * @param packageName PEP 503-normalised name
 * @param displayName the name as written at head (at base for a removal)
 * @param before the spec at base ("" for an addition)
 * @param after the spec at head ("" for a removal)
 * @param line the entry's line at head (at base for a removal)
 * @param justified true when the notes hold a complete justification for it
 */
public record PipChange(
    String file,
    String packageName,
    String displayName,
    Change change,
    String before,
    String after,
    int line,
    boolean justified) {

  public enum Change {
    ADDED,
    REMOVED,
    CHANGED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PipChange {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
