package dev.pipgate.github;

import dev.pipgate.github.Publication.Annotation;
import dev.pipgate.github.Publication.AnnotationLevel;
import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.model.Finding;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.report.MarkdownText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Markdown of an inline review comment for one finding. */
public final class FindingComments {
  private FindingComments() {}

  /**
   * Inline comments for the findings GitHub can place: on a line ({@code line > 0}) that is part of
   * the diff ({@link dev.pipgate.model.DiffMark#commentable()}). The others belong in the summary.
   */
  public static List<InlineComment> inlineComments(ReviewReport report) {
    Map<String, Integer> seen = new HashMap<>();
    List<InlineComment> out = new ArrayList<>();
    report.findings().stream()
        .filter(f -> f.mark().commentable() && f.location().line() > 0)
        .forEach(
            f -> {
              // The publisher keeps one comment per key: equal fingerprints (the same line twice)
              // are
              // numbered, so none loses its comment.
              String key = f.fingerprint();
              int n = seen.merge(key, 1, Integer::sum);
              InlineComment c = inlineComment(f);
              out.add(n == 1 ? c : new InlineComment(c.path(), c.line(), c.body(), key + "|" + n));
            });
    return List.copyOf(out);
  }

  /** One check-run annotation per finding; a finding about a whole file sits on line 1. */
  public static List<Annotation> annotations(ReviewReport report) {
    return report.findings().stream()
        .map(
            f -> {
              int line = Math.max(1, f.location().line());
              AnnotationLevel level =
                  report.failOn().fails(f.severity())
                      ? AnnotationLevel.FAILURE
                      : switch (f.severity()) {
                        case ERROR, WARNING -> AnnotationLevel.WARNING;
                        case NOTE -> AnnotationLevel.NOTICE;
                      };
              String message = f.help().isBlank() ? f.message() : f.message() + "\n\n" + f.help();
              return new Annotation(f.location().file(), line, line, level, f.ruleId(), message);
            })
        .toList();
  }

  /** An inline comment on the finding's line; the finding must have a line. */
  public static InlineComment inlineComment(Finding finding) {
    return new InlineComment(
        finding.location().file(), finding.location().line(), body(finding), finding.fingerprint());
  }

  /**
   * Severity and rule, message, help, and a {@code suggestion} block when the finding has a fix.
   * Message and help may quote the repository, so both are escaped; the suggestion sits in a fence
   * longer than any backtick run in it, so it cannot end the block early.
   */
  public static String body(Finding finding) {
    StringBuilder b = new StringBuilder();
    b.append("**pipgate ")
        .append(finding.severity().id())
        .append("** ")
        .append(MarkdownText.code(finding.ruleId()))
        .append(": ")
        .append(MarkdownText.escape(finding.message()));
    if (!finding.help().isBlank()) {
      b.append("\n\n").append(MarkdownText.escape(finding.help()));
    }
    finding
        .fix()
        .ifPresent(
            fix -> {
              String fence = "`".repeat(Math.max(3, longestBacktickRun(fix.replacement()) + 1));
              b.append("\n\n")
                  .append(fence)
                  .append("suggestion\n")
                  .append(fix.replacement())
                  .append('\n')
                  .append(fence);
            });
    return b.toString();
  }

  private static int longestBacktickRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
