package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.diff.ItemChange;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** Every pip entry new in head needs a section in the notes file. */
final class UnjustifiedPip extends RuleBase {
  static final String ID = "unjustified-pip";

  UnjustifiedPip() {
    super(ID, Severity.ERROR, "A pip entry new in head has no section in the notes file.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.newPip(env)
          .filter(e -> e.error() == null)
          .forEach(
              e -> {
                if (e.name() == null) {
                  if (e.kind() == PipEntry.Kind.URL || e.kind() == PipEntry.Kind.VCS) {
                    out.add(
                        Finding.of(
                            ID,
                            defaultSeverity(),
                            e.location(),
                            null,
                            "pip entry '"
                                + e.raw()
                                + "' names no package, so no justification can match it",
                            "Name the package: write it as 'name @ URL' or add '#egg=name' to the URL, then justify it in "
                                + ctx.notesPath()
                                + "."));
                  }
                } else if (ctx.headSection(e.name()).isEmpty()) {
                  String why =
                      ctx.headNotes() == null
                          ? ctx.notesPath() + " does not exist at head"
                          : ctx.notesPath() + " has no section for it";
                  out.add(
                      finding(
                          e,
                          (ctx.all() ? "pip package '" : "new pip package '")
                              + e.displayName()
                              + "' is not justified: "
                              + why,
                          "Add a section '## "
                              + e.displayName()
                              + "' to "
                              + ctx.notesPath()
                              + " answering: why not conda, conda-forge checked, --no-deps tested,"
                              + " alternatives considered ('pipgate notes scaffold' writes the"
                              + " template)."));
                }
              });
      if (!ctx.all()) {
        removedJustifications(ctx, env, out);
      }
    }
    return out;
  }

  /**
   * Entries the change leaves alone but whose justification it deletes: otherwise deleting a
   * section, or the whole notes file, would pass unnoticed. Entries that were never justified are
   * not judged here (adopting pipgate must not block on them; --all does that).
   */
  private void removedJustifications(ReviewContext ctx, EnvDiff env, List<Finding> out) {
    env.pip().stream()
        .filter(c -> c.before() != null && c.after() != null && c.change() != Change.ADDED)
        .map(ItemChange::after)
        .filter(e -> e.error() == null && e.name() != null)
        .filter(e -> ctx.baseSection(e.name()).isPresent() && ctx.headSection(e.name()).isEmpty())
        .forEach(
            e -> {
              String why =
                  ctx.headNotes() == null
                      ? ctx.notesPath() + " is deleted by this change"
                      : "this change removes its section from " + ctx.notesPath();
              out.add(
                  finding(
                      e,
                      "pip package '"
                          + e.displayName()
                          + "' is no longer justified: "
                          + why
                          + ", but the entry stays",
                      "Keep the section '## "
                          + e.displayName()
                          + "' in "
                          + ctx.notesPath()
                          + ", or remove the pip entry too."));
            });
  }
}
