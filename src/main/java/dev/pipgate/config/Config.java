package dev.pipgate.config;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a review can be told, with every default in one place ({@link #defaults()}).
 *
 * @param envFiles glob patterns of env files, relative to the repository root
 * @param notesFile path of the notes file
 * @param failOn the least severe finding that fails the job
 * @param corePackages glob patterns (PEP 503-normalised) of the protected core stack
 * @param severities per-rule overrides; an empty Optional turns the rule off
 * @param allow accepted exceptions
 * @param placeholders answers that do not count (compared case-insensitively, trimmed)
 * @param minAnswerLength an answer shorter than this many characters does not count
 * @param labels answer labels per question
 * @param mappingFile a conda-forge name mapping file (parselmouth's compressed JSON), or null
 */
public record Config(
    List<String> envFiles,
    String notesFile,
    FailLevel failOn,
    List<String> corePackages,
    Map<String, Optional<Severity>> severities,
    List<AllowEntry> allow,
    List<String> placeholders,
    int minAnswerLength,
    Map<Question, List<String>> labels,
    String mappingFile) {

  /** The config file read from the repository unless a flag or input names another. */
  public static final String DEFAULT_PATH = ".github/pipgate.yml";

  public static final List<String> DEFAULT_ENV_FILES =
      List.of(
          "environment.yml",
          "environment.yaml",
          "**/environment.yml",
          "**/environment.yaml",
          "env/*.yml",
          "env/*.yaml",
          "envs/*.yml",
          "envs/*.yaml",
          "conda/*.yml",
          "conda/*.yaml");

  /**
   * The stack a TensorFlow 2.9 conda image solves as one (DOMAIN.md, "TensorFlow 2.9 facts"): pip
   * must not replace any of it.
   */
  public static final List<String> DEFAULT_CORE_PACKAGES =
      List.of(
          "tensorflow",
          "tensorflow-base",
          "tensorflow-cpu",
          "tensorflow-gpu",
          "tensorflow-intel",
          "tensorflow-macos",
          "tensorflow-estimator",
          "tf-nightly*",
          "keras",
          "tensorboard",
          "numpy",
          "scipy",
          "h5py",
          "protobuf",
          "grpcio",
          "nvidia-*-cu11",
          "nvidia-*-cu12",
          "nvidia-*-cu13",
          "cuda-toolkit",
          "cudatoolkit");

  public static final List<String> DEFAULT_PLACEHOLDERS =
      List.of(
          "todo", "tbd", "n/a", "na", "-", "--", "?", "...", "…", "none", "fixme", "xxx", "待定",
          "无");

  public static final int DEFAULT_MIN_ANSWER_LENGTH = 3;

  public Config {
    envFiles = List.copyOf(envFiles);
    Objects.requireNonNull(notesFile, "notesFile");
    Objects.requireNonNull(failOn, "failOn");
    corePackages = List.copyOf(corePackages);
    severities = Map.copyOf(severities);
    allow = List.copyOf(allow);
    placeholders = List.copyOf(placeholders);
    labels = Map.copyOf(labels);
  }

  public static Config defaults(Map<Question, List<String>> defaultLabels) {
    return new Config(
        DEFAULT_ENV_FILES,
        "requirements-notes.md",
        FailLevel.ERROR,
        DEFAULT_CORE_PACKAGES,
        Map.of(),
        List.of(),
        DEFAULT_PLACEHOLDERS,
        DEFAULT_MIN_ANSWER_LENGTH,
        defaultLabels,
        null);
  }

  /** The severity of a rule: the override if any, else its default; empty when turned off. */
  public Optional<Severity> severityOf(String ruleId, Severity defaultSeverity) {
    return severities.getOrDefault(ruleId, Optional.of(defaultSeverity));
  }

  public Config withFailOn(FailLevel level) {
    return new Config(
        envFiles,
        notesFile,
        level,
        corePackages,
        severities,
        allow,
        placeholders,
        minAnswerLength,
        labels,
        mappingFile);
  }
}
