package dev.pipgate.model;

import java.util.Locale;
import java.util.Optional;

/** How serious a finding is. Ordered from most to least serious. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  /** The lower-case word used in config files, JSON and SARIF. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as serious as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  public static Optional<Severity> fromId(String id) {
    for (Severity s : values()) {
      if (s.id().equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
