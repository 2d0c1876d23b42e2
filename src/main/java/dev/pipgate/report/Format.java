package dev.pipgate.report;

import java.util.Locale;
import java.util.Optional;

/** The output formats of a review ({@code --format}). */
public enum Format {
  TEXT,
  MARKDOWN,
  JSON,
  SARIF;

  /** The word used on the command line and in config: {@code text}, {@code markdown}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Format> fromId(String id) {
    for (Format f : values()) {
      if (f.id().equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
