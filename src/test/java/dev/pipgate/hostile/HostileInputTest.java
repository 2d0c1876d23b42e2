package dev.pipgate.hostile;

import static dev.pipgate.hostile.HostileFiles.BILLION_LAUGHS;
import static dev.pipgate.hostile.HostileFiles.MB;
import static dev.pipgate.hostile.HostileFiles.repeat;
import static dev.pipgate.hostile.Texts.ENV;
import static dev.pipgate.hostile.Texts.NOTES;
import static dev.pipgate.hostile.Texts.env;
import static dev.pipgate.hostile.Texts.notes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.cli.Main;
import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through {@link Main#run}, end to end. Every case ends within {@link CliRun#BOUND}
 * (enforced preemptively) in a verdict or in one line of refusal; none may end in a stack trace.
 * Memory is bounded in {@link HostileInputMemoryTest}, which runs the jar with {@code -Xmx256m}.
 * Cases {@code cli.BadInputTest} already has (alias bomb and 20 MB env file in directory mode,
 * links in directory and git mode, a directory at environment.yml) are not repeated; this suite
 * takes the other mode or the larger size.
 *
 * <pre>
 * case                                         mode  expected outcome
 * -------------------------------------------  ----  -------------------------------------------
 * alias bomb in the head env file              git   exit 2 "environment.yml:N: ... alias"
 * 50 MB env file                               dir   exit 2 "environment.yml: ... 52428800 bytes"
 * 50 MB env file                               git   exit 2 "environment.yml: file is 52428800 bytes"
 * 10,000 new pip entries, no notes             dir   exit 1, 10,000 unjustified-pip; json, sarif
 *                                                    and text output well-formed and complete
 * flow nesting [[[... 100,000 deep             dir   exit 2 "environment.yml:N: YAML nested deeper
 *                                                    than 64 levels"
 * block nesting "- - - ..." 1,000 deep         dir   exit 2 "... nested deeper than 64 levels"
 * notes: blockquote 100,000 deep               dir   exit 1, incomplete-justification rich (the
 *                                                    deep text is no answer), no crash
 * config: flow nesting 5,000 deep              dir   BUG: should be exit 2 "pipgate.yml...";
 *                                                    disabled test, reason in it
 * binary env file                              git   exit 2 "environment.yml:"
 * invalid UTF-8 env file                       git   exit 2 "environment.yml:3:"
 * binary notes                                 git   exit 2 "requirements-notes.md:"
 * invalid UTF-8 notes                          dir   exit 2 "requirements-notes.md:4:"
 * env file under a glob linked outside         dir   exit 2 "envs/gpu.yml: is a symbolic link
 *                                                    leading outside"
 * notes linked outside the directory           dir   exit 2 "requirements-notes.md: ... symbolic link"
 * notes as a link in a commit                  git   exit 2 "requirements-notes.md: is a symbolic link"
 * -r file that is a link in a commit           git   exit 1, invalid-pip-line on the -r line
 * notes with 100,000 headings                  dir   exit 1, only incomplete-justification for the
 *                                                    one new package among them; rich justified
 * 100 KB requirement strings (8 shapes)        dir   exit 1 with the named findings, see
 *                                                    {@link #hundredKilobyteRequirements}
 * env file replaced by a directory at a glob   git   exit 1: the file's entries count as removed
 *                                                    (rich's section now stale), the directory's
 *                                                    nested environment.yml is reviewed (its new
 *                                                    entry unjustified)
 * config alias bomb at the base commit         git   exit 2 ".github/pipgate.yml... alias"
 * 50 MB of random bytes as mapping file        dir   exit 2 "mapping.json:1: ... not valid JSON"
 * 50 MB JSON string as mapping file            dir   exit 2 "mapping.json: ... not valid JSON"
 * </pre>
 *
 * Event payloads with missing fields go through {@code pipgate action}: see {@code
 * github.ActionHostileEventTest}.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** base/ holds an env file with requests, head/ the given bytes. */
  private CliRun reviewDirs(byte[] headEnv, String... more) {
    HostileFiles.write(tmp.resolve("base").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.write(tmp.resolve("head").resolve(ENV), headEnv);
    return reviewDirs(more);
  }

  private CliRun reviewDirs(String... more) {
    List<String> args =
        new ArrayList<>(List.of("review", "--base-dir", "base", "--head-dir", "head"));
    args.addAll(List.of(more));
    return CliRun.in(tmp, args.toArray(String[]::new));
  }

  private CliRun reviewCommits(TestRepo repo, RevCommit base, RevCommit head, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "review",
                "--repo",
                repo.dir.toString(),
                "--base",
                base.name(),
                "--head",
                head.name()));
    args.addAll(List.of(more));
    return CliRun.in(tmp, args.toArray(String[]::new));
  }

  /** A repository whose base commit has environment.yml with requests and its notes. */
  private TestRepo repoWithBase() throws Exception {
    return TestRepo.init(tmp.resolve("repo"))
        .write(ENV, env("requests==2.31.0"))
        .write(NOTES, notes("requests"));
  }

  // ---- size and structure ------------------------------------------------------------------

  @Test
  void aliasBombInACommittedEnvFile() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      RevCommit head =
          repo.write(ENV, BILLION_LAUGHS + "dependencies:\n  - pip\n  - pip: *i\n").commit("bomb");
      assertThat(reviewCommits(repo, base, head).rejected())
          .startsWith("pipgate: environment.yml:")
          .contains("alias");
    }
  }

  @Test
  void fiftyMegabyteEnvFileInADirectory() {
    HostileFiles.write(tmp.resolve("base").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.hugeEnv(tmp.resolve("head").resolve(ENV), 50);
    assertThat(reviewDirs().rejected())
        .startsWith("pipgate: environment.yml: ")
        .contains(String.valueOf(50 * MB));
  }

  @Test
  void fiftyMegabyteEnvFileInACommit() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      HostileFiles.hugeEnv(repo.dir.resolve(ENV), 50);
      RevCommit head = repo.commit("huge");
      assertThat(reviewCommits(repo, base, head).rejected())
          .isEqualTo(
              "pipgate: environment.yml: file is "
                  + 50 * MB
                  + " bytes; pipgate reads at most "
                  + 5 * MB
                  + " bytes");
    }
  }

  @Test
  void tenThousandNewPipEntriesAreAllReportedInWellFormedOutput() throws Exception {
    byte[] head = HostileFiles.envWithEntries(10_000).getBytes(StandardCharsets.UTF_8);

    CliRun json = reviewDirs(head, "--format", "json").judged(Main.FINDINGS);

    assertThat(json.findings()).hasSize(10_000).allMatch(f -> f.startsWith("unjustified-pip pkg-"));
    assertThat(json.findings()).doesNotHaveDuplicates();
    assertThat(json.json().get("pipChanges")).hasSize(10_000);
    assertThat(json.json().get("blockingCount").asInt()).isEqualTo(10_000);

    CliRun sarif = reviewDirs("--format", "sarif").judged(Main.FINDINGS);
    JsonNode results = JSON.readTree(sarif.out()).path("runs").get(0).path("results");
    assertThat(results).hasSize(10_000);

    CliRun text = reviewDirs("--format", "text").judged(Main.FINDINGS);
    assertThat(text.out().lines().filter(l -> l.contains(" error unjustified-pip: ")))
        .hasSize(10_000);
    assertThat(text.out().strip()).endsWith("pipgate: fail — 10000 errors (fail-on: error)");
  }

  @Test
  void flowNestingDeeperThanTheLimitIsRefused() {
    String deep = "x: " + repeat('[', 100_000) + repeat(']', 100_000) + "\n";
    byte[] head = (deep + env("requests==2.31.0")).getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head).rejected())
        .startsWith("pipgate: environment.yml:1: ")
        .contains("nested deeper than 64 levels");
  }

  @Test
  void blockNestingDeeperThanTheLimitIsRefused() {
    StringBuilder deep = new StringBuilder("x:\n");
    for (int i = 1; i <= 1_000; i++) {
      deep.append("  ".repeat(i)).append("-\n");
    }
    byte[] head = (env("requests==2.31.0") + deep).getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head).rejected())
        .startsWith("pipgate: environment.yml:")
        .contains("nested deeper than 64 levels");
  }

  @Test
  void notesNestedHundredThousandDeepStillGetAVerdict() {
    HostileFiles.write(
        tmp.resolve("head").resolve(NOTES), "## rich\n\n" + repeat('>', 100_000) + " hi\n");
    byte[] head = env("requests==2.31.0", "rich==13.7.1").getBytes(StandardCharsets.UTF_8);

    CliRun run = reviewDirs(head, "--format", "json").judged(Main.FINDINGS);

    assertThat(run.findings()).containsExactly("incomplete-justification rich");
  }

  @Test
  void configNestedDeeplyIsRefusedInOneLine() {
    HostileFiles.write(
        tmp.resolve("pipgate.yml"), "rules: " + repeat('[', 5_000) + repeat(']', 5_000) + "\n");
    byte[] head = env("requests==2.31.0").getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head, "--config", "pipgate.yml").rejected())
        .startsWith("pipgate: pipgate.yml");
  }

  // ---- bytes that are not text -------------------------------------------------------------

  @Test
  void binaryAndInvalidUtf8EnvFilesInACommit() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      RevCommit binary = repo.write(ENV, HostileFiles.noise(64 * 1024, 11)).commit("binary");
      RevCommit latin1 =
          repo.write(
                  ENV,
                  "name: demo\ndependencies:\n  - caf\u00e9\n"
                      .getBytes(StandardCharsets.ISO_8859_1))
              .commit("latin-1");

      assertThat(reviewCommits(repo, base, binary).rejected())
          .startsWith("pipgate: environment.yml:");
      assertThat(reviewCommits(repo, base, latin1).rejected())
          .startsWith("pipgate: environment.yml:3: ");
    }
  }

  @Test
  void binaryNotesInACommit() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      RevCommit head =
          repo.write(ENV, env("requests==2.31.0", "rich==13.7.1"))
              .write(NOTES, HostileFiles.noise(8 * 1024, 13))
              .commit("binary notes");
      assertThat(reviewCommits(repo, base, head).rejected())
          .startsWith("pipgate: requirements-notes.md:");
    }
  }

  @Test
  void invalidUtf8NotesNameTheLine() {
    byte[] latin1 =
        "# Notes\n\n## rich\n- **Why not conda?** d\u00e9j\u00e0 vu\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    HostileFiles.write(tmp.resolve("head").resolve(NOTES), latin1);
    byte[] head = env("requests==2.31.0", "rich==13.7.1").getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head).rejected()).startsWith("pipgate: requirements-notes.md:4: ");
  }

  // ---- links ---------------------------------------------------------------------------------

  @Test
  void envFileUnderAGlobLinkedOutsideTheDirectory() throws Exception {
    Path outside = HostileFiles.write(tmp.resolve("elsewhere/gpu.yml"), env("torch==2.0.0"));
    HostileFiles.write(tmp.resolve("base").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.write(tmp.resolve("head").resolve(ENV), env("requests==2.31.0"));
    Files.createDirectories(tmp.resolve("head/envs"));
    Files.createSymbolicLink(tmp.resolve("head/envs/gpu.yml"), outside);

    assertThat(reviewDirs().rejected())
        .startsWith("pipgate: envs/gpu.yml: ")
        .contains("symbolic link leading outside");
  }

  @Test
  void notesLinkedOutsideTheDirectory() throws Exception {
    Path outside = HostileFiles.write(tmp.resolve("elsewhere/notes.md"), notes("rich"));
    HostileFiles.write(tmp.resolve("base").resolve(ENV), env("requests==2.31.0"));
    HostileFiles.write(tmp.resolve("head").resolve(ENV), env("requests==2.31.0", "rich==13.7.1"));
    Files.createSymbolicLink(tmp.resolve("head").resolve(NOTES), outside);

    assertThat(reviewDirs().rejected())
        .startsWith("pipgate: requirements-notes.md: ")
        .contains("symbolic link");
  }

  @Test
  void notesAsALinkInACommit() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      RevCommit head =
          repo.write(ENV, env("requests==2.31.0", "rich==13.7.1"))
              .write("docs/notes.md", notes("requests", "rich"))
              .delete(NOTES)
              .link(NOTES, "docs/notes.md")
              .commit("notes moved behind a link");
      assertThat(reviewCommits(repo, base, head).rejected())
          .isEqualTo(
              "pipgate: requirements-notes.md: is a symbolic link; pipgate reads only regular"
                  + " files in a commit");
    }
  }

  @Test
  void requirementsFileLinkedInACommitIsAnInvalidLine() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.commit("base");
      RevCommit head =
          repo.write(ENV, env("requests==2.31.0", "-r reqs.txt"))
              .link("reqs.txt", "/etc/hostname")
              .commit("-r to a link");

      CliRun run = reviewCommits(repo, base, head, "--format", "json").judged(Main.FINDINGS);

      assertThat(run.findings()).containsExactly("invalid-pip-line");
      JsonNode f = run.json().get("findings").get(0);
      assertThat(f.get("line").asInt()).isEqualTo(9);
      assertThat(f.get("message").asText()).contains("reqs.txt").contains("symbolic link");
    }
  }

  // ---- many and long ---------------------------------------------------------------------------

  @Test
  void notesWithHundredThousandHeadingsJudgeOnlyWhatChanged() {
    HostileFiles.write(tmp.resolve("head").resolve(NOTES), HostileFiles.notesWithHeadings(100_000));
    byte[] head =
        env("requests==2.31.0", "pkg-00001==1.0", "rich==13.7.1").getBytes(StandardCharsets.UTF_8);

    CliRun run = reviewDirs(head, "--format", "json").judged(Main.FINDINGS);

    assertThat(run.findings()).containsExactly("incomplete-justification pkg-00001");
    assertThat(run.json().get("pipChanges"))
        .extracting(c -> c.get("package").asText() + " " + c.get("justified").asBoolean())
        .containsExactlyInAnyOrder("pkg-00001 false", "rich true");
  }

  static Stream<Arguments> hundredKilobyteRequirements() {
    List<String> extras = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      extras.add("e" + i);
    }
    return Stream.of(
        Arguments.of(
            "a name",
            repeat('a', 100_000) + "==1.0",
            List.of("unjustified-pip " + repeat('a', 100_000))),
        Arguments.of(
            "a version", "pkg==" + "1.".repeat(50_000) + "0", List.of("unjustified-pip pkg")),
        Arguments.of(
            "extras", "pkg[" + String.join(",", extras) + "]==1.0", List.of("unjustified-pip pkg")),
        Arguments.of(
            "a URL",
            "pkg @ https://example.com/" + repeat('a', 100_000) + ".whl",
            List.of("unjustified-pip pkg")),
        Arguments.of(
            "a marker chain",
            "pkg==1.0; "
                + String.join(
                    " and ", java.util.Collections.nCopies(5_000, "python_version>\"3\"")),
            List.of("unjustified-pip pkg")),
        Arguments.of(
            "a quoted marker value",
            "pkg==1.0; python_version>'" + repeat('3', 100_000) + "'",
            List.of("unjustified-pip pkg")),
        Arguments.of(
            "20,000 specifiers",
            "pkg" + String.join(",", java.util.Collections.nCopies(20_000, ">=1.0")),
            List.of("unjustified-pip pkg", "unpinned-pip pkg")),
        Arguments.of(
            "30,000 nested parentheses",
            "pkg==1.0; " + repeat('(', 30_000) + "python_version>\"3\"" + repeat(')', 30_000),
            List.of("invalid-pip-line")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void hundredKilobyteRequirements(String shape, String line, List<String> expected) {
    byte[] head =
        env("requests==2.31.0", "'" + line.replace("'", "''") + "'")
            .getBytes(StandardCharsets.UTF_8);

    CliRun run = reviewDirs(head, "--format", "json").judged(Main.FINDINGS);

    assertThat(run.findings()).as(shape).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---- files where they should not be --------------------------------------------------------

  @Test
  void envFileUnderAGlobReplacedByADirectory() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      RevCommit base =
          repo.write("envs/gpu.yml", env("rich==13.7.1"))
              .write(NOTES, notes("rich"))
              .commit("base");
      RevCommit head =
          repo.delete("envs/gpu.yml")
              .write("envs/gpu.yml/" + ENV, env("requests==2.31.0"))
              .commit("a directory now");

      CliRun run = reviewCommits(repo, base, head, "--format", "json").judged(Main.FINDINGS);

      // conda cannot read a directory: the file's entries are gone (rich's section is stale); the
      // environment.yml inside the directory matches the environment.yml glob and is a new env
      // file.
      assertThat(run.findings())
          .containsExactlyInAnyOrder("unjustified-pip requests", "stale-justification rich");
      assertThat(run.json().get("pipChanges"))
          .extracting(
              c ->
                  c.get("change").asText()
                      + " "
                      + c.get("file").asText()
                      + " "
                      + c.get("package").asText())
          .containsExactlyInAnyOrder(
              "removed envs/gpu.yml rich", "added envs/gpu.yml/environment.yml requests");
    }
  }

  @Test
  void configAliasBombAtTheBaseCommit() throws Exception {
    try (TestRepo repo = repoWithBase()) {
      RevCommit base = repo.write(".github/pipgate.yml", BILLION_LAUGHS).commit("base");
      RevCommit head = repo.write(ENV, env("requests==2.31.0", "rich==13.7.1")).commit("head");
      assertThat(reviewCommits(repo, base, head).rejected())
          .startsWith("pipgate: .github/pipgate.yml")
          .contains("alias");
    }
  }

  @Test
  void fiftyMegabytesOfRandomBytesAsMappingFile() {
    HostileFiles.write(tmp.resolve("mapping.json"), HostileFiles.noise(50 * MB, 17));
    byte[] head = env("requests==2.31.0").getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head, "--mapping-file", "mapping.json").rejected())
        .startsWith("pipgate: mapping.json: conda name mapping is larger than 32 MiB");
  }

  @Test
  void fiftyMegabyteStringAsMappingFile() {
    HostileFiles.write(
        tmp.resolve("mapping.json"), "{\"numpy\": \"" + repeat('x', 50 * MB) + "\"}");
    byte[] head = env("requests==2.31.0").getBytes(StandardCharsets.UTF_8);
    assertThat(reviewDirs(head, "--mapping-file", "mapping.json").rejected())
        .startsWith("pipgate: mapping.json")
        .contains("larger than 32 MiB");
  }
}
