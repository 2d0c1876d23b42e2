package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A pip line that pip would reject, which fails the whole environment build. */
final class InvalidPipLine extends RuleBase {
  static final String ID = "invalid-pip-line";

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
          .forEach(
              e ->
                  out.add(finding(e, "pip would reject '" + e.raw() + "': " + e.error(), help(e))));
    }
    return out;
  }

  /** An option on the line, alone or after a requirement ('click==8.1.7 --no-deps'). */
  private static final Pattern OPTION_WORD = Pattern.compile("(^|\\s)--?[A-Za-z]");

  private static String help(PipEntry e) {
    if (e.kind() == PipEntry.Kind.OPTION || OPTION_WORD.matcher(e.raw()).find()) {
      return "Remove the option: only requirements-file options work in a pip: list, so"
          + " --no-deps and other install options cannot be said inside environment.yml.";
    }
    return "Write the requirement as pip reads it: name==1.2.3, name>=1.2,<2, name[extra]==1.2,"
        + " or name @ URL.";
  }
}
