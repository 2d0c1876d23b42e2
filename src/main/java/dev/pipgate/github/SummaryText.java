package dev.pipgate.github;

import java.util.List;

/** Fitting text into GitHub's size limits without splitting a character or an entry. */
final class SummaryText {
  static final String MOVED_HEADING = "#### Not shown as inline comments";

  private SummaryText() {}

  /**
   * The summary comment: {@code head}, the finding entries, then the entries moved out of the
   * review. When that is longer than {@code max}, whole entries are dropped from the end and a last
   * line says how many findings are only in the job summary.
   */
  static String fit(String head, List<String> entries, List<String> moved, int max) {
    String full = join(head, entries, moved, entries.size(), moved.size(), 0);
    if (full.length() <= max) {
      return full;
    }
    int keepEntries = entries.size();
    int keepMoved = moved.size();
    while (keepEntries + keepMoved > 0) {
      if (keepMoved > 0) {
        keepMoved--;
      } else {
        keepEntries--;
      }
      int dropped = entries.size() - keepEntries + moved.size() - keepMoved;
      String text = join(head, entries, moved, keepEntries, keepMoved, dropped);
      if (text.length() <= max) {
        return text;
      }
    }
    String note = note(entries.size() + moved.size());
    String cutHead =
        head.substring(0, Math.max(0, Math.min(head.length(), max - note.length() - 2)));
    int nl = cutHead.lastIndexOf('\n');
    cutHead = nl > 0 ? cutHead.substring(0, nl) : cutHead;
    return cut(cutHead, max - note.length() - 2) + "\n\n" + note;
  }

  private static String join(
      String head, List<String> entries, List<String> moved, int keepE, int keepM, int dropped) {
    StringBuilder b = new StringBuilder(head);
    if (keepE > 0) {
      b.append("\n\n").append(String.join("\n", entries.subList(0, keepE)));
    }
    if (keepM > 0) {
      b.append("\n\n").append(MOVED_HEADING).append("\n\n");
      b.append(String.join("\n", moved.subList(0, keepM)));
    }
    if (dropped > 0) {
      b.append("\n\n").append(note(dropped));
    }
    return b.toString();
  }

  private static String note(int dropped) {
    return "_"
        + dropped
        + (dropped == 1 ? " more finding is" : " more findings are")
        + " only in the job summary (the comment is limited to "
        + GitHubPublisher.MAX_COMMENT_BODY
        + " characters)._";
  }

  /** {@code s} cut to at most {@code max} characters, ending in an ellipsis when cut. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "\u2026";
  }
}
