package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import dev.pipgate.spec.Specifier;
import dev.pipgate.spec.SpecifierSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pip entry that lets pip pick any future version: conda runs the list with {@code pip install
 * -U}, so an unpinned entry upgrades on every rebuild.
 */
final class UnpinnedPip extends RuleBase {
  static final String ID = "unpinned-pip";

  private static final Set<String> PINNING = Set.of("==", "===", "~=", "<", "<=");

  /** A commit SHA or a version-like tag: refs that cannot move under you (branches can). */
  private static final Pattern FIXED_REF =
      Pattern.compile("[0-9a-fA-F]{7,40}|v?\\d+(\\.\\d+)*([.-]?[A-Za-z0-9]+)*");

  UnpinnedPip() {
    super(
        ID,
        Severity.WARNING,
        "A pip entry has no exact or compatible pin (==, ~=, or an upper bound), or a VCS URL"
            + " has no fixed ref.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(e -> e.error() == null && e.name() != null)
          .forEach(e -> problem(e).ifPresent(why -> out.add(finding(ctx, env, e, why))));
    }
    return out;
  }

  static Optional<String> problem(PipEntry e) {
    return switch (e.kind()) {
      case REQUIREMENT ->
          pinned(e.specifier())
              ? Optional.empty()
              : Optional.of(
                  e.specifier().isEmpty()
                      ? "has no version pin"
                      : "has no upper bound ('" + e.specifier() + "')");
      case VCS ->
          e.ref().isEmpty()
              ? Optional.of("is a VCS URL without a ref")
              : FIXED_REF.matcher(e.ref()).matches()
                  ? Optional.empty()
                  : Optional.of("is a VCS URL at '" + e.ref() + "', which looks like a branch");
      default -> Optional.empty();
    };
  }

  static boolean pinned(String specifier) {
    if (specifier.isBlank()) {
      return false;
    }
    for (Specifier s : SpecifierSet.parse(specifier).clauses()) {
      if (PINNING.contains(s.operator().text())) {
        return true;
      }
    }
    return false;
  }

  private Finding finding(ReviewContext ctx, EnvDiff env, PipEntry e, String why) {
    Finding f =
        finding(
            e,
            "pip entry '" + e.displayName() + "' " + why,
            "Pin it (name==X.Y.Z, or name~=X.Y) so a rebuild installs what was reviewed; for a"
                + " VCS URL pin a tag or commit (@v1.2.3 or @<sha>).");
    // Mechanical fix: the base pinned it and this change dropped the pin: offer the base's spec.
    Optional<PipEntry> base = ctx.baseOf(env, e);
    if (base.isPresent()
        && e.kind() == PipEntry.Kind.REQUIREMENT
        && base.get().kind() == PipEntry.Kind.REQUIREMENT
        && pinned(base.get().specifier())
        && base.get().marker().equals(e.marker())) {
      Optional<String> line = ctx.rewriteHeadLine(e.file(), e.line(), e.raw(), base.get().raw());
      if (line.isPresent()) {
        return f.withFix(new Suggestion(line.get()));
      }
    }
    return f;
  }
}
