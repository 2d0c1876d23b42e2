package dev.pipgate.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTreeTest {
  @TempDir Path tmp;

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void readsFilesAtTheCommitNotTheWorkingDirectory() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit first = repo.write("envs/environment.yml", "name: one\n").commit("one");
      RevCommit second = repo.write("envs/environment.yml", "name: two\n").commit("two");
      repo.write("envs/environment.yml", "name: dirty\n");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        SourceTree tree = git.tree(first);
        assertThat(tree.read("envs/environment.yml"))
            .map(GitTreeTest::text)
            .contains("name: one\n");
        assertThat(tree.read("./envs//environment.yml"))
            .map(GitTreeTest::text)
            .contains("name: one\n");
        assertThat(git.tree(second).read("envs/environment.yml"))
            .map(GitTreeTest::text)
            .contains("name: two\n");
        assertThat(tree.read("environment.yml")).isEmpty();
        assertThat(tree.read("envs/environment.yml/deeper")).isEmpty();
        assertThat(tree.describe()).isEqualTo(first.name()).hasSize(40);
      }
    }
  }

  @Test
  void pathsThatClimbOutAreInputErrors() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("a.txt", "a\n").commit("one");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        SourceTree tree = git.tree(c);
        for (String bad : new String[] {"../a.txt", "x/../../a.txt", "/etc/passwd", "", "./"}) {
          assertThatThrownBy(() -> tree.read(bad)).as(bad).isInstanceOf(InputException.class);
        }
      }
    }
  }

  @Test
  void aDirectoryAtTheEnvFilePathIsAnError() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("environment.yml/inner.yml", "name: x\n").commit("dir");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.tree(c).read("environment.yml"))
            .isInstanceOfSatisfying(
                InputException.class, e -> assertThat(e.file()).isEqualTo("environment.yml"))
            .hasMessageContaining("is a directory, not a file");
      }
    }
  }

  @Test
  void aCommittedSymlinkIsNeverFollowed() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOKEN=hunter2\n");
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/environment.yml"), "TOKEN=hunter2\n");
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c =
          repo.write("real.yml", "name: real\n")
              .link("environment.yml", secret.toString())
              .link("inside.yml", "real.yml")
              .link("envs", tmp.resolve("outside").toString())
              .commit("links");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        SourceTree tree = git.tree(c);
        try (TreeWalk walk =
            TreeWalk.forPath(repo.git.getRepository(), "environment.yml", c.getTree())) {
          assertThat(walk.getFileMode(0)).as("committed as a link").isEqualTo(FileMode.SYMLINK);
        }
        assertThatThrownBy(() -> tree.read("environment.yml"))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("is a symbolic link")
            .hasMessageNotContaining("hunter2");
        // Even a link that stays inside the repository: its target is not the commit's file.
        assertThatThrownBy(() -> tree.read("inside.yml"))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> tree.read("envs/environment.yml"))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("'envs', a symbolic link");
        // Links are listed, so a linked env file matched by a glob is refused, not skipped.
        assertThat(tree.list())
            .containsExactly("environment.yml", "envs", "inside.yml", "real.yml");
      }
    }
  }

  @Test
  void aSubmoduleIsNotAFile() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit first = repo.write("a.txt", "a\n").commit("one");
      DirCache index = repo.git.getRepository().lockDirCache();
      DirCacheEditor editor = index.editor();
      editor.add(
          new DirCacheEditor.PathEdit("vendor/lib") {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setFileMode(FileMode.GITLINK);
              entry.setObjectId(first);
            }
          });
      editor.commit();
      RevCommit c = repo.commit("submodule");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.tree(c).read("vendor/lib"))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("submodule");
        assertThat(git.tree(c).read("vendor/lib/environment.yml")).isEmpty();
        assertThat(git.tree(c).list()).containsExactly("a.txt");
      }
    }
  }

  @Test
  void anOversizedBlobIsRejectedFromItsHeaderAlone() throws Exception {
    int size = 6 * 1024 * 1024;
    byte[] big = new byte[size];
    Arrays.fill(big, (byte) 'x');
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("environment.yml", big).commit("big");
      ObjectId blob;
      try (TreeWalk walk =
          TreeWalk.forPath(repo.git.getRepository(), "environment.yml", c.getTree())) {
        blob = walk.getObjectId(0);
      }
      // Keep only the start of the loose object: its header still says 6 MiB, but reading the
      // content would fail. Only a reader that checks the size first gets the size error.
      Path loose =
          repo.dir.resolve(
              ".git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2));
      byte[] inflated;
      try (InflaterInputStream in = new InflaterInputStream(Files.newInputStream(loose))) {
        inflated = in.readNBytes(4096);
      }
      String header = "blob " + size + "\0";
      assertThat(new String(inflated, 0, header.length(), StandardCharsets.US_ASCII))
          .isEqualTo(header);
      ByteArrayOutputStream truncated = new ByteArrayOutputStream();
      try (DeflaterOutputStream out = new DeflaterOutputStream(truncated)) {
        out.write(inflated);
      }
      Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
      Files.write(loose, truncated.toByteArray());

      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.tree(c).read("environment.yml"))
            .isInstanceOfSatisfying(
                InputException.class, e -> assertThat(e.file()).isEqualTo("environment.yml"))
            .hasMessage("file is " + size + " bytes; pipgate reads at most 5242880 bytes");
      }
    }
  }

  @Test
  void aBlobAtTheLimitIsRead() throws Exception {
    byte[] limit = new byte[(int) SourceTree.MAX_FILE_BYTES];
    Arrays.fill(limit, (byte) 'y');
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("notes.md", limit).commit("at the limit");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.tree(c).read("notes.md"))
            .hasValueSatisfying(b -> assertThat(b).hasSize(limit.length));
      }
    }
  }

  @Test
  void listsRegularFilesInPlainStringOrder() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      repo.write("a/b.txt", "1\n").write("a-b.txt", "2\n").write("z.sh", "#!/bin/sh\n");
      Files.setPosixFilePermissions(
          repo.dir.resolve("z.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
      RevCommit c = repo.commit("files");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        try (TreeWalk walk = TreeWalk.forPath(repo.git.getRepository(), "z.sh", c.getTree())) {
          assertThat(walk.getFileMode(0)).isEqualTo(FileMode.EXECUTABLE_FILE);
        }
        // Git's own order puts a-b.txt before a/ ('-' < '/'); String order agrees here, and the
        // directory is listed by its files.
        assertThat(git.tree(c).list()).containsExactly("a-b.txt", "a/b.txt", "z.sh").isSorted();
      }
    }
  }
}
