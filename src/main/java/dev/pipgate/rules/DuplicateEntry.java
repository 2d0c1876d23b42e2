package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import dev.pipgate.spec.Marker;
import dev.pipgate.spec.SpecSyntaxException;
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
    super(
        ID,
        Severity.WARNING,
        "The same package appears twice in one file (pip or conda), where both can apply.");
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
      Map<String, List<PipEntry>> earlierPip = new HashMap<>();
      Set<String> basePip = new HashSet<>();
      if (env.base() != null) {
        countDuplicates(env.base().pip(), basePip);
      }
      for (PipEntry e : env.head().pip()) {
        if (e.name() == null) {
          continue;
        }
        List<PipEntry> earlier = earlierPip.computeIfAbsent(e.name(), n -> new ArrayList<>());
        PipEntry first = earlier.stream().filter(x -> overlap(x, e)).findFirst().orElse(null);
        earlier.add(e);
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
    Map<String, List<PipEntry>> seen = new HashMap<>();
    for (PipEntry e : entries) {
      if (e.name() == null) {
        continue;
      }
      List<PipEntry> earlier = seen.computeIfAbsent(e.name(), n -> new ArrayList<>());
      if (earlier.stream().anyMatch(x -> overlap(x, e))) {
        duplicated.add(e.name());
      }
      earlier.add(e);
    }
  }

  /**
   * False when two entries of one package never apply together: their markers select different
   * targets ({@code vtk<8.2; platform_system == "Darwin"} next to {@code vtk; platform_system !=
   * "Darwin"}), judged over the typical targets. A pair whose markers read what those targets do
   * not vary counts as overlapping, as does a marker that does not parse (invalid-pip-line's).
   */
  static boolean overlap(PipEntry a, PipEntry b) {
    if (a.marker().isEmpty() || b.marker().isEmpty()) {
      return true;
    }
    try {
      return Marker.overlapOnTypicalTargets(Marker.parse(a.marker()), Marker.parse(b.marker()))
          .orElse(true);
    } catch (SpecSyntaxException e) {
      return true;
    }
  }
}
