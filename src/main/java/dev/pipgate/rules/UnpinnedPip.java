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
import java.util.Locale;
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

  /**
   * A commit hash, full or abbreviated: the one kind of ref git cannot move. pip itself treats only
   * a commit as immutable (it caches wheels built from a VCS URL only then).
   */
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");

  /**
   * A release tag: {@code v2.2.2}, {@code 1.0}, {@code 0.4.0rc1}. A tag can be moved, but a release
   * tag is not by convention, and it names a version as {@code ==} does; so it counts as fixed. A
   * single number ({@code v2}) or {@code 1.x} is as often a maintenance branch, and warns.
   */
  private static final Pattern RELEASE_TAG =
      Pattern.compile(
          "[vV]?\\d+(\\.\\d+)+([.-]?(a|b|c|rc|alpha|beta|pre|preview|post|dev)[.-]?\\d*)*");

  /** VCS schemes as pip spells them in front of an editable target ({@code -e git+https://}). */
  private static final List<String> VCS_PREFIXES =
      List.of("git+", "hg+", "svn+", "bzr+", "git:", "hg:", "svn:", "bzr:");

  UnpinnedPip() {
    super(
        ID,
        Severity.WARNING,
        "A pip entry has no exact or compatible pin (==, ~=, or an upper bound), or a VCS URL"
            + " (editable or not, named or not) has no commit or release tag.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(e -> e.error() == null && (e.name() != null || isVcs(e)))
          .forEach(e -> problem(e).ifPresent(why -> out.add(finding(ctx, env, e, why))));
    }
    return out;
  }

  static Optional<String> problem(PipEntry e) {
    if (isVcs(e)) {
      return e.ref().isEmpty()
          ? Optional.of(
              "is a VCS URL without a ref: pip installs whatever the default branch holds")
          : fixedRef(e.ref())
              ? Optional.empty()
              : Optional.of(
                  "is a VCS URL at '"
                      + e.ref()
                      + "', which is not a commit or a release tag and can move");
    }
    if (e.kind() == PipEntry.Kind.REQUIREMENT) {
      return pinned(e.specifier())
          ? Optional.empty()
          : Optional.of(
              e.specifier().isEmpty()
                  ? "has no version pin"
                  : "has no upper bound ('" + e.specifier() + "')");
    }
    return Optional.empty();
  }

  /** A VCS URL, as a plain entry or an editable one ({@code -e git+https://...#egg=x}). */
  static boolean isVcs(PipEntry e) {
    if (e.kind() == PipEntry.Kind.VCS) {
      return true;
    }
    String url = e.url().toLowerCase(Locale.ROOT);
    return e.kind() == PipEntry.Kind.EDITABLE && VCS_PREFIXES.stream().anyMatch(url::startsWith);
  }

  static boolean fixedRef(String ref) {
    return COMMIT.matcher(ref).matches() || RELEASE_TAG.matcher(ref).matches();
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
            "pip entry '" + (e.displayName() != null ? e.displayName() : e.raw()) + "' " + why,
            isVcs(e)
                ? "Pin the URL to a commit (@<sha>) or a release tag (@v1.2.3) so a rebuild"
                    + " installs what was reviewed."
                : "Pin it (name==X.Y.Z, or name~=X.Y) so a rebuild installs what was reviewed.");
    Optional<String> line =
        basePin(ctx, env, e)
            .flatMap(b -> ctx.rewriteHeadLine(e.file(), e.line(), e.raw(), b.raw()));
    return line.isPresent() ? f.withFix(new Suggestion(line.get())) : f;
  }

  /**
   * Mechanical fix: the base pinned the same thing and this change dropped the pin; the base's line
   * is offered. A requirement is the same by name and marker; a VCS URL (which may have no name) by
   * its URL without the ref.
   */
  private static Optional<PipEntry> basePin(ReviewContext ctx, EnvDiff env, PipEntry e) {
    if (isVcs(e)) {
      if (env.base() == null) {
        return Optional.empty();
      }
      String unpinned = withoutRef(e);
      return env.base().pip().stream()
          .filter(b -> b.error() == null && b.kind() == e.kind() && isVcs(b))
          .filter(b -> fixedRef(b.ref()) && withoutRef(b).equals(unpinned))
          .findFirst();
    }
    return ctx.baseOf(env, e)
        .filter(
            b ->
                e.kind() == PipEntry.Kind.REQUIREMENT
                    && b.kind() == PipEntry.Kind.REQUIREMENT
                    && pinned(b.specifier())
                    && b.marker().equals(e.marker()));
  }

  /** The entry's URL with its {@code @ref} taken out. */
  private static String withoutRef(PipEntry e) {
    String url = e.url();
    if (e.ref().isEmpty()) {
      return url;
    }
    int hash = url.indexOf('#');
    String head = hash < 0 ? url : url.substring(0, hash);
    String tail = hash < 0 ? "" : url.substring(hash);
    int at = head.lastIndexOf("@" + e.ref());
    return at < 0 ? url : head.substring(0, at) + head.substring(at + 1 + e.ref().length()) + tail;
  }
}
