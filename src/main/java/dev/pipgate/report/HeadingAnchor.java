package dev.pipgate.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fragment GitHub gives a Markdown heading. GitHub documents the rule in "Basic writing and
 * formatting syntax", section "Section links" (docs.github.com): letters lower-cased, each space
 * turned into {@code -}, other whitespace and punctuation removed, and a heading whose anchor an
 * earlier one already has gets {@code -1}, {@code -2}, ... The character classes are those of
 * github-slugger ({@code script/generate-regex.mjs}, written to match GitHub's renderer): it
 * removes the Unicode categories Other_Number, every punctuation except connector punctuation
 * ({@code _}) and the ASCII {@code -}, symbols, controls, format and private-use characters,
 * unassigned code points and separators except the ASCII space, but keeps anything with the
 * Alphabetic property. So letters of every script, marks, decimal and letter numbers stay, and
 * nothing is trimmed: two spaces give two hyphens. Its de-duplication loop also steps over an
 * anchor a literal heading already took ({@code Dup}, {@code Dup}, {@code Dup 1} give {@code dup},
 * {@code dup-1}, {@code dup-1-1}).
 */
public final class HeadingAnchor {
  private HeadingAnchor() {}

  /** The anchor of one heading, as if it were the first with that text. */
  static String of(String headingText) {
    String lower = headingText.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    lower
        .codePoints()
        .forEach(
            cp -> {
              if (cp == ' ') {
                b.append('-');
              } else if (cp == '-' || kept(cp)) {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }

  /**
   * The anchors of a document's headings, in document order, duplicates numbered as GitHub does.
   */
  public static List<String> ofDocument(List<String> headingTexts) {
    Map<String, Integer> occurrences = new HashMap<>();
    List<String> out = new ArrayList<>(headingTexts.size());
    for (String text : headingTexts) {
      String original = of(text);
      String slug = original;
      while (occurrences.containsKey(slug)) {
        int n = occurrences.merge(original, 1, Integer::sum);
        slug = original + "-" + n;
      }
      occurrences.put(slug, 0);
      out.add(slug);
    }
    return out;
  }

  private static boolean kept(int cp) {
    if (Character.isAlphabetic(cp)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }
}
