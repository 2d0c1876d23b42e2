package dev.pipgate.github;

import dev.pipgate.github.Publication.InlineComment;
import dev.pipgate.model.Finding;
import dev.pipgate.report.MarkdownText;

/** The Markdown of an inline review comment for one finding. */
public final class FindingComments {
  private FindingComments() {}

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
