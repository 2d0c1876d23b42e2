package dev.pipgate.rules;

import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A conda dependency that is not a valid match spec: conda refuses the whole file. */
final class InvalidCondaSpec extends RuleBase {
  static final String ID = "invalid-conda-spec";

  InvalidCondaSpec() {
    super(ID, Severity.ERROR, "A conda dependency is not a valid match spec.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      env.conda().stream()
          .filter(c -> c.after() != null && c.after().error() != null)
          .filter(c -> ctx.all() || c.change() != Change.UNCHANGED)
          .forEach(
              c ->
                  out.add(
                      Finding.of(
                          ID,
                          defaultSeverity(),
                          c.after().location(),
                          c.after().name(),
                          "conda would reject '" + c.after().raw() + "': " + c.after().error(),
                          "Write a match spec: name, name=1.2, name>=1.2,<2, channel::name=1.2=build.")));
    }
    return out;
  }
}
