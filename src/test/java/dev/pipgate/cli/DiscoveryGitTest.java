package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Env files found by content in real git changes, whatever their names. */
class DiscoveryGitTest {
  private static final String TORCH = "torch==2.3.1";
  private static final String NOTHING =
      "no conda environment files in this change; 1 changed YAML file looked at";

  @TempDir Path tmp;

  private CliRun review(Path repo, RevCommit base, RevCommit head, String format) {
    return CliRun.in(
        tmp,
        "review",
        "--repo",
        repo.toString(),
        "--base",
        base.name(),
        "--head",
        head.name(),
        "--format",
        format);
  }

  @Test
  void torchAddedToEnvironmentGpuYmlIsReviewed() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("conda_envs/tf-gpu.yaml", env("rich==13.7.1")).commit("base");
      RevCommit head =
          repo.write("conda_envs/tf-gpu.yaml", env("rich==13.7.1", TORCH)).commit("torch");

      CliRun run = review(dir, base, head, "json").judged(Main.FINDINGS);

      assertThat(run.findings()).contains("unjustified-pip torch");
      assertThat(run.json().get("scope").get("envFiles").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aChangeWithNoEnvFileSaysSoInEveryFormat() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\n").commit("base");
      RevCommit head =
          repo.write(
                  "charts/app/Chart.yaml",
                  "apiVersion: v2\nname: app\ndependencies:\n  - name: redis\n"
                      + "    version: 17.0.0\n")
              .write("README.md", "a chart\n")
              .commit("redis");

      for (String format : new String[] {"text", "markdown", "json", "sarif"}) {
        CliRun run = review(dir, base, head, format);
        assertThat(run.err()).as(format).isEmpty();
        assertThat(run.code()).as(format).isZero();
        assertThat(run.out()).as(format).containsIgnoringCase(NOTHING);
      }
    }
  }

  @Test
  void aFileTurnedIntoAnEnvFileAndBackIsReviewedBothWays() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit plain = repo.write("setup/tools.yml", "tools:\n  - black\n").commit("plain");
      RevCommit asEnv = repo.write("setup/tools.yml", env(TORCH)).commit("now an env file");
      RevCommit back = repo.write("setup/tools.yml", "tools:\n  - black\n").commit("plain again");

      CliRun into = review(dir, plain, asEnv, "json").judged(Main.FINDINGS);
      assertThat(into.findings()).contains("unjustified-pip torch");
      assertThat(into.pipChanges()).containsExactly("added torch");

      CliRun out = review(dir, asEnv, back, "json");
      assertThat(out.err()).isEmpty();
      assertThat(out.pipChanges()).containsExactly("removed torch");
    }
  }

  @Test
  void aDeletedEnvFileAndARenameToTxtAreSeen() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write("tf2.yml", env(TORCH)).write("gpu.yml", env("rich==13.7.1")).commit("base");
      RevCommit head = repo.delete("tf2.yml").move("gpu.yml", "gpu.txt").commit("gone");

      CliRun run = review(dir, base, head, "json");

      assertThat(run.err()).isEmpty();
      // The renamed file keeps its entries under review, paired with its old name: nothing new.
      assertThat(run.pipChanges()).containsExactly("removed torch");
      assertThat(run.json().get("scope").get("envFiles").asInt()).isEqualTo(2);
    }
  }

  @Test
  void globsOnlyAndExcludeAreHonoured() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base =
          repo.write(".github/pipgate.yml", "discovery: globs\n")
              .write("README.md", "x\n")
              .commit("base");
      RevCommit head =
          repo.write("tf2.yml", env(TORCH))
              .write("envs/gpu.yml", env("rich==13.7.1"))
              .commit("two env files");

      CliRun globs = review(dir, base, head, "json").judged(Main.FINDINGS);
      assertThat(globs.findings()).contains("unjustified-pip rich");
      assertThat(globs.findings()).doesNotContain("unjustified-pip torch");

      RevCommit base2 =
          repo.write(".github/pipgate.yml", "exclude: [envs/]\n")
              .delete("tf2.yml")
              .delete("envs/gpu.yml")
              .commit("exclude envs");
      RevCommit head2 =
          repo.write("tf2.yml", env(TORCH))
              .write("envs/gpu.yml", env("rich==13.7.1"))
              .commit("again");
      CliRun excluded = review(dir, base2, head2, "json").judged(Main.FINDINGS);
      assertThat(excluded.findings()).contains("unjustified-pip torch");
      assertThat(excluded.findings()).doesNotContain("unjustified-pip rich");
    }
  }
}
