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
