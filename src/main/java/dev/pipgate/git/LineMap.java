package dev.pipgate.git;

import dev.pipgate.model.DiffMark;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Which lines of a head file a change touched, in the terms GitHub's pull-request diff uses: a line
 * the change inserted or replaced is {@link DiffMark#ADDED}; an unchanged line shown around an edit
 * in the unified diff is {@link DiffMark#CONTEXT} (GitHub accepts RIGHT-side review comments there
 * too); any other line is {@link DiffMark#OUTSIDE}. Lines are compared byte for byte, as git does,
 * so a line whose only change is CRLF versus LF counts as changed.
 */
public final class LineMap {
  /**
   * Unchanged lines git shows on each side of an edit ({@code diff.context}, default 3; GitHub's
   * pull-request diff uses the default). Hunks closer than twice this merge, and every line between
   * them is within this distance of an edit, so marking each edit's neighbourhood is exact.
   */
  static final int CONTEXT_LINES = 3;

  /**
   * Base lines {@code [baseBegin, baseEnd)} replaced by head lines {@code [headBegin, headEnd)},
   * 0-based and half-open as JGit's {@code Edit}; an empty range is a pure insertion or deletion.
   */
  public record LineEdit(int baseBegin, int baseEnd, int headBegin, int headEnd) {}

  private enum Kind {
    DIFF,
    ALL_ADDED,
    UNKNOWN
  }

  private final Kind kind;
  private final int headLines;
  private final BitSet added;
  private final BitSet context;
  private final List<LineEdit> edits;

  private LineMap(Kind kind, int headLines, BitSet added, BitSet context, List<LineEdit> edits) {
    this.kind = kind;
    this.headLines = headLines;
    this.added = added;
    this.context = context;
    this.edits = edits;
  }

  /** The lines of {@code after} that differ from {@code before} (empty for an added file). */
  public static LineMap between(byte[] before, byte[] after) {
    RawText a = new RawText(before);
    RawText b = new RawText(after);
    EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
    BitSet added = new BitSet(b.size());
    BitSet near = new BitSet(b.size());
    for (Edit edit : edits) {
      added.set(edit.getBeginB(), edit.getEndB());
      near.set(
          Math.max(0, edit.getBeginB() - CONTEXT_LINES),
          Math.min(b.size(), edit.getEndB() + CONTEXT_LINES));
    }
    near.andNot(added);
    List<LineEdit> copies =
        edits.stream()
            .map(e -> new LineEdit(e.getBeginA(), e.getEndA(), e.getBeginB(), e.getEndB()))
            .collect(Collectors.toUnmodifiableList());
    return new LineMap(Kind.DIFF, b.size(), added, near, copies);
  }

  /** Every line counts as added: a file the change created when no base content is at hand. */
  public static LineMap allAdded() {
    return new LineMap(Kind.ALL_ADDED, -1, new BitSet(), new BitSet(), List.of());
  }

  /** No diff is known (an environment check, a review of everything): every line is UNKNOWN. */
  public static LineMap unknown() {
    return new LineMap(Kind.UNKNOWN, -1, new BitSet(), new BitSet(), List.of());
  }

  /** Where 1-based {@code headLine} sits relative to the change. */
  public DiffMark mark(int headLine) {
    switch (kind) {
      case UNKNOWN:
        return DiffMark.UNKNOWN;
      case ALL_ADDED:
        return headLine >= 1 ? DiffMark.ADDED : DiffMark.OUTSIDE;
      default:
        break;
    }
    if (headLine < 1 || headLine > headLines) {
      return DiffMark.OUTSIDE;
    }
    if (added.get(headLine - 1)) {
      return DiffMark.ADDED;
    }
    return context.get(headLine - 1) ? DiffMark.CONTEXT : DiffMark.OUTSIDE;
  }

  /** The 1-based head lines the change inserted or replaced, ascending. */
  public List<Integer> addedLines() {
    return added.stream().mapToObj(i -> i + 1).collect(Collectors.toUnmodifiableList());
  }

  /** The edits, in order; empty unless built by {@link #between}. */
  public List<LineEdit> edits() {
    return edits;
  }

  /** True when the change touched no line of the file. */
  public boolean unchanged() {
    return kind == Kind.DIFF && edits.isEmpty();
  }
}
