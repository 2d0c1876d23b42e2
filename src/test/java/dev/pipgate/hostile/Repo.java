package dev.pipgate.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real repository on disk, built commit by commit with a fixed author so runs repeat. */
final class Repo implements AutoCloseable {
  private static final PersonIdent AUTHOR =
      new PersonIdent(
          "Pip Gate", "pipgate@example.com", Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  final Path dir;
  private final Git git;
  private int commits;

  private Repo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static Repo init(Path dir) throws GitAPIException {
    return new Repo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  Repo write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  Repo write(String path, byte[] content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return this;
  }

  Repo link(String path, String target) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createSymbolicLink(file, Path.of(target));
    return this;
  }

  Repo move(String from, String to) throws IOException {
    Path target = dir.resolve(to);
    Files.createDirectories(target.getParent());
    Files.move(dir.resolve(from), target);
    return this;
  }

  Repo delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  /** Stages everything (additions and deletions) and commits it. */
  RevCommit commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    // Distinct times keep commit order unambiguous for merge-base walks.
    PersonIdent when =
        new PersonIdent(AUTHOR, AUTHOR.getWhenAsInstant().plusSeconds(60L * commits++));
    return git.commit()
        .setAuthor(when)
        .setCommitter(when)
        .setMessage(message)
        .setSign(false)
        .setAllowEmpty(true)
        .call();
  }

  Repo branch(String name) throws GitAPIException {
    git.checkout().setCreateBranch(true).setName(name).call();
    return this;
  }

  @Override
  public void close() {
    git.close();
  }
}
