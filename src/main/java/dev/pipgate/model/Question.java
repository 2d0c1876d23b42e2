package dev.pipgate.model;

/** The four questions every pip package's justification must answer. */
public enum Question {
  WHY_NOT_CONDA("Why not conda"),
  CONDA_FORGE_CHECKED("conda-forge checked"),
  NO_DEPS_TESTED("--no-deps tested"),
  ALTERNATIVES("Alternatives considered");

  private final String label;

  Question(String label) {
    this.label = label;
  }

  /** The English label, as written in templates and messages. */
  public String label() {
    return label;
  }
}
