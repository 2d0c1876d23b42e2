package dev.pipgate.review;

import dev.pipgate.config.Config;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.envcheck.EnvRules;
import dev.pipgate.model.SourceTree;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.rules.Rule;
import dev.pipgate.rules.RuleSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which config a review runs with. The gate a change is judged by is the one already merged: the
 * config file at the base revision; at head only when the base has none (the change adopts
 * pipgate). Overrides (action inputs, flags) come last.
 */
public final class ConfigResolution {
  private ConfigResolution() {}

  /** The review's rules and the environment check's: one config file sets both. */
  public static Set<String> ruleIds() {
    return Stream.concat(RuleSet.all().stream().map(Rule::id), EnvRules.DEFAULTS.keySet().stream())
        .collect(Collectors.toUnmodifiableSet());
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
      Optional<byte[]> atBase = base == null ? Optional.empty() : base.read(configPath);
      Optional<byte[]> chosen = atBase.isPresent() ? atBase : head.read(configPath);
      if (chosen.isPresent()) {
        config = loader.loadFile(configPath, chosen.get(), config);
      }
    }
    return overrides.isEmpty() ? config : loader.applyOverrides("settings", overrides, config);
  }
}
