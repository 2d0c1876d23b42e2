package dev.pipgate.rules;

import dev.pipgate.config.Config;
import dev.pipgate.config.ConfigLoader;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.Finding;
import dev.pipgate.names.CondaNames;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.review.Review;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A review of one change to {@code environment.yml} (and any other files), run through {@link
 * Review} as the command line runs it, with the findings of one rule read back as "line: message".
 */
final class RuleReview {
  private final Path dir;
  private final Map<String, String> base = new LinkedHashMap<>();
  private final Map<String, String> head = new LinkedHashMap<>();
  private String configYaml;
  private boolean all;

  private RuleReview(Path dir) {
    this.dir = dir;
  }

  static RuleReview in(Path dir) {
    return new RuleReview(dir);
  }

  /** The env file at base; without it the file is added by the change. */
  RuleReview base(String envYaml) {
    return base("environment.yml", envYaml);
  }

  RuleReview base(String path, String text) {
    base.put(path, text);
    return this;
  }

  RuleReview head(String envYaml) {
    return head("environment.yml", envYaml);
  }

  RuleReview head(String path, String text) {
    head.put(path, text);
    return this;
  }

  /** A {@code .github/pipgate.yml} for the review. */
  RuleReview config(String yaml) {
    configYaml = yaml;
    return this;
  }

  /** Every pip entry at head counts as new, as {@code --all}. */
  RuleReview all() {
    all = true;
    return this;
  }

  /** Every finding of the review. */
  List<Finding> findings() {
    try {
      Path b = write("base", base);
      Path h = write("head", head);
      Config config = Config.defaults(NotesParser.defaultLabels());
      if (configYaml != null) {
        config =
            new ConfigLoader(ConfigResolution.ruleIds())
                .loadFile(Config.DEFAULT_PATH, configYaml.getBytes(StandardCharsets.UTF_8), config);
      }
      return new Review(config, CondaNames.builtIn(), LocalDate.of(2026, 1, 1))
          .run(new Review.Sides(new DirectoryTree(b), new DirectoryTree(h), Map.of()), all)
          .findings();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The findings of one rule, each as "line: message". */
  List<String> of(String ruleId) {
    return findings().stream()
        .filter(f -> f.ruleId().equals(ruleId))
        .map(f -> f.location().line() + ": " + f.message())
        .collect(Collectors.toList());
  }

  private Path write(String side, Map<String, String> files) throws IOException {
    Path root = Files.createDirectories(dir.resolve(side));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    return root;
  }
}
