package dev.pipgate.envcheck;

import dev.pipgate.model.Severity;
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

  /** Files skipped the way conda and pip skip them (corrupt records, metadata without a Name). */
  public static final String UNREADABLE_METADATA = PrefixScan.UNREADABLE;

  public static final Map<String, Severity> DEFAULTS =
      Map.of(
          MIXED_SOURCE, Severity.ERROR,
          BROKEN_REQUIREMENT, Severity.ERROR,
          MULTIPLE_CUDA_RUNTIMES, Severity.ERROR,
          DUPLICATE_DISTRIBUTION, Severity.WARNING,
          UNDECLARED_PIP_PACKAGE, Severity.WARNING,
          MISSING_DECLARED_PACKAGE, Severity.WARNING,
          PIP_WOULD_REPLACE_CONDA, Severity.WARNING,
          PIP_WOULD_BREAK, Severity.WARNING,
          PIP_WOULD_ADD_CUDA_RUNTIME, Severity.WARNING,
          UNREADABLE_METADATA, Severity.NOTE);

  private EnvRules() {}
}
