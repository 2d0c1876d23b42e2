package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/** Reads the Markdown back with a GFM parser and checks what a reader would see. */
class MarkdownReporterTest {
  private static final Parser GFM =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private static final String BLOB = "https://github.com/o/r/blob/abc123/";

  private final MarkdownReporter markdown = new MarkdownReporter(BLOB);

  @Test
  void verdictHeadingCountsAndSectionsInOrder() {
    String md = markdown.render(Reports.failing());
    List<String> headings = texts(GFM.parse(md), Heading.class::isInstance);

    assertThat(headings)
        .containsExactly(
            "❌ pipgate: fail",
            "pip changes (3)",
            "Errors (2)",
            "Warnings (2)",
            "Notes (1)",
            "How to fix");
    assertThat(md.lines().toList().get(2))
        .startsWith("2 errors, 2 warnings, 1 note, 2 blocking (fail-on: error)")
        .contains("base `0123456`")
        .contains("head `fedcba9`");
  }

  @Test
  void passingReportHasNoFindingSectionsAndNoFixAdvice() {
    String md = markdown.render(Reports.empty());
    assertThat(texts(GFM.parse(md), Heading.class::isInstance)).containsExactly("✅ pipgate: pass");
    assertThat(md).contains("No findings (fail-on: error)").doesNotContain("How to fix");

    String warnings = markdown.render(Reports.with(List.of(Reports.NOTE), FailLevel.ERROR));
    assertThat(texts(GFM.parse(warnings), Heading.class::isInstance))
        .containsExactly("✅ pipgate: pass", "Notes (1)");
  }

  @Test
  void pipChangesTableHasOneRowPerChangeWithStatusLinksToNotesSections() {
    Node doc = GFM.parse(markdown.render(Reports.failing()));
    List<TableRow> rows = new ArrayList<>();
    collect(doc, n -> n instanceof TableRow && n.getParent() instanceof TableBody, rows);

    assertThat(count(doc, TableBlock.class::isInstance)).isEqualTo(1);
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(cells(r)).hasSize(5));
    assertThat(cells(rows.get(0)))
        .containsExactly("environment.yml", "numpy", "changed", "==1.21 → ==1.23", "✅ justified");
    assertThat(cells(rows.get(1)))
        .containsExactly("environment.yml", "Requests", "added", "— → >=2.31", "❌ no section");
    // The hostile display name stays in its cell, as written, with no mention or HTML.
    assertThat(cells(rows.get(2)))
        .containsExactly(
            "envs/<script>alert(1)</script>.yml",
            "@org/team|`x`",
            "removed",
            "==1 → —",
            "— (removed)");

