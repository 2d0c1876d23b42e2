package dev.pipgate.review;

import dev.pipgate.config.Config;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.config.PolicyRef;
import dev.pipgate.config.PolicySource;
import dev.pipgate.envcheck.EnvRules;
import dev.pipgate.model.Severity;
import dev.pipgate.model.SourceTree;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.rules.RuleSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which config a review runs with. The gate a change is judged by is the one already merged: the
 * config file at the base revision (the defaults when the base has none), so a change cannot loosen
 * its own gate; what it changes in the config is reported ({@code config-change}) and applies once
 * merged. Without a base side (a review of one tree), the head's file. Overrides (action inputs,
 * flags) come last.
 *
 * <p>A shared policy comes first: the one the {@code config} input names ({@code
 * OWNER/REPO/PATH@REF}), else the one the chosen file names with {@code extends:}. The file is read
 * over it under its locks; so is every override.
 */
public final class ConfigResolution {
  private ConfigResolution() {}

  /** The review's rules and the environment check's: one config file sets both. */
  public static Set<String> ruleIds() {
    Set<String> ids = new java.util.HashSet<>();
    RuleSet.all().forEach(r -> ids.add(r.id()));
    ids.add(ConfigChange.ID);
    ids.addAll(EnvRules.DEFAULTS.keySet());
    return Set.copyOf(ids);
  }

  /** Each rule's default severity, for the policy's locks. */
  public static Map<String, Severity> ruleDefaults() {
    Map<String, Severity> d = new java.util.HashMap<>();
    RuleSet.all().forEach(r -> d.put(r.id(), r.defaultSeverity()));
    d.put(ConfigChange.ID, ConfigChange.DEFAULT_SEVERITY);
    d.putAll(EnvRules.DEFAULTS);
    return Map.copyOf(d);
  }

  public static Config defaults() {
    return Config.defaults(NotesParser.defaultLabels());
  }

  /**
   * @param explicitFile a config file given by flag or input (already read), if any
   * @param configPath the repository path of the config file
   */
  public static Config resolve(
      SourceTree base,
      SourceTree head,
      String configPath,
      Optional<Map.Entry<String, byte[]>> explicitFile,
      Map<String, String> overrides) {
    return resolve(
        base, head, configPath, explicitFile, overrides, Optional.empty(), PolicySource.NONE);
  }

  /**
   * @param policy a policy named by input or flag, which wins over the file's {@code extends}
   * @param source where policies are read
   */
  public static Config resolve(
      SourceTree base,
      SourceTree head,
      String configPath,
      Optional<Map.Entry<String, byte[]>> explicitFile,
      Map<String, String> overrides,
      Optional<PolicyRef> policy,
      PolicySource source) {
    ConfigLoader loader = new ConfigLoader(ruleIds(), ruleDefaults());
    Config config = defaults();
    Optional<Map.Entry<String, byte[]>> file = explicitFile;
    if (file.isEmpty()) {
      Optional<byte[]> chosen = base != null ? base.read(configPath) : head.read(configPath);
      file = chosen.map(bytes -> Map.entry(configPath, bytes));
    }
    Optional<PolicyRef> ref =
        policy.isPresent()
            ? policy
            : file.flatMap(f -> ConfigLoader.extendsOf(f.getKey(), f.getValue()));
    if (ref.isPresent()) {
      config = loader.loadPolicy(ref.get().toString(), source.read(ref.get()), config);
    }
    if (file.isPresent()) {
      config = loader.loadFile(file.get().getKey(), file.get().getValue(), config);
    }
    return overrides.isEmpty() ? config : loader.applyOverrides("settings", overrides, config);
  }
}
