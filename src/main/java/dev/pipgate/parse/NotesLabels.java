package dev.pipgate.parse;

import dev.pipgate.model.Question;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises the four questions' labels. Two texts name the same label when they are equal after
 * NFKC (full-width {@code ？：Ｃ} become {@code ?:C}), lower-casing, removing all whitespace (so
 * {@code 是否测试过 --no-deps 模式} equals {@code 是否测试过--no-deps模式}) and dropping leading {@code *_} and
 * trailing {@code *_?:}. Matching is exact after that, never a substring search, so "alternatives"
 * inside a sentence is no label.
 */
final class NotesLabels {
  /** The punctuation that may end a label: ASCII and full-width colon and question mark. */
  private static final String SEPARATORS = ":：?？";

  private final Map<String, Question> byKey = new HashMap<>();

  /** Raw text longer than this cannot normalise to any label: skips work on long lines. */
  private final int longestRaw;

  NotesLabels(Map<Question, List<String>> labels) {
    int longest = 0;
    for (Map.Entry<Question, List<String>> e : labels.entrySet()) {
      Question q = e.getKey();
      for (String label : e.getValue()) {
        String key = key(label);
        if (key.isEmpty()) {
          throw new IllegalArgumentException("empty label for " + q);
        }
        Question before = byKey.putIfAbsent(key, q);
        if (before != null && before != q) {
          throw new IllegalArgumentException(
              "label '" + label + "' given for both " + before + " and " + q);
        }
        longest = Math.max(longest, key.length());
      }
    }
    // Whitespace, emphasis markers and separators come on top of the key's characters.
    this.longestRaw = 8 * longest + 64;
  }

  /** The question whose label {@code text} is as a whole, or null. */
  Question exact(String text) {
    if (text.length() > longestRaw) {
      return null;
    }
    return byKey.get(key(text));
  }

  /** A label found at the start of a line, and the text after it and its separator. */
  record Hit(Question question, String rest) {}

  /**
   * The label a line of text starts with, or null. A label counts when it is the whole of a leading
   * bold/italic span ({@code leadLength} characters, -1 when the line starts otherwise), when it is
   * followed by {@code :}, {@code ?} or their full-width forms, or, when {@code bareAllowed}, when
   * it is the whole line.
   */
  Hit matchLine(String line, int leadLength, boolean bareAllowed) {
    if (leadLength > 0 && leadLength <= line.length()) {
      Question q = exact(line.substring(0, leadLength));
      if (q != null) {
        return new Hit(q, afterSeparators(line, leadLength));
      }
    }
    int limit = Math.min(line.length(), longestRaw);
    for (int i = 0; i < limit; i++) {
      if (SEPARATORS.indexOf(line.charAt(i)) >= 0) {
        Question q = i == 0 ? null : exact(line.substring(0, i));
        if (q != null) {
          return new Hit(q, afterSeparators(line, i));
        }
        break;
      }
    }
    if (bareAllowed) {
      Question q = exact(line);
      if (q != null) {
        return new Hit(q, "");
      }
    }
    return null;
  }

  private static String afterSeparators(String line, int from) {
    int i = from;
    while (i < line.length()
        && (SEPARATORS.indexOf(line.charAt(i)) >= 0 || Character.isWhitespace(line.charAt(i)))) {
      i++;
    }
    return line.substring(i);
  }

  static String key(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        b.append(c);
      }
    }
    int start = 0;
    int end = b.length();
    while (start < end && "*_".indexOf(b.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && "*_?:".indexOf(b.charAt(end - 1)) >= 0) {
      end--;
    }
    return b.substring(start, end);
  }
}
