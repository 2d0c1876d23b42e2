package dev.pipgate.model;

import java.util.List;
import java.util.Objects;

/**
 * One line of a {@code pip:} list (or of a requirements file it follows with {@code -r}), as pip
 * would read it.
 *
 * @param file repository path of the file the line is in (the env file, or the followed file)
 * @param line 1-based line in {@code file}
 * @param raw the line's text as written (without a trailing comment)
 * @param kind what pip makes of the line
 * @param name PEP 503-normalised project name, or null where the line has none (options, a bare URL
 *     without {@code #egg=})
 * @param displayName the name as written, or null
 * @param extras extras as written, in order
 * @param specifier PEP 440 specifier set as written (e.g. {@code >=1.2,<2}), or "" when none
 * @param marker the environment marker text, or "" when none
 * @param url direct-reference, VCS, archive or path target, or "" when none
 * @param ref the VCS ref after {@code @} in a VCS URL, or "" when none
 * @param error why pip would reject this line, or null when it is valid
 * @param bestEffortName for a line pip cannot read and that has no {@code name}, the project name
 *     it starts with as written ({@code ncurses} of {@code ncurses==6.1=h0a44026_1002}), so reports
 *     can still say which package it is about; null otherwise
 */
public record PipEntry(
    String file,
    int line,
    String raw,
    Kind kind,
    String name,
    String displayName,
    List<String> extras,
    String specifier,
    String marker,
    String url,
    String ref,
    String error,
    String bestEffortName) {

  public enum Kind {
    REQUIREMENT,
    URL,
    VCS,
    EDITABLE,
    PATH,
    OPTION,
    REQUIREMENTS_FILE,
    CONSTRAINTS_FILE;

    /** The word used in JSON output: {@code requirement}, {@code requirements-file}, ... */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public PipEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(kind, "kind");
    extras = List.copyOf(extras);
    Objects.requireNonNull(specifier, "specifier");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(ref, "ref");
  }

  /** An entry without a best-effort name (every readable line, and options). */
  public PipEntry(
      String file,
      int line,
      String raw,
      Kind kind,
      String name,
      String displayName,
      List<String> extras,
      String specifier,
      String marker,
      String url,
      String ref,
      String error) {
    this(
        file, line, raw, kind, name, displayName, extras, specifier, marker, url, ref, error, null);
  }

  public Location location() {
    return new Location(file, line);
  }

  /** The version part as shown to people: the specifier, else the URL, else "". */
  public String spec() {
    return !specifier.isEmpty() ? specifier : url;
  }
}
