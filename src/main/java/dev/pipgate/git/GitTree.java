package dev.pipgate.git;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read from the object database (never from the working directory).
 * Symbolic links are reported, not followed: a committed link can point anywhere on the machine
 * that runs the review, and its target is not part of the commit.
 */
final class GitTree implements SourceTree {
  private final Repository repository;
  private final ObjectId commit;
  private final ObjectId tree;

  GitTree(Repository repository, ObjectId commit, ObjectId tree) {
    this.repository = repository;
    this.commit = commit;
    this.tree = tree;
  }

  @Override
  public Optional<byte[]> read(String path) {
    String normalized = TreePath.normalize(path);
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk walk = TreeWalk.forPath(reader, normalized, tree)) {
      if (walk == null) {
        rejectLinkedParent(reader, normalized, path);
        return Optional.empty();
      }
      ObjectId id = walk.getObjectId(0);
      switch (walk.getRawMode(0) & FileMode.TYPE_MASK) {
        case FileMode.TYPE_FILE:
          break;
        case FileMode.TYPE_TREE:
          throw new InputException(path, 0, "is a directory, not a file");
        case FileMode.TYPE_SYMLINK:
          throw new InputException(
              path, 0, "is a symbolic link; pipgate reads only regular files in a commit");
        case FileMode.TYPE_GITLINK:
          throw new InputException(path, 0, "is a submodule, not a file");
        default:
          throw new InputException(path, 0, "is not a regular file");
      }
      // Size first: the object header says how big the blob is without inflating it.
      long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
      if (size > MAX_FILE_BYTES) {
        throw tooLarge(path, size);
      }
      return Optional.of(reader.open(id, Constants.OBJ_BLOB).getCachedBytes((int) MAX_FILE_BYTES));
    } catch (MissingObjectException e) {
      throw new InputException(
          path,
          0,
          "the file's content is not in this clone (a partial or shallow clone?) at "
              + commit.name(),
          e);
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read at " + commit.name() + ": " + e.getMessage());
    }
  }

  @Override
  public List<String> list() {
    List<String> paths = new ArrayList<>();
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        // Links are listed too: read() refuses them, so a linked env file cannot hide from review.
        int type = walk.getRawMode(0) & FileMode.TYPE_MASK;
        if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK) {
          paths.add(walk.getPathString());
        }
      }
    } catch (IOException e) {
      throw InputException.general("cannot list the files of " + commit.name() + ": " + e);
    }
    // Git orders a directory as if its name ended in '/'; callers expect plain string order.
    Collections.sort(paths);
    return List.copyOf(paths);
  }

  @Override
  public String describe() {
    return commit.name();
  }

  @Override
  public String toString() {
    return describe();
  }

  static InputException tooLarge(String path, long size) {
    return new InputException(
        path, 0, "file is " + size + " bytes; pipgate reads at most " + MAX_FILE_BYTES + " bytes");
  }

  /**
   * A path under a committed symbolic link (or under a file) does not exist in the tree; when it is
   * a link, say so rather than report the file as absent, which would make every entry look new.
   */
  private void rejectLinkedParent(ObjectReader reader, String normalized, String path)
      throws IOException {
    int slash = normalized.indexOf('/');
    while (slash > 0) {
      String parent = normalized.substring(0, slash);
      try (TreeWalk walk = TreeWalk.forPath(reader, parent, tree)) {
        if (walk == null) {
          return;
        }
        int type = walk.getRawMode(0) & FileMode.TYPE_MASK;
        if (type == FileMode.TYPE_SYMLINK) {
          throw new InputException(
              path,
              0,
              "lies under '" + parent + "', a symbolic link; pipgate does not follow links");
        }
        if (type != FileMode.TYPE_TREE) {
          return;
        }
      }
      slash = normalized.indexOf('/', slash + 1);
    }
  }
}
