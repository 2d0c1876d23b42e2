package dev.pipgate.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import dev.pipgate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitRepoTest {
  @TempDir Path tmp;

  @Test
  void opensTheRepositoryAboveASubdirectory() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("envs/environment.yml", "name: x\n").commit("one");
      try (GitRepo git = GitRepo.open(repo.dir.resolve("envs"))) {
        assertThat(git.resolve("HEAD")).isEqualTo(c);
      }
    }
  }

  @Test
  void aDirectoryOutsideAnyRepositoryIsAnInputErrorNamingIt() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertThatThrownBy(() -> GitRepo.open(plain))
        .isInstanceOfSatisfying(
            InputException.class, e -> assertThat(e.file()).isEqualTo(plain.toString()))
        .hasMessageContaining("not a git repository");
    assertThatThrownBy(() -> GitRepo.open(tmp.resolve("missing")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no such directory");
  }

  @Test
  void resolvesEveryRevParseForm() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit first = repo.write("a.txt", "1\n").commit("first");
      repo.git
          .tag()
          .setName("v1")
          .setAnnotated(true)
          .setMessage("v1")
          .setTagger(TestRepo.AUTHOR)
          .setSigned(false)
          .call();
      repo.git.tag().setName("light").setAnnotated(false).call();
      RevCommit second = repo.write("a.txt", "2\n").commit("second");
      repo.branch("feature");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.resolve(second.name())).isEqualTo(second);
        assertThat(git.resolve(second.name().substring(0, 8))).isEqualTo(second);
        assertThat(git.resolve("main")).isEqualTo(second);
        assertThat(git.resolve("refs/heads/feature")).isEqualTo(second);
        assertThat(git.resolve("HEAD~1")).isEqualTo(first);
        assertThat(git.resolve("HEAD^")).isEqualTo(first);
        // An annotated tag resolves to its commit, not to the tag object.
        assertThat(git.resolve("v1")).isEqualTo(first);
        assertThat(git.resolve("light")).isEqualTo(first);
      }
    }
  }

  @Test
  void anUnknownRevisionIsNamed() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      repo.write("a.txt", "1\n").commit("first");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.resolve("nope"))
            .isInstanceOf(InputException.class)
            .hasMessage("unknown revision 'nope'");
        // A well-formed SHA that is in no object database.
        String absent = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> git.resolve(absent))
            .isInstanceOf(InputException.class)
            .hasMessage("unknown revision '" + absent + "'");
        assertThatThrownBy(() -> git.resolve("HEAD~5"))
            .isInstanceOf(InputException.class)
            .hasMessage("unknown revision 'HEAD~5'");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "HEAD@{",
        "HEAD^{nonsense}",
        "HEAD~x",
        "..",
        "HEAD..",
        ":/",
        "@{-1}",
        "^",
        "HEAD:a.txt",
        "HEAD^{tree}",
        "a b",
        "\0",
        "refs/heads/../x",
        "~",
        "@@"
      })
  void malformedRevisionsAreInputErrorsOnly(String rev) throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      repo.write("a.txt", "1\n").commit("first");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.resolve(rev)).isInstanceOf(InputException.class);
      }
    }
  }

  @Test
  void mergeBaseOfAFeatureBranchAndMain() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      repo.write("a.txt", "1\n").commit("one");
      RevCommit fork = repo.write("a.txt", "2\n").commit("two");
      repo.branch("feature").checkout("feature");
      RevCommit feature = repo.write("b.txt", "f\n").commit("feature work");
      repo.checkout("main");
      RevCommit main = repo.write("a.txt", "3\n").commit("main moves on");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.mergeBase(feature, main)).isEqualTo(fork);
        assertThat(git.mergeBase(main, feature)).isEqualTo(fork);
        assertThat(git.mergeBase(fork, feature)).isEqualTo(fork);
        // Without origin/HEAD, local main is the default branch.
        assertThat(git.defaultBase(feature)).isEqualTo(fork);
      }
    }
  }

  @Test
  void defaultBaseFallsBackToMaster() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "master")) {
      RevCommit fork = repo.write("a.txt", "1\n").commit("one");
      repo.branch("topic").checkout("topic");
      RevCommit topic = repo.write("a.txt", "topic\n").commit("topic");
      repo.checkout("master");
      repo.write("a.txt", "2\n").commit("two");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.defaultBase(topic)).isEqualTo(fork);
      }
    }
  }

  @Test
  void defaultBaseFollowsOriginHeadWhateverTheBranchIsCalled() throws Exception {
    Path upstreamDir = tmp.resolve("upstream");
    RevCommit t1;
    RevCommit t2;
    try (TestRepo upstream = TestRepo.init(upstreamDir, "trunk")) {
      t1 = upstream.write("environment.yml", "name: x\n").commit("t1");
      t2 = upstream.write("environment.yml", "name: y\n").commit("t2");
      // A "main" branch that is not the default, so only origin/HEAD can pick trunk.
      upstream.branch("main", t2);
    }
    Path bare = tmp.resolve("origin.git");
    Git.cloneRepository()
        .setURI(upstreamDir.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    Path work = tmp.resolve("work");
    try (TestRepo clone =
        TestRepo.wrap(
            work,
            Git.cloneRepository()
                .setURI(bare.toUri().toString())
                .setDirectory(work.toFile())
                .call())) {
      // git clone records the remote's default branch as origin/HEAD; JGit's clone does not, so
      // set it as `git remote set-head origin --auto` would.
      RefUpdate head = clone.git.getRepository().updateRef("refs/remotes/origin/HEAD");
      assertThat(head.link("refs/remotes/origin/trunk")).isEqualTo(RefUpdate.Result.NEW);
      clone.branch("feature", t1).checkout("feature");
      RevCommit feature = clone.write("notes.md", "why\n").commit("feature");
      try (GitRepo git = GitRepo.open(work)) {
        assertThat(git.resolve("origin/trunk")).isEqualTo(t2);
        assertThat(git.defaultBase(feature)).isEqualTo(t1);

        // Without origin/HEAD the remote-tracking main is next.
        RevCommit mainTip = clone.git.getRepository().parseCommit(git.resolve("origin/main"));
        assertThat(mainTip).isEqualTo(t2);
        RefUpdate delete = clone.git.getRepository().updateRef("refs/remotes/origin/HEAD");
        delete.setForceUpdate(true);
        assertThat(delete.delete()).isEqualTo(RefUpdate.Result.FORCED);
        clone.git.branchDelete().setBranchNames("trunk").setForce(true).call();
        assertThat(git.defaultBase(feature)).isEqualTo(t1);
      }
    }
  }

  @Test
  void noDefaultBranchIsAClearError() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "trunk")) {
      RevCommit c = repo.write("a.txt", "1\n").commit("one");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.defaultBase(c))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("origin/HEAD, main or master")
            .hasMessageContaining("base revision");
      }
    }
  }

  @Test
  void unrelatedHistoriesHaveNoMergeBase() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit main = repo.write("a.txt", "1\n").commit("one");
      repo.git.checkout().setOrphan(true).setName("other").call();
      RevCommit other = repo.write("b.txt", "2\n").commit("unrelated root");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThatThrownBy(() -> git.mergeBase(main, other))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("no common history");
        assertThatThrownBy(() -> git.defaultBase(other))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("main")
            .hasMessageContaining("no common history");
      }
    }
  }

  @Test
  void changesDetectRenamesDeletionsAdditionsAndEdits() throws Exception {
    String body =
        "channels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - numpy\n  - pip\n";
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit base =
          repo.write("environment.yml", body)
              .write("old/env-gpu.yml", body + "  - cudatoolkit=11.2\n")
              .write("gone.txt", "bye\n")
              .write("same.txt", "same\n")
              .commit("base");
      repo.delete("old/env-gpu.yml")
          .write("envs/gpu.yml", body + "  - cudatoolkit=11.2\n")
          .delete("gone.txt")
          .write("requirements-notes.md", "# notes\n")
          .write("environment.yml", body + "  - pip:\n    - requests\n");
      RevCommit head = repo.commit("head");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.changes(base, head))
            .containsExactlyInAnyOrder(
                new FileChange("old/env-gpu.yml", "envs/gpu.yml", FileChange.Type.RENAME),
                new FileChange("gone.txt", null, FileChange.Type.DELETE),
                new FileChange(null, "requirements-notes.md", FileChange.Type.ADD),
                new FileChange("environment.yml", "environment.yml", FileChange.Type.MODIFY));
        assertThat(git.changes(head, head)).isEmpty();
        assertThat(git.changes(base, head))
            .filteredOn(c -> c.touches("envs/gpu.yml"))
            .singleElement()
            .satisfies(c -> assertThat(c.path()).isEqualTo("envs/gpu.yml"));
      }
    }
  }

  @Test
  void parentIsTheFirstParentAndEmptyForARoot() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit root = repo.write("a.txt", "1\n").commit("root");
      repo.branch("side").checkout("side");
      RevCommit side = repo.write("b.txt", "side\n").commit("side");
      repo.checkout("main");
      RevCommit main = repo.write("a.txt", "2\n").commit("main");
      RevCommit merge =
          repo.git.merge().include(side).setCommit(true).setMessage("merge").call().getNewHead()
                  == null
              ? null
              : repo.git.getRepository().parseCommit(repo.git.getRepository().resolve("HEAD"));
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.parent(root)).isEmpty();
        assertThat(git.parent(side)).contains(root);
        assertThat(merge).isNotNull();
        assertThat(merge.getParentCount()).isEqualTo(2);
        assertThat(git.parent(merge)).contains(main);
      }
    }
  }

  @Test
  void worktreeReadsUncommittedFiles() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("environment.yml", "name: committed\n").commit("one");
      repo.write("environment.yml", "name: edited\n");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        assertThat(git.worktree().read("environment.yml"))
            .hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("name: edited\n"));
        assertThat(git.tree(c).read("environment.yml"))
            .hasValueSatisfying(
                b ->
                    assertThat(new String(b, StandardCharsets.UTF_8))
                        .isEqualTo("name: committed\n"));
        assertThat(git.worktree().list()).containsExactly("environment.yml");
      }
    }
  }

  @Test
  void aTreeRevisionIsNotACommit() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"), "main")) {
      RevCommit c = repo.write("a.txt", "1\n").commit("one");
      try (GitRepo git = GitRepo.open(repo.dir)) {
        ObjectId tree = c.getTree();
        assertThatThrownBy(() -> git.resolve(tree.name()))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("does not name a commit");
      }
    }
  }
}
