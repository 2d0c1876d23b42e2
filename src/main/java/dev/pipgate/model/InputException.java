package dev.pipgate.model;

/**
 * Input pipgate cannot read: a malformed, oversized or binary file, a missing revision, a bad flag
 * or config value. Shown to the user as one line naming the file and line; exit code 2.
 */
public final class InputException extends RuntimeException {
  private final String file;
  private final int line;

  public InputException(String file, int line, String message) {
    super(message);
    this.file = file;
    this.line = line;
  }

  public InputException(String file, int line, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.line = line;
  }

  /** An error about no particular file (a flag, an environment variable). */
  public static InputException general(String message) {
    return new InputException(null, 0, message);
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  /** {@code file:line: message}, on one line whatever the message contains. */
  public String oneLine() {
    String where = file == null ? "" : (line > 0 ? file + ":" + line + ": " : file + ": ");
    return (where + getMessage()).replaceAll("[\\r\\n]+", " ");
  }
}
