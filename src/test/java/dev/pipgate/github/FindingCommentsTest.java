package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.github.Publication.AnnotationLevel;
import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.model.DiffMark;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import dev.pipgate.report.MarkdownText;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingCommentsTest {
  static Finding finding(String message, String help) {
    return Finding.of(
        "pip.unpinned",
        Severity.WARNING,
        new Location("environment.yml", 9),
        "torch",
        message,
        help);
  }

  @Test
  void messageHelpAndSuggestion() {
    Finding f =
        finding("torch is not pinned", "Pin it to the version you tested.")
            .withFix(new Suggestion("    - torch==2.1.0"));
    InlineComment c = FindingComments.inlineComment(f);
    assertThat(c.path()).isEqualTo("environment.yml");
    assertThat(c.line()).isEqualTo(9);
    assertThat(c.fingerprint()).isEqualTo(f.fingerprint());
    assertThat(c.body())
        .isEqualTo(
            """
            **pipgate warning** `pip.unpinned`: torch is not pinned

            Pin it to the version you tested.

            ```suggestion
                - torch==2.1.0
            ```"""
                .replace("\\\\.", "."));
  }

  @Test
  void suggestionFenceIsLongerThanAnyBacktickRun() {
    Finding f = finding("m", "").withFix(new Suggestion("- pkg  # `````weird"));
    String body = FindingComments.body(f);
    assertThat(body).contains("\n``````suggestion\n- pkg  # `````weird\n``````");
  }

  @Test
  void emptySuggestionDeletesTheLine() {
    String body = FindingComments.body(finding("m", "").withFix(new Suggestion("")));
    assertThat(body).endsWith("```suggestion\n\n```");
  }

  @Test
  void markdownTextNeutralisesMentionsHtmlMarkersAndTables() {
    String evil = "@team/admins <script>x</script> <!-- pipgate:summary --> a|b\nnew\u2028line";
    String escaped = MarkdownText.escape(evil);
    assertThat(escaped)
        .doesNotContain("@team")
        .doesNotContain("<")
        .doesNotContain("\n")
        .doesNotContain("\u2028")
        .doesNotContain(" a|b")
        .contains("a\\|b");
    String code = MarkdownText.code("x`` <!-- pipgate:fingerprint=1 -->|\ny");
    assertThat(code)
        .startsWith("```x")
        .endsWith("y```")
        .doesNotContain("<!--")
        .doesNotContain("\n");
    assertThat(MarkdownText.code("")).isEqualTo("` `");
  }

  @Test
  void reportGivesCommentsForDiffLinesAndAnnotationsForAll() {
    Finding added = finding("a", "").withMark(DiffMark.ADDED);
    Finding context = finding("b", "").withMark(DiffMark.CONTEXT).withSeverity(Severity.NOTE);
    Finding outside = finding("c", "").withMark(DiffMark.OUTSIDE).withSeverity(Severity.ERROR);
    Finding wholeFile =
        Finding.of(
                "notes.orphan",
                Severity.WARNING,
                Location.file("requirements-notes.md"),
                null,
                "d",
                "")
            .withMark(DiffMark.ADDED);
    ReviewReport report =
        new ReviewReport(
            "base",
            "head",
            "requirements-notes.md",
            List.of(added, context, outside, wholeFile),
            List.of(),
            FailLevel.ERROR);

    assertThat(FindingComments.inlineComments(report))
        .extracting(Publication.InlineComment::fingerprint)
        .as("equal fingerprints are numbered, or the publisher would keep only one")
        .containsExactly(added.fingerprint(), context.fingerprint() + "|2");
    assertThat(FindingComments.annotations(report))
        .extracting(Publication.Annotation::level)
        .containsExactly(
            AnnotationLevel.WARNING,
            AnnotationLevel.NOTICE,
            AnnotationLevel.FAILURE,
            AnnotationLevel.WARNING);
    assertThat(FindingComments.annotations(report).get(3).startLine()).isEqualTo(1);
  }
}
