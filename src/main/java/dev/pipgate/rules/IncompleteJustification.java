package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The notes section of a new pip entry must answer all four questions, for real. */
final class IncompleteJustification extends RuleBase {
  static final String ID = "incomplete-justification";

  IncompleteJustification() {
    super(
        ID,
        Severity.ERROR,
        "The notes section of a new pip entry (or a section the change edits) lacks one of the"
            + " four answers, or one is a placeholder.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.newPip(env)
          .filter(e -> e.name() != null && seen.add(e.name()))
          .forEach(
              e ->
                  ctx.headSection(e.name())
                      .ifPresent(
                          section -> {
                            List<Question> missing = Justifications.missing(section, ctx.config());
                            if (!missing.isEmpty()) {
                              out.add(finding(ctx, section, e.name(), missing));
                            }
                          }));
    }
    // A change that edits the section of a package still installed with pip is judged too:
    // otherwise replacing a good answer with "TODO" would pass because the entry is not new.
    Set<String> installed = ctx.headPipNames();
    if (ctx.headNotes() != null) {
      for (NotesSection section : ctx.headNotes().sections()) {
        String pkg = section.packageName();
        // Only the section that counts for the package: not a second one, nor a heading that names
        // two pip packages (ambiguous-notes-heading reports those).
        if (pkg != null
            && installed.contains(pkg)
            && ctx.notesDiff().changeOf(pkg) == Change.CHANGED
            && ctx.headSection(pkg).orElse(null) == section
            && seen.add(pkg)) {
          List<Question> missing = Justifications.missing(section, ctx.config());
          if (!missing.isEmpty()) {
            out.add(finding(ctx, section, pkg, missing));
          }
        }
      }
    }
    return out;
  }

  private Finding finding(
      ReviewContext ctx, NotesSection section, String pkg, List<Question> missing) {
    // Point at the first answer that does not count when every missing question has one, so the
    // finding sits on the line to fix (and inside the diff when the change wrote it); else at the
    // heading.
    int line = section.line();
    boolean allWritten = missing.stream().allMatch(q -> section.answers().containsKey(q));
    if (allWritten) {
      int first = section.answers().get(missing.get(0)).line();
      line = first > 0 ? first : line;
    }
    return Finding.of(
        ID,
        defaultSeverity(),
        new Location(ctx.notesPath(), line),
        pkg,
        "justification of '"
            + section.heading()
            + "' is incomplete: "
            + Justifications.describeFound(section, ctx.config()),
        "Answer each question in the section with a real sentence (placeholders such as TODO,"
            + " TBD, N/A or '-' do not count).");
  }
}
