package dev.pipgate.git;

import java.util.Objects;

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
}