    List<String> links = new ArrayList<>();
    walk(
        doc,
        n -> {
          if (n instanceof Link link) {
            links.add(link.getDestination());
          }
        });
    assertThat(links)
        .containsExactly(
            BLOB + "docs/requirements%20notes.md#numpy", BLOB + "docs/requirements%20notes.md");
  }

  @Test
  void relativeLinksByDefaultAndNoLinksWithoutANotesFile() {
    String md = Reporters.of(Format.MARKDOWN).render(Reports.failing());
    assertThat(md)
        .contains("](docs/requirements%20notes.md#numpy)")
        .contains("](docs/requirements%20notes.md)");

    ReviewReport noNotes =
        new ReviewReport(
            Reports.BASE,
            Reports.HEAD,
            "",
            Reports.findings(),
            Reports.pipChanges(),
            FailLevel.ERROR);
    Node doc = GFM.parse(markdown.render(noNotes));
    assertThat(count(doc, Link.class::isInstance)).isZero();
    assertThat(markdown.render(noNotes)).contains("a section in the notes file");
  }

  @Test
  void repositoryTextCannotInjectHtmlMentionsOrLinks() {
    String md = markdown.render(Reports.failing());
    Node doc = GFM.parse(md);

    assertThat(count(doc, n -> n instanceof HtmlInline || n instanceof HtmlBlock)).isZero();
    // Only pipgate's own notes links; "[link](http://evil)" stays text.
    assertThat(count(doc, Link.class::isInstance)).isEqualTo(2);
    assertThat(md).contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;").contains("\\[link\\]");
    // Outside code spans, no "@org" survives as a mention; in code spans GitHub mentions nobody.
    assertThat(texts(doc, Text.class::isInstance)).noneMatch(t -> t.contains("@org"));
    assertThat(texts(doc, Text.class::isInstance)).anyMatch(t -> t.contains("@\u200borg/team"));
    // Every raw "<script>" in the Markdown sits in a code span.
    int inCode =
        texts(doc, Code.class::isInstance).stream().mapToInt(t -> occurrences(t, "<script>")).sum();
    assertThat(occurrences(md, "<script>")).isEqualTo(inCode).isPositive();
    // A line break in a message does not end its list item.
    assertThat(md).contains("numpy is listed twice second line");
  }

  @Test
  void findingsCarryRuleLocationHelpSuggestionAndOutsideMark() {
    String md = markdown.render(Reports.failing());

    assertThat(md)
        .contains(
            "- `unjustified-pip` at `environment.yml:12`: pip package \\`requests\\` is not"
                + " justified in docs/requirements notes.md\n"
                + "  - Add a section for requests answering the four questions.\n")
        .contains("- `pip-without-pip-dep` at `environment.yml`: ")
        .contains("  - Suggested fix: replace this line with `  - pip`.")
        .contains("  - Suggested fix: delete this line.");
    String hostileItem =
        md.lines().filter(l -> l.startsWith("- `incomplete-justification`")).findFirst().get();
    assertThat(hostileItem).endsWith("*(outside the lines this change touches)*");
    assertThat(md.lines().filter(l -> l.contains("unjustified-pip`")).findFirst().get())
        .doesNotContain("outside");
    int errors = md.indexOf("### Errors");
    assertThat(md.indexOf("`unjustified-pip`", errors))
        .isLessThan(md.indexOf("`incomplete-justification`", errors));
  }

  @Test
  void howToFixOnlyForJustificationRulesAndNamesTheScaffoldCommand() {
    String withNotes = markdown.render(Reports.with(List.of(Reports.HOSTILE), FailLevel.ERROR));
    assertThat(withNotes)
        .contains("### How to fix")
        .contains("`pipgate notes scaffold`")
        .contains("`docs/requirements notes.md`")
        .contains("Why not conda, conda-forge checked, --no-deps tested, Alternatives considered");

    String other =
        markdown.render(
            Reports.with(List.of(Reports.WHOLE_FILE, Reports.DELETE_FIX), FailLevel.WARNING));
    assertThat(other).startsWith("## ❌ pipgate: fail").doesNotContain("How to fix");
  }

  @Test
  void outputDoesNotDependOnTheOrderOfFindingsOrChanges() {
    String md = markdown.render(Reports.failing());
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(markdown.render(Reports.shuffled(Reports.failing(), seed))).isEqualTo(md);
    }
  }

  @Test
  void anchorsFollowGithubHeadingRules() {
    // Expected values are the ids GitHub's renderer gives these headings (see HeadingAnchor).
    assertThat(HeadingAnchor.of("Requests")).isEqualTo("requests");
    assertThat(HeadingAnchor.of("ruamel.yaml")).isEqualTo("ruamelyaml");
    assertThat(HeadingAnchor.of("typing_extensions")).isEqualTo("typing_extensions");
    assertThat(HeadingAnchor.of("C++ (beta) Notes")).isEqualTo("c-beta-notes");
    assertThat(HeadingAnchor.of("Café Ünïcode ÀB")).isEqualTo("café-ünïcode-àb");
    assertThat(HeadingAnchor.of("This'll be a Helpful Section About the Greek Letter Θ!"))
        .isEqualTo("thisll-be-a-helpful-section-about-the-greek-letter-θ");
    assertThat(HeadingAnchor.of("ทดสอบ ภาษาไทย ก็ได้")).isEqualTo("ทดสอบ-ภาษาไทย-ก็ได้");
    assertThat(HeadingAnchor.of("日本語 見出し")).isEqualTo("日本語-見出し");
    assertThat(HeadingAnchor.of("A_B__C  d---e a.b/c")).isEqualTo("a_b__c--d---e-abc");
    assertThat(HeadingAnchor.of("Trailing hyphen -")).isEqualTo("trailing-hyphen--");
    assertThat(HeadingAnchor.of("torch==2.0.1")).isEqualTo("torch201");
    assertThat(HeadingAnchor.of("a\u00a0b\tc")).isEqualTo("abc");
    assertThat(HeadingAnchor.of("Ⅻ ①")).isEqualTo("ⅻ-");
  }

  @Test
  void duplicateHeadingsAreNumberedInDocumentOrder() {
    assertThat(HeadingAnchor.ofDocument(List.of("Dup", "Dup", "Dup 1", "Dup", "torch", "Torch")))
        .containsExactly("dup", "dup-1", "dup-1-1", "dup-2", "torch", "torch-1");
  }

  @Test
  void justificationCellTellsTheFourStatesApart() {
    assertThat(MarkdownReporter.status(PipChange.Justification.noSection()))
        .isEqualTo("❌ no section");
    assertThat(
            MarkdownReporter.status(
                new PipChange.Justification(
                    PipChange.Justification.State.INCOMPLETE,
                    List.of(Question.NO_DEPS_TESTED, Question.ALTERNATIVES),
                    null,
                    3,
                    "rich")))
        .isEqualTo("⚠️ incomplete: 2 of 4 (missing: --no-deps tested, alternatives considered)");
    assertThat(
            MarkdownReporter.status(
                new PipChange.Justification(
                    PipChange.Justification.State.JUSTIFIED, List.of(), null, 3, "rich")))
        .isEqualTo("✅ justified");
    assertThat(
            MarkdownReporter.status(
                new PipChange.Justification(
                    PipChange.Justification.State.ALLOWED,
                    List.of(),
                    LocalDate.of(2099, 12, 31),
                    0,
                    "")))
        .isEqualTo("allowed until 2099-12-31");
  }

  private static List<String> cells(TableRow row) {
    List<String> cells = new ArrayList<>();
    for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof TableCell) {
        cells.add(text(c));
      }
    }
    return cells;
  }

  /** The visible text of each node matching {@code which}: text and code span literals. */
  private static List<String> texts(Node root, Predicate<Node> which) {
    List<Node> nodes = new ArrayList<>();
    collect(root, which, nodes);
    return nodes.stream().map(MarkdownReporterTest::text).toList();
  }

  private static String text(Node node) {
    if (node instanceof Text t) {
      return t.getLiteral();
    }
    if (node instanceof Code c) {
      return c.getLiteral();
    }
    StringBuilder b = new StringBuilder();
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
      b.append(text(c));
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Node> void collect(Node root, Predicate<Node> which, List<T> out) {
    walk(
        root,
        n -> {
          if (which.test(n)) {
            out.add((T) n);
          }
        });
  }

  private static long count(Node root, Predicate<Node> which) {
    List<Node> found = new ArrayList<>();
    collect(root, which, found);
    return found.size();
  }

  private static void walk(Node node, java.util.function.Consumer<Node> visit) {
    visit.accept(node);
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
      walk(c, visit);
    }
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
