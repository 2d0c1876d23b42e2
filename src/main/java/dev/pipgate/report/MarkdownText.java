package dev.pipgate.report;

/**
 * Escapes text that comes from a repository (package names, file names, notes excerpts) for
 * GitHub-flavoured Markdown, so it shows as written: it cannot mention people or teams, inject HTML
 * (including pipgate's own hidden markers), start a code block, or break a table cell.
 */
public final class MarkdownText {
  private MarkdownText() {}

  /** Text for a paragraph or a table cell, on one line. */
  public static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (breaksLine(c)) {
        b.append(' ');
        continue;
      }
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '|' -> b.append("\\|");
        case '@' -> b.append("@\u200b"); // a zero-width space after @ prevents a mention
        case '\\', '`', '*', '_', '[', ']', '#', '~', '!', '(', ')', '{', '}' ->
            b.append('\\').append(c);
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Text inside an inline code span: backticks in it cannot end the span early. Mentions and HTML
   * do not render in a code span, but its raw text is still read by programs that look for hidden
   * markers, so an HTML comment opener gets a zero-width space ({@code <\u200b!--}).
   */
  public static String code(String text) {
    StringBuilder flat = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      flat.append(breaksLine(c) ? ' ' : c);
    }
    String oneLine = flat.toString().replace("<!--", "<\u200b!--");
    if (oneLine.isEmpty()) {
      return "` `";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < oneLine.length(); i++) {
      run = oneLine.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
    return fence + pad + oneLine.replace("|", "\\|") + pad + fence;
  }

  /**
   * Characters that would end the line (and so the paragraph, list item or table row): control
   * characters, and the Unicode line and paragraph separators.
   */
  private static boolean breaksLine(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
