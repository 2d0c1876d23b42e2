package dev.pipgate.review;

import dev.pipgate.config.AllowEntry;
import dev.pipgate.config.Config;
import dev.pipgate.config.Glob;
import dev.pipgate.config.PolicySource;
import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.diff.ItemChange;
import dev.pipgate.diff.NotesDiff;
import dev.pipgate.git.LineMap;
import dev.pipgate.model.DiffMark;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.ReviewScope;
import dev.pipgate.model.Severity;
import dev.pipgate.model.SourceTree;
import dev.pipgate.names.CondaNames;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.parse.TextFiles;
import dev.pipgate.report.HeadingAnchor;
import dev.pipgate.rules.Justifications;
import dev.pipgate.rules.ReviewContext;
import dev.pipgate.rules.Rule;
import dev.pipgate.rules.RuleSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The review pipeline: read both sides, diff them semantically, run the rules, apply the config
 * (severities, allow-list), mark each finding against the line diff, and build the report.
 */
public final class Review {
  private final Config config;
  private final CondaNames names;
  private final LocalDate today;

  private final String configPath;
  private PolicySource policies = PolicySource.NONE;

  public Review(Config config, CondaNames names, LocalDate today) {
    this(config, names, today, Config.DEFAULT_PATH);
  }

  /**
   * @param configPath the repository path of the config file, whose changes are reported
   */
  public Review(Config config, CondaNames names, LocalDate today, String configPath) {
    this.config = Objects.requireNonNull(config, "config");
    this.names = Objects.requireNonNull(names, "names");
    this.today = Objects.requireNonNull(today, "today");
    this.configPath = Objects.requireNonNull(configPath, "configPath");
  }

  /**
   * Where {@code config-change} reads the policy a changed config would extend, to say what the
   * change would do; without it, only that the reference changes.
   */
  public Review withPolicies(PolicySource source) {
    this.policies = Objects.requireNonNull(source, "source");
    return this;
  }

  /**
   * The two sides of a change.
   *
   * @param base the base side, or null when there is none ({@code --all} without a base)
   * @param renamedFrom head path → base path for files the change renamed
   * @param changed every path the change touches, on either side (both paths of a rename), when the
   *     sides come with such a list (two commits); empty when a path is touched if its bytes differ
   *     (two directories, or the working tree against a commit)
   */
  public record Sides(
      SourceTree base,
      SourceTree head,
      Map<String, String> renamedFrom,
      Optional<Set<String>> changed) {
    public Sides {
      Objects.requireNonNull(head, "head");
      renamedFrom = Map.copyOf(renamedFrom);
      changed = changed.map(Set::copyOf);
    }

    /** Sides whose touched paths are found by comparing bytes. */
    public Sides(SourceTree base, SourceTree head, Map<String, String> renamedFrom) {
      this(base, head, renamedFrom, Optional.empty());
    }
  }

