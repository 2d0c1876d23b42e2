package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The same package twice in one file's pip list, or twice in its conda specs. */
final class DuplicateEntry extends RuleBase {
  static final String ID = "duplicate-entry";

  DuplicateEntry() {
    super(ID, Severity.WARNING, "The same package appears twice in one file (pip or conda).");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      // Not gated on env.changed(): the semantic diff matches entries by name and keeps only the
      // first of each, so a change that only adds a second line for a package looks unchanged.
      // Duplicates the base already had are skipped below, by name.
      if (env.head() == null) {
        continue;
      }
      Map<String, PipEntry> firstPip = new HashMap<>();
      Set<String> basePip = new HashSet<>();
      if (env.base() != null) {
        countDuplicates(env.base().pip(), basePip);
      }
      for (PipEntry e : env.head().pip()) {
        if (e.name() == null) {
          continue;
        }
        PipEntry first = firstPip.putIfAbsent(e.name(), e);
        if (first != null && (ctx.all() || !basePip.contains(e.name()))) {
          Finding f =
              finding(
                  e,
                  "pip package '"
                      + e.displayName()
                      + "' is listed again (first at "
                      + first.location()
                      + ")",
                  "Keep one entry per package; pip rejects conflicting double requirements and"
                      + " reviewers read only one of them.");
          out.add(
              e.file().equals(env.path()) && e.raw().equals(first.raw())
                  ? f.withFix(new Suggestion(""))
                  : f);
        }
      }
      Map<String, CondaDep> firstConda = new HashMap<>();
      Set<String> baseConda = new HashSet<>();
      if (env.base() != null) {
        Map<String, CondaDep> seen = new HashMap<>();
        env.base().conda().stream()
            .filter(d -> d.name() != null)
            .forEach(
                d -> {
                  if (seen.putIfAbsent(d.name(), d) != null) {
                    baseConda.add(d.name());
                  }
                });
      }
      for (CondaDep d : env.head().conda()) {
        if (d.name() == null) {
          continue;
        }
        CondaDep first = firstConda.putIfAbsent(d.name(), d);
        if (first != null && (ctx.all() || !baseConda.contains(d.name()))) {
          Finding f =
              Finding.of(
                  ID,
                  defaultSeverity(),
                  d.location(),
                  d.name(),
                  "conda package '"
                      + d.name()
                      + "' is listed again (first at line "
                      + first.line()
                      + ")",
                  "Keep one spec per package; conda merges them and the result is rarely what"
                      + " either line says.");
          out.add(d.raw().equals(first.raw()) ? f.withFix(new Suggestion("")) : f);
        }
      }
    }
    return out;
  }

  private static void countDuplicates(List<PipEntry> entries, Set<String> duplicated) {
    Set<String> seen = new HashSet<>();
    for (PipEntry e : entries) {
      if (e.name() != null && !seen.add(e.name())) {
        duplicated.add(e.name());
      }
    }
  }
}
