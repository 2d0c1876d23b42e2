package dev.pipgate.parse;

import dev.pipgate.model.Question;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

  /**
   * A keyword label is a question, not a sentence: longer texts are never labels. A text that ends
   * in a question mark, or stands before {@code :} or as a leading bold span, may have this many
   * words ("Have you tested it with --no-deps?").
   */
  static final int MAX_KEYWORD_WORDS = 8;

  /**
   * A text with nothing to mark it as a label (a whole line, heading or table cell without a
   * question mark) may have only this many: "Why not conda", "Tested with --no-deps", but not
   * "Alternatives were not needed" or "The conda-forge build lags behind".
   */
  static final int MAX_BARE_WORDS = 3;

  private static final int MAX_KEYWORD_CHARS = 80;

  private static final List<String> WHY_WORDS =
      List.of("why", "not", "reason", "reasons", "instead", "rationale");

  private static final List<String> WHY_HAN = List.of("为何", "为什么", "原因", "不能", "不用", "无法", "理由");

  /**
   * Punctuation that makes an unmarked text a sentence rather than a label: Chinese has no spaces
   * to count words by, so "暂无可行的替代，jax 需要重写模型。" is told from "替代方案" by its marks.
   */
  private static final Pattern SENTENCE = Pattern.compile("[，。；;!！]|[.,](\\s|$)");

  /** pip or PyPI as a word of its own ("为何使用pip" too), not inside "pipeline". */
  private static final Pattern PIP = Pattern.compile("(?<![a-z])(pip|pypi)(?![a-z])");

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
    this.longestRaw = Math.max(8 * longest + 64, MAX_KEYWORD_CHARS + 16);
  }

  /** The question whose label {@code text} is as a whole (configured or by keyword), or null. */
  Question exact(String text) {
    if (text.length() > longestRaw) {
      return null;
    }
    Question q = byKey.get(key(text));
    if (q != null) {
      return q;
    }
    String t = text.strip();
    boolean asked = t.endsWith("?") || t.endsWith("？");
    return byKeyword(text, asked ? MAX_KEYWORD_WORDS : MAX_BARE_WORDS);
  }

  /** The question of a text marked as a label by a separator or emphasis, or null. */
  private Question marked(String text) {
    if (text.length() > longestRaw) {
      return null;
    }
    Question q = byKey.get(key(text));
    return q != null ? q : byKeyword(text, MAX_KEYWORD_WORDS);
  }

  /** The question whose configured label {@code text} is, ignoring keywords, or null. */
  Question configured(String text) {
    return text.length() > longestRaw ? null : byKey.get(key(text));
  }

  /** The question a short text asks, by its keywords (see the class comment), or null. */
  static Question byKeyword(String text, int maxWords) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    if (t.isEmpty() || t.length() > MAX_KEYWORD_CHARS) {
      return null;
    }
    if (t.split("\\s+").length > maxWords
        || (maxWords == MAX_BARE_WORDS && SENTENCE.matcher(t).find())) {
      return null;
    }
    List<String> words =
        Arrays.stream(t.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    // Letters and digits only: "--no-deps", "no deps" and "no_deps" all become "nodeps".
    String compact = t.replaceAll("[^\\p{L}\\p{N}]+", "");
    if (compact.contains("nodeps")
        || compact.contains("withoutdependencies")
        || compact.contains("不带依赖")
        || compact.contains("不安装依赖")) {
      return Question.NO_DEPS_TESTED;
    }
    if (compact.contains("condaforge")) {
      return Question.CONDA_FORGE_CHECKED;
    }
    if (compact.contains("alternative")
        || compact.contains("替代")
        || compact.contains("备选")
        || compact.contains("其他方案")) {
      return Question.ALTERNATIVES;
    }
    boolean installer = compact.contains("conda") || PIP.matcher(t).find();
    boolean why =
        words.stream().anyMatch(WHY_WORDS::contains)
            || WHY_HAN.stream().anyMatch(compact::contains);
    return installer && why ? Question.WHY_NOT_CONDA : null;
  }

  /**
   * Whether an answer only asks its own question again ("Why not conda? Why not conda?"): the
   * answer is a configured label of the question, or a question by keywords that ends in a question
   * mark. A statement that mentions the keywords ("not on conda") is an answer.
   */
  boolean repeats(Question q, String answer) {
    String a = Normalizer.normalize(answer, Normalizer.Form.NFKC).strip();
    return configured(a) == q || (a.endsWith("?") && byKeyword(a, MAX_KEYWORD_WORDS) == q);
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
      Question q = marked(line.substring(0, leadLength));
      if (q != null) {
        return new Hit(q, afterSeparators(line, leadLength));
      }
    }
    int limit = Math.min(line.length(), longestRaw);
    for (int i = 0; i < limit; i++) {
      if (SEPARATORS.indexOf(line.charAt(i)) >= 0) {
        Question q = i == 0 ? null : marked(line.substring(0, i + 1));
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
