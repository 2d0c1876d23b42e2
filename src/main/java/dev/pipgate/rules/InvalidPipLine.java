package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A pip line that pip would reject, which fails the whole environment build. */
final class InvalidPipLine implements Rule {
  static final String ID = "invalid-pip-line";

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
    return "A pip line pip would reject (e.g. --no-deps inside the list, a malformed requirement).";
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(e -> e.error() != null)
          .forEach(
              e ->
                  out.add(
                      Finding.of(
                          ID,
                          defaultSeverity(),
                          e.location(),
                          e.name(),
                          "pip would reject '" + e.raw() + "': " + e.error(),
                          "Fix the line; options that are not requirements-file options (such as"
                              + " --no-deps) cannot be said inside environment.yml.")));
    }
    return out;
  }
}
