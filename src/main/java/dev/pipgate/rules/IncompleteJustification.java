package dev.pipgate.rules;

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
final class IncompleteJustification implements Rule {
  static final String ID = "incomplete-justification";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.ERROR;
  }

  @Override
  public String summary() {
    return "The notes section of a new pip entry lacks one of the four answers, or one is a"
        + " placeholder.";
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
    return out;
  }

  private Finding finding(
      ReviewContext ctx, NotesSection section, String pkg, List<Question> missing) {
    return Finding.of(
        ID,
        defaultSeverity(),
        new Location(ctx.notesPath(), section.line()),
        pkg,
        "justification of '"
            + section.heading()
            + "' is incomplete: missing or placeholder answer"
            + (missing.size() > 1 ? "s" : "")
            + " to: "
            + Justifications.describe(missing),
        "Answer each question in the section with a real sentence (placeholders such as TODO,"
            + " TBD, N/A or '-' do not count).");
  }
}
