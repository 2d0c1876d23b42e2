package dev.pipgate.model;

/** The four questions every pip package's justification must answer. */
public enum Question {
  WHY_NOT_CONDA("why not conda"),
  CONDA_FORGE_CHECKED("conda-forge checked"),
  NO_DEPS_TESTED("--no-deps tested"),
  ALTERNATIVES("alternatives considered");

  private final String label;

  Question(String label) {
    this.label = label;
  }

  /** The English label, as written in templates and messages. */
  public String label() {
    return label;
  }
}
