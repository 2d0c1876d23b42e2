package dev.pipgate.parse;

import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import dev.pipgate.names.PackageName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;

/**
 * Writes empty justification sections for {@code requirements-notes.md}: one {@code ## name} per
 * package with the four questions as bold list items to fill in. The items parse back as answers
 * with empty text, so a scaffold alone never satisfies the check.
 */
public final class NotesScaffold {
  private NotesScaffold() {}

  /**
   * The sections for {@code packageDisplayNames}, with LF line ends:
   *
   * <pre>
   * ## torch
   *
   * - **Why not conda?**
   * - **conda-forge checked?**
   * - **--no-deps tested?**
   * - **Alternatives considered?**
   * </pre>
   *
   * using the first label of each question.
   *
   * @throws IllegalArgumentException for a name that is not a PEP 508 name, or a question without a
   *     label
   */
  public static String template(
      List<String> packageDisplayNames, Map<Question, List<String>> labels) {
    NotesLabels known = new NotesLabels(labels);
    StringBuilder b = new StringBuilder();
    for (String name : packageDisplayNames) {
      if (!PackageName.isValid(name)) {
        throw new IllegalArgumentException("not a package name: " + name);
      }
      if (b.length() > 0) {
        b.append('\n');
      }
      // A package called like a label ("alternatives") would read as an answer heading: a code
      // span keeps it a section heading.
      b.append("## ").append(known.exact(name) != null ? "`" + name + "`" : name).append("\n\n");
      for (Question q : Question.values()) {
        List<String> forQuestion = labels.get(q);
        if (forQuestion == null || forQuestion.isEmpty()) {
          throw new IllegalArgumentException("no label for " + q);
        }
        b.append("- **").append(asQuestion(forQuestion.get(0))).append("**\n");
      }
    }
    return b.toString();
  }

  /**
   * {@code existingText} unchanged, then a blank line, then {@link #template} in the line ending
   * the existing text uses (its first line break; LF for a file without one). When the existing
   * text ends inside a fenced code block or an HTML block that only an end marker closes (an
   * unterminated {@code <!--}, say), the marker is added first, or the new sections would be
   * swallowed by it.
   */
  public static String append(
      String existingText, List<String> packageDisplayNames, Map<Question, List<String>> labels) {
    String sections = template(packageDisplayNames, labels);
    String eol = lineEnding(existingText);
    StringBuilder b = new StringBuilder(existingText);
    if (!existingText.isEmpty()) {
      String closer = closerOfOpenBlock(existingText);
      if (closer != null) {
        if (!endsWithLineBreak(b)) {
          b.append(eol);
        }
        b.append(closer).append(eol);
      }
      if (!endsWithLineBreak(b)) {
        b.append(eol).append(eol);
      } else if (!lastLineBlank(b)) {
        b.append(eol);
      }
    }
    return b.append(sections.replace("\n", eol)).toString();
  }

  /** {@link #append} with {@link NotesParser#defaultLabels()}. */
  public static String append(String existingText, List<String> packageDisplayNames) {
    return append(existingText, packageDisplayNames, NotesParser.defaultLabels());
  }

  /**
   * {@code text} with the questions that {@code sections} do not ask at all added at the end of
   * each section, in the layout of the section's last answer (list item, heading, bold or plain
   * paragraph, two-column table row; a bold list item when the section has no answer). Nothing is
   * removed or changed: answers already written, empty or not, stay as they are, so a second run
   * adds nothing. Rows of a table for the whole file are left alone.
   */
  public static String complete(
      String text, List<NotesSection> sections, Map<Question, List<String>> labels) {
    String eol = lineEnding(text);
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
    List<NotesSection> byEnd = new ArrayList<>(sections);
    byEnd.sort(Comparator.comparingInt(NotesSection::endLine).reversed());
    for (NotesSection section : byEnd) {
      if (section.line() < 1
          || section.line() > lines.size()
          || lines.get(section.line() - 1).strip().startsWith("|")) {
        continue;
      }
      List<Question> absent = new ArrayList<>();
      NotesSection.Answer last = null;
      for (Question q : Question.values()) {
        NotesSection.Answer a = section.answers().get(q);
        if (a == null) {
          absent.add(q);
        } else if (last == null || a.line() > last.line()) {
          last = a;
        }
      }
      if (absent.isEmpty() || section.endLine() > lines.size()) {
        continue;
      }
      String model = last == null || last.line() < 1 ? "" : lines.get(last.line() - 1).strip();
      String end = lines.get(section.endLine() - 1).strip();
      List<String> added = new ArrayList<>();
      for (Question q : absent) {
        String label = asQuestion(labels.get(q).get(0));
        if (model.startsWith("#")) {
          added.add("");
          added.add(
              model.substring(0, model.indexOf(' ') < 0 ? 3 : model.indexOf(' ')) + " " + label);
        } else if (model.startsWith("|") && end.startsWith("|")) {
          added.add("| " + label.replace("|", "\\|") + " | |");
        } else if (model.isEmpty() || LIST_ITEM.matcher(model).lookingAt()) {
          String bullet = model.isEmpty() ? "-" : model.substring(0, 1);
          bullet = Character.isDigit(bullet.charAt(0)) ? "-" : bullet;
          boolean bold = model.isEmpty() || model.substring(1).strip().startsWith("**");
          added.add(bullet + " " + (bold ? "**" + label + "**" : label));
        } else {
          boolean bold = model.startsWith("**");
          added.add("");
          added.add(bold ? "**" + label + "**" : label);
        }
      }
      lines.addAll(section.endLine(), added);
    }
    return String.join(eol, lines);
  }

