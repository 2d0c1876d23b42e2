package dev.pipgate.review;

import dev.pipgate.config.AllowEntry;
import dev.pipgate.config.Config;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.config.PolicyRef;
import dev.pipgate.config.PolicySource;
import dev.pipgate.model.Finding;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Location;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A change that edits pipgate's own config. The review runs with the base's config (a change cannot
 * loosen its own gate), so this says what the edit would change once merged — allow-list entries
 * added, rules turned off or lowered, a laxer fail level, fewer files or packages under review —
 * for reviewers to approve knowingly.
 */
public final class ConfigChange {
  public static final String ID = "config-change";
  public static final Severity DEFAULT_SEVERITY = Severity.WARNING;
  public static final String SUMMARY =
      "The change edits pipgate's config; the review uses the base's config, and the edit"
          + " (allow-list entries, rules turned off) applies only after merge.";

  private final Set<String> ruleIds;
  private final Map<String, Severity> ruleDefaults;
  private final Config defaults;

  private final PolicySource policies;

  /**
   * @param policies where the policies the two versions extend are read, so that the settings
   *     compared are the effective ones (policy, then file)
   */
  ConfigChange(PolicySource policies) {
    this.policies = policies;
    this.ruleIds = ConfigResolution.ruleIds();
    this.ruleDefaults = ConfigResolution.ruleDefaults();
    this.defaults = ConfigResolution.defaults();
  }

  /**
   * @param base the config file at base, or null when absent
   * @param head the config file at head, or null when absent
   */
  List<Finding> check(String path, byte[] base, byte[] head) {
    if (Arrays.equals(base, head)) {
      return List.of();
    }
    if (head == null) {
      return List.of(
          finding(
              path, 0, "this change deletes " + path + "; its settings stop applying after merge"));
    }
    List<String> what = new ArrayList<>();
    Optional<Config> headConfig = parse(path, head, what);
    Config baseConfig =
        base == null ? defaults : parse(path, base, new ArrayList<>()).orElse(defaults);
    headConfig.ifPresent(h -> describe(baseConfig, h, what));
    String verb = base == null ? "adds " : "edits ";
    String message =
        "this change "
            + verb
            + path
            + ": the review uses "
            + (base == null ? "the defaults" : "the base's version")
            + ", the new settings apply after merge"
            + (what.isEmpty() ? "" : " (" + String.join("; ", what) + ")");
    return List.of(finding(path, 1, message));
  }

  private Optional<Config> parse(String path, byte[] bytes, List<String> what) {
    try {
      ConfigLoader loader = new ConfigLoader(ruleIds, ruleDefaults);
      Config start = defaults;
      Optional<PolicyRef> ref = ConfigLoader.extendsOf(path, bytes);
      if (ref.isPresent() && policies != PolicySource.NONE) {
        start = loader.loadPolicy(ref.get().toString(), policies.read(ref.get()), defaults);
      }
      return Optional.of(loader.loadFile(path, bytes, start));
    } catch (InputException e) {
      what.add("the new version has errors: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void describe(Config base, Config head, List<String> what) {
    if (!java.util.Objects.equals(base.extendsRef(), head.extendsRef())) {
      what.add(
          head.extendsRef() == null
              ? "it no longer extends the policy " + base.extendsRef()
              : (base.extendsRef() == null
                      ? "it extends the policy "
                      : "the policy it extends changes from " + base.extendsRef() + " to ")
                  + head.extendsRef()
                  + ", whose settings and locks apply after merge");
    }
    List<String> added = new ArrayList<>();
    for (AllowEntry a : head.allow()) {
      boolean known =
          base.allow().stream()
              .anyMatch(
                  b -> b.packageName().equals(a.packageName()) && b.rules().equals(a.rules()));
      if (!known) {
        added.add(
            a.packageName()
                + (a.rules().isEmpty() ? "" : " for " + String.join(", ", a.rules()))
                + ": \u201c"
                + a.reason()
                + "\u201d");
      }
    }
    if (!added.isEmpty()) {
      what.add("allow-list entries added, not applied to this change: " + String.join(", ", added));
    }
    List<String> weaker =
        head.severities().entrySet().stream()
            .filter(
                e -> {
                  Optional<Severity> before =
                      base.severities()
                          .getOrDefault(
                              e.getKey(), Optional.ofNullable(ruleDefaults.get(e.getKey())));
                  return e.getValue().isEmpty()
                      || (before.isPresent() && !e.getValue().get().atLeast(before.get()));
                })
            .map(e -> e.getKey() + " → " + e.getValue().map(Severity::id).orElse("off"))
            .sorted()
            .collect(Collectors.toList());
    if (!weaker.isEmpty()) {
      what.add("rules lowered or turned off: " + String.join(", ", weaker));
    }
    if (head.failOn().laxerThan(base.failOn())) {
      what.add("fail-on lowered to " + head.failOn().id());
    }
    if (base.discovery() == Config.Discovery.CONTENT && head.discovery() != base.discovery()) {
      what.add(
          "discovery set to "
              + head.discovery().id()
              + ": YAML files found by content are no longer reviewed");
    }
    dropped(base.envFiles(), head.envFiles(), "env-files globs removed", what);
    added(base.exclude(), head.exclude(), "paths excluded from review", what);
    dropped(base.corePackages(), head.corePackages(), "core packages removed", what);
  }

  /** Entries of {@code base} that {@code head} no longer has: less under review. */
  private static void dropped(
      List<String> base, List<String> head, String label, List<String> what) {
    added(head, base, label, what);
  }

  /** Entries of {@code head} that {@code base} did not have. */
  private static void added(List<String> base, List<String> head, String label, List<String> what) {
    List<String> more = head.stream().filter(e -> !base.contains(e)).toList();
    if (!more.isEmpty()) {
      what.add(label + ": " + String.join(", ", more));
    }
  }

  private Finding finding(String path, int line, String message) {
    return Finding.of(
        ID,
        DEFAULT_SEVERITY,
        new Location(path, line),
        null,
        message,
        "A maintainer should approve this config change on its own merits; it takes effect for"
            + " the changes after it.");
  }
}
