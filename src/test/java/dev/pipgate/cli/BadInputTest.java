package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static dev.pipgate.hostile.HostileFiles.BILLION_LAUGHS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input pipgate cannot use, through {@link Main#run}: exit 2, one line on stderr naming the file
 * (and line), nothing on stdout. See {@link CliRun#rejected()}.
 */
class BadInputTest {
  @TempDir Path tmp;

  /** base/ holds a valid env file, head/ the given one; returns the review of the two. */
  private CliRun reviewHeadEnv(byte[] headEnv, String... more) throws IOException {
    write("base/environment.yml", env("requests==2.31.0"));
    write("head/environment.yml", headEnv);
    return reviewDirs(more);
  }

  private CliRun reviewHeadEnv(String headEnv, String... more) throws IOException {
    return reviewHeadEnv(headEnv.getBytes(StandardCharsets.UTF_8), more);
  }

  private CliRun reviewDirs(String... more) {
    String[] args = {"review", "--base-dir", "base", "--head-dir", "head"};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.in(tmp, all);
  }

  private Path write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String path, byte[] content) throws IOException {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    return Files.write(p, content);
  }

  @Test
  void aliasBombInTheEnvFile() throws IOException {
    String line =
        reviewHeadEnv(
                BILLION_LAUGHS + "dependencies:\n  - pip\n  - pip: *i\n",
                "--output",
                "out/report.json")
            .rejected();
    assertThat(line).startsWith("pipgate: environment.yml:").contains("alias");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aliasBombInTheConfigFile() throws IOException {
    write("pipgate.yml", BILLION_LAUGHS);
    String line = reviewHeadEnv(env("requests==2.31.0"), "--config", "pipgate.yml").rejected();
    assertThat(line).startsWith("pipgate: pipgate.yml").contains("alias");
  }

  @Test
  void aTwentyMegabyteEnvFile() throws IOException {
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) '#');
    String line = reviewHeadEnv(big).rejected();
    assertThat(line).startsWith("pipgate: environment.yml: ").contains(String.valueOf(big.length));
  }

  @Test
  void aBinaryEnvFile() throws IOException {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    noise[10] = 0;
    assertThat(reviewHeadEnv(noise).rejected()).startsWith("pipgate: environment.yml:");
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    byte[] text =
        "name: demo\ndependencies:\n  - caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(reviewHeadEnv(text).rejected()).startsWith("pipgate: environment.yml:3: ");
  }

  @Test
  void duplicateKeys() throws IOException {
    String line = reviewHeadEnv("name: a\nname: b\ndependencies: []\n").rejected();
    assertThat(line).startsWith("pipgate: environment.yml:2: ").contains("duplicate");
  }

  @Test
  void tabsInIndentation() throws IOException {
    String line = reviewHeadEnv("name: a\ndependencies:\n\t- pip\n").rejected();
    assertThat(line).startsWith("pipgate: environment.yml:3: ").contains("tab");
  }

  @Test
  void aPipKeyThatIsNotAList() throws IOException {
    String line =
        reviewHeadEnv("name: a\ndependencies:\n  - pip\n  - pip:\n      requests: 2.31\n")
            .rejected();
    assertThat(line).startsWith("pipgate: environment.yml:").contains("pip");
    assertThat(reviewHeadEnv("name: a\ndependencies:\n  - pip\n  - pip: requests\n").rejected())
        .startsWith("pipgate: environment.yml:4: ");
  }

  @Test
  void aBinaryNotesFile() throws IOException {
    write("head/requirements-notes.md", new byte[] {'#', ' ', 0, 1, 2, '\n'});
    String line = reviewHeadEnv(env("requests==2.31.0", "rich==13.7.1")).rejected();
    assertThat(line).startsWith("pipgate: requirements-notes.md:");
  }

  @Test
  void aNotesFileWithoutHeadingsJustifiesNothing() throws IOException {
    write("head/requirements-notes.md", "We use pip for rich and tqdm because we must.\n");
    CliRun run =
        reviewHeadEnv(env("requests==2.31.0", "rich==13.7.1", "tqdm==4.66.4"), "--format", "json");
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder("unjustified-pip rich", "unjustified-pip tqdm");
  }

  @Test
  void aDirectoryWhereTheEnvFileShouldBe() throws IOException {
    write("base/environment.yml", env("requests==2.31.0"));
    write("head/environment.yml/README", "not an env file\n");
    String line = reviewDirs().rejected();
    assertThat(line).startsWith("pipgate: environment.yml: ").contains("directory");
  }

  @Test
  void aDirectoryWhereTheEnvFileShouldBeInACommit() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env("requests==2.31.0")).commit("base");
      repo.delete("environment.yml").write("environment.yml/README", "moved\n");
      RevCommit head = repo.commit("a directory now");
      String line =
          CliRun.in(
                  tmp,
                  "review",
                  "--repo",
                  dir.toString(),
                  "--base",
                  base.name(),
                  "--head",
                  head.name())
              .rejected();
      assertThat(line).startsWith("pipgate: environment.yml: ").contains("directory");
    }
  }

  @Test
  void anEnvFileLinkedOutsideTheDirectory() throws IOException {
    Path outside = write("elsewhere/secret.yml", env("requests==2.31.0", "rich==13.7.1"));
    write("base/environment.yml", env("requests==2.31.0"));
    Files.createDirectories(tmp.resolve("head"));
    Files.createSymbolicLink(tmp.resolve("head/environment.yml"), outside);
    String line = reviewDirs().rejected();
    assertThat(line).startsWith("pipgate: environment.yml: ").contains("symbolic link");
  }

  @Test
  void anEnvFileLinkedOutsideTheRepositoryInACommit() throws Exception {
    write("elsewhere/secret.yml", env("requests==2.31.0", "rich==13.7.1"));
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env("requests==2.31.0")).commit("base");
      RevCommit head = repo.link("environment.yml", "../elsewhere/secret.yml").commit("a link");
      String line =
          CliRun.in(
                  tmp,
                  "review",
                  "--repo",
                  dir.toString(),
                  "--base",
                  base.name(),
                  "--head",
                  head.name())
              .rejected();
      assertThat(line).startsWith("pipgate: environment.yml: ").contains("symbolic link");
      // The checkout follows the link out of the repository: refused as well.
      String worktree =
          CliRun.in(
                  tmp,
                  "review",
                  "--repo",
                  dir.toString(),
                  "--base",
                  base.name(),
                  "--head",
                  "WORKTREE")
              .rejected();
      assertThat(worktree).startsWith("pipgate: environment.yml: ").contains("symbolic link");
    }
  }

  @Test
  void anEnvFileLinkedUnderAGlobIsRefusedNotSkipped() throws Exception {
    // conda follows the link; a review that skipped it would pass a hidden pip entry.
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit base = repo.write("environment.yml", env("requests==2.31.0")).commit("base");
      RevCommit head =
          repo.write("hidden.txt", env("torch==2.0.0"))
              .link("envs/gpu.yml", "../hidden.txt")
              .commit("a linked env file");
      String line =
          CliRun.in(
                  tmp,
                  "review",
                  "--repo",
                  dir.toString(),
                  "--base",
                  base.name(),
                  "--head",
                  head.name())
              .rejected();
      assertThat(line).startsWith("pipgate: envs/gpu.yml: ").contains("symbolic link");
    }
  }

  @Test
  void anUnknownRevision() throws Exception {
    Path dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("environment.yml", env("requests==2.31.0")).commit("base");
    }
    String line = CliRun.in(tmp, "review", "--repo", "repo", "--base", "no-such-branch").rejected();
    assertThat(line).contains("unknown revision 'no-such-branch'");
    assertThat(CliRun.in(tmp, "review", "--repo", "repo", "--head", "HEAD~5").rejected())
        .contains("HEAD~5");
  }

  @Test
  void notAGitRepository() throws IOException {
    write("plain/environment.yml", env("requests==2.31.0"));
    String line = CliRun.in(tmp, "review", "--repo", "plain", "--base", "HEAD").rejected();
    assertThat(line).contains("plain").contains("not a git repository");
    assertThat(CliRun.in(tmp, "review", "--repo", "missing").rejected())
        .contains("missing")
        .contains("no such directory");
  }

  @Test
  void unknownFlags() {
    for (String[] args :
        new String[][] {
          {"review", "--bogus"}, {"parse", "--nope", "x.yml"}, {"notes", "scaffold", "-q"}
        }) {
      String first = CliRun.in(tmp, args).rejected();
      assertThat(first)
          .startsWith("pipgate: ")
          .contains(
              args[args.length - 2].startsWith("-")
                  ? args[args.length - 2]
                  : args[args.length - 1]);
    }
  }

  @Test
  void anUnknownCommand() {
    CliRun run = CliRun.in(tmp, "revue");
    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("pipgate: ").contains("revue");
  }

  @Test
  void anUnknownFormat() throws IOException {
    String line = reviewHeadEnv(env("requests==2.31.0"), "--format", "bogus").rejected();
    assertThat(line).contains("--format").contains("bogus");
    write("env.yml", env("requests==2.31.0"));
    assertThat(CliRun.in(tmp, "parse", "env.yml", "--format", "yaml").rejected())
        .contains("--format")
        .contains("yaml");
  }

  @Test
  void everyConfigErrorAtOnceOnOneLine() throws IOException {
    write(
        "pipgate.yml",
        """
        fail-on: sometimes
        rules:
          no-such-rule: error
          unpinned-pip: loud
        colour: blue
        min-answer-length: -3
        allow:
          - package: torch
        """);
    String line = reviewHeadEnv(env("requests==2.31.0"), "--config", "pipgate.yml").rejected();
    assertThat(line)
        .startsWith("pipgate: pipgate.yml: 6 config errors: ")
        .contains("line 1: fail-on must be error, warning or never, not 'sometimes'")
        .contains("line 3: unknown rule 'no-such-rule'")
        .contains("line 4: rule 'unpinned-pip'")
        .contains("line 5: unknown key 'colour'")
        .contains("line 6: min-answer-length")
        .contains("line 8: allow entry for 'torch' needs a 'reason'");
  }

  @Test
  void configValuesThatOnlyFailLater() throws IOException {
    write("labels.yml", "labels:\n  why-not-conda: [Why pip, alternatives]\n");
    assertThat(reviewHeadEnv(env("requests==2.31.0"), "--config", "labels.yml").rejected())
        .startsWith("pipgate: labels.yml: 1 config error: line 2: ")
        .contains("alternatives");
    write("stars.yml", "labels:\n  alternatives: ['**']\n");
    assertThat(reviewDirs("--config", "stars.yml").rejected())
        .startsWith("pipgate: stars.yml: 1 config error: line 2: ");
    write("notes.yml", "notes-file: ''\n");
    assertThat(reviewDirs("--config", "notes.yml").rejected())
        .startsWith("pipgate: notes.yml: 1 config error: line 1: notes-file");
    assertThat(reviewDirs("--notes-file", " ").rejected()).contains("notes-file");
  }

  @Test
  void aConfigFileInTheRepositoryWithErrors() throws IOException {
    // The base's config governs the review, so its errors stop it.
    write("base/.github/pipgate.yml", "fail-on: [1, 2]\nnotes-file: {a: b}\n");
    write("head/.github/pipgate.yml", "fail-on: [1, 2]\nnotes-file: {a: b}\n");
    String line = reviewHeadEnv(env("requests==2.31.0")).rejected();
    assertThat(line).startsWith("pipgate: .github/pipgate.yml: 2 config errors: ");
  }

  @Test
  void aMissingConfigFile() throws IOException {
    String line = reviewHeadEnv(env("requests==2.31.0"), "--config", "nope.yml").rejected();
    assertThat(line).isEqualTo("pipgate: nope.yml: no such file");
    Files.createDirectories(tmp.resolve("conf.d"));
    assertThat(reviewDirs("--config", "conf.d").rejected())
        .isEqualTo("pipgate: conf.d: is a directory, not a file");
  }

  @Test
  void aMappingFileThatIsNotJson() throws IOException {
    write("mapping.json", "conda-forge: numpy -> numpy\n");
    String line =
        reviewHeadEnv(env("requests==2.31.0"), "--mapping-file", "mapping.json").rejected();
    assertThat(line).startsWith("pipgate: mapping.json");
    assertThat(
            CliRun.in(
                    tmp,
                    java.util.Map.of(ReviewOptions.MAPPING_ENV, "gone.json"),
                    "review",
                    "--base-dir",
                    "base",
                    "--head-dir",
                    "head")
                .rejected())
        .startsWith("pipgate: gone.json");
  }

  @Test
  void anOutputFileThatCannotBeWritten() throws IOException {
    write("blocker", "a file where a directory should be\n");
    Files.createDirectories(tmp.resolve("a-directory"));
    for (String output : new String[] {"blocker/report.json", "a-directory"}) {
      String line = reviewHeadEnv(env("requests==2.31.0"), "--output", output).rejected();
      assertThat(line).startsWith("pipgate: " + output + ": cannot write the report: ");
    }
  }

  @Test
  void aWrongFileGivenAsConfigListsTheKnownKeysOnce() throws IOException {
    StringBuilder status = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      status.append("Field").append(i).append(": ").append(i).append('\n');
    }
    write("status.txt", status.toString());
    String line = reviewHeadEnv(env("requests==2.31.0"), "--config", "status.txt").rejected();
    assertThat(line)
        .startsWith("pipgate: status.txt: 40 config errors: line 1: unknown key 'Field0'; ")
        .contains("line 40: unknown key 'Field39'")
        .endsWith(
            "(known keys: allow, core-packages, discovery, env-files, exclude, extends, fail-on,"
                + " labels, local-allow, locked, mapping-file, min-answer-length, notes-file,"
                + " placeholders, rules)");
    assertThat(line.split("known keys", -1)).hasSize(2);
  }

  @Test
  void parseRejectsWhatReviewRejects() throws IOException {
    write("dup.yml", "name: a\nname: b\n");
    assertThat(CliRun.in(tmp, "parse", "dup.yml").rejected()).startsWith("pipgate: dup.yml:2: ");
    assertThat(CliRun.in(tmp, "parse", "absent.yml").rejected()).startsWith("pipgate: absent.yml");
    Files.createDirectories(tmp.resolve("adir"));
    assertThat(CliRun.in(tmp, "parse", "adir").rejected())
        .isEqualTo("pipgate: adir: is a directory, not a file");
    assertThat(CliRun.in(tmp, "parse", "/").rejected())
        .isEqualTo("pipgate: /: is a directory, not a file");
    if (Files.exists(Path.of("/dev/null"))) {
      assertThat(CliRun.in(tmp, "parse", "/dev/null").rejected())
          .isEqualTo("pipgate: /dev/null: is not a regular file");
    }
  }

  @Test
  void scaffoldRejectsABinaryNotesFile() throws IOException {
    write("repo/environment.yml", env("requests==2.31.0"));
    byte[] binary = {'#', ' ', 'x', 0, '\n'};
    Path notes = write("repo/requirements-notes.md", binary);
    String line = CliRun.in(tmp, "notes", "scaffold", "--dir", "repo", "--all").rejected();
    assertThat(line).startsWith("pipgate: requirements-notes.md");
    assertThat(Files.readAllBytes(notes)).isEqualTo(binary);
  }
}
