package dev.pipgate.parse;

import dev.pipgate.names.PackageName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the package a notes heading is about. The heading must start with a PEP 508 name (after
 * markup is removed, so {@code `torch`} and {@code [torch](url)} work), optionally followed by
 * extras, and then by nothing or by what can follow a name: a version specifier ({@code ==2.0.1},
 * {@code >=4.30}, {@code ~=1.2}), a direct reference {@code @}, a marker {@code ;}, a parenthesis
 * ({@code sentence-transformers (2.2.2)}), a bare dotted version ({@code torch 2.0.1}), or a
 * comment after a colon or a dash surrounded by spaces ({@code torch — CUDA wheels}). Anything else
 * ("Why we use pip at all", "torch / faster-whisper") names no single package.
 *
 * <p>A heading that is a single common prose word ("Details", "Background", "Notes") names no
 * package either, although each is a valid name: such subsections under {@code ## torch} are far
 * more often prose than packages, and reading them as packages would take torch's answers away from
 * it. A package with such a name is written as code ({@code `setup`}) or with a version.
 */
final class NotesHeadingName {
  private NotesHeadingName() {}

  private static final Pattern NUMBERED = Pattern.compile("^\\d{1,3}[.)]\\s+");

  /**
   * Words that a parenthesis after a name holds without naming another package: "torch (pip)",
   * "numpy (optional)".
   */
  private static final Set<String> PAREN_WORDS =
      Set.of(
          "pip",
          "pypi",
          "optional",
          "cpu",
          "gpu",
          "cuda",
          "dev",
          "test",
          "tests",
          "new",
          "pinned",
          "deprecated",
          "temporary",
          "legacy",
          "wheel",
          "wheels",
          "source",
          "sdist");

  private static final Set<String> PROSE_WORDS =
      Set.of(
          "about",
          "appendix",
          "background",
          "caveats",
          "changelog",
          "changes",
          "compatibility",
          "conclusion",
          "context",
          "contents",
          "decision",
          "decisions",
          "dependencies",
          "details",
          "discussion",
          "example",
          "examples",
          "faq",
          "general",
          "glossary",
          "history",
          "install",
          "installation",
          "intro",
          "introduction",
          "issues",
          "license",
          "links",
          "misc",
          "motivation",
          "note",
          "notes",
          "overview",
          "packages",
          "pins",
          "problem",
          "problems",
          "rationale",
          "reason",
          "reasons",
          "references",
          "requirements",
          "risks",
          "security",
          "setup",
          "solution",
          "status",
          "summary",
          "testing",
          "tests",
          "todo",
          "troubleshooting",
          "usage",
          "verification",
          "versions",
          "warning",
          "warnings",
          "why");

  /**
   * The PEP 503-normalised name, or null.
   *
   * @param writtenAsCode whether the heading is a single code span: then it names a package even
   *     when it is a common prose word
   */
  static String packageName(String heading, boolean writtenAsCode) {
    // "## 1. torch", "## 2) numpy": a numbered heading names what follows the number.
    String text = NUMBERED.matcher(heading.strip()).replaceFirst("");
    int end = 0;
    while (end < text.length() && nameChar(text.charAt(end))) {
      end++;
    }
    while (end > 0 && !alnum(text.charAt(end - 1))) {
      end--;
    }
    if (end == 0 || !alnum(text.charAt(0))) {
      return null;
    }
    String name = text.substring(0, end);
    int i = skipSpaces(text, end);
    if (i < text.length() && text.charAt(i) == '[') {
      int close = text.indexOf(']', i);
      if (close < 0) {
        return null;
      }
      i = skipSpaces(text, close + 1);
    }
    if (!followerAllowed(text, i)) {
      return null;
    }
    boolean bare = text.substring(i).isBlank() || text.substring(i).equals(":");
    if (bare && !writtenAsCode && PROSE_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return PackageName.normalize(name);
  }

  /**
   * The second name a heading gives in parentheses after the first, as in {@code PyTorch (torch)}:
   * the PEP 503 name in the parenthesis, or null when there is none (a version, a word such as
   * {@code pip} or {@code optional}, or no parenthesis).
   */
  static String nameInParentheses(String heading) {
    String text = NUMBERED.matcher(heading.strip()).replaceFirst("");
    if (packageName(text, false) == null) {
      return null;
    }
    int open = text.indexOf('(');
    int close = text.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return null;
    }
    String inner = text.substring(open + 1, close).strip();
    if (!PackageName.isValid(inner)
        || !Character.isLetter(inner.charAt(0))
        || PAREN_WORDS.contains(inner.toLowerCase(Locale.ROOT))
        || inner.matches("(?i)cu\\d+|rocm[\\d.]*|py\\d+")) {
      return null;
    }
    String name = PackageName.normalize(inner);
    return name.equals(packageName(text, false)) ? null : name;
  }

  /** Where a comment after the listed names starts: "torch / faster-whisper (do not clobber)". */
  private static final Pattern LIST_COMMENT = Pattern.compile("[(:：]|\\s[—–-]\\s");

  /** What separates the names of a heading that lists several packages. */
  private static final Pattern LIST_SEPARATOR =
      Pattern.compile("\\s*[/,&+、，]\\s*|\\s+(?:and|or)\\s+");

  /**
   * The PEP 503 names of a heading that lists several packages ({@code torch / torchvision}, {@code
   * torch, torchaudio}, {@code numpy & scipy}, {@code torch and torchvision}), in heading order and
   * without repeats; empty when the heading is no such list. Every listed item must name a package
   * on its own, so prose ("Dividend / Distribution Entry") and a version range ({@code
   * numpy>=1.20,<1.24}) list nothing. A comment after the list (in parentheses, after a colon or a
   * dash) is not part of it.
   */
  static List<String> listedNames(String heading) {
    String text = NUMBERED.matcher(heading.strip()).replaceFirst("");
    Matcher comment = LIST_COMMENT.matcher(text);
    if (comment.find()) {
      text = text.substring(0, comment.start());
    }
    String[] items = LIST_SEPARATOR.split(text.strip(), -1);
    if (items.length < 2) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String item : items) {
      String name = packageName(item, false);
      if (name == null) {
        return List.of();
      }
      names.add(name);
    }
    return names.size() < 2 ? List.of() : List.copyOf(names);
  }

  private static boolean followerAllowed(String text, int i) {
    if (i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    if ("=<>(@;:：—–".indexOf(c) >= 0) {
      return true;
    }
    if ((c == '!' || c == '~') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
      return true;
    }
    if (c == '-') {
      return i > 0 && Character.isWhitespace(text.charAt(i - 1)) && dashEnds(text, i);
    }
    int v = c == 'v' || c == 'V' ? i + 1 : i;
    if (v < text.length() && Character.isDigit(text.charAt(v))) {
      // A bare version such as "torch 2.0.1": must hold a dot, so "Step 1" is no package.
      int end = v;
      boolean dot = false;
      while (end < text.length() && versionChar(text.charAt(end))) {
        dot |= text.charAt(end) == '.';
        end++;
      }
      int after = skipSpaces(text, end);
      return dot
          && (after >= text.length()
              || "(:：—–".indexOf(text.charAt(after)) >= 0
              || (text.charAt(after) == '-' && dashEnds(text, after)));
    }
    return false;
  }

  /** A lone "-" used as a dash: followed by whitespace or the end. */
  private static boolean dashEnds(String text, int i) {
    return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1));
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean nameChar(char c) {
    return alnum(c) || c == '.' || c == '_' || c == '-';
  }

  private static boolean versionChar(char c) {
    return alnum(c) || c == '.' || c == '+' || c == '!' || c == '*' || c == '-' || c == '_';
  }
}
