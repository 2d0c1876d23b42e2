package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static dev.pipgate.cli.Envs.notes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipgate notes scaffold}: appends what is missing and touches nothing else. */
class NotesScaffoldCommandTest {
  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @TempDir Path tmp;
  private Path repo;
  private Path notesFile;

  @BeforeEach
  void writeRepo() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    notesFile = repo.resolve("requirements-notes.md");
    Files.writeString(
        repo.resolve("environment.yml"),
        env("requests==2.31.0", "PyYAML==6.0.1", "rich==13.7.1", "tqdm==4.66.4"));
    // The base a pull request starts from: requests and pyyaml were already justified.
    Files.createDirectories(tmp.resolve("base"));
    Files.writeString(
        tmp.resolve("base/environment.yml"), env("requests==2.31.0", "PyYAML==6.0.1"));
    Files.writeString(tmp.resolve("base/requirements-notes.md"), notes("requests", "pyyaml"));
  }

  /** Scaffold for the change from {@code base/} to {@code repo/}. */
  private CliRun scaffold(String... more) {
    return run("--base-dir", "base", more);
  }

  /** Scaffold for every pip entry in {@code repo/}. */
  private CliRun scaffoldAll(String... more) {
    return run("--all", null, more);
  }

  private CliRun run(String option, String value, String... more) {
    String[] args =
        value == null
            ? new String[] {"notes", "scaffold", "--dir", "repo", option}
            : new String[] {"notes", "scaffold", "--dir", "repo", option, value};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.in(tmp, all);
  }

  /** The bytes after {@code before}, which must be an unchanged prefix of the file. */
  private String appendedTo(byte[] before) throws IOException {
    byte[] after = Files.readAllBytes(notesFile);
    assertThat(after.length).isGreaterThan(before.length);
    assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
    return new String(after, before.length, after.length - before.length, StandardCharsets.UTF_8);
  }

  @Test
  void appendsASectionForEachUnjustifiedEntryOnly() throws IOException {
    byte[] before = notes("requests", "pyyaml").getBytes(StandardCharsets.UTF_8);
    Files.write(notesFile, before);

    CliRun run = scaffold();

    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("added 2 sections").contains("rich, tqdm");
    String added = appendedTo(before);
    assertThat(added)
        .isEqualTo(
            """

            ## rich

            - **Why not conda?**
            - **conda-forge checked?**
            - **--no-deps tested?**
            - **Alternatives considered?**

            ## tqdm

            - **Why not conda?**
            - **conda-forge checked?**
            - **--no-deps tested?**
            - **Alternatives considered?**
            """);
  }

  @Test
  void keepsCrlfLineEnds() throws IOException {
    byte[] before =
        notes("requests", "pyyaml").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    Files.write(notesFile, before);

    assertThat(scaffold().code()).isEqualTo(Main.PASS);

    String added = appendedTo(before);
    assertThat(added).contains("## rich\r\n").contains("## tqdm\r\n");
    assertThat(added.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void keepsAUtf8ByteOrderMark() throws IOException {
    byte[] text = notes("requests", "pyyaml").getBytes(StandardCharsets.UTF_8);
    byte[] before = new byte[BOM.length + text.length];
    System.arraycopy(BOM, 0, before, 0, BOM.length);
    System.arraycopy(text, 0, before, BOM.length, text.length);
    Files.write(notesFile, before);

    assertThat(scaffold().code()).isEqualTo(Main.PASS);

    String added = appendedTo(before);
    assertThat(added).contains("## rich").doesNotContain("\ufeff");
  }

  @Test
  void keepsUtf16() throws IOException {
    byte[] before = ("\ufeff" + notes("requests", "pyyaml")).getBytes(StandardCharsets.UTF_16LE);
    Files.write(notesFile, before);

    assertThat(scaffold().code()).isEqualTo(Main.PASS);

    byte[] after = Files.readAllBytes(notesFile);
    assertThat(Arrays.copyOf(after, before.length)).isEqualTo(before);
    String added =
        new String(after, before.length, after.length - before.length, StandardCharsets.UTF_16LE);
    assertThat(added).startsWith("\n## rich\n").contains("## tqdm\n");
  }

  @Test
  void anEntryWhoseNameNoHeadingCanCarryIsSkipped() throws IOException {
    Files.writeString(
        repo.resolve("environment.yml"),
        env("git+https://example.org/x.git@v1#egg=we!rd", "rich==13.7.1"));

    CliRun run = scaffold();

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(Files.readString(notesFile)).contains("## rich\n").doesNotContain("we!rd");
  }

  @Test
  void aFileWithoutFinalNewlineGetsABlankLineBeforeTheNewSections() throws IOException {
    byte[] before = "# Notes\n\n## requests\n\nsee wiki".getBytes(StandardCharsets.UTF_8);
    Files.write(notesFile, before);

    assertThat(scaffold().code()).isEqualTo(Main.PASS);

    assertThat(appendedTo(before)).startsWith("\n\n## rich\n");
  }

  @Test
  void runningTwiceAddsNothingTheSecondTime() throws IOException {
    Files.writeString(notesFile, notes("requests"));
    assertThat(scaffold().code()).isEqualTo(Main.PASS);
    byte[] once = Files.readAllBytes(notesFile);

    CliRun again = scaffold();

    assertThat(again.code()).isEqualTo(Main.PASS);
    assertThat(again.out())
        .contains("every pip entry new or changed in the change already has a section");
    assertThat(Files.readAllBytes(notesFile)).isEqualTo(once);
  }

  @Test
  void dryRunPrintsTheSectionsAndWritesNothing() throws IOException {
    byte[] before = notes("requests", "pyyaml").getBytes(StandardCharsets.UTF_8);
    Files.write(notesFile, before);

    CliRun run = scaffold("--dry-run");

    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("## rich").contains("## tqdm").doesNotContain("## requests");
    assertThat(Files.readAllBytes(notesFile)).isEqualTo(before);
  }

  @Test
  void dryRunDoesNotCreateAMissingNotesFile() {
    CliRun run = scaffoldAll("--dry-run");

    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("## requests").contains("## PyYAML");
    assertThat(notesFile).doesNotExist();
  }

  @Test
  void createsAMissingNotesFileWithEveryEntryWithAll() throws IOException {
    assertThat(scaffoldAll().code()).isEqualTo(Main.PASS);
    assertThat(Files.readString(notesFile))
        .startsWith("## requests\n")
        .contains("## PyYAML\n", "## rich\n", "## tqdm\n");
  }

  @Test
  void aScaffoldAloneNeverPassesTheReview() throws IOException {
    Files.writeString(notesFile, notes("requests", "pyyaml"));
    assertThat(scaffold().code()).isEqualTo(Main.PASS);

    CliRun review =
        CliRun.in(tmp, "review", "--base-dir", "base", "--head-dir", "repo", "--format", "json");

    assertThat(review.err()).isEmpty();
    assertThat(review.code()).isEqualTo(Main.FINDINGS);
    assertThat(review.findings())
        .containsExactlyInAnyOrder(
            "incomplete-justification rich", "incomplete-justification tqdm");
  }

  @Test
  void completesPartialSectionsInTheirOwnLayoutAndASecondRunChangesNothing() throws IOException {
    String partial =
        notes("requests", "pyyaml")
            + """

            ## rich

            ### Why not conda?
            The conda package lags two releases behind.

            ## tqdm

            * Tested with --no-deps: yes, imports fine.
            * conda-forge checked: TODO
            """;
    Files.writeString(notesFile, partial);

    CliRun run = scaffold();

    assertThat(run.code()).isEqualTo(Main.PASS);
    assertThat(run.out()).contains("asked the missing questions in rich, tqdm");
    String after = Files.readString(notesFile);
    assertThat(after)
        .isEqualTo(
            notes("requests", "pyyaml")
                + """

                ## rich

                ### Why not conda?
                The conda package lags two releases behind.

                ### conda-forge checked?

                ### --no-deps tested?

                ### Alternatives considered?

                ## tqdm

                * Tested with --no-deps: yes, imports fine.
                * conda-forge checked: TODO
                * Why not conda?
                * Alternatives considered?
                """);

    CliRun again = scaffold();
    assertThat(again.code()).isEqualTo(Main.PASS);
    assertThat(Files.readString(notesFile)).isEqualTo(after);
  }
}