  public ReviewReport run(Sides sides, boolean all) {
    EnvFileDiscovery discovery = new EnvFileDiscovery(config, sides, all);
    EnvFileParser envParser = new EnvFileParser();
    List<EnvDiff> envs = new ArrayList<>();
    Set<String> known = new TreeSet<>();
    int envFiles = 0;
    for (EnvFileDiscovery.Found f : discovery.find()) {
      EnvFile baseEnv =
          f.base() == null ? null : envParser.parse(f.basePath(), f.base(), sides.base());
      EnvFile headEnv =
          f.head() == null ? null : envParser.parse(f.headPath(), f.head(), sides.head());
      EnvDiff diff = EnvDiff.of(f.path(), baseEnv, headEnv);
      envs.add(diff);
      known.add(f.path());
      if (f.basePath() != null) {
        known.add(f.basePath());
      }
      // A change to a file an env file follows with -r changes the env file's entries.
      if (all ? headEnv != null : f.touched() || diff.changed()) {
        envFiles++;
      }
    }
    String notesPath = config.notesFile();
    if (!all && sides.base() != null && needsUntouched(discovery, envs, notesPath)) {
      for (EnvFileDiscovery.Found f : discovery.untouched(known)) {
        EnvFile headEnv = envParser.parse(f.headPath(), f.head(), sides.head());
        EnvFile baseEnv = headEnv;
        if (headEnv.followedFiles().stream().anyMatch(discovery::touched)) {
          Optional<byte[]> base = sides.base().read(f.basePath());
          baseEnv =
              base.isPresent() ? envParser.parse(f.basePath(), base.get(), sides.base()) : null;
        }
        EnvDiff diff = EnvDiff.of(f.path(), baseEnv, headEnv);
        envs.add(diff);
        if (diff.changed()) {
          envFiles++;
        }
      }
    }
    ReviewScope scope =
        new ReviewScope(envFiles, discovery.yamlFilesLookedAt(), sides.base() == null || all);

    NotesParser notesParser = new NotesParser(config.labels());
    Optional<byte[]> headNotesBytes = sides.head().read(notesPath);
    Optional<byte[]> baseNotesBytes =
        sides.base() == null ? Optional.empty() : sides.base().read(notesPath);
    NotesFile headNotes = headNotesBytes.map(b -> notesParser.parse(notesPath, b)).orElse(null);
    NotesFile baseNotes = baseNotesBytes.map(b -> notesParser.parse(notesPath, b)).orElse(null);

    Map<String, List<String>> headLines = new HashMap<>();
    for (EnvDiff env : envs) {
      if (env.head() != null) {
        for (String file : filesOf(env.head())) {
          sides.head().read(file).ifPresent(b -> headLines.put(file, lines(file, b)));
        }
      }
    }

    ReviewContext context =
        new ReviewContext(
            config,
            envs,
            baseNotes,
            headNotes,
            NotesDiff.of(baseNotes, headNotes),
            names,
            all,
            headLines);

    List<Finding> findings = new ArrayList<>();
    for (Rule rule : RuleSet.all()) {
      Optional<Severity> configured = config.severityOf(rule.id(), rule.defaultSeverity());
      if (configured.isEmpty()) {
        continue;
      }
      for (Finding f : rule.check(context)) {
        // An override maps the rule's default level; a finding the rule escalated keeps its level.
        Finding level =
            f.severity() == rule.defaultSeverity() ? f.withSeverity(configured.get()) : f;
        findings.add(withSeveritySource(level));
      }
    }
    findings.addAll(configChange(sides));
    findings = applyAllowList(findings);
    findings = mark(findings, sides, all);
    findings.sort(
        Comparator.comparing(Finding::location)
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> Objects.toString(f.packageName(), "")));

