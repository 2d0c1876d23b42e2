package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.envcheck.EnvCheck;
import dev.pipgate.envcheck.EnvCheckResult;
import dev.pipgate.envcheck.EnvRules;
import dev.pipgate.envcheck.PipDryRun;
import dev.pipgate.envcheck.PipReport;
import dev.pipgate.envcheck.PlannedInstall;
import dev.pipgate.git.LineMap;
import dev.pipgate.model.DiffMark;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.review.Review;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The action's environment check (input {@code env-check: true}): the installed prefix the job runs
 * in (the image's TensorFlow environment) is checked as {@code pipgate env-check} checks it, and
 * the pull request's new and changed pip requirements are given to that prefix's pip as a dry run,
 * whose report says what installing them would replace, break or add. Findings about the planned
 * install sit on the env file line of the entry that brings the package; findings about the prefix
 * itself name the prefix's file.
 */
final class ActionEnvCheck {
  /** How the dry-run report is named in findings before they are placed on entry lines. */
  static final String DRY_RUN = "pip install --dry-run";

  private static final Set<String> PLAN_RULES =
      Set.of(
          EnvRules.PIP_WOULD_REPLACE_CONDA,
          EnvRules.PIP_WOULD_BREAK,
          EnvRules.PIP_WOULD_ADD_CUDA_RUNTIME);

  /** pip's "ERROR: No matching distribution found for NAME==1.0" names the entry that failed. */
  private static final Pattern NO_MATCH =
      Pattern.compile("No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)");

  private ActionEnvCheck() {}

  /**
   * @param shownPrefix the prefix as the input gave it, for messages
   * @param environment the variables pip runs with (the job's own, so pip is configured as usual);
   *     they also decide the user site the prefix's interpreter reads
   */
  static List<Finding> findings(
      Path prefix,
      String shownPrefix,
      Config config,
      Review.Sides sides,
      List<PipChange> changes,
      Map<String, String> environment,
      Duration timeout) {
    List<PipEntry> entries = plannedEntries(sides, changes);
    EnvCheck.Options options =
        new EnvCheck.Options(null, null, null, null, config.severities())
            .withEnvironment(environment);
    List<Finding> out = new ArrayList<>();
    Map<String, String> origins = Map.of();
    if (!entries.isEmpty()) {
      List<String> requirements = entries.stream().map(ActionEnvCheck::requirement).toList();
      PipDryRun.Outcome outcome =
          PipDryRun.run(prefix, requirements, environment, timeout, DRY_RUN);
      if (outcome.report().isPresent()) {
        PipReport report = outcome.report().get();
        options = options.withPipReport(report);
        origins = PlannedInstall.origins(report);
      } else {
        Map<String, LineMap> maps = new HashMap<>();
        dryRunFailure(config, shownPrefix, entries, requirements, outcome)
            .ifPresent(f -> out.add(marked(f, sides, maps)));
      }
    }
    EnvCheckResult result = EnvCheck.run(prefix, options);
    Map<String, PipEntry> byName = new HashMap<>();
    for (PipEntry e : entries) {
      byName.putIfAbsent(e.name(), e);
    }
    Map<String, LineMap> lineMaps = new HashMap<>();
    for (Finding f : result.findings()) {
      if (PLAN_RULES.contains(f.ruleId()) && f.location().file().equals(DRY_RUN)) {
        PipEntry entry =
            byName.get(origins.getOrDefault(Optional.ofNullable(f.packageName()).orElse(""), ""));
        if (entry == null && !entries.isEmpty()) {
          entry = entries.get(0);
        }
        out.add(onEntry(f, entry, sides, lineMaps));
      } else {
        out.add(inPrefix(f, shownPrefix));
      }
    }
    return out;
  }

  /** The head's pip requirement lines that the change adds or changes, one per package. */
  static List<PipEntry> plannedEntries(Review.Sides sides, List<PipChange> changes) {
    Map<String, Set<String>> wanted = new LinkedHashMap<>();
    for (PipChange c : changes) {
      if (c.change() != PipChange.Change.REMOVED) {
        wanted.computeIfAbsent(c.file(), k -> new LinkedHashSet<>()).add(c.packageName());
      }
    }
    EnvFileParser parser = new EnvFileParser();
    Map<String, PipEntry> out = new LinkedHashMap<>();
    wanted.forEach(
        (file, names) -> {
          Optional<byte[]> bytes = sides.head().read(file);
          if (bytes.isEmpty()) {
            return;
          }
          EnvFile env = parser.parse(file, bytes.get(), sides.head());
          for (PipEntry e : env.pip()) {
            if (e.kind() == PipEntry.Kind.REQUIREMENT
                && e.name() != null
                && e.error() == null
                && names.contains(e.name())) {
              out.putIfAbsent(e.name(), e);
            }
          }
        });
    return List.copyOf(out.values());
  }

  /**
   * The entry as one PEP 508 argument, rebuilt from its parts: name, extras, specifier, marker.
   * Options written on the line ({@code --hash}, index URLs) are left out: pip is configured by the
   * job's environment, never by the pull request.
   */
  static String requirement(PipEntry e) {
    StringBuilder r = new StringBuilder(e.displayName() == null ? e.name() : e.displayName());
    if (!e.extras().isEmpty()) {
      r.append('[').append(String.join(",", e.extras())).append(']');
    }
    r.append(e.specifier());
    if (!e.marker().isEmpty()) {
      r.append(" ; ").append(e.marker());
    }
    return r.toString();
  }

  private static Finding onEntry(
      Finding f, PipEntry entry, Review.Sides sides, Map<String, LineMap> lineMaps) {
    if (entry == null) {
      return f.withMark(DiffMark.OUTSIDE);
    }
    String message = f.message();
    if (f.packageName() != null && !f.packageName().equals(entry.name())) {
      message += " (" + f.packageName() + " comes with " + entry.name() + ")";
    }
    Finding placed =
        new Finding(
            f.ruleId(),
            f.severity(),
            entry.location(),
            f.packageName(),
            message,
            f.help(),
            f.fix(),
            f.mark());
    return marked(placed, sides, lineMaps);
  }

  /** Marked as the review marks its findings: by the change's line diff of the file. */
  private static Finding marked(Finding f, Review.Sides sides, Map<String, LineMap> lineMaps) {
    Location at = f.location();
    LineMap map = lineMaps.computeIfAbsent(at.file(), file -> lineMap(sides, file));
    return f.withMark(at.line() > 0 ? map.mark(at.line()) : DiffMark.OUTSIDE);
  }

  private static LineMap lineMap(Review.Sides sides, String file) {
    Optional<byte[]> head = sides.head().read(file);
    if (head.isEmpty()) {
      return LineMap.unknown();
    }
    if (sides.base() == null) {
      return LineMap.allAdded();
    }
    byte[] base =
        sides.base().read(sides.renamedFrom().getOrDefault(file, file)).orElse(new byte[0]);
    return LineMap.between(base, head.get());
  }

  /** A finding about the installed prefix: its file named with the prefix, outside the diff. */
  private static Finding inPrefix(Finding f, String shownPrefix) {
    String file = f.location().file();
    String base = shownPrefix.endsWith("/") ? shownPrefix : shownPrefix + "/";
    Location at = new Location(file.startsWith("/") ? file : base + file, f.location().line());
    return new Finding(
            f.ruleId(), f.severity(), at, f.packageName(), f.message(), f.help(), f.fix(), f.mark())
        .withMark(DiffMark.OUTSIDE);
  }

  private static Optional<Finding> dryRunFailure(
      Config config,
      String shownPrefix,
      List<PipEntry> entries,
      List<String> requirements,
      PipDryRun.Outcome outcome) {
    Optional<Severity> severity =
        config.severityOf(
            EnvRules.PIP_DRY_RUN_FAILED, EnvRules.DEFAULTS.get(EnvRules.PIP_DRY_RUN_FAILED));
    if (severity.isEmpty()) {
      return Optional.empty();
    }
    PipEntry at = entries.get(0);
    Matcher m = NO_MATCH.matcher(outcome.output());
    if (m.find()) {
      String named = PackageName.normalize(m.group(1));
      at = entries.stream().filter(e -> e.name().equals(named)).findFirst().orElse(at);
    }
    String said =
        outcome.output().isBlank()
            ? ""
            : "; pip said: " + outcome.output().lines().reduce((a, b) -> b).orElse("").strip();
    Finding f =
        Finding.of(
            EnvRules.PIP_DRY_RUN_FAILED,
            severity.get(),
            at.location(),
            at.name(),
            "could not tell what installing "
                + String.join(", ", requirements)
                + " would do to "
                + shownPrefix
                + ": "
                + outcome.problem()
                + said,
            "The environment check asks pip (pip >= 23.0 in the image) with --only-binary=:all::"
                + " the runner needs network access to the package index (or PIP_INDEX_URL /"
                + " PIP_FIND_LINKS set in the job), and each package a binary wheel.");
    return Optional.of(f);
  }
}
