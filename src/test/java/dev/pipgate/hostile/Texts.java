package dev.pipgate.hostile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Env files and notes as a team writes them. */
final class Texts {
  private Texts() {}

  static final String NOTES = "requirements-notes.md";
  static final String ENV = "environment.yml";

  /** An env file whose pip list holds {@code pipLines}; the first pip line is line 8. */
  static String env(String... pipLines) {
    return """
        name: demo
        channels:
          - conda-forge
        dependencies:
          - python=3.10
          - pip=23.3
          - pip:
        """
        + Arrays.stream(pipLines).map(l -> "      - " + l + "\n").collect(Collectors.joining());
  }

  /** One complete justification section. */
  static String section(String heading) {
    return "\n## "
        + heading
        + "\n\n"
        + "- **Why not conda?** The conda-forge build lags two major versions behind.\n"
        + "- **conda-forge checked?** Yes, searched on 2024-03-02: only an old build.\n"
        + "- **--no-deps tested?** Yes: it imports and runs with --no-deps.\n"
        + "- **Alternatives considered?** Writing it ourselves; far more code.\n";
  }

  /** A notes file with a complete justification for each package. */
  static String notes(String... packages) {
    StringBuilder b = new StringBuilder("# Why these packages come from pip\n");
    for (String p : packages) {
      b.append(section(p));
    }
    return b.toString();
  }
}
