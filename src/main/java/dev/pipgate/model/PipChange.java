package dev.pipgate.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A pip entry added, removed or changed between base and head, with what the notes say about it.
 *
 * @param file the env file the entry belongs to
 * @param packageName PEP 503-normalised name; for a line pip cannot read, the name it seems to be
 *     about (see {@link PipEntry#bestEffortName()})
 * @param displayName the name as written at head (at base for a removal)
 * @param before the spec at base ("" for an addition); the whole line when pip cannot read it
 * @param after the spec at head ("" for a removal); the whole line when pip cannot read it
 * @param line the entry's line at head (at base for a removal)
 * @param unreadable true when pip cannot read the entry's line (at head; at base for a removal)
 * @param justification the state of its notes section at head
 */
public record PipChange(
    String file,
    String packageName,
    String displayName,
    Change change,
    String before,
    String after,
    int line,
    boolean unreadable,
    Justification justification) {

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
    Objects.requireNonNull(justification, "justification");
  }

  /** True when the notes hold a complete justification for it. */
  public boolean justified() {
    return justification.state() == Justification.State.JUSTIFIED;
  }

  /**
   * What the notes at head say about a package.
   *
   * @param state no section, an incomplete one, a complete one, or an allow-list entry in force
   *     (which takes the place of a missing or incomplete section)
   * @param missing the questions without a real answer, in question order (empty without a section)
   * @param allowedUntil the last day the allow-list entry holds, or null when it has no end (or the
   *     state is not {@code ALLOWED})
   * @param sectionLine the line of the package's section heading, or 0 when there is none
   * @param anchor the fragment GitHub gives that heading, or "" when there is no section
   */
  public record Justification(
      State state, List<Question> missing, LocalDate allowedUntil, int sectionLine, String anchor) {
    public enum State {
      NO_SECTION,
      INCOMPLETE,
      JUSTIFIED,
      ALLOWED;

      /** The word used in JSON output: {@code no-section}, {@code incomplete}, ... */
      public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
    }

    public Justification {
      Objects.requireNonNull(state, "state");
      missing = List.copyOf(missing);
      Objects.requireNonNull(anchor, "anchor");
    }

    public static Justification noSection() {
      return new Justification(State.NO_SECTION, List.of(), null, 0, "");
    }

    public boolean hasSection() {
      return sectionLine > 0;
    }
  }
}
