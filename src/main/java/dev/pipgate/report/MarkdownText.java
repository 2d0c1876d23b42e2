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
      switch (c) {
        case '\r', '\n' -> b.append(' ');
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '|' -> b.append("\\|");
        case '@' -> b.append("@\u200b"); // a zero-width space after @ prevents a mention
        case '\\', '`', '*', '_', '[', ']', '#', '~', '!', '(', ')', '{', '}' -> {
          b.append('\\').append(c);
        }
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Text inside an inline code span: backticks in it cannot end the span early. */
  public static String code(String text) {
    String oneLine = text.replaceAll("[\\r\\n]+", " ");
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
}
