package dev.pipgate.git;

import dev.pipgate.model.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a source tree, as both kinds of tree accept it: relative, forward slashes, no
 * {@code ..}. Paths come from config files and flags, so a path that could climb out of the tree is
 * an input error rather than something to resolve.
 */
final class TreePath {
  private TreePath() {}

  /** {@code ./a//b/} becomes {@code a/b}; absolute paths and {@code ..} segments are rejected. */
  static String normalize(String path) {
    if (path == null || path.isBlank()) {
      throw InputException.general("empty file path");
    }
    if (path.indexOf('\0') >= 0) {
      throw InputException.general("file path contains a NUL character");
    }
    if (path.startsWith("/")) {
      throw new InputException(path, 0, "path must be relative to the repository root");
    }
    List<String> kept = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InputException(path, 0, "path must not contain '..'");
      }
      kept.add(segment);
    }
    if (kept.isEmpty()) {
      throw new InputException(path, 0, "is the repository root, not a file");
    }
    return String.join("/", kept);
  }
}
