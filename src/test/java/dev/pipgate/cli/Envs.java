package dev.pipgate.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Env files and notes as a team writes them, for the end-to-end tests. */
final class Envs {
  private Envs() {}

  /** An env file whose pip list holds {@code pipLines}. */
  static String env(String... pipLines) {
    return """
        name: demo
        channels:
          - conda-forge
        dependencies:
          - python=3.9
          - pandas=1.5
          - scikit-learn=1.1
          - jupyterlab
          - pip=22.3
          - pip:
        """
        + Arrays.stream(pipLines).map(l -> "      - " + l + "\n").collect(Collectors.joining());
  }

  /** A notes file with a complete justification for each package. */
  static String notes(String... packages) {
    StringBuilder b = new StringBuilder("# Why these packages come from pip\n");
    for (String p : packages) {
      b.append("\n## ")
          .append(p)
          .append("\n\n")
          .append("- **Why not conda?** The conda-forge build lags two major versions behind.\n")
          .append("- **conda-forge checked?** Yes, searched on 2024-03-02: only an old build.\n")
          .append("- **--no-deps tested?** Yes: it imports and runs with --no-deps.\n")
          .append("- **Alternatives considered?** Writing it ourselves; far more code.\n");
    }
    return b.toString();
  }
}
