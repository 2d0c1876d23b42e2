package dev.pipgate.envcheck;

import dev.pipgate.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment check's rule ids and their default severities. */
public final class EnvRules {
  public static final String MIXED_SOURCE = "mixed-source";
  public static final String BROKEN_REQUIREMENT = "broken-requirement";
  public static final String MULTIPLE_CUDA_RUNTIMES = "multiple-cuda-runtimes";
  public static final String DUPLICATE_DISTRIBUTION = "duplicate-distribution";
  public static final String UNDECLARED_PIP_PACKAGE = "undeclared-pip-package";
  public static final String MISSING_DECLARED_PACKAGE = "missing-declared-package";
  public static final String PIP_WOULD_REPLACE_CONDA = "pip-would-replace-conda";
  public static final String PIP_WOULD_BREAK = "pip-would-break";
  public static final String PIP_WOULD_ADD_CUDA_RUNTIME = "pip-would-add-cuda-runtime";

  /** The action's dry run of a pull request's pip entries could not say what pip would do. */
  public static final String PIP_DRY_RUN_FAILED = "pip-dry-run-failed";

  /** Files skipped the way conda and pip skip them (corrupt records, metadata without a Name). */
  public static final String UNREADABLE_METADATA = PrefixScan.UNREADABLE;

  public static final Map<String, Severity> DEFAULTS =
      Map.ofEntries(
          Map.entry(MIXED_SOURCE, Severity.ERROR),
          Map.entry(BROKEN_REQUIREMENT, Severity.ERROR),
          Map.entry(MULTIPLE_CUDA_RUNTIMES, Severity.ERROR),
          Map.entry(DUPLICATE_DISTRIBUTION, Severity.WARNING),
          Map.entry(UNDECLARED_PIP_PACKAGE, Severity.WARNING),
          Map.entry(MISSING_DECLARED_PACKAGE, Severity.WARNING),
          Map.entry(PIP_WOULD_REPLACE_CONDA, Severity.WARNING),
          Map.entry(PIP_WOULD_BREAK, Severity.WARNING),
          Map.entry(PIP_WOULD_ADD_CUDA_RUNTIME, Severity.WARNING),
          Map.entry(PIP_DRY_RUN_FAILED, Severity.WARNING),
          Map.entry(UNREADABLE_METADATA, Severity.NOTE));

  /** One sentence per rule, in the order docs/env-check.md documents them. */
  public static final Map<String, String> SUMMARIES = summaries();

  private static Map<String, String> summaries() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(MIXED_SOURCE, "A package is installed by both conda and pip (or pip overwrote conda's).");
    s.put(
        BROKEN_REQUIREMENT,
        "An installed distribution's requirement is missing or conflicts (what pip check says).");
    s.put(
        MULTIPLE_CUDA_RUNTIMES, "More than one CUDA runtime, or one TensorFlow was not built for.");
    s.put(DUPLICATE_DISTRIBUTION, "Two metadata directories for one distribution.");
    s.put(
        UNDECLARED_PIP_PACKAGE,
        "A package pip installed on request is not declared under pip: in environment.yml.");
    s.put(
        MISSING_DECLARED_PACKAGE,
        "A package environment.yml declares is not installed, or not in the declared version.");
    s.put(PIP_WOULD_REPLACE_CONDA, "The planned pip install would replace a conda package.");
    s.put(
        PIP_WOULD_BREAK,
        "The planned pip install would break an installed distribution's requirement.");
    s.put(PIP_WOULD_ADD_CUDA_RUNTIME, "The planned pip install would add a CUDA runtime.");
    s.put(
        PIP_DRY_RUN_FAILED,
        "The action's pip install --dry-run of a pull request's pip entries failed (no network,"
            + " no binary wheel, pip older than 23.0).");
    s.put(UNREADABLE_METADATA, "A record or metadata file was skipped because it cannot be read.");
    return java.util.Collections.unmodifiableMap(s);
  }

  private EnvRules() {}
}
