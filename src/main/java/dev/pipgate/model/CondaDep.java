package dev.pipgate.model;

import java.util.Objects;

/**
 * One string item of an env file's {@code dependencies} list: a conda match spec.
 *
 * @param name the package name, lower case, or null when the spec could not be parsed
 * @param channel the channel before {@code ::}, or "" when none
 * @param version the version constraint as written (e.g. {@code >=1.20,<1.24}, {@code 3.9.*}), or
 *     "" when none
 * @param build the build string constraint, or "" when none
 * @param error why conda would reject the spec, or null when it is valid
 */
public record CondaDep(
    String file,
    int line,
    String raw,
    String name,
    String channel,
    String version,
    String build,
    String error) {
  public CondaDep {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(build, "build");
  }

  public Location location() {
    return new Location(file, line);
  }
}
