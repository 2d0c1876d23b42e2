package dev.pipgate.envcheck;

import java.util.List;
import java.util.Objects;

/**
 * One package record of {@code <prefix>/conda-meta/<name>-<version>-<build>.json}.
 *
 * @param file the record's path relative to the prefix ({@code conda-meta/...json})
 * @param name the conda package name as written (conda names are lower case)
 * @param channel the channel URL or name as written, or ""
 * @param subdir the platform subdirectory ({@code linux-64}, {@code noarch}), or ""
 * @param depends conda match specs of the package's dependencies
 * @param files paths the package put into the prefix, relative to it, with forward slashes
 * @param requestedSpec the spec the user asked for, or "" when conda pulled it as a dependency
 */
public record CondaRecord(
    String file,
    String name,
    String version,
    String build,
    String channel,
    String subdir,
    List<String> depends,
    List<String> files,
    String requestedSpec) {
  public CondaRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(subdir, "subdir");
    depends = List.copyOf(depends);
    files = List.copyOf(files);
    Objects.requireNonNull(requestedSpec, "requestedSpec");
  }

  /** {@code name-version-build}, the way conda names a package in its history and file names. */
  public String dist() {
    return name + "-" + version + "-" + build;
  }
}
