package dev.pipgate.parse;

import dev.pipgate.model.NotesSection;
import dev.pipgate.model.NotesSection.Answer;
import dev.pipgate.model.Question;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;

/**
 * One pass over a parsed notes document, in document order, that cuts it into sections and collects
 * answers. Every step does work proportional to the node it visits (the open-section stack is at
 * most six deep, one per heading level), so the pass is linear in the size of the document.
 */
final class NotesTreeWalk {
  /**
   * The level of a package table's row: below every heading level, so no heading closes into it.
   */
  private static final int TABLE_ROW = 7;

  private final NotesLabels labels;
  private final List<Open> opened = new ArrayList<>();

  /** Open sections, innermost first; heading levels strictly decrease from top to bottom. */
  private final ArrayDeque<Open> stack = new ArrayDeque<>();

  private Pending pending;

  /** Last line of the content seen so far: where a section closed now ends. */
  private int lastLine;

  NotesTreeWalk(NotesLabels labels) {
    this.labels = labels;
  }

  List<NotesSection> walk(Document document) {
    block(document);
    closeAnswer();
    while (!stack.isEmpty()) {
      close(stack.pop());
    }
    List<NotesSection> sections = new ArrayList<>(opened.size());
    for (Open o : opened) {
      sections.add(
          new NotesSection(
              o.heading,
              o.packageName,
              o.line,
              o.endLine,
              o.answers,
              o.packageName == null ? null : NotesHeadingName.nameInParentheses(o.heading),
              o.level == TABLE_ROW,
              o.packageName == null ? NotesHeadingName.listedNames(o.heading) : List.of()));
    }
    return sections;
  }

