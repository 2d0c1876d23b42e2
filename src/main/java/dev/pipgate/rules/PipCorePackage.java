package dev.pipgate.rules;

import dev.pipgate.config.Glob;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** pip must not install any part of the protected core stack that conda solved as one. */
final class PipCorePackage extends RuleBase {
  static final String ID = "pip-core-package";

  PipCorePackage() {
    super(
        ID,
        Severity.ERROR,
        "A pip entry is in the protected core stack (TensorFlow, Keras, NumPy, SciPy, h5py,"
            + " protobuf, grpcio, CUDA wheels; configurable).");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Pattern> core = ctx.config().corePackages().stream().map(Glob::compile).toList();
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(
              e -> e.name() != null && core.stream().anyMatch(p -> p.matcher(e.name()).matches()))
          .forEach(
              e ->
                  out.add(
                      finding(
                          e,
                          "pip entry '"
                              + e.displayName()
                              + "' is part of the protected core stack conda manages",
                          "Install it with conda (pin it in the conda dependencies) so the solver"
                              + " keeps the stack consistent; pip would replace conda's build"
                              + " (protobuf past 3.20, another NumPy ABI, a second CUDA runtime).")));
    }
    return out;
  }
}
