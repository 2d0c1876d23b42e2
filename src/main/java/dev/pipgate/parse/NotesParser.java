package dev.pipgate.parse;

import dev.pipgate.model.InputException;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.Question;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Document;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads {@code requirements-notes.md}, where every pip package of a conda environment is justified
 * by four answers, as GitHub renders it (CommonMark + GFM tables).
 *
 * <p><b>Sections.</b> Every heading (ATX or Setext, any level) opens a section that runs to the
 * next heading of the same or a higher level; its end line is the last non-blank line before that.
 * Text that CommonMark does not make a heading (inside code blocks, HTML blocks, HTML comments) is
 * no heading. A section's package is read from its heading ({@code torch}, {@code `torch`}, {@code
 * torch==2.0.1}, {@code transformers >=4.30}, {@code sentence-transformers (2.2.2)}, {@code
 * name[extra]}, {@code torch — why}); prose headings name no package.
 *
 * <p><b>Answers</b> are found by their labels (configured labels exactly, or any short text that
 * asks the question: see {@link NotesLabels}), in four forms:
 *
 * <ol>
 *   <li>a heading that is a label (or starts with one and a separator, as in {@code ###
 *       Alternatives: none}): the answer is the rest of the heading and everything up to the next
 *       heading or label. Such a heading is no section: it belongs to the innermost open package
 *       section, and closes the package-less subsections at its level or deeper;
 *   <li>a paragraph or list item starting with a label, plain, bold or italic, followed by {@code
 *       :}, {@code ?} (ASCII or full-width) or a line break: the answer is the rest of the
 *       paragraph, or of the list item with its nested content. A paragraph that is only a label
 *       works like a heading label;
 *   <li>a GFM table row whose first cell is a label: the answer is the second cell; or a table for
 *       the whole file whose header asks the questions, one row per package (each row is a section
 *       of its own);
 *   <li>a line {@code Label: answer} inside a paragraph: the answer runs to the next label line or
 *       the end of the paragraph.
 * </ol>
 *
 * An answer belongs to the innermost open section that names a package (so answers under a prose
 * subsection such as "### Details" count for the package above it), else to the innermost section;
 * answers before the first heading belong to none. Only the first answer to each question in a
 * section counts: a later one is dropped, so the line reported for an empty answer is the one the
 * reader sees first. An answer's text is the rendered text with markup removed and whitespace
 * collapsed; code blocks, HTML blocks and inline HTML (comments included) are never part of it,
 * since GitHub does not show them as prose: an answer hidden in an HTML comment does not count.
 */
public final class NotesParser {
  /**
   * Files above this size are refused rather than parsed: a notes file is prose written by people,
   * and parsing time and memory grow with the input.
   */
  static final int MAX_CHARS = 16 * 1024 * 1024;

  /**
   * Block and inline nesting limits: deeper nesting is read as text, which bounds the recursion of
   * the parser and of {@link NotesTreeWalk}.
   */
  private static final int MAX_NESTING = 32;

  private final NotesLabels labels;
  private final Parser parser;

  public NotesParser(Map<Question, List<String>> labels) {
    this.labels = new NotesLabels(labels);
    this.parser = markdownParser(IncludeSourceSpans.BLOCKS_AND_INLINES);
  }

  /**
   * The labels recognised out of the box. Case is ignored, whitespace too (so {@code --no-deps} may
   * stand with or without spaces around it), and a trailing {@code ?}, {@code :} or their
   * full-width forms {@code ？ ：} is optional. The Chinese labels are the four questions of the
   * article pipgate grew from. The first label of each question is the one {@link NotesScaffold}
   * writes.
   *
   * <table>
   *   <caption>Default labels</caption>
   *   <tr><th>Question</th><th>English</th><th>Chinese</th></tr>
   *   <tr><td>WHY_NOT_CONDA</td><td>Why not conda; why pip</td><td>为何不能使用Conda？</td></tr>
   *   <tr><td>CONDA_FORGE_CHECKED</td><td>conda-forge checked; conda-forge</td>
   *       <td>是否评估过conda-forge？</td></tr>
   *   <tr><td>NO_DEPS_TESTED</td><td>--no-deps tested; no-deps tested; --no-deps</td>
   *       <td>是否测试过--no-deps模式？</td></tr>
   *   <tr><td>ALTERNATIVES</td><td>Alternatives considered; alternatives</td>
   *       <td>是否存在替代方案？</td></tr>
   * </table>
   */
  public static Map<Question, List<String>> defaultLabels() {
    Map<Question, List<String>> labels = new EnumMap<>(Question.class);
    labels.put(Question.WHY_NOT_CONDA, List.of("Why not conda", "why pip", "为何不能使用Conda？"));
    labels.put(
        Question.CONDA_FORGE_CHECKED,
        List.of("conda-forge checked", "conda-forge", "是否评估过conda-forge？"));
    labels.put(
        Question.NO_DEPS_TESTED,
        List.of("--no-deps tested", "no-deps tested", "--no-deps", "是否测试过--no-deps模式？"));
    labels.put(
        Question.ALTERNATIVES, List.of("Alternatives considered", "alternatives", "是否存在替代方案？"));
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Parses one notes file.
   *
   * @throws InputException when the bytes are not text (see {@link TextFiles#decode}) or the file
   *     is too large; nothing else escapes
   */
  public NotesFile parse(String path, byte[] content) {
    String text = TextFiles.decode(path, content);
    if (text.length() > MAX_CHARS) {
      throw new InputException(
          path,
          0,
          "notes file too large (" + text.length() + " characters, limit " + MAX_CHARS + ")");
    }
    try {
      Document document = (Document) parser.parse(text);
      return new NotesFile(path, new NotesTreeWalk(labels).walk(document));
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      // Defensive: hostile input must end as one readable line, never as a stack trace.
      throw new InputException(path, 0, "cannot read as Markdown: " + e, e);
    }
  }

  /**
   * Whether {@code answer} only repeats question {@code q} instead of answering it, with {@code
   * labels} configured (see {@link NotesLabels#repeats}).
   */
  public static boolean repeatsQuestion(
      Question q, String answer, Map<Question, List<String>> labels) {
    return new NotesLabels(labels).repeats(q, answer);
  }

  static Parser markdownParser(IncludeSourceSpans spans) {
    return Parser.builder()
        .extensions(List.of(TablesExtension.create()))
        .includeSourceSpans(spans)
        .maxOpenBlockParsers(MAX_NESTING)
        .maxInlineNesting(MAX_NESTING)
        .build();
  }
}
