package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.names.PackageName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A justification for a package that no env file installs with pip any more. Judged for sections
 * this change touches and packages it removes (every section with {@code --all}), so old debris
 * does not block unrelated changes.
 */
final class StaleJustification extends RuleBase {
  static final String ID = "stale-justification";

  StaleJustification() {
    super(
        ID,
        Severity.WARNING,
        "A notes section names a package that no env file installs with pip any more.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (ctx.headNotes() == null) {
      return out;
    }
    Set<String> head = new HashSet<>(ctx.headPipNames());
    head.addAll(namesOfBrokenLines(ctx));
    Set<String> base = ctx.basePipNames();
    for (NotesSection s : ctx.headNotes().sections()) {
      String pkg = s.packageName();
      if (pkg == null
          || s.answers().isEmpty()
          || head.contains(pkg)
          || (s.alsoNamed() != null && head.contains(s.alsoNamed()))) {
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

  private static final Pattern LEADING_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * The project a line pip rejects was meant to install ('rich=13.7.0' means rich): that line is
   * reported as invalid, and its section is not stale but waiting for the line to be fixed.
   */
  private static Set<String> namesOfBrokenLines(ReviewContext ctx) {
    Set<String> out = new HashSet<>();
    for (EnvDiff env : ctx.envs()) {
      if (env.head() == null) {
        continue;
      }
      for (PipEntry e : env.head().pip()) {
        if (e.error() != null && e.name() == null) {
          Matcher m = LEADING_NAME.matcher(e.raw().strip());
          if (m.lookingAt()) {
            out.add(PackageName.normalize(m.group()));
          }
        }
      }
    }
    return out;
  }
}
