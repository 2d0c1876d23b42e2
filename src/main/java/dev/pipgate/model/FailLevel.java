package dev.pipgate.model;

import java.util.Locale;
import java.util.Optional;

/** The least severe finding that fails the job ({@code --fail-on}); NEVER reports only. */
public enum FailLevel {
  ERROR,
  WARNING,
  NEVER;

  public boolean fails(Severity severity) {
    return switch (this) {
      case ERROR -> severity == Severity.ERROR;
      case WARNING -> severity.atLeast(Severity.WARNING);
      case NEVER -> false;
    };
  }

  /** Whether this level fails fewer jobs than {@code other} (warning, then error, then never). */
  public boolean laxerThan(FailLevel other) {
    return strictness() < other.strictness();
  }

  private int strictness() {
    return switch (this) {
      case WARNING -> 2;
      case ERROR -> 1;
      case NEVER -> 0;
    };
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FailLevel> fromId(String id) {
    for (FailLevel f : values()) {
      if (f.id().equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
