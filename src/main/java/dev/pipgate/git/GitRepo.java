package dev.pipgate.git;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A git repository opened for reading: revisions, merge bases, changed paths and the files of a
 * commit. Every failure the user can cause (an unknown revision, a shallow clone, a directory that
 * is not a repository) is an {@link InputException}.
 */
public final class GitRepo implements AutoCloseable {
  /**
   * Where pipgate looks for the branch a change is reviewed against when no base is named: the
   * remote's default branch first (what {@code git clone} records as {@code origin/HEAD}), then the
   * two usual default-branch names, the remote-tracking one first because in CI and in a stale
   * local clone it is the more current of the two.
   */
  static final List<String> DEFAULT_BASE_REFS =
      List.of(
          "refs/remotes/origin/HEAD",
          "refs/remotes/origin/main",
          "refs/heads/main",
          "refs/remotes/origin/master",
          "refs/heads/master");

  /**
   * actions/checkout fetches a single commit unless told otherwise, so a missing base commit is
   * almost always this; its README documents {@code fetch-depth: 0} as the way to fetch all
   * history.
   */
  static final String SHALLOW_HINT =
      "this clone is shallow (actions/checkout fetches only one commit by default): "
          + "set `fetch-depth: 0` on actions/checkout, or run `git fetch --unshallow`";

  private final Repository repository;

  private GitRepo(Repository repository) {
    this.repository = repository;
  }

