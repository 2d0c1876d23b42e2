package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A justification for a package that no env file installs with pip any more. Judged for sections
 * this change touches and packages it removes (every section with {@code --all}), so old debris
 * does not block unrelated changes.
 */
final class StaleJustification implements Rule {
  static final String ID = "stale-justification";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String summary() {
    return "A notes section names a package that no env file installs with pip any more.";
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (ctx.headNotes() == null) {
      return out;
    }
    Set<String> head = ctx.headPipNames();
    Set<String> base = ctx.basePipNames();
    for (NotesSection s : ctx.headNotes().sections()) {
      String pkg = s.packageName();
      if (pkg == null || s.answers().isEmpty() || head.contains(pkg)) {
        continue;
      }
      boolean inScope =
          ctx.all() || base.contains(pkg) || ctx.notesDiff().changeOf(pkg) != Change.UNCHANGED;
      if (inScope) {
        out.add(
            Finding.of(
                ID,
                defaultSeverity(),
                new Location(ctx.notesPath(), s.line()),
                pkg,
                "'"
                    + s.heading()
                    + "' is justified in the notes, but no env file installs it with pip",
                "Remove the section, or keep it only if the package is still installed with pip"
                    + " somewhere pipgate does not read (add that file to env-files)."));
      }
    }
    return out;
  }
}
