package dev.pipgate.git;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One changed path between two commits. {@code oldPath} is null for an added file, {@code newPath}
 * null for a deleted one; both are set for modifications, renames and copies.
 */
public record FileChange(String oldPath, String newPath, Type type) {
  public enum Type {
    ADD,
    DELETE,
    MODIFY,
    RENAME,
    COPY
  }

  public FileChange {
    Objects.requireNonNull(type, "type");
    if (type != Type.ADD) {
      Objects.requireNonNull(oldPath, "oldPath");
    } else if (oldPath != null) {
      throw new IllegalArgumentException("an added file has no old path");
    }
    if (type != Type.DELETE) {
      Objects.requireNonNull(newPath, "newPath");
    } else if (newPath != null) {
      throw new IllegalArgumentException("a deleted file has no new path");
    }
  }

  /** The path on the head side, or the old path for a deletion: where the change is reported. */
  public String path() {
    return newPath != null ? newPath : oldPath;
  }

  /** True when the change touches {@code path} on either side. */
  public boolean touches(String path) {
    return path.equals(oldPath) || path.equals(newPath);
  }

  /** Head path → base path of every rename among {@code changes}. */
  public static Map<String, String> renames(List<FileChange> changes) {
    Map<String, String> out = new HashMap<>();
    for (FileChange c : changes) {
      if (c.type() == Type.RENAME) {
        out.put(c.newPath(), c.oldPath());
      }
    }
    return out;
  }

  /** Every path {@code changes} touch, on either side. */
  public static Set<String> paths(List<FileChange> changes) {
    Set<String> out = new TreeSet<>();
    for (FileChange c : changes) {
      if (c.oldPath() != null) {
        out.add(c.oldPath());
      }
      if (c.newPath() != null) {
        out.add(c.newPath());
      }
    }
    return out;
  }
}
