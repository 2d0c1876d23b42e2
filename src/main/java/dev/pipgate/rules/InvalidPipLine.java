package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.spec.CondaMatchSpec;
import dev.pipgate.spec.SpecSyntaxException;
import dev.pipgate.spec.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pip line that pip would reject, which fails the whole environment build. The message says what
 * the line looks like when that explains it (a conda spec written under {@code pip:}), and, where
 * the verdict depends on pip's version, which pip rejects it and which pip the file installs.
 */
final class InvalidPipLine extends RuleBase {
  static final String ID = "invalid-pip-line";

  /**
   * pip 24.1 (24.1b1 release notes, "Remove support for legacy versions and dependency specifiers",
   * pypa/pip#12063) moved to packaging 24, which no longer has the LegacySpecifier that packaging
   * 22.0 removed. Earlier pips read such a specifier without complaint.
   */
  static final Version LEGACY_REMOVED = Version.parse("24.1");

  /**
   * packaging 21.3's LegacySpecifier, which pip before 24.1 fell back to: one of six operators and
   * any run of characters without a comma, semicolon, space or closing parenthesis.
   */
  private static final Pattern LEGACY_REQUIREMENT =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9._-]*\\s*(\\[[^\\]]*\\])?\\s*"
              + "(==|!=|<=|>=|<|>)\\s*[^,;\\s)]+"
              + "(\\s*,\\s*(==|!=|<=|>=|<|>)\\s*[^,;\\s)]+)*\\s*(;.*)?");

  InvalidPipLine() {
    super(
        ID,
        Severity.ERROR,
        "A pip line pip would reject (e.g. --no-deps inside the list, a malformed requirement).");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      ctx.touchedPip(env)
          .filter(e -> e.error() != null)
          .forEach(e -> out.add(finding(e, message(e, ctx.headConda(env)), help(e))));
    }
    return out;
  }

  static String message(PipEntry e, List<CondaDep> conda) {
    String looks =
        condaShape(e)
            .map(shape -> " it looks like a conda spec (" + shape + ") written under pip: —")
            .orElse("");
    if (e.kind() == PipEntry.Kind.REQUIREMENT
        && e.name() == null
        && LEGACY_REQUIREMENT.matcher(e.raw()).matches()) {
      return "pip "
          + LEGACY_REMOVED
          + " and later reject '"
          + e.raw()
          + "':"
          + looks
          + " "
          + e.error()
          + ". pip before "
          + LEGACY_REMOVED
          + " read it as a legacy version specifier; "
          + pipOfFile(conda);
    }
    return "pip would reject '" + e.raw() + "':" + looks + " " + e.error();
  }

  /**
   * The shape of a conda match spec, when the line reads as one and carries conda's own syntax (a
   * single {@code =}, a build string, or a space before the version).
   */
  static Optional<String> condaShape(PipEntry e) {
    if (e.kind() != PipEntry.Kind.REQUIREMENT || e.name() != null) {
      return Optional.empty();
    }
    CondaMatchSpec spec;
    try {
      spec = CondaMatchSpec.parse(e.raw());
    } catch (SpecSyntaxException ex) {
      return Optional.empty();
    }
    if (!spec.channel().isEmpty() || spec.version().isEmpty()) {
      return Optional.empty();
    }
    if (!spec.build().isEmpty()) {
      return Optional.of("name=version=build");
    }
    if (spec.fuzzy() && e.raw().contains("=")) {
      return Optional.of("name=version");
    }
    if (spec.exactPin() && !e.raw().contains("=")) {
      return Optional.of("name version");
    }
    return Optional.empty();
  }

  /**
   * Which pip this env file gets from conda, and whether it is older than {@link #LEGACY_REMOVED}.
   */
  static String pipOfFile(List<CondaDep> conda) {
    Optional<CondaDep> pip =
        conda.stream().filter(d -> "pip".equals(d.name()) && d.error() == null).findFirst();
    if (pip.isEmpty()) {
      return "this file does not list pip, so conda adds the newest pip, which rejects it.";
    }
    String raw = pip.get().raw().strip();
    CondaMatchSpec spec;
    try {
      spec = CondaMatchSpec.parse(raw);
    } catch (SpecSyntaxException ex) {
      return "which pip this file installs (" + raw + ") is unknown.";
    }
    if (!spec.pinsVersion()) {
      return "this file's pip (" + raw + ") is not pinned, and the newest pip rejects it.";
    }
    Optional<Version> v = Version.tryParse(spec.version());
    if (v.isPresent() && (spec.exactPin() || spec.fuzzy())) {
      boolean older =
          v.get().compareTo(LEGACY_REMOVED) < 0
              // =24 means every 24.x, 24.1 included
              && !(spec.fuzzy() && LEGACY_REMOVED.toString().startsWith(spec.version() + "."));
      return older
          ? "the pip this file pins ("
              + raw
              + ") still does, until pip is upgraded to "
              + LEGACY_REMOVED
              + " or later."
          : "the pip this file pins (" + raw + ") rejects it.";
    }
    return "the pip this file allows (" + raw + ") may be " + LEGACY_REMOVED + " or later.";
  }

  /** An option on the line, alone or after a requirement ('click==8.1.7 --no-deps'). */
  private static final Pattern OPTION_WORD = Pattern.compile("(^|\\s)--?[A-Za-z]");

  private static String help(PipEntry e) {
    if (e.kind() == PipEntry.Kind.OPTION || OPTION_WORD.matcher(e.raw()).find()) {
      return "Remove the option: only requirements-file options work in a pip: list, so"
          + " --no-deps and other install options cannot be said inside environment.yml.";
    }
    if (condaShape(e).isPresent()) {
      return "Move it to the conda dependencies above the pip: list, or write it as pip reads it:"
          + " name==1.2.3.";
    }
    return "Write the requirement as pip reads it: name==1.2.3, name>=1.2,<2, name[extra]==1.2,"
        + " or name @ URL.";
  }
}
