package dev.pipgate.review;

import dev.pipgate.config.Config;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.envcheck.EnvRules;
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
    ConfigLoader loader = new ConfigLoader(ruleIds());
    Config config = defaults();
    if (explicitFile.isPresent()) {
      config = loader.loadFile(explicitFile.get().getKey(), explicitFile.get().getValue(), config);
    } else {
      Optional<byte[]> chosen = base != null ? base.read(configPath) : head.read(configPath);
      if (chosen.isPresent()) {
        config = loader.loadFile(configPath, chosen.get(), config);
      }
    }
    return overrides.isEmpty() ? config : loader.applyOverrides("settings", overrides, config);
  }
}