  private void block(Node n) {
    if (n instanceof Heading h) {
      heading(h);
    } else if (n instanceof Paragraph p) {
      paragraph(
          p, n.getParent() instanceof ListItem item && item.getFirstChild() == p ? item : null);
    } else if (n instanceof TableBlock t) {
      table(t);
    } else if (n instanceof HtmlBlock
        || n instanceof FencedCodeBlock
        || n instanceof IndentedCodeBlock
        || n instanceof ThematicBreak
        || n instanceof LinkReferenceDefinition) {
      // Shown as code, hidden (comments, raw HTML) or no text at all: never a heading or an answer.
    } else {
      for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
        block(c);
      }
      if (pending != null && pending.owner == n) {
        closeAnswer();
      }
    }
    List<SourceSpan> spans = n.getSourceSpans();
    if (!spans.isEmpty()) {
      lastLine = Math.max(lastLine, spans.get(spans.size() - 1).getLineIndex() + 1);
    }
  }

  private void heading(Heading h) {
    closeAnswer();
    int line = NotesInlineText.firstLine(h, lastLine + 1);
    String text = NotesInlineText.plain(h);
    int level = h.getLevel();
    boolean code = NotesInlineText.onlyCode(h);
    NotesLabels.Hit hit = code ? null : labels.matchLine(text, -1, /* bareAllowed= */ true);
    if (hit != null) {
      // "### Why not conda?" under "## torch": an answer, not a section. It ends the prose
      // subsections at its level or deeper, never a package section (flat style
      // "## torch" + "## Why not conda?" is common).
      while (!stack.isEmpty() && stack.peek().packageName == null && stack.peek().level >= level) {
        close(stack.pop());
      }
      openAnswer(hit.question(), line, null);
      append(hit.rest()); // "### Alternatives: none" starts its answer in the heading
      return;
    }
    while (!stack.isEmpty() && stack.peek().level >= level) {
      close(stack.pop());
    }
    Open o = new Open(text, NotesHeadingName.packageName(text, code), line, level);
    opened.add(o);
    stack.push(o);
  }

  private void paragraph(Paragraph p, ListItem firstOfItem) {
    List<NotesInlineText.Line> lines = NotesInlineText.lines(p);
    for (int i = 0; i < lines.size(); i++) {
      NotesInlineText.Line line = lines.get(i);
      NotesLabels.Hit hit = labels.matchLine(line.text(), line.leadLength(), i == 0);
      if (hit == null) {
        append(line.text());
        continue;
      }
      Node owner;
      if (i == 0 && firstOfItem != null) {
        owner = firstOfItem; // the answer is the rest of the list item, nested lists included
      } else if (lines.size() == 1 && hit.rest().isBlank()) {
        owner = null; // a label alone, like a heading: the answer follows in the next blocks
      } else {
        owner = p;
      }
      openAnswer(hit.question(), line.number(), owner);
      append(hit.rest());
    }
    if (pending != null && pending.owner == p) {
      closeAnswer();
    }
  }

  private void table(TableBlock t) {
    if (packageTable(t)) {
      return;
    }
    for (Node part = t.getFirstChild(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (row instanceof TableRow r) {
          row(r);
        }
      }
    }
  }

  /**
   * A table for the whole file, one row per package: a header whose first column is not a question
   * and whose other columns ask at least two of the questions ({@code | package | why not conda |
   * conda-forge | --no-deps | alternatives |}). Each body row whose first cell names a package is a
   * section of its own, one line long, answered by its cells.
   */
  private boolean packageTable(TableBlock t) {
    Node head = t.getFirstChild();
    if (!(head instanceof TableHead) || !(head.getFirstChild() instanceof TableRow header)) {
      return false;
    }
    List<String> titles = cells(header);
    List<Question> columns = new ArrayList<>();
    int asked = 0;
    for (String title : titles) {
      Question q = labels.exact(title);
      columns.add(q);
      asked += q == null ? 0 : 1;
    }
    if (titles.isEmpty() || columns.get(0) != null || asked < 2) {
      return false;
    }
    closeAnswer();
    for (Node part = head.getNext(); part != null; part = part.getNext()) {
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        if (!(row instanceof TableRow r)) {
          continue;
        }
        List<String> cells = cells(r);
        int line = NotesInlineText.firstLine(r, lastLine + 1);
        String name = cells.isEmpty() ? "" : cells.get(0);
        Open o = new Open(name, NotesHeadingName.packageName(name, false), line, TABLE_ROW);
        o.endLine = line;
        opened.add(o);
        for (int i = 1; i < Math.min(cells.size(), columns.size()); i++) {
          Question q = columns.get(i);
          if (q != null) {
            o.answers.putIfAbsent(q, new Answer(q, NotesInlineText.collapse(cells.get(i)), line));
          }
        }
      }
    }
    return true;
  }

  private static List<String> cells(TableRow r) {
    List<String> cells = new ArrayList<>();
    for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof TableCell) {
        cells.add(NotesInlineText.plain(c));
      }
    }
    return cells;
  }

  private void row(TableRow r) {
    List<String> cells = cells(r);
    Question q = cells.isEmpty() ? null : labels.exact(cells.get(0));
    if (q == null) {
      cells.forEach(this::append);
      return;
    }
    openAnswer(q, NotesInlineText.firstLine(r, lastLine + 1), r);
    append(cells.size() > 1 ? cells.get(1) : "");
    closeAnswer();
  }

  private void openAnswer(Question q, int line, Node owner) {
    closeAnswer();
    Open target = null;
    for (Open o : stack) {
      if (o.packageName != null) {
        target = o;
        break;
      }
    }
    if (target == null) {
      target = stack.peek();
    }
    // First answer per question wins; a later one is read (so it cannot leak into a neighbour)
    // and dropped.
    boolean keep = target != null && !target.answers.containsKey(q);
    pending = new Pending(keep ? target : null, q, line, owner);
  }

  private void append(String text) {
    if (pending != null && pending.target != null && !text.isBlank()) {
      if (pending.text.length() > 0) {
        pending.text.append(' ');
      }
      pending.text.append(text);
    }
  }

  private void closeAnswer() {
    if (pending != null && pending.target != null) {
      pending.target.answers.putIfAbsent(
          pending.question,
          new Answer(pending.question, NotesInlineText.collapse(pending.text), pending.line));
    }
    pending = null;
  }

  private void close(Open o) {
    o.endLine = Math.max(lastLine, o.line);
  }

  private static final class Open {
    final String heading;
    final String packageName;
    final int line;
    final int level;
    final Map<Question, Answer> answers = new EnumMap<>(Question.class);
    int endLine;

    Open(String heading, String packageName, int line, int level) {
      this.heading = heading;
      this.packageName = packageName;
      this.line = line;
      this.level = level;
    }
  }

  private static final class Pending {
    final Open target;
    final Question question;
    final int line;
    final Node owner;
    final StringBuilder text = new StringBuilder();

    Pending(Open target, Question question, int line, Node owner) {
      this.target = target;
      this.question = question;
      this.line = line;
      this.owner = owner;
    }
  }
}
