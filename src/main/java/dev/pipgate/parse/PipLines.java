package dev.pipgate.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * pip's preprocessing of a requirements file ({@code pip/_internal/req/req_file.py}: {@code
 * preprocess}): split into lines, join a line ending in {@code \} with the next, drop comments (a
 * {@code #} at the start of a line or after whitespace) and blank lines. Each logical line keeps
 * the number of its first physical line. {@code ${VAR}} expansion is left out: the value is not
 * known here, and the text is reported as written.
 */
final class PipLines {
  private PipLines() {}

  record Line(int number, String text) {}

  /** Python's {@code str.splitlines()} boundaries (CR and CRLF are already LF after decoding). */
  static List<Line> physical(String text, int firstLine) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    int number = firstLine;
    for (int i = 0; i < text.length(); i++) {
      if (isLineBreak(text.charAt(i))) {
        out.add(new Line(number++, text.substring(start, i)));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(new Line(number, text.substring(start)));
    }
    return out;
  }

  private static boolean isLineBreak(char c) {
    return switch (c) {
      case '\n',
          '\r',
          '\u000b',
          '\u000c',
          '\u001c',
          '\u001d',
          '\u001e',
          '\u0085',
          '\u2028',
          '\u2029' ->
          true;
      default -> false;
    };
  }

  /** Logical lines, comment-free and stripped, blank ones dropped. */
  static List<Line> logical(List<Line> physical) {
    List<Line> joined = new ArrayList<>();
    StringBuilder pending = null;
    int pendingNumber = 0;
    for (Line line : physical) {
      String text = line.text();
      boolean comment = isCommentLine(text);
      if (!text.endsWith("\\") || comment) {
        if (comment) {
          // pip prefixes a space so the comment is still removed after joining.
          text = " " + text;
        }
        if (pending != null) {
          pending.append(text);
          joined.add(new Line(pendingNumber, pending.toString()));
          pending = null;
        } else {
          joined.add(new Line(line.number(), text));
        }
      } else {
        if (pending == null) {
          pending = new StringBuilder();
          pendingNumber = line.number();
        }
        pending.append(stripBackslashes(text));
      }
    }
    if (pending != null) {
      joined.add(new Line(pendingNumber, pending.toString()));
    }
    List<Line> out = new ArrayList<>();
    for (Line line : joined) {
      String text = stripComment(line.text()).strip();
      if (!text.isEmpty()) {
        out.add(new Line(line.number(), text));
      }
    }
    return out;
  }

  /** pip's {@code COMMENT_RE.match}: a {@code #} first, or after leading whitespace. */
  private static boolean isCommentLine(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '#';
  }

  /** Cuts at the first {@code #} that starts the line or follows whitespace. */
  static String stripComment(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /** Python's {@code str.strip("\\")}. */
  private static String stripBackslashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '\\') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '\\') {
      end--;
    }
    return text.substring(start, end);
  }
}