  private static final Pattern LIST_ITEM = Pattern.compile("([-*+]|\\d{1,9}[.)])\\s");

  private static String asQuestion(String label) {
    String text = label.strip();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_[]<>&|".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    if (text.isEmpty() || ":：?？".indexOf(text.charAt(text.length() - 1)) < 0) {
      // Chinese questions end in the full-width mark, as in the article's list.
      boolean han =
          text.codePoints()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
      b.append(han ? '？' : '?');
    }
    return b.toString();
  }

  static String lineEnding(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return "\n";
      }
      if (c == '\r') {
        return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
      }
    }
    return "\n";
  }

  private static boolean endsWithLineBreak(CharSequence s) {
    char last = s.charAt(s.length() - 1);
    return last == '\n' || last == '\r';
  }

  /** Whether the line before the final line break holds only spaces and tabs. */
  private static boolean lastLineBlank(CharSequence s) {
    int i = s.length() - 1;
    if (s.charAt(i) == '\n' && i > 0 && s.charAt(i - 1) == '\r') {
      i--;
    }
    i--; // now on the last character of the last line, if any
    while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i--;
    }
    return i < 0 || s.charAt(i) == '\n' || s.charAt(i) == '\r';
  }

  /**
   * The line that ends a block left open at the end of the text, or null. Only fenced code and HTML
   * blocks of CommonMark kinds 1-5 outlive a blank line and an unindented heading (CommonMark 0.31,
   * §4.5 and §4.6); open lists, quotes and other HTML blocks end at the separating blank line.
   */
  static String closerOfOpenBlock(String text) {
    Node last = NotesParser.markdownParser(IncludeSourceSpans.NONE).parse(text).getLastChild();
    if (last instanceof FencedCodeBlock f && f.getClosingFenceLength() == null) {
      int length = f.getOpeningFenceLength() == null ? 3 : f.getOpeningFenceLength();
      return f.getFenceCharacter().repeat(Math.max(3, length));
    }
    if (last instanceof HtmlBlock h) {
      return htmlCloser(h.getLiteral());
    }
    return null;
  }

  private static String htmlCloser(String literal) {
    String s = literal.stripLeading().toLowerCase(Locale.ROOT);
    if (s.startsWith("<!--")) {
      return s.indexOf("-->", 2) >= 0 ? null : "-->";
    }
    if (s.startsWith("<?")) {
      return s.indexOf("?>", 2) >= 0 ? null : "?>";
    }
    if (s.startsWith("<![cdata[")) {
      return s.indexOf("]]>", 9) >= 0 ? null : "]]>";
    }
    if (s.startsWith("<!") && s.length() > 2 && Character.isLetter(s.charAt(2))) {
      return s.indexOf('>', 2) >= 0 ? null : ">";
    }
    for (String tag : List.of("pre", "script", "style", "textarea")) {
      if (s.startsWith("<" + tag)
          && (s.length() == 1 + tag.length()
              || " \t\n>".indexOf(s.charAt(1 + tag.length())) >= 0)) {
        return s.contains("</" + tag + ">") ? null : "</" + tag + ">";
      }
    }
    return null;
  }
}
