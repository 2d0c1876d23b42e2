package dev.pipgate.report;

import static java.util.stream.Collectors.joining;

import dev.pipgate.model.DiffMark;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The review as GitHub-flavoured Markdown: the pull request's summary comment and the job summary.
 * Verdict heading, counts, a table of pip changes with their justification status, the findings by
 * severity, and how to fix missing justifications. Every piece of repository text goes through
 * {@link MarkdownText}, so a package or file name cannot mention people, inject HTML or break the
 * table.
 */
public final class MarkdownReporter implements Reporter {
  /** Rules whose fix is writing notes; their presence adds the "How to fix" section. */
  static final Set<String> NOTES_RULES = Set.of("unjustified-pip", "incomplete-justification");

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final String notesLinkBase;

  /**
   * @param notesLinkBase put before the notes file's repository path in links to its sections: ""
   *     for a link relative to the repository root, or e.g. {@code
   *     https://github.com/o/r/blob/<sha>/} for an absolute one
   */
  public MarkdownReporter(String notesLinkBase) {
    this.notesLinkBase = Objects.requireNonNull(notesLinkBase, "notesLinkBase");
  }

  @Override
  public String render(ReviewReport report) {
    StringBuilder md = new StringBuilder(head(report));
    List<Finding> sorted = ReportOrder.findings(report.findings());
    for (Severity s : Severity.values()) {
      List<Finding> group = sorted.stream().filter(f -> f.severity() == s).toList();
      if (!group.isEmpty()) {
        md.append('\n').append(findingGroup(s, group));
      }
    }
    if (needsNotes(report)) {
      md.append('\n').append(howToFix(report.notesFile()));
    }
    return md.toString();
  }

  /**
   * The pull request's sticky summary, in parts: the opening (verdict, pip changes, how to fix, and
   * a heading for what follows), then one entry per finding that is not an inline comment — the
   * entries are what gets cut first when the comment would be too long.
   */
  public Summary pullRequestSummary(ReviewReport report, Predicate<Finding> shownInline) {
    StringBuilder md = new StringBuilder(head(report));
    if (needsNotes(report)) {
      md.append('\n').append(howToFix(report.notesFile()));
    }
    List<Finding> rest =
        ReportOrder.findings(report.findings()).stream().filter(shownInline.negate()).toList();
    int inline = report.findings().size() - rest.size();
    if (!rest.isEmpty()) {
      md.append("\n### Findings not shown as inline comments (").append(rest.size()).append(")\n");
    }
    if (inline > 0) {
      md.append("\n")
          .append(inline)
          .append(inline == 1 ? " finding is" : " findings are")
          .append(" shown as inline comments on the changed lines.\n");
    }
    return new Summary(
        md.toString().stripTrailing(),
        rest.stream().map(f -> entry(f, /* withSeverity= */ true).stripTrailing()).toList());
  }

  /** A summary in two parts: its opening, and one entry per finding. */
  public record Summary(String head, List<String> entries) {
    public Summary {
      Objects.requireNonNull(head, "head");
      entries = List.copyOf(entries);
    }
  }

  private String head(ReviewReport report) {
    StringBuilder md = new StringBuilder();
    md.append("## ")
        .append(report.passed() ? "✅" : "❌")
        .append(" pipgate: ")
        .append(report.verdict())
        .append("\n\n");
    md.append(countLine(report)).append("\n");
    report
        .nothingReviewed()
        .ifPresent(
            n ->
                md.append('\n')
                    .append(Character.toUpperCase(n.charAt(0)))
                    .append(n, 1, n.length())
                    .append(".\n"));
    if (!report.pipChanges().isEmpty()) {
      md.append('\n').append(pipChangesTable(report));
    }
    return md.toString();
  }

  private static boolean needsNotes(ReviewReport report) {
    return report.findings().stream().anyMatch(f -> NOTES_RULES.contains(f.ruleId()));
  }

  private static String countLine(ReviewReport report) {
    String counts = FindingCounts.phrase(report.findings());
    StringBuilder line = new StringBuilder();
    line.append(Character.toUpperCase(counts.charAt(0))).append(counts.substring(1));
    if (report.blockingCount() > 0) {
      line.append(", ").append(report.blockingCount()).append(" blocking");
    }
    line.append(" (fail-on: ").append(report.failOn().id()).append(')');
    if (report.base().isEmpty() && report.notesFile().isEmpty()) {
      // An environment check: one installed prefix, no base and no notes file.
      return line.append(" · ").append(MarkdownText.code(report.head())).toString();
    }
    if (report.base().isEmpty()) {
      line.append(" · every pip entry counted as new ·");
    } else {
      line.append(" · base ").append(MarkdownText.code(shortRevision(report.base()))).append(" →");
    }
    line.append(" head ").append(MarkdownText.code(shortRevision(report.head())));
    return line.toString();
  }

