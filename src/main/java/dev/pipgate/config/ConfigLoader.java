package dev.pipgate.config;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.EnvFileYaml;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.parse.TextFiles;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code .github/pipgate.yml} and overrides (action inputs, flags) into a {@link Config}.
 * Every problem is collected, and all of them are reported at once in one error.
 */
public final class ConfigLoader {
  /** Keys of the config file, and of overrides. */
  static final Set<String> KEYS =
      Set.of(
          "env-files",
          "exclude",
          "discovery",
          "notes-file",
          "fail-on",
          "core-packages",
          "rules",
          "allow",
          "placeholders",
          "min-answer-length",
          "labels",
          "mapping-file",
          "extends",
          "locked",
          "local-allow");

  /** Keys a policy may lock, with the short names its {@code locked:} list may use. */
  static final Map<String, String> LOCKABLE =
      Map.ofEntries(
          Map.entry("env-files", "env-files"),
          Map.entry("exclude", "exclude"),
          Map.entry("discovery", "discovery"),
          Map.entry("notes-file", "notes-file"),
          Map.entry("fail-on", "fail-on"),
          Map.entry("core-packages", "core-packages"),
          Map.entry("core", "core-packages"),
          Map.entry("rules", "rules"),
          Map.entry("severities", "rules"),
          Map.entry("placeholders", "placeholders"),
          Map.entry("min-answer-length", "min-answer-length"),
          Map.entry("labels", "labels"),
          Map.entry("mapping-file", "mapping-file"));

  private static final Map<String, Question> QUESTION_KEYS =
      Map.of(
          "why-not-conda", Question.WHY_NOT_CONDA,
          "conda-forge-checked", Question.CONDA_FORGE_CHECKED,
          "no-deps-tested", Question.NO_DEPS_TESTED,
          "alternatives", Question.ALTERNATIVES);

  private final Set<String> ruleIds;
  private final Map<String, Severity> ruleDefaults;
  private final List<String> errors = new ArrayList<>();
  private String shownAs;
  private boolean unknownKey;

  /**
   * @param ruleIds every rule id a {@code rules:} entry may name
   */
  public ConfigLoader(Set<String> ruleIds) {
    this(ruleIds, Map.of());
  }

  /**
   * @param ruleIds every rule id a {@code rules:} entry may name
   * @param ruleDefaults each rule's default severity, to tell a lowered locked rule (a rule absent
   *     counts as {@link Severity#NOTE})
   */
  public ConfigLoader(Set<String> ruleIds, Map<String, Severity> ruleDefaults) {
    this.ruleIds = Set.copyOf(ruleIds);
    this.ruleDefaults = Map.copyOf(ruleDefaults);
  }

