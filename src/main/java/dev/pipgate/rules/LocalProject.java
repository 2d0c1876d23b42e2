package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A pip entry that installs a project of this repository itself: {@code -e .} next to the
 * repository's {@code pyproject.toml}, or {@code ./pkg}. It is the code under review, not a
 * third-party package, so there is nothing to justify; what it pulls comes from its own metadata,
 * which pipgate does not read. A note by default; {@code rules: local-project: error} makes it
 * block.
 */
final class LocalProject extends RuleBase {
  static final String ID = "local-project";

  LocalProject() {
    super(
        ID,
        Severity.NOTE,
        "A pip entry installs a project of this repository itself (-e ., ./pkg); its dependencies"
            + " come from its own metadata.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.newPip(env)
          .filter(e -> e.error() == null && isOwnProject(e))
          .forEach(
              e ->
                  out.add(
                      finding(
                          e,
                          "pip entry '"
                              + e.raw()
                              + "' installs a project of this repository; pipgate does not read"
                              + " the dependencies its pyproject.toml or setup.py declares",
                          "Nothing to justify: the project is reviewed here. pip installs its"
                              + " dependencies with -U too, so keep what conda provides out of"
                              + " them, or pin them there.")));
    }
    return out;
  }

  /**
   * A local directory without a name that stays inside the repository once resolved against the
   * directory of the file that lists it. A path that leaves the repository, an absolute path or a
   * {@code file:} URL is someone else's project, and unjustified-pip asks for its name.
   */
  static boolean isOwnProject(PipEntry e) {
    if (e.name() != null
        || (e.kind() != PipEntry.Kind.EDITABLE && e.kind() != PipEntry.Kind.PATH)
        || UnpinnedPip.isVcs(e)) {
      return false;
    }
    String target = e.url().replace('\\', '/');
    if (target.isEmpty()
        || target.startsWith("/")
        || target.startsWith("~")
        || target.contains(":")
        || target.toLowerCase(Locale.ROOT).endsWith(".whl")) {
      return false;
    }
    try {
      Path dir = Path.of(e.file()).getParent();
      Path resolved = (dir == null ? Path.of(target) : dir.resolve(target)).normalize();
      return !resolved.isAbsolute() && !resolved.startsWith("..");
    } catch (InvalidPathException ex) {
      return false;
    }
  }
}
