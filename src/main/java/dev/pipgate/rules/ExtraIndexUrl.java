package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --extra-index-url} lets any index win for any name (dependency confusion: pip takes the
 * highest version across indexes); {@code --trusted-host} turns off TLS checks for a host.
 */
final class ExtraIndexUrl implements Rule {
  static final String ID = "extra-index-url";

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
    return "An --extra-index-url or --trusted-host option (dependency-confusion and TLS risk).";
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(e -> e.kind() == PipEntry.Kind.OPTION && e.error() == null)
          .forEach(
              e -> {
                String opt = e.raw().strip();
                if (opt.startsWith("--extra-index-url")) {
                  out.add(
                      Finding.of(
                          ID,
                          defaultSeverity(),
                          e.location(),
                          null,
                          "'"
                              + opt
                              + "' lets either index supply any package: a public package with"
                              + " the same name as a private one can win",
                          "Use --index-url with a single index that proxies the others, or pin"
                              + " with hashes (--require-hashes)."));
                } else if (opt.startsWith("--trusted-host")) {
                  out.add(
                      Finding.of(
                          ID,
                          defaultSeverity(),
                          e.location(),
                          null,
                          "'" + opt + "' turns off certificate checks for that host",
                          "Serve the index over HTTPS with a valid certificate and drop"
                              + " --trusted-host."));
                }
              });
    }
    return out;
  }
}
