package dev.pipgate.parse;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * The plain text of a block's inline content (paragraph, heading, table cell): markup removed, code
 * spans kept as their literal, inline HTML (comments included) dropped, because GitHub does not
 * show it. Recursion depth is bounded by the parser's inline nesting limit.
 */
final class NotesInlineText {
  private NotesInlineText() {}

  /**
   * One source line of a block.
   *
   * @param number 1-based line in the file
   * @param leadLength length of the text of a bold/italic span the line starts with, else -1
   */
  record Line(String text, int number, int leadLength) {}

  /** The block's text split where the source breaks lines. */
  static List<Line> lines(Node block) {
    Collector c = new Collector(block);
    c.children(block);
    c.endLine();
    return c.out;
  }

  /** The block's text on one line, whitespace collapsed. */
  static String plain(Node block) {
    StringBuilder b = new StringBuilder();
    for (Line line : lines(block)) {
      b.append(line.text()).append(' ');
    }
    return collapse(b);
  }

  /** True when the block's content is a single code span, e.g. a heading {@code `name`}. */
  static boolean onlyCode(Node block) {
    Node only = null;
    for (Node c = block.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof Text t && t.getLiteral().isBlank()) {
        continue;
      }
      if (only != null) {
        return false;
      }
      only = c;
    }
    return only instanceof Code;
  }

  /** Runs of whitespace (including no-break and ideographic spaces) as one space, trimmed. */
  static String collapse(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  static int firstLine(Node node, int fallback) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? fallback : spans.get(0).getLineIndex() + 1;
  }

  private static final class Collector {
    final List<Line> out = new ArrayList<>();
    final List<SourceSpan> blockSpans;
    StringBuilder text = new StringBuilder();
    int number = -1;
    int lead = -1;

    Collector(Node block) {
      this.blockSpans = block.getSourceSpans();
    }

    void children(Node parent) {
      for (Node c = parent.getFirstChild(); c != null; c = c.getNext()) {
        inline(c);
      }
    }

    void inline(Node n) {
      if (n instanceof HtmlInline) {
        return;
      }
      if (number < 0 && !n.getSourceSpans().isEmpty()) {
        number = n.getSourceSpans().get(0).getLineIndex() + 1;
      }
      if (n instanceof Text t) {
        text.append(t.getLiteral());
      } else if (n instanceof Code c) {
        text.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        endLine();
      } else if (n instanceof Emphasis || n instanceof StrongEmphasis) {
        boolean atStart = blank(text);
        children(n);
        if (atStart) {
          lead = text.length();
        }
      } else {
        children(n);
      }
    }

    private static boolean blank(CharSequence s) {
      for (int i = 0; i < s.length(); i++) {
        if (!Character.isWhitespace(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    void endLine() {
      int line = number;
      if (line < 0) {
        // A line without positioned inlines: count source lines of the block instead.
        int i = Math.min(out.size(), blockSpans.size() - 1);
        line = i < 0 ? 0 : blockSpans.get(i).getLineIndex() + 1;
      }
      out.add(new Line(text.toString(), line, lead));
      text = new StringBuilder();
      number = -1;
      lead = -1;
    }
  }
}
