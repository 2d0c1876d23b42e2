package dev.pipgate.report;

import dev.pipgate.model.Finding;
import dev.pipgate.model.ReviewReport;

/**
 * Console output in the compiler convention {@code file:line: severity rule: message}, one line per
 * finding, sorted by file, line and rule, so editors, {@code grep} and a GitHub problem matcher can
 * read it. A finding's help follows on its own line indented by four spaces ({@code grep -v '^ '}
 * drops it); the last line is the verdict.
 *
 * <p>Repository text cannot add lines or terminal control sequences: line breaks become spaces and
 * other control characters are shown as {@code \xNN}. A line never starts with {@code ::}, which
 * the GitHub Actions runner would read as a workflow command.
 */
final class TextReporter implements Reporter {
  private static final String HELP_INDENT = "    ";

  @Override
  public String render(ReviewReport report) {
    StringBuilder out = new StringBuilder();
    for (Finding f : ReportOrder.findings(report.findings())) {
      String file = oneLine(f.location().file());
      if (file.startsWith(":")) {
        file = "./" + file;
      }
      out.append(file);
      if (f.location().line() > 0) {
        out.append(':').append(f.location().line());
      }
      out.append(": ")
          .append(f.severity().id())
          .append(' ')
          .append(oneLine(f.ruleId()))
          .append(": ")
          .append(oneLine(f.message()))
          .append('\n');
      if (!f.help().isBlank()) {
        out.append(HELP_INDENT).append(oneLine(f.help().strip())).append('\n');
      }
    }
    out.append("pipgate: ").append(report.verdict()).append(" — ");
    out.append(FindingCounts.phrase(report.findings()));
    if (!report.findings().isEmpty()) {
      out.append(" (fail-on: ").append(report.failOn().id()).append(')');
    }
    report.nothingReviewed().ifPresent(n -> out.append("; ").append(n));
    return out.append('\n').toString();
  }

  static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        b.append(' ');
      } else if (c == '\r' || c == '\n') {
        if (c == '\n' || i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          b.append(' ');
        }
      } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