  /**
   * The value of {@code extends:} in a repository's config file, if any, without reading the rest
   * (the policy it names has to be read first).
   */
  public static Optional<PolicyRef> extendsOf(String path, byte[] bytes) {
    Node root = EnvFileYaml.loadOrEmpty(path, TextFiles.decode(path, bytes)).orElse(null);
    if (!(root instanceof MappingNode map)) {
      return Optional.empty();
    }
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("extends")) {
        if (!(t.getValueNode() instanceof ScalarNode v)) {
          throw new InputException(
              path, line(t.getValueNode()), "extends must be OWNER/REPO/PATH@REF");
        }
        try {
          return Optional.of(PolicyRef.parse(v.getValue()));
        } catch (IllegalArgumentException e) {
          throw new InputException(path, line(v), e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a shared policy over {@code base}: a config file that may also say which keys are {@code
   * locked} and which rules a repository's own allow-list entries may name ({@code local-allow});
   * it may not extend another policy.
   */
  public Config loadPolicy(String reference, byte[] bytes, Config base) {
    return load(reference, bytes, base, true);
  }

  /**
   * Applies a config file over {@code base}. When {@code base} holds a policy, the file may tighten
   * its locked keys but not loosen them, and its allow-list entries are added to the policy's, each
   * only for rules the policy's {@code local-allow} names.
   */
  public Config loadFile(String path, byte[] bytes, Config base) {
    return load(path, bytes, base, false);
  }

  private Config load(String path, byte[] bytes, Config base, boolean isPolicy) {
    shownAs = path;
    errors.clear();
    unknownKey = false;
    String text = TextFiles.decode(path, bytes);
    // The env file reader's bounds on nesting, aliases, size and tags protect this file too.
    Node root = EnvFileYaml.loadOrEmpty(path, text).orElse(null);
    if (root == null) {
      return base;
    }
    if (!(root instanceof MappingNode map)) {
      throw new InputException(path, line(root), "the config must be a mapping of keys");
    }
    Builder b = new Builder(base);
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = key(t, "a key", seen);
      if (key == null) {
        continue;
      }
      Node value = t.getValueNode();
      switch (key) {
        case "env-files" -> b.envFiles = strings(value, key);
        case "exclude" -> b.exclude = exclude(strings(value, key), value);
        case "discovery" -> b.discovery = discovery(scalar(value, key), value);
        case "notes-file" -> b.notesFile = notesFile(scalar(value, key), value);
        case "fail-on" -> b.failOn = failOn(scalar(value, key), value);
        case "core-packages" ->
            b.corePackages =
                Optional.ofNullable(strings(value, key))
                    .map(l -> l.stream().map(PackageName::normalize).toList())
                    .orElse(null);
        case "rules" -> rules(value, b);
        case "allow" -> b.allow = allow(value);
        case "placeholders" -> b.placeholders = strings(value, key);
        case "min-answer-length" -> b.minAnswerLength = nonNegative(scalar(value, key), value);
        case "labels" -> labels(value, b);
        case "mapping-file" -> b.mappingFile = scalar(value, key);
        case "extends" -> {
          if (isPolicy) {
            error(t.getKeyNode(), "a policy cannot extend another policy");
          } else {
            String v = scalar(value, key);
            try {
              b.extendsRef = v == null ? null : PolicyRef.parse(v).toString();
            } catch (IllegalArgumentException e) {
              error(value, e.getMessage());
            }
          }
        }
        case "locked", "local-allow" -> {
          if (!isPolicy) {
            error(
                t.getKeyNode(),
                "'" + key + "' belongs in a shared policy (the file 'extends' names), not here");
          } else if (key.equals("locked")) {
            b.locked = lockedKeys(strings(value, key), value);
          } else {
            b.localAllow = localAllowRules(strings(value, key), value);
          }
        }
        default -> {
          error(t.getKeyNode(), "unknown key '" + key + "'");
          unknownKey = true;
        }
      }
    }
    if (!isPolicy && base.policy() != null) {
      PolicyCheck.check(base.policy(), b.allow, b.build(), ruleDefaults, errors);
      if (b.allow != null) {
        List<AllowEntry> merged = new ArrayList<>(base.allow());
        merged.addAll(b.allow);
        b.allow = merged;
      }
    }
    finish();
    Config built = b.build();
    return isPolicy
        ? built.withPolicy(new Config.Policy(path, b.locked, b.localAllow, built))
        : built;
  }

  private Set<String> lockedKeys(List<String> keys, Node at) {
    Set<String> out = new java.util.TreeSet<>();
    for (String k : keys == null ? List.<String>of() : keys) {
      String key = LOCKABLE.get(k);
      if (key == null) {
        error(
            at,
            "'locked' names '"
                + k
                + "', which cannot be locked (lockable: "
                + String.join(", ", new java.util.TreeSet<>(LOCKABLE.keySet()))
                + ")");
      } else {
        out.add(key);
      }
    }
    return out;
  }

  private Set<String> localAllowRules(List<String> ids, Node at) {
    Set<String> out = new java.util.TreeSet<>();
    for (String id : ids == null ? List.<String>of() : ids) {
      if (!id.equals("*") && !ruleIds.contains(id)) {
        error(at, "'local-allow' names unknown rule '" + id + "'");
      } else {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Applies overrides given as strings (action inputs, command-line flags) over {@code base}. A
   * list is written comma- or newline-separated.
   */
  public Config applyOverrides(String source, Map<String, String> overrides, Config base) {
    shownAs = source;
    errors.clear();
    unknownKey = false;
    Builder b = new Builder(base);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String v = e.getValue().strip();
      switch (e.getKey()) {
        case "env-files" -> b.envFiles = splitList(v);
        case "exclude" -> b.exclude = exclude(splitList(v), null);
        case "discovery" -> b.discovery = discovery(v, null);
        case "notes-file" -> b.notesFile = notesFile(v, null);
        case "fail-on" -> b.failOn = failOn(v, null);
        case "mapping-file" -> b.mappingFile = v;
        default -> errors.add("unknown setting '" + e.getKey() + "'");
      }
    }
    if (base.policy() != null) {
      // The workflow's inputs are the repository's too: they may not loosen a locked key either.
      PolicyCheck.check(base.policy(), null, b.build(), ruleDefaults, errors);
    }
    finish();
    return b.build();
  }

  static List<String> splitList(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.split("[,\\n]")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private void finish() {
    if (!errors.isEmpty()) {
      // The known keys once, not after every unknown one: a wrong file given as --config has
      // dozens of unknown keys.
      String known =
          unknownKey
              ? " (known keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")"
              : "";
      throw new InputException(
          shownAs,
          0,
          errors.size()
              + (errors.size() == 1 ? " config error: " : " config errors: ")
              + String.join("; ", errors)
              + known);
    }
  }

  private void rules(Node value, Builder b) {
    if (!(value instanceof MappingNode map)) {
      error(value, "'rules' must map rule ids to error, warning, note or off");
      return;
    }
    Map<String, Optional<Severity>> out = new HashMap<>(b.severities);
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      String id = key(t, "a rule id", seen);
      String level = scalar(t.getValueNode(), "rule level");
      if (id == null || level == null) {
        continue;
      }
      if (!ruleIds.contains(id)) {
        error(t.getKeyNode(), "unknown rule '" + id + "'");
        continue;
      }
      String l = level.toLowerCase(Locale.ROOT);
      b.severitySources.put(id, shownAs);
      if (l.equals("off")) {
        out.put(id, Optional.empty());
      } else {
        Optional<Severity> s = Severity.fromId(l);
        if (s.isEmpty()) {
          error(
              t.getValueNode(),
              "rule '" + id + "': level must be error, warning, note or off, not '" + level + "'");
        } else {
          out.put(id, s);
        }
      }
    }
    b.severities = out;
  }

  private List<AllowEntry> allow(Node value) {
    if (!(value instanceof SequenceNode seq)) {
      error(value, "'allow' must be a list of {package, reason, rules?, expires?}");
      return null;
    }
    List<AllowEntry> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode m)) {
        error(item, "an allow entry must be a mapping with package and reason");
        continue;
      }
      String pkg = null;
      String reason = null;
      LocalDate expires = null;
      Set<String> rules = new LinkedHashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      for (NodeTuple t : m.getValue()) {
        String k = key(t, "a key", seen);
        if (k == null) {
          continue;
        }
        switch (k) {
          case "package" -> pkg = scalar(t.getValueNode(), "package");
          case "reason" -> reason = scalar(t.getValueNode(), "reason");
          case "rules", "rule" -> {
            List<String> ids =
                t.getValueNode() instanceof ScalarNode
                    ? List.of(scalar(t.getValueNode(), k))
                    : strings(t.getValueNode(), k);
            for (String id : ids == null ? List.<String>of() : ids) {
              if (!ruleIds.contains(id)) {
                error(t.getValueNode(), "allow entry names unknown rule '" + id + "'");
              }
              rules.add(id);
            }
          }
          case "expires" -> {
            String d = scalar(t.getValueNode(), "expires");
            try {
              expires = d == null ? null : LocalDate.parse(d);
            } catch (DateTimeParseException e) {
              error(t.getValueNode(), "expires must be a date like 2027-01-31, not '" + d + "'");
            }
          }
          default ->
              error(
                  t.getKeyNode(),
                  "unknown allow key '" + k + "' (package, reason, rules, expires)");
        }
      }
      if (pkg == null || pkg.isBlank()) {
        error(item, "allow entry without 'package'");
      } else if (reason == null || reason.isBlank()) {
        error(item, "allow entry for '" + pkg + "' needs a 'reason'");
      } else {
        out.add(
            new AllowEntry(PackageName.normalize(pkg), rules, reason.strip(), expires, line(item)));
      }
    }
    return out;
  }

