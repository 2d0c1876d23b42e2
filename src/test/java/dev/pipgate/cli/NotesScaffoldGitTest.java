package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static dev.pipgate.cli.Envs.notes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipgate notes scaffold} in a git repository: sections only for pip entries the change adds
 * or changes (from the merge base with main, or {@code --base}, to the working tree), every entry
 * with {@code --all}; a second run changes nothing.
 */
class NotesScaffoldGitTest {
  /** A section that asks two of the four questions. */
  private static final String PARTIAL =
      """

      ## %s

      - **Why not conda?** The conda package lags two releases behind.
      - **conda-forge checked?** Yes: only an old build there.
      """;

  @TempDir Path tmp;
  private TestRepo repo;
  private Path notesFile;

  /**
   * main: requests justified, pyyaml half justified, tqdm installed without a section (debris from
   * before pipgate). The branch: adds rich and changes the pin of pyyaml.
   */
  @BeforeEach
  void writeRepo() throws Exception {
    repo = TestRepo.init(tmp.resolve("repo"));
    notesFile = repo.dir.resolve("requirements-notes.md");
    repo.write("environment.yml", env("requests==2.31.0", "PyYAML==6.0", "tqdm==4.66.4"))
        .write("requirements-notes.md", notes("requests") + PARTIAL.formatted("pyyaml"))
        .commit("main");
    repo.newBranch("feature")
        .write(
            "environment.yml",
            env("requests==2.31.0", "PyYAML==6.0.1", "tqdm==4.66.4", "rich==13.7.1"))
        .commit("add rich, bump pyyaml");
  }

  @AfterEach
  void closeRepo() {
    repo.close();
  }

  private CliRun scaffold(String... more) {
    String[] args = new String[4 + more.length];
    System.arraycopy(new String[] {"notes", "scaffold", "--dir", "repo"}, 0, args, 0, 4);
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRun.in(tmp, args);
  }

  @Test
  void sectionsOnlyForEntriesTheChangeAddsOrChangesAndASecondRunChangesNothing() throws Exception {
    CliRun run = scaffold();

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("asked the missing questions in pyyaml", "added 1 section");
    String after = Files.readString(notesFile);
    assertThat(after)
        .isEqualTo(
            notes("requests")
                + PARTIAL.formatted("pyyaml")
                + "- **--no-deps tested?**\n"
                + "- **Alternatives considered?**\n"
                + "\n"
                + "## rich\n\n"
                + "- **Why not conda?**\n"
                + "- **conda-forge checked?**\n"
                + "- **--no-deps tested?**\n"
                + "- **Alternatives considered?**\n");
    assertThat(after).doesNotContain("## tqdm");

    CliRun again = scaffold();
    assertThat(again.err()).isEmpty();
    assertThat(again.code()).isEqualTo(Main.PASS);
    assertThat(again.out())
        .contains("every pip entry new or changed in the change already has a section");
    assertThat(Files.readString(notesFile)).isEqualTo(after);
  }

  @Test
  void allWritesASectionForEveryEntryAndASecondRunChangesNothing() throws Exception {
    CliRun run = scaffold("--all");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("added 2 sections", "tqdm, rich");
    String after = Files.readString(notesFile);
    assertThat(after).contains("## tqdm\n", "## rich\n", "- **Alternatives considered?**\n");

    CliRun again = scaffold("--all");
    assertThat(again.out()).contains("every pip entry already has a section");
    assertThat(Files.readString(notesFile)).isEqualTo(after);
  }

  @Test
  void uncommittedEntriesOfTheWorkingTreeArePartOfTheChange() throws Exception {
    repo.write(
        "environment.yml",
        env("requests==2.31.0", "PyYAML==6.0.1", "tqdm==4.66.4", "rich==13.7.1", "httpx==0.27.0"));

    CliRun run = scaffold();

    assertThat(run.out()).contains("added 2 sections", "rich, httpx");
  }

  @Test
  void entriesOfAFollowedRequirementsFileAndOfAnEnvFileFoundByContent() throws Exception {
    repo.write(
            "environment.yml",
            env("requests==2.31.0", "PyYAML==6.0.1", "tqdm==4.66.4", "rich==13.7.1")
                + "      - -r requirements.txt\n")
        .write("requirements.txt", "httpx==0.27.0\n")
        .write("deploy/gpu.yml", env("torch==2.1.2"));

    CliRun run = scaffold();

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("added 3 sections");
    assertThat(Files.readString(notesFile)).contains("## rich\n", "## httpx\n", "## torch\n");
  }

  @Test
  void anExplicitBaseRevision() throws Exception {
    RevCommit withRich = repo.commit("nothing new");
    repo.write(
            "environment.yml",
            env(
                "requests==2.31.0",
                "PyYAML==6.0.1",
                "tqdm==4.66.4",
                "rich==13.7.1",
                "httpx==0.27.0"))
        .commit("add httpx");

    CliRun run = scaffold("--base", withRich.name());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("added 1 section", "httpx").doesNotContain("rich");
    assertThat(Files.readString(notesFile)).contains("## httpx\n").doesNotContain("## rich");
  }

  @Test
  void aChangeWithoutPipChangesWritesNothing() throws Exception {
    byte[] before = Files.readAllBytes(notesFile);

    CliRun run = scaffold("--base", "HEAD");

    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("no pip entry is new or changed", "--all");
    assertThat(Files.readAllBytes(notesFile)).isEqualTo(before);
  }

  @Test
  void outsideAGitRepositoryTheBaseMustBeNamed() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("environment.yml"), env("rich==13.7.1"));

    CliRun run = CliRun.in(tmp, "notes", "scaffold", "--dir", "plain");

    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("plain", "not a git repository", "--base-dir", "--all");
    assertThat(plain.resolve("requirements-notes.md")).doesNotExist();
  }

  @Test
  void allDoesNotTakeABase() {
    CliRun run = scaffold("--all", "--base", "main");

    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err()).contains("--all cannot be combined with --base");
  }
}
