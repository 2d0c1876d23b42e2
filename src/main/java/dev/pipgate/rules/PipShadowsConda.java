package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A pip entry that is the same project as a conda dependency of the same file: conda runs the pip
 * list as {@code pip install -U}, so pip replaces conda's copy silently (DOMAIN.md).
 */
final class PipShadowsConda extends RuleBase {
  static final String ID = "pip-shadows-conda";

  PipShadowsConda() {
    super(
        ID, Severity.ERROR, "A pip entry is the same package as a conda dependency of that file.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      List<CondaDep> conda = ctx.headConda(env);
      ctx.touchedPip(env)
          .filter(e -> e.name() != null)
          .forEach(
              e ->
                  conda.stream()
                      .filter(
                          d ->
                              d.name() != null
                                  && ctx.names().pypiNamesOf(d.name()).contains(e.name()))
                      .findFirst()
                      .ifPresent(
                          d ->
                              out.add(
                                  finding(
                                      e,
                                      "pip entry '"
                                          + e.displayName()
                                          + "' is also a conda dependency ('"
                                          + d.raw()
                                          + "', line "
                                          + d.line()
                                          + "): pip would replace conda's copy",
                                      "Keep one source: remove the pip entry (conda already"
                                          + " provides it), or remove the conda spec and justify"
                                          + " the pip one."))));
    }
    return out;
  }
}