    return new ReviewReport(
        sides.base() == null ? "" : sides.base().describe(),
        sides.head().describe(),
        notesPath,
        findings,
        pipChanges(context),
        config.failOn(),
        Optional.of(scope));
  }

  /**
   * Under a shared policy, a finding says who set its rule's severity: the policy, the repository's
   * file, or pipgate's default.
   */
  private Finding withSeveritySource(Finding f) {
    if (config.policy() == null) {
      return f;
    }
    return f.withHelp(
        f.help()
            + (f.help().isBlank() ? "" : " ")
            + "Severity "
            + f.severity().id()
            + " set by "
            + config.severitySource(f.ruleId())
            + ".");
  }

  /**
   * Whether env files the change does not touch must be read: when the notes change or a pip entry
   * goes away (to know which packages some env file still installs), or when a file that env files
   * follow with {@code -r}/{@code -c} may have changed. Two directories have read every YAML file
   * already; a change between commits reads them only then.
   */
  private static boolean needsUntouched(
      EnvFileDiscovery discovery, List<EnvDiff> envs, String notesPath) {
    if (discovery.changedPaths().isEmpty()) {
      return true;
    }
    Set<String> changed = discovery.changedPaths().get();
    return changed.contains(notesPath)
        || changed.stream().anyMatch(EnvFileDiscovery::mayBeFollowed)
        || envs.stream().flatMap(e -> e.pip().stream()).anyMatch(c -> c.change() == Change.REMOVED);
  }

  /** What this change does to its own gate: reported, not applied (see {@link ConfigChange}). */
  private List<Finding> configChange(Sides sides) {
    Optional<Severity> level = config.severityOf(ConfigChange.ID, ConfigChange.DEFAULT_SEVERITY);
    if (sides.base() == null || level.isEmpty()) {
      return List.of();
    }
    return new ConfigChange(policies)
            .check(
                configPath,
                sides.base().read(configPath).orElse(null),
                sides.head().read(configPath).orElse(null))
            .stream()
            .map(f -> withSeveritySource(f.withSeverity(level.get())))
            .toList();
  }

  /** Every file an env file's pip list reads: itself and what it follows with -r / -c. */
  private static List<String> filesOf(EnvFile env) {
    List<String> out = new ArrayList<>();
    out.add(env.path());
    out.addAll(env.followedFiles());
    return out;
  }

  private static List<String> lines(String path, byte[] bytes) {
    return List.of(TextFiles.decode(path, bytes).split("\n", -1));
  }

  /**
   * The env files of a tree: every listed file a glob matches, and every glob that names one path
   * and has something there. {@link SourceTree#list()} names regular files only, so without the
   * second part a directory or a symbolic link at {@code environment.yml} would drop out of the
   * review unseen; reading it instead rejects it (or, for a link that stays inside a directory
   * tree, reads what it points at, as conda would).
   */
  public static Set<String> envPaths(SourceTree tree, List<String> globs) {
    // A tree can have tens of thousands of files, and a review runs mostly cold (interpreted):
    // one alternation and one matcher for all globs, and a path is matched only when it ends in
    // the literal tail of some glob (the text after its last wildcard), as a match must.
    Matcher matcher =
        Pattern.compile(
                globs.stream()
                    .map(g -> "(?:" + Glob.compile(g).pattern() + ")")
                    .collect(Collectors.joining("|")))
            .matcher("");
    Set<String> tails = new HashSet<>();
    for (String glob : globs) {
      tails.add(glob.substring(Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?')) + 1));
    }
    Set<String> out = new TreeSet<>();
    for (String path : tree.list()) {
      if (endsWithAny(path, tails) && matcher.reset(path).matches()) {
        out.add(path);
      }
    }
    for (String glob : globs) {
      if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0 && !out.contains(glob)) {
        tree.read(glob).ifPresent(bytes -> out.add(glob));
      }
    }
    return out;
  }

  private static boolean endsWithAny(String path, Set<String> tails) {
    for (String tail : tails) {
      if (path.endsWith(tail)) {
        return true;
      }
    }
    return false;
  }

  private List<Finding> applyAllowList(List<Finding> findings) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      Optional<AllowEntry> allow =
          config.allow().stream()
              .filter(a -> f.packageName() != null && a.covers(f.ruleId(), f.packageName()))
              .findFirst();
      if (allow.isPresent() && !allow.get().expiredOn(today)) {
        out.add(
            new Finding(
                f.ruleId(),
                Severity.NOTE,
                f.location(),
                f.packageName(),
                f.message() + " (allowed: " + allow.get().reason() + ")",
                f.help(),
                f.fix(),
                f.mark()));
      } else if (allow.isPresent()) {
        out.add(
            new Finding(
                f.ruleId(),
                f.severity(),
                f.location(),
                f.packageName(),
                f.message()
                    + " (the allow-list entry for it expired on "
                    + allow.get().expires()
                    + ")",
                f.help(),
                f.fix(),
                f.mark()));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** Marks each finding by whether its head line is part of the change's line diff. */
  private List<Finding> mark(List<Finding> findings, Sides sides, boolean all) {
    Map<String, LineMap> maps = new HashMap<>();
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      Location at = f.location();
      LineMap map =
          maps.computeIfAbsent(
              at.file(),
              file -> {
                Optional<byte[]> head = sides.head().read(file);
                if (head.isEmpty()) {
                  return LineMap.unknown();
                }
                if (sides.base() == null) {
                  return all ? LineMap.unknown() : LineMap.allAdded();
                }
                byte[] base =
                    sides
                        .base()
                        .read(sides.renamedFrom().getOrDefault(file, file))
                        .orElse(new byte[0]);
                return LineMap.between(base, head.get());
              });
      out.add(f.withMark(at.line() == 0 ? DiffMark.OUTSIDE : map.mark(at.line())));
    }
    return out;
  }

  /**
   * The table of pip changes: every entry added, removed or changed, with the state of its notes
   * section at head. A line pip cannot read is listed under the name it starts with, so the table
   * does not lose it; its finding says what is wrong with it.
   */
  private List<PipChange> pipChanges(ReviewContext context) {
    Map<Integer, String> anchors = headingAnchors(context.headNotes());
    List<PipChange> out = new ArrayList<>();
    for (EnvDiff env : context.envs()) {
      for (ItemChange<PipEntry> c : env.pip()) {
        PipEntry e = c.current();
        String shownName = e.name() != null ? e.displayName() : e.bestEffortName();
        if (shownName == null) {
          continue;
        }
        String pkg = e.name() != null ? e.name() : PackageName.normalize(shownName);
        PipChange.Change kind;
        if (c.change() == Change.ADDED || (context.all() && c.after() != null)) {
          kind = PipChange.Change.ADDED;
        } else if (c.change() == Change.REMOVED) {
          kind = PipChange.Change.REMOVED;
        } else if (c.change() == Change.CHANGED) {
          kind = PipChange.Change.CHANGED;
        } else {
          continue;
        }
        out.add(
            new PipChange(
                e.file(),
                pkg,
                shownName,
                kind,
                c.before() == null ? "" : shown(c.before()),
                c.after() == null ? "" : shown(c.after()),
                e.line(),
                e.error() != null,
                justification(context, pkg, anchors)));
      }
    }
    return out;
  }

  /** What the table shows of an entry: its spec, or the whole line when pip cannot read it. */
  private static String shown(PipEntry e) {
    return e.error() != null ? e.raw() : e.spec();
  }

  private PipChange.Justification justification(
      ReviewContext context, String pkg, Map<Integer, String> anchors) {
    Optional<NotesSection> section = context.headSection(pkg);
    List<Question> missing = section.map(s -> Justifications.missing(s, config)).orElse(List.of());
    PipChange.Justification.State state =
        section.isEmpty()
            ? PipChange.Justification.State.NO_SECTION
            : missing.isEmpty()
                ? PipChange.Justification.State.JUSTIFIED
                : PipChange.Justification.State.INCOMPLETE;
    LocalDate until = null;
    if (state != PipChange.Justification.State.JUSTIFIED) {
      // The rule that would report this state; an allow-list entry for it, still in force, is
      // what the table shows instead (as applyAllowList turns the finding into a note).
      String rule =
          state == PipChange.Justification.State.NO_SECTION
              ? "unjustified-pip"
              : "incomplete-justification";
      Optional<AllowEntry> allow =
          config.allow().stream().filter(a -> a.covers(rule, pkg)).findFirst();
      if (allow.isPresent() && !allow.get().expiredOn(today)) {
        state = PipChange.Justification.State.ALLOWED;
        until = allow.get().expires();
      }
    }
    int line = section.map(NotesSection::line).orElse(0);
    return new PipChange.Justification(
        state,
        missing,
        until,
        line,
        section.map(s -> anchors.getOrDefault(s.line(), "")).orElse(""));
  }

  /**
   * The anchor of every section heading of the notes, by line. Headings that are answer labels ("##
   * Why not conda?") are not sections and are not counted, so a package heading whose anchor equals
   * such a label's would get the wrong duplicate number; no package name reads as a label. Rows of
   * a whole-file package table are not headings: they have no anchor, and the table links to the
   * file.
   */
  private static Map<Integer, String> headingAnchors(NotesFile notes) {
    Map<Integer, String> out = new HashMap<>();
    if (notes == null) {
      return out;
    }
    List<NotesSection> sections = notes.sections().stream().filter(s -> !s.tableRow()).toList();
    List<String> anchors =
        HeadingAnchor.ofDocument(sections.stream().map(NotesSection::heading).toList());
    for (int i = 0; i < sections.size(); i++) {
      out.put(sections.get(i).line(), anchors.get(i));
    }
    return out;
  }
}
