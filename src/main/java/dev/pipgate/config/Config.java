package dev.pipgate.config;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a review can be told, with every default in one place ({@link #defaults()}).
 *
 * @param envFiles glob patterns of env files, relative to the repository root: a file they name is
 *     always read as an env file, whether the change touches it or not
 * @param exclude paths never reviewed (see {@link PathFilter}); they win over {@code envFiles}
 * @param discovery whether a YAML file the change touches is recognised as an env file by content
 * @param notesFile path of the notes file
 * @param failOn the least severe finding that fails the job
 * @param corePackages glob patterns (PEP 503-normalised) of the protected core stack
 * @param severities per-rule overrides; an empty Optional turns the rule off
 * @param allow accepted exceptions
 * @param placeholders answers that do not count (compared case-insensitively, trimmed)
 * @param minAnswerLength an answer shorter than this many characters does not count
 * @param labels answer labels per question
 * @param mappingFile a conda-forge name mapping file (parselmouth's compressed JSON), or null
 * @param extendsRef the shared policy the repository's file names ({@code extends:}), or null
 * @param policy the shared policy this config was merged over, or null
 * @param severitySources which file set each rule's severity (rule id to file); a rule absent keeps
 *     pipgate's default
 */
public record Config(
    List<String> envFiles,
    List<String> exclude,
    Discovery discovery,
    String notesFile,
    FailLevel failOn,
    List<String> corePackages,
    Map<String, Optional<Severity>> severities,
    List<AllowEntry> allow,
    List<String> placeholders,
    int minAnswerLength,
    Map<Question, List<String>> labels,
    String mappingFile,
    String extendsRef,
    Policy policy,
    Map<String, String> severitySources) {

  /** The config file read from the repository unless a flag or input names another. */
  public static final String DEFAULT_PATH = ".github/pipgate.yml";

  /**
   * Env files read on every review. Content discovery finds the others a change touches; these are
   * the names conda's own documentation uses, so an env file that a change does not touch is still
   * known to the rules that look across files (which package some env file installs).
   */
  public static final List<String> DEFAULT_ENV_FILES =
      List.of(
          // Named once more as plain paths: a glob with no wildcard is read even when what is there
          // is not a regular file, so a directory or link at the root env file's path is an error,
          // not a file that silently drops out of review (see Review.envPaths).
          "environment.yml",
          "environment.yaml",
          "**/environment*.yml",
          "**/environment*.yaml",
          "env/*.yml",
          "env/*.yaml",
          "envs/*.yml",
          "envs/*.yaml");

  /** Folders that hold other projects' files: installed packages, vendored code, git itself. */
  public static final List<String> DEFAULT_EXCLUDE =
      List.of(".git/", "node_modules/", "vendor/", "third_party/", "site-packages/");

  /** How env files are found besides the {@code env-files} globs. */
  public enum Discovery {
    /** The globs, plus every YAML file the change touches whose content is an env file. */
    CONTENT,
    /** The globs only. */
    GLOBS;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Discovery> fromId(String id) {
      for (Discovery d : values()) {
        if (d.id().equals(id)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

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
          "nvidia-*-cu11*",
          "nvidia-*-cu12*",
          "nvidia-*-cu13*",
          // The same runtimes under the names of NVIDIA's own index (nvidia-pyindex), no suffix.
          "nvidia-cublas",
          "nvidia-cuda-nvrtc",
          "nvidia-cuda-runtime",
          "nvidia-cudnn",
          "nvidia-cufft",
          "nvidia-curand",
          "nvidia-cusolver",
          "nvidia-cusparse",
          "nvidia-nccl",
          "cuda-toolkit",
          "cudatoolkit");

  public static final List<String> DEFAULT_PLACEHOLDERS =
      List.of(
          "todo", "tbd", "n/a", "na", "-", "--", "?", "...", "…", "none", "fixme", "xxx", "待定",
          "无");

  public static final int DEFAULT_MIN_ANSWER_LENGTH = 3;

  public Config {
    envFiles = List.copyOf(envFiles);
    exclude = List.copyOf(exclude);
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(notesFile, "notesFile");
    Objects.requireNonNull(failOn, "failOn");
    corePackages = List.copyOf(corePackages);
    severities = Map.copyOf(severities);
    allow = List.copyOf(allow);
    placeholders = List.copyOf(placeholders);
    labels = Map.copyOf(labels);
    severitySources = Map.copyOf(severitySources);
  }

  /**
   * A shared policy (an organisation's pipgate.yml in another repository) and what it holds back
   * from the repositories that extend it.
   *
   * @param reference where it was read, {@code OWNER/REPO/PATH@REF}
   * @param locked keys (as written in the file) a repository may tighten but not loosen
   * @param localAllow rule ids a repository's own allow-list entries may name ({@code *}: any)
   * @param values the policy's settings, before the repository's file
   */
  public record Policy(
      String reference, Set<String> locked, Set<String> localAllow, Config values) {
    public Policy {
      Objects.requireNonNull(reference, "reference");
      locked = Set.copyOf(locked);
      localAllow = Set.copyOf(localAllow);
      Objects.requireNonNull(values, "values");
    }

    /** Whether a repository's allow entry for {@code rules} (empty: every rule) is permitted. */
    public boolean permitsLocalAllow(Set<String> rules) {
      return localAllow.contains("*") || (!rules.isEmpty() && localAllow.containsAll(rules));
    }
  }

  /** Who set a rule's severity, in words for a finding: a file, or pipgate's default. */
  public String severitySource(String ruleId) {
    String file = severitySources.get(ruleId);
    if (file == null) {
      return "pipgate's default";
    }
    return policy != null && file.equals(policy.reference()) ? "the policy " + file : file;
  }

  public static Config defaults(Map<Question, List<String>> defaultLabels) {
    return new Config(
        DEFAULT_ENV_FILES,
        DEFAULT_EXCLUDE,
        Discovery.CONTENT,
        "requirements-notes.md",
        FailLevel.ERROR,
        DEFAULT_CORE_PACKAGES,
        Map.of(),
        List.of(),
        DEFAULT_PLACEHOLDERS,
        DEFAULT_MIN_ANSWER_LENGTH,
        defaultLabels,
        null,
        null,
        null,
        Map.of());
  }

  /** The severity of a rule: the override if any, else its default; empty when turned off. */
  public Optional<Severity> severityOf(String ruleId, Severity defaultSeverity) {
    return severities.getOrDefault(ruleId, Optional.of(defaultSeverity));
  }

  public Config withPolicy(Policy newPolicy) {
    return new Config(
        envFiles,
        exclude,
        discovery,
        notesFile,
        failOn,
        corePackages,
        severities,
        allow,
        placeholders,
        minAnswerLength,
        labels,
        mappingFile,
        extendsRef,
        newPolicy,
        severitySources);
  }

  public Config withFailOn(FailLevel level) {
    return new Config(
        envFiles,
        exclude,
        discovery,
        notesFile,
        level,
        corePackages,
        severities,
        allow,
        placeholders,
        minAnswerLength,
        labels,
        mappingFile,
        extendsRef,
        policy,
        severitySources);
  }
}
