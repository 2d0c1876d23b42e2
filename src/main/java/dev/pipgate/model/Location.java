package dev.pipgate.model;

import java.util.Objects;

/**
 * A place in a repository file: a path relative to the repository root (forward slashes) and a
 * 1-based line; line 0 means the file as a whole.
 */
public record Location(String file, int line) implements Comparable<Location> {
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line < 0: " + line);
    }
  }

  public static Location file(String file) {
    return new Location(file, 0);
  }

  @Override
  public int compareTo(Location o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }

  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line;
  }
}
