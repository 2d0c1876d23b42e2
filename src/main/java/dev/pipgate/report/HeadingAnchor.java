package dev.pipgate.report;

import java.util.Locale;

/**
 * The fragment GitHub gives a Markdown heading, following github-slugger (the library GitHub's
 * renderer matches): lower-case the text, drop punctuation and symbols except {@code -} and {@code
 * _}, turn each space into {@code -}. A second heading with the same text would get {@code -1};
 * callers link to the first.
 */
final class HeadingAnchor {
  private HeadingAnchor() {}

  static String of(String headingText) {
    String lower = headingText.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    lower
        .codePoints()
        .forEach(
            cp -> {
              if (cp == ' ') {
                b.append('-');
              } else if (cp == '-' || cp == '_' || Character.isLetterOrDigit(cp) || isMark(cp)) {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
