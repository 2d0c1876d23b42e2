package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code pip:} list without {@code pip} among the conda dependencies: conda warns and adds
 * whatever pip it picks, which then installs the list (DOMAIN.md).
 */
final class PipNotInCondaDeps extends RuleBase {
  static final String ID = "pip-not-in-conda-deps";

  PipNotInCondaDeps() {
    super(ID, Severity.WARNING, "A pip: list exists but pip is not a conda dependency.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      EnvFile head = env.head();
      if (head == null || !head.hasPipList() || !(ctx.all() || env.pipChanged())) {
        continue;
      }
      boolean hasPip = head.conda().stream().anyMatch(d -> "pip".equals(d.name()));
      if (!hasPip) {
        out.add(
            Finding.of(
                ID,
                defaultSeverity(),
                new Location(head.path(), head.pipListLine()),
                null,
                "the file has a pip: list but pip is not one of its conda dependencies",
                "Add '- pip' (pinned, e.g. '- pip=22.3') to dependencies, so conda installs the"
                    + " pip that runs the list instead of picking one itself."));
      }
    }
    return out;
  }
}
