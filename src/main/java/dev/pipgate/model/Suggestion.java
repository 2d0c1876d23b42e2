package dev.pipgate.model;

import java.util.Objects;

/**
 * A mechanical fix: the text that should replace the finding's line (empty text deletes the line).
 * Rendered as a GitHub {@code suggestion} block on inline comments.
 */
public record Suggestion(String replacement) {
  public Suggestion {
    Objects.requireNonNull(replacement, "replacement");
    if (replacement.indexOf('\n') >= 0 || replacement.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a suggestion replaces exactly one line");
    }
  }
}
