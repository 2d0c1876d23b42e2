package dev.pipgate.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import dev.pipgate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A depth-1 clone, as actions/checkout makes by default, over JGit's file:// transport. */
class ShallowCloneTest {
  @TempDir Path tmp;
  private RevCommit base;
  private RevCommit head;
  private RevCommit featureTip;
  private Path clone;

  @BeforeEach
  void cloneOneCommitDeep() throws Exception {
    Path upstreamDir = tmp.resolve("upstream");
    try (TestRepo upstream = TestRepo.init(upstreamDir, "main")) {
      upstream.write("environment.yml", "name: a\n").commit("one");
      base = upstream.write("environment.yml", "name: b\n").commit("two");
      upstream.write("environment.yml", "name: c\n").commit("three");
      head = upstream.write("environment.yml", "name: d\n").commit("four");
      upstream.branch("feature", base).checkout("feature");
      featureTip = upstream.write("notes.md", "why\n").commit("feature");
      upstream.checkout("main");
    }
    clone = tmp.resolve("clone");
    Git.cloneRepository()
        .setURI(upstreamDir.toUri().toString())
        .setDirectory(clone.toFile())
        .setDepth(1)
        .setCloneAllBranches(true)
        .call()
        .close();
    // The real thing: the transport cut the history and recorded where.
    assertThat(Files.readAllLines(clone.resolve(".git/shallow")))
        .containsExactlyInAnyOrder(head.name(), featureTip.name());
  }

  @Test
  void aBaseCommitOutsideTheCloneAsksForFullHistory() {
    try (GitRepo git = GitRepo.open(clone)) {
      assertThat(git.isShallow()).isTrue();
      assertThat(git.resolve("HEAD")).isEqualTo(head);
      assertThatThrownBy(() -> git.resolve(base.name()))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("shallow")
          .hasMessageContaining("fetch-depth: 0")
          .hasMessageContaining(base.name());
      assertThatThrownBy(() -> git.resolve("HEAD~1"))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("unknown revision 'HEAD~1'")
          .hasMessageContaining("fetch-depth: 0");
    }
  }

  @Test
  void theParentOfTheCutCommitIsNotARoot() {
    try (GitRepo git = GitRepo.open(clone)) {
      assertThatThrownBy(() -> git.parent(head))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("fetch-depth: 0");
    }
  }

  @Test
  void aMergeBaseBehindTheCutAsksForFullHistory() {
    // A pull request whose branch forked from main before main's tip: both tips are in the clone,
    // their common ancestor is not.
    try (GitRepo git = GitRepo.open(clone)) {
      ObjectId feature = git.resolve("origin/feature");
      assertThat(feature).isEqualTo(featureTip);
      assertThatThrownBy(() -> git.defaultBase(feature))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("merge base")
          .hasMessageContaining("origin/main")
          .hasMessageContaining("fetch-depth: 0");
      assertThatThrownBy(() -> git.mergeBase(feature, head))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("fetch-depth: 0");
    }
  }
}