  private void labels(Node value, Builder b) {
    if (!(value instanceof MappingNode map)) {
      error(
          value,
          "'labels' must map why-not-conda, conda-forge-checked, no-deps-tested, alternatives to lists");
      return;
    }
    Map<Question, List<String>> out = new HashMap<>(b.labels);
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      String k = key(t, "a key", seen);
      Question q = k == null ? null : QUESTION_KEYS.get(k);
      if (k != null && q == null) {
        error(
            t.getKeyNode(),
            "unknown label key '"
                + k
                + "' ("
                + String.join(", ", new java.util.TreeSet<>(QUESTION_KEYS.keySet()))
                + ")");
        continue;
      }
      List<String> labels = strings(t.getValueNode(), "labels." + k);
      if (q != null && labels != null) {
        if (labels.isEmpty()) {
          error(t.getValueNode(), "labels." + k + " must not be empty");
        } else {
          out.put(q, labels);
        }
      }
    }
    // The notes parser refuses labels that normalise to nothing or name two questions; asking it
    // here reports that as a config error instead of a failure when the notes are read.
    try {
      new NotesParser(out);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (Map.Entry<String, Question> q : QUESTION_KEYS.entrySet()) {
        message = message.replace(q.getValue().name(), q.getKey());
      }
      error(value, "labels: " + message);
      return;
    }
    b.labels = out;
  }

  private Config.Discovery discovery(String v, Node at) {
    if (v == null) {
      return null;
    }
    Optional<Config.Discovery> d = Config.Discovery.fromId(v.strip().toLowerCase(Locale.ROOT));
    if (d.isEmpty()) {
      error(at, "discovery must be content or globs, not '" + v + "'");
    }
    return d.orElse(null);
  }

  /** A pattern that excludes every path would take every env file out of review unnoticed. */
  private List<String> exclude(List<String> patterns, Node at) {
    if (patterns == null) {
      return null;
    }
    for (String p : patterns) {
      if (p.isBlank()
          || p.startsWith("/")
          || new PathFilter(List.of(p)).excluded("environment.yml")) {
        error(
            at,
            "exclude: '"
                + p
                + "' would take the root environment.yml out of review; name folders or globs");
        return null;
      }
    }
    return patterns;
  }

  private String notesFile(String v, Node at) {
    if (v != null && v.isBlank()) {
      error(at, "notes-file must name a file");
      return null;
    }
    return v;
  }

  private FailLevel failOn(String v, Node at) {
    if (v == null) {
      return null;
    }
    Optional<FailLevel> f = FailLevel.fromId(v.toLowerCase(Locale.ROOT));
    if (f.isEmpty()) {
      error(at, "fail-on must be error, warning or never, not '" + v + "'");
    }
    return f.orElse(null);
  }

  private Integer nonNegative(String v, Node at) {
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error(at, "min-answer-length must be a whole number ≥ 0, not '" + v + "'");
    return null;
  }

  private List<String> strings(Node value, String key) {
    if (value instanceof ScalarNode s) {
      return splitList(s.getValue());
    }
    if (!(value instanceof SequenceNode seq)) {
      error(value, "'" + key + "' must be a list of strings");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Node n : seq.getValue()) {
      String s = scalar(n, key);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The key of a mapping entry, or null (after recording an error) when it is not a single value or
   * repeats an earlier key. The composer API used here does not apply snakeyaml's own duplicate key
   * check (that happens when constructing Java objects), and silently letting the last one win
   * would hide a setting the author believed was in force.
   */
  private String key(NodeTuple t, String what, Map<String, Integer> seen) {
    String key = scalar(t.getKeyNode(), what);
    if (key == null) {
      return null;
    }
    Integer first = seen.putIfAbsent(key, line(t.getKeyNode()));
    if (first != null) {
      error(t.getKeyNode(), "duplicate key '" + key + "' (first at line " + first + ")");
      return null;
    }
    return key;
  }

  private String scalar(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, what + " must be a single value");
    return null;
  }

  private void error(Node at, String message) {
    int line = at == null ? 0 : line(at);
    errors.add(line > 0 ? "line " + line + ": " + message : message);
  }

  private static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Mutable while loading; {@link #build()} falls back to the base for anything not set. */
  private static final class Builder {
    private final Config base;
    List<String> envFiles;
    List<String> exclude;
    Config.Discovery discovery;
    String notesFile;
    FailLevel failOn;
    List<String> corePackages;
    Map<String, Optional<Severity>> severities;
    List<AllowEntry> allow;
    List<String> placeholders;
    Integer minAnswerLength;
    Map<Question, List<String>> labels;
    String mappingFile;
    String extendsRef;
    Set<String> locked = Set.of();
    Set<String> localAllow = Set.of();
    final Map<String, String> severitySources;

    Builder(Config base) {
      this.base = base;
      this.severities = base.severities();
      this.labels = base.labels();
      this.severitySources = new HashMap<>(base.severitySources());
    }

    Config build() {
      return new Config(
          envFiles != null ? envFiles : base.envFiles(),
          exclude != null ? exclude : base.exclude(),
          discovery != null ? discovery : base.discovery(),
          notesFile != null ? notesFile : base.notesFile(),
          failOn != null ? failOn : base.failOn(),
          corePackages != null ? corePackages : base.corePackages(),
          severities,
          allow != null ? allow : base.allow(),
          placeholders != null ? placeholders : base.placeholders(),
          minAnswerLength != null ? minAnswerLength : base.minAnswerLength(),
          labels,
          mappingFile != null ? mappingFile : base.mappingFile(),
          extendsRef != null ? extendsRef : base.extendsRef(),
          base.policy(),
          severitySources);
    }
  }
}
