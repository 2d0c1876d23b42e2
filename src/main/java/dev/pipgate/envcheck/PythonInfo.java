package dev.pipgate.envcheck;

import java.util.Objects;

/**
 * The interpreter of a prefix, as far as its files tell.
 *
 * @param version {@code 3.9.16} when a record says so, {@code 3.9} when only a directory name does,
 *     or "" when nothing does
 * @param platform a conda subdir ({@code linux-64}, {@code osx-arm64}, {@code win-64}, ...)
 * @param source where the version was read: {@code conda-meta/python-...json}, {@code pyvenv.cfg},
 *     {@code include/python3.9/patchlevel.h}, {@code lib/python3.9}, {@code --python}, or ""
 */
public record PythonInfo(String version, String platform, String source) {
  public PythonInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(source, "source");
  }

  /** {@code major.minor}, or "" when unknown. */
  public String minor() {
    String[] parts = version.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : "";
  }

  public boolean known() {
    return !version.isEmpty();
  }
}
