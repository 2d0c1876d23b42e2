package dev.pipgate.git;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The files of a plain directory: one side of a review given as {@code --base-dir}/{@code
 * --head-dir}, or the working directory of a repository. Links are followed only while they stay
 * inside the directory, so a checked-out link cannot make pipgate read (and echo into a pull
 * request) a file elsewhere on the runner. {@code .git} is not part of the tree.
 */
public final class DirectoryTree implements SourceTree {
  private final Path given;
  private final Path root;

  /** The directory {@code dir}, which must exist. */
  public DirectoryTree(Path dir) {
    this.given = dir;
    try {
      this.root = dir.toRealPath();
    } catch (IOException e) {
      throw new InputException(dir.toString(), 0, "no such directory");
    }
    if (!Files.isDirectory(root)) {
      throw new InputException(dir.toString(), 0, "is not a directory");
    }
  }

  @Override
  public Optional<byte[]> read(String path) {
    String normalized = TreePath.normalize(path);
    if (isGitMetadata(normalized)) {
      return Optional.empty();
    }
    Path file = root.resolve(normalized);
    if (!Files.exists(file)) {
      if (Files.isSymbolicLink(file)) {
        throw new InputException(path, 0, "is a symbolic link to a file that does not exist");
      }
      return Optional.empty();
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read: " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw new InputException(
          path, 0, "is a symbolic link leading outside " + given + "; pipgate does not follow it");
    }
    if (isGitMetadata(root.relativize(real).toString())) {
      return Optional.empty();
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read: " + e.getMessage());
    }
    if (attributes.isDirectory()) {
      throw new InputException(path, 0, "is a directory, not a file");
    }
    if (!attributes.isRegularFile()) {
      // A FIFO or device would block or never end.
      throw new InputException(path, 0, "is not a regular file");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw GitTree.tooLarge(path, attributes.size());
    }
    // The file may grow between the size check and the read: never read past the limit.
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw GitTree.tooLarge(path, bytes.length);
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read: " + e.getMessage());
    }
  }

  /** Every regular file under the directory (links are not listed, as in a commit's listing). */
  @Override
  public List<String> list() {
    List<String> paths = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.getFileName() != null
                      && dir.getFileName().toString().equals(".git")
                      && !dir.equals(root)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              // Links are listed too: read() follows them only within the tree and refuses the
              // rest, so a linked env file cannot hide from review.
              if ((attrs.isRegularFile() || (attrs.isSymbolicLink() && !Files.isDirectory(file)))
                  && !file.getFileName().toString().equals(".git")) {
                paths.add(relative(file));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new InputException(given.toString(), 0, "cannot list files: " + e.getMessage());
    }
    Collections.sort(paths);
    return List.copyOf(paths);
  }

  @Override
  public String describe() {
    return given.toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  private String relative(Path file) {
    List<String> names = new ArrayList<>();
    for (Path name : root.relativize(file)) {
      names.add(name.toString());
    }
    return String.join("/", names);
  }

  /** {@code .git} is a directory in a clone and a file in a linked worktree or submodule. */
  private static boolean isGitMetadata(String relative) {
    for (String segment : relative.split("[/\\\\]")) {
      if (segment.equals(".git")) {
        return true;
      }
    }
    return false;
  }
}
