package dev.pipgate.model;

import java.util.List;
import java.util.Optional;

/**
 * The files of one side of a review: a git revision, or a directory. Paths are repository-relative
 * with forward slashes.
 */
public interface SourceTree {
  /** Largest file pipgate reads: env files and notes are small; anything larger is an error. */
  long MAX_FILE_BYTES = 5L * 1024 * 1024;

  /**
   * The bytes of a regular file, or empty when there is no file at {@code path}.
   *
   * @throws InputException when the path is a directory, a link leading outside the tree, or larger
   *     than {@link #MAX_FILE_BYTES}
   */
  Optional<byte[]> read(String path);

  /** Every regular file's path, sorted. */
  List<String> list();

  /** What this side is, for reports: a commit SHA or a directory name. */
  String describe();
}
