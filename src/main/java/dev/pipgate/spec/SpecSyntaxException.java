package dev.pipgate.spec;

/**
 * A version, specifier, requirement, marker or match spec that does not follow its grammar. The
 * only exception the parsers in this package throw on bad input.
 */
public final class SpecSyntaxException extends RuntimeException {
  private final int column;

  /**
   * @param column 0-based position in the parsed text where the problem was found
   */
  public SpecSyntaxException(String message, int column) {
    super(message);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
