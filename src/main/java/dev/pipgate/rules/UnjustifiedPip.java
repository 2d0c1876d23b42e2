package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.diff.ItemChange;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
                  unnamed(ctx, e).ifPresent(out::add);
                } else if (ctx.headSection(e.name()).isEmpty()) {
                  String why =
                      ctx.headNotes() == null
                          ? ctx.notesPath() + " does not exist at head"
                          : ctx.notesPath() + " has no section for it" + onlyShared(ctx, e.name());
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
   * A new entry that installs something without naming it: no section can match it, so it is
   * reported instead of passing unseen (except this repository's own project: {@link
   * LocalProject}). pip installs a bare URL or VCS link, a local path or an editable project (whose
   * own metadata may pull in anything), and every line of a requirements file it downloads at
   * install time ({@code -r https://...}: "pip install -r" accepts URLs, pip user guide,
   * Requirements Files); pipgate reads none of their names. Options and constraints files install
   * nothing.
   */
  private Optional<Finding> unnamed(ReviewContext ctx, PipEntry e) {
    String message;
    String help;
    switch (e.kind()) {
      case URL, VCS -> {
        message = "pip entry '" + e.raw() + "' names no package, so no justification can match it";
        help =
            "Name the package: write it as 'name @ URL' or add '#egg=name' to the URL, then"
                + " justify it in "
                + ctx.notesPath()
                + ".";
      }
      case PATH, EDITABLE -> {
        if (LocalProject.isOwnProject(e)) {
          // The repository's own project: local-project's note.
          return Optional.empty();
        }
        message =
            "pip entry '"
                + e.raw()
                + "' installs a local project that names no package, so no justification can"
                + " match it";
        help =
            "Install a wheel file instead (its file name names the package) or write"
                + " 'name @ file:...', then justify it in "
                + ctx.notesPath()
                + ".";
      }
      case REQUIREMENTS_FILE -> {
        if (!isRemote(e.url())) {
          // A repository file: the parser followed it, and its lines are entries of their own.
          return Optional.empty();
        }
        message =
            "pip entry '"
                + e.raw()
                + "' installs whatever a requirements file outside the repository lists at"
                + " install time; pipgate cannot read it, so no justification can match its"
                + " packages";
        help =
            "Keep the requirements file in the repository and name it by path (-r file.txt), or"
                + " list its packages in the pip: list; then justify each in "
                + ctx.notesPath()
                + ".";
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(Finding.of(ID, defaultSeverity(), e.location(), null, message, help));
  }

  /** ", only 'torch / torchvision' (line 3), which names 2 pip packages", or nothing. */
  private static String onlyShared(ReviewContext ctx, String name) {
    return ctx.headAmbiguities().stream()
        .filter(a -> a.counted() == null && a.candidates().contains(name))
        .findFirst()
        .map(
            a ->
                ", only '"
                    + a.section().heading()
                    + "' (line "
                    + a.section().line()
                    + "), which names "
                    + a.candidates().size()
                    + " pip packages")
        .orElse("");
  }

  /** The targets the env file parser leaves to pip instead of following. */
  private static boolean isRemote(String target) {
    String lower = target.toLowerCase(Locale.ROOT);
    return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("file:");
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
