package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static dev.pipgate.cli.Envs.notes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipgate review} over real git repositories, end to end through {@link Main#run}. */
class ReviewGitTest {
  private static final String REQUESTS = "requests==2.31.0";
  private static final String TQDM = "tqdm==4.66.4";
  private static final String RICH = "rich==13.7.1";

  @TempDir Path tmp;

  private CliRun review(Path repo, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "review";
    all[1] = "--repo";
    all[2] = repo.toString();
    all[3] = "--format";
    all[4] = "json";
    System.arraycopy(args, 0, all, 5, args.length);
    CliRun run = CliRun.in(tmp, all);
    assertThat(run.err()).as("stderr").isEmpty();
    return run;
  }

  @Test
  void explicitRevisionsJudgeOnlyWhatTheHeadAdded() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env(REQUESTS)).commit("base");
      RevCommit head = repo.write("environment.yml", env(REQUESTS, RICH)).commit("add rich");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      JsonNode json = run.json();
      assertThat(json.get("base").asText()).isEqualTo(base.name());
      assertThat(json.get("head").asText()).isEqualTo(head.name());
      assertThat(run.findings()).containsExactly("unjustified-pip rich");
      JsonNode finding = json.get("findings").get(0);
      assertThat(finding.get("file").asText()).isEqualTo("environment.yml");
      assertThat(finding.get("line").asInt()).isEqualTo(12);
      assertThat(finding.get("inDiff").asBoolean()).isTrue();
      assertThat(run.pipChanges()).containsExactly("added rich");
    }
  }

  @Test
  void theDefaultBaseIsTheMergeBaseWithOriginMain() throws Exception {
    Path origin = tmp.resolve("origin.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
    Path upstreamDir = tmp.resolve("upstream");
    Git.cloneRepository()
        .setURI(origin.toUri().toString())
        .setDirectory(upstreamDir.toFile())
        .call()
        .close();
    RevCommit forkPoint;
    try (TestRepo upstream = TestRepo.open(upstreamDir)) {
      upstream.git.checkout().setOrphan(true).setName("main").call();
      forkPoint =
          upstream
              .write("environment.yml", env(REQUESTS))
              .write("requirements-notes.md", notes("requests"))
              .commit("base");
      upstream.git.push().setRemote("origin").add("main").call();
    }
    Path workDir = tmp.resolve("work");
    Git.cloneRepository()
        .setURI(origin.toUri().toString())
        .setDirectory(workDir.toFile())
        .call()
        .close();
    RevCommit featureTip;
    try (TestRepo work = TestRepo.open(workDir)) {
      featureTip =
          work.newBranch("feature")
              .write("environment.yml", env(REQUESTS, RICH))
              .commit("add rich");
    }
    // main moves on after the branch forked: it adds tqdm, which the branch never had.
    try (TestRepo upstream = TestRepo.open(upstreamDir)) {
      upstream.write("environment.yml", env(REQUESTS, TQDM)).commit("add tqdm on main");
      upstream.git.push().setRemote("origin").add("main").call();
    }
    try (TestRepo work = TestRepo.open(workDir)) {
      work.git.fetch().setRemote("origin").call();
      assertThat(work.git.getRepository().resolve("refs/remotes/origin/main"))
          .isNotEqualTo(forkPoint);
    }

    CliRun run = review(workDir);

    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    assertThat(run.json().get("base").asText()).isEqualTo(forkPoint.name());
    assertThat(run.json().get("head").asText()).isEqualTo(featureTip.name());
    // Against origin/main's tip the branch would seem to remove tqdm; against the fork point it
    // only adds rich.
    assertThat(run.pipChanges()).containsExactly("added rich");
    assertThat(run.findings()).containsExactly("unjustified-pip rich");
  }

  @Test
  void aRenamedEnvFileKeepsItsEntriesAndOnlyTheNewOneCounts() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      // Entries that predate pipgate have no notes: renaming the file must not make them new.
      RevCommit base = repo.write("environment.yml", env(REQUESTS, TQDM)).commit("base");
      repo.move("environment.yml", "envs/gpu.yml");
      repo.write("envs/gpu.yml", env(REQUESTS, TQDM, RICH));
      RevCommit head = repo.commit("rename and add rich");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.findings()).containsExactly("unjustified-pip rich");
      assertThat(run.json().get("findings").get(0).get("file").asText()).isEqualTo("envs/gpu.yml");
      assertThat(run.pipChanges()).containsExactly("added rich");
    }
  }

  @Test
  void aRenameWithoutNewEntriesPasses() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env(REQUESTS, TQDM)).commit("base");
      RevCommit head = repo.move("environment.yml", "conda/cpu.yml").commit("rename");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.PASS);
      assertThat(run.findings()).isEmpty();
      assertThat(run.pipChanges()).isEmpty();
    }
  }

  @Test
  void anEnvFileRenamedToANameNoGlobMatchesIsStillReviewed() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env(REQUESTS, TQDM)).commit("base");
      RevCommit head =
          repo.move("environment.yml", "docs/old-environment.txt")
              .write("docs/old-environment.txt", env(REQUESTS, TQDM, RICH))
              .commit("archive, and slip an entry in");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      // A rename does not take an env file out of the review: its new entry is new.
      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.pipChanges()).containsExactly("added rich");
    }
  }

  @Test
  void entriesRenamedInFromAFileNoGlobMatchesAreNew() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write("requirements-notes.md", notes("requests"))
              .write("drafts/next-env.txt", env(REQUESTS, TQDM, RICH))
              .commit("base with a draft nobody reviewed");
      repo.move("drafts/next-env.txt", "environment.yml");
      RevCommit head = repo.commit("the draft becomes the env");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.findings())
          .containsExactlyInAnyOrder("unjustified-pip tqdm", "unjustified-pip rich");
      assertThat(run.pipChanges())
          .containsExactlyInAnyOrder("added requests", "added tqdm", "added rich");
    }
  }

  @Test
  void aDeletedEnvFileRemovesItsEntriesAndPasses() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write("environment.yml", env(REQUESTS))
              .write("envs/old.yml", env(TQDM, RICH))
              .commit("base");
      RevCommit head = repo.delete("envs/old.yml").commit("drop the old env");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.PASS);
      assertThat(run.json().get("verdict").asText()).isEqualTo("pass");
      assertThat(run.pipChanges()).containsExactlyInAnyOrder("removed tqdm", "removed rich");
    }
  }

  @Test
  void anAddedEnvFileMakesEveryEntryNew() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write("environment.yml", env(REQUESTS))
              .write("requirements-notes.md", notes("requests", "tqdm"))
              .commit("base");
      RevCommit head = repo.write("envs/ml.yml", env(TQDM, RICH)).commit("a second env");

      CliRun run = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.findings()).containsExactly("unjustified-pip rich");
      assertThat(run.pipChanges()).containsExactlyInAnyOrder("added tqdm", "added rich");
      assertThat(run.json().get("pipChanges"))
          .allSatisfy(c -> assertThat(c.get("file").asText()).isEqualTo("envs/ml.yml"));
    }
  }

  @Test
  void worktreeHeadReadsUncommittedChanges() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("environment.yml", env(REQUESTS))
          .write("requirements-notes.md", notes("requests"))
          .commit("base");
      repo.write("environment.yml", env(REQUESTS, RICH))
          .write("requirements-notes.md", notes("requests", "rich"));
      repo.write("envs/extra.yml", env(TQDM));

      CliRun run = review(dir, "--base", "HEAD", "--head", "WORKTREE");

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.findings()).containsExactly("unjustified-pip tqdm");
      assertThat(run.pipChanges()).containsExactlyInAnyOrder("added rich", "added tqdm");
      assertThat(run.json().get("pipChanges"))
          .filteredOn(c -> c.get("package").asText().equals("rich"))
          .singleElement()
          .satisfies(c -> assertThat(c.get("justified").asBoolean()).isTrue());
    }
  }

  @Test
  void allWithoutBaseJudgesEveryEntryAtHead() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit only =
          repo.write("environment.yml", env(REQUESTS, TQDM))
              .write("requirements-notes.md", notes("requests"))
              .commit("adopt pipgate");

      CliRun run = review(dir, "--all");

      assertThat(run.code()).isEqualTo(Main.FINDINGS);
      assertThat(run.json().get("base").asText()).isEmpty();
      assertThat(run.json().get("head").asText()).isEqualTo(only.name());
      assertThat(run.findings()).containsExactly("unjustified-pip tqdm");
      assertThat(run.pipChanges()).containsExactlyInAnyOrder("added requests", "added tqdm");
    }
  }

  @Test
  void committedRevisionsAreReadFromGitObjectsNotTheWorkTree() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env(REQUESTS)).commit("base");
      RevCommit head =
          repo.write("environment.yml", env(REQUESTS, RICH))
              .write("requirements-notes.md", notes("rich"))
              .commit("add rich, justified");
      // The checkout now disagrees with both commits: a new unjustified entry, no notes at all.
      repo.write("environment.yml", env(REQUESTS, RICH, TQDM)).delete("requirements-notes.md");

      CliRun committed = review(dir, "--base", base.name(), "--head", head.name());

      assertThat(committed.code()).isEqualTo(Main.PASS);
      assertThat(committed.findings()).isEmpty();
      assertThat(committed.pipChanges()).containsExactly("added rich");

      CliRun worktree = review(dir, "--base", base.name(), "--head", "WORKTREE");

      assertThat(worktree.code()).isEqualTo(Main.FINDINGS);
      assertThat(worktree.findings())
          .containsExactlyInAnyOrder("unjustified-pip rich", "unjustified-pip tqdm");
    }
  }

  @Test
  void aShallowCloneMissingTheBaseAsksForFullHistory() throws Exception {
    Path upstreamDir = tmp.resolve("upstream");
    RevCommit first;
    try (TestRepo upstream = TestRepo.init(upstreamDir)) {
      first = upstream.write("environment.yml", env(REQUESTS)).commit("one");
      upstream.write("environment.yml", env(REQUESTS, TQDM)).commit("two");
      upstream.git.checkout().setCreateBranch(true).setName("feature").setStartPoint(first).call();
      upstream.write("environment.yml", env(REQUESTS, RICH)).commit("feature");
      upstream.checkout("main");
      upstream.write("environment.yml", env(REQUESTS, TQDM, RICH)).commit("three");
    }
    Path clone = tmp.resolve("clone");
    Git.cloneRepository()
        .setURI(upstreamDir.toUri().toString())
        .setDirectory(clone.toFile())
        .setDepth(1)
        .setCloneAllBranches(true)
        .call()
        .close();

    String named =
        CliRun.in(tmp, "review", "--repo", clone.toString(), "--base", first.name()).rejected();
    assertThat(named).contains("fetch-depth: 0").contains(first.name());

    String mergeBase =
        CliRun.in(tmp, "review", "--repo", clone.toString(), "--head", "origin/feature").rejected();
    assertThat(mergeBase).contains("fetch-depth: 0").contains("merge base");
  }
}