  /** The repository at {@code dir} or in the nearest directory above it. */
  public static GitRepo open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir.toString(), 0, "no such directory");
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw new InputException(
          dir.toString(), 0, "not a git repository (nor is any of its parent directories)");
    }
    try {
      return new GitRepo(builder.setMustExist(true).build());
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(dir.toString(), 0, "cannot open git repository: " + e.getMessage());
    }
  }

  /** Whether {@code HEAD} names a commit: false in a repository nothing was committed to yet. */
  public boolean hasCommits() {
    try {
      return repository.resolve(Constants.HEAD) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The URL of the remote {@code origin}, if the clone has one. */
  public Optional<String> originUrl() {
    String url = repository.getConfig().getString("remote", "origin", "url");
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
  }

  /** The commit {@code rev} names, in any form {@code git rev-parse} accepts; tags are peeled. */
  public ObjectId resolve(String rev) {
    if (rev == null || rev.isBlank()) {
      throw InputException.general("empty revision");
    }
    ObjectId id;
    try {
      id = repository.resolve(rev);
    } catch (AmbiguousObjectException e) {
      throw InputException.general(
          "ambiguous revision '" + rev + "': give more characters of the commit id");
    } catch (RevisionSyntaxException e) {
      throw unknownRevision(rev);
    } catch (MissingObjectException e) {
      throw missing(rev, e);
    } catch (IncorrectObjectTypeException e) {
      throw InputException.general("revision '" + rev + "' does not name a commit");
    } catch (IOException | RuntimeException e) {
      // JGit's rev-parse throws unchecked exceptions on some malformed expressions.
      throw InputException.general("cannot resolve revision '" + rev + "': " + e.getMessage());
    }
    if (id == null) {
      throw unknownRevision(rev);
    }
    return commit(id, rev).copy();
  }

  /** The best common ancestor of {@code a} and {@code b}. */
  public ObjectId mergeBase(ObjectId a, ObjectId b) {
    return mergeBase(a, a.name(), b, b.name());
  }

  /**
   * The merge base of {@code head} and the remote's default branch: what GitHub diffs a pull
   * request against.
   */
  public ObjectId defaultBase(ObjectId head) {
    for (String name : DEFAULT_BASE_REFS) {
      Ref ref;
      try {
        ref = repository.exactRef(name);
      } catch (IOException e) {
        throw InputException.general("cannot read ref " + name + ": " + e.getMessage());
      }
      if (ref != null && ref.getObjectId() != null) {
        String shown = Repository.shortenRefName(ref.getTarget().getName());
        return mergeBase(head, head.name(), ref.getObjectId(), shown);
      }
    }
    throw InputException.general(
        "cannot tell which branch to compare against: there is no origin/HEAD, main or master"
            + " branch; name the base revision explicitly");
  }

  /** The files of {@code commit}. */
  public SourceTree tree(ObjectId commit) {
    RevCommit parsed = commit(commit, commit.name());
    return new GitTree(repository, parsed.copy(), parsed.getTree().copy());
  }

  /** The working directory, as files on disk (uncommitted changes included). */
  public SourceTree worktree() {
    if (repository.isBare()) {
      throw new InputException(
          repository.getDirectory().toString(), 0, "bare repository: it has no working tree");
    }
    return new DirectoryTree(repository.getWorkTree().toPath());
  }

  /**
   * The paths that differ between two commits, with renames and copies detected as {@code git diff
   * -M} does (JGit's default similarity score, 60%).
   */
  public List<FileChange> changes(ObjectId base, ObjectId head) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        TreeWalk trees = new TreeWalk(repository, reader)) {
      trees.setRecursive(true);
      trees.addTree(parse(walk, base).getTree());
      trees.addTree(parse(walk, head).getTree());
      trees.setFilter(TreeFilter.ANY_DIFF);
      RenameDetector renames =
          new RenameDetector(reader, repository.getConfig().get(DiffConfig.KEY));
      renames.addAll(DiffEntry.scan(trees));
      List<FileChange> changes = new ArrayList<>();
      for (DiffEntry entry : renames.compute(reader, NullProgressMonitor.INSTANCE)) {
        changes.add(toChange(entry));
      }
      return List.copyOf(changes);
    } catch (MissingObjectException e) {
      throw missing(e.getObjectId().name(), e);
    } catch (IOException | CanceledException e) {
      throw InputException.general(
          "cannot compare " + base.name() + " with " + head.name() + ": " + e.getMessage());
    }
  }

  /**
   * The first parent of {@code commit} (what a push replaced), or empty for a root commit. A commit
   * at the edge of a shallow clone has parents the clone lacks: that is an error, not a root.
   */
  public Optional<ObjectId> parent(ObjectId commit) {
    RevCommit parsed = commit(commit, commit.name());
    if (shallowCommits().contains(parsed)) {
      throw InputException.general(
          "the parent of commit " + commit.name() + " is not in this clone: " + SHALLOW_HINT);
    }
    return parsed.getParentCount() == 0
        ? Optional.empty()
        : Optional.of(parsed.getParent(0).copy());
  }

  /** True when the clone has cut history ({@code .git/shallow} lists commits). */
  public boolean isShallow() {
    return !shallowCommits().isEmpty();
  }

  @Override
  public void close() {
    repository.close();
  }

  private ObjectId mergeBase(ObjectId a, String aName, ObjectId b, String bName) {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(parse(walk, a));
      walk.markStart(parse(walk, b));
      RevCommit base = walk.next();
      if (base != null) {
        return base.copy();
      }
    } catch (MissingObjectException e) {
      throw isShallow() ? cutHistory(aName, bName) : missing(e.getObjectId().name(), e);
    } catch (IOException e) {
      throw InputException.general(
          "cannot compute the merge base of " + aName + " and " + bName + ": " + e.getMessage());
    }
    if (isShallow()) {
      throw cutHistory(aName, bName);
    }
    throw InputException.general(aName + " and " + bName + " have no common history");
  }

  private InputException cutHistory(String aName, String bName) {
    return InputException.general(
        "cannot find the merge base of " + aName + " and " + bName + ": " + SHALLOW_HINT);
  }

  private RevCommit commit(ObjectId id, String rev) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(id);
    } catch (MissingObjectException e) {
      throw missing(rev, e);
    } catch (IncorrectObjectTypeException e) {
      throw InputException.general("revision '" + rev + "' does not name a commit");
    } catch (IOException e) {
      throw InputException.general("cannot read revision '" + rev + "': " + e.getMessage());
    }
  }

  /** Parses within {@code walk} so its commits can be marked; a missing object propagates. */
  private static RevCommit parse(RevWalk walk, ObjectId id) throws IOException {
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException e) {
      throw InputException.general(id.name() + " is not a commit");
    }
  }

  private InputException unknownRevision(String rev) {
    return InputException.general(
        "unknown revision '" + rev + "'" + (isShallow() ? "; " + SHALLOW_HINT : ""));
  }

  private InputException missing(String rev, MissingObjectException e) {
    if (isShallow()) {
      return new InputException(
          null, 0, "revision '" + rev + "' is not in this clone: " + SHALLOW_HINT, e);
    }
    return InputException.general("unknown revision '" + rev + "'");
  }

  private Set<ObjectId> shallowCommits() {
    try {
      return repository.getObjectDatabase().getShallowCommits();
    } catch (IOException e) {
      throw InputException.general("cannot read the shallow-clone list: " + e.getMessage());
    }
  }

  private static FileChange toChange(DiffEntry entry) {
    return switch (entry.getChangeType()) {
      case ADD -> new FileChange(null, entry.getNewPath(), FileChange.Type.ADD);
      case DELETE -> new FileChange(entry.getOldPath(), null, FileChange.Type.DELETE);
      case MODIFY -> new FileChange(entry.getOldPath(), entry.getNewPath(), FileChange.Type.MODIFY);
      case RENAME -> new FileChange(entry.getOldPath(), entry.getNewPath(), FileChange.Type.RENAME);
      case COPY -> new FileChange(entry.getOldPath(), entry.getNewPath(), FileChange.Type.COPY);
    };
  }
}