  /** Commit SHAs shortened to the 7 characters GitHub shows; directories as given. */
  static String shortRevision(String side) {
    return FULL_SHA.matcher(side).matches() ? side.substring(0, 7) : side;
  }

  private String pipChangesTable(ReviewReport report) {
    StringBuilder t = new StringBuilder();
    t.append("### pip changes (").append(report.pipChanges().size()).append(")\n\n");
    t.append("| File | Package | Change | Before → after | Justification |\n");
    t.append("| --- | --- | --- | --- | --- |\n");
    for (PipChange c : ReportOrder.pipChanges(report.pipChanges())) {
      t.append("| ")
          .append(MarkdownText.code(c.file()))
          .append(" | ")
          .append(MarkdownText.code(c.displayName()))
          .append(c.unreadable() ? " (see invalid-pip-line)" : "")
          .append(" | ")
          .append(c.change().id())
          .append(" | ")
          .append(side(c.before(), c.change() == PipChange.Change.ADDED))
          .append(" → ")
          .append(side(c.after(), c.change() == PipChange.Change.REMOVED))
          .append(" | ")
          .append(justification(c, report.notesFile()))
          .append(" |\n");
    }
    return t.toString();
  }

  private static String side(String spec, boolean absent) {
    if (absent) {
      return "—";
    }
    return spec.isEmpty() ? "any version" : MarkdownText.code(spec);
  }

  private String justification(PipChange c, String notesFile) {
    if (c.change() == PipChange.Change.REMOVED) {
      return "— (removed)"; // only new and changed entries need a justification
    }
    PipChange.Justification j = c.justification();
    String status = status(j);
    if (notesFile.isBlank()) {
      return status;
    }
    // Link to the section only when it exists; otherwise the file, where it is to be written.
    String target = notesLinkBase + UriPath.encode(notesFile);
    if (j.hasSection() && !j.anchor().isEmpty()) {
      target += "#" + UriPath.encode(j.anchor());
    }
    return "[" + status + "](" + target + ")";
  }

  /** The Justification cell's words; four states a reader can tell apart at a glance. */
  static String status(PipChange.Justification j) {
    return switch (j.state()) {
      case JUSTIFIED -> "✅ justified";
      case NO_SECTION -> "❌ no section";
      case INCOMPLETE ->
          "⚠️ incomplete: "
              + (Question.values().length - j.missing().size())
              + " of "
              + Question.values().length
              + " (missing: "
              + j.missing().stream().map(MarkdownReporter::lowerFirst).collect(joining(", "))
              + ")";
      case ALLOWED ->
          j.allowedUntil() == null
              ? "allowed (allow-list, no end date)"
              : "allowed until " + j.allowedUntil();
    };
  }

  private static String lowerFirst(Question q) {
    String label = q.label();
    return Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }

  private static String findingGroup(Severity severity, List<Finding> group) {
    StringBuilder g = new StringBuilder();
    String title =
        switch (severity) {
          case ERROR -> "Errors";
          case WARNING -> "Warnings";
          case NOTE -> "Notes";
        };
    g.append("### ").append(title).append(" (").append(group.size()).append(")\n\n");
    for (Finding f : group) {
      g.append(entry(f, /* withSeverity= */ false));
    }
    return g.toString();
  }

  /** One finding as a list item: rule, place, message, then help and fix as sub-items. */
  static String entry(Finding f, boolean withSeverity) {
    StringBuilder g = new StringBuilder();
    g.append("- ");
    if (withSeverity) {
      g.append(
          f.severity() == Severity.ERROR ? "❌ " : f.severity() == Severity.WARNING ? "⚠️ " : "ℹ️ ");
    }
    g.append(MarkdownText.code(f.ruleId()))
        .append(" at ")
        .append(MarkdownText.code(f.location().toString()))
        .append(": ")
        .append(MarkdownText.escape(f.message().strip()));
    if (f.mark() == DiffMark.OUTSIDE) {
      g.append(" *(outside the lines this change touches)*");
    }
    g.append('\n');
    if (!f.help().isBlank()) {
      g.append("  - ").append(MarkdownText.escape(f.help().strip())).append('\n');
    }
    f.fix().ifPresent(s -> g.append("  - ").append(suggestion(s)).append('\n'));
    return g.toString();
  }

  private static String suggestion(Suggestion s) {
    return s.replacement().isBlank()
        ? "Suggested fix: delete this line."
        : "Suggested fix: replace this line with " + MarkdownText.code(s.replacement()) + ".";
  }

  private static String howToFix(String notesFile) {
    String questions =
        Arrays.stream(Question.values())
            .map(q -> MarkdownText.escape(q.label()))
            .collect(Collectors.joining(", "));
    String file = notesFile.isBlank() ? "the notes file" : MarkdownText.code(notesFile);
    return """
        ### How to fix

        Every pip package needs a section in %s that answers four questions: %s.
        Run `pipgate notes scaffold` to add a section with these questions for each package that \
        lacks one, answer them, and push again.
        """
        .formatted(file, questions);
  }
}
