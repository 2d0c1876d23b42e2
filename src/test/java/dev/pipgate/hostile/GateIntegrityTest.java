package dev.pipgate.hostile;

import static dev.pipgate.hostile.Texts.ENV;
import static dev.pipgate.hostile.Texts.NOTES;
import static dev.pipgate.hostile.Texts.env;
import static dev.pipgate.hostile.Texts.notes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.cli.Main;
import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request must not pass the gate by a trick. Each case is a real repository (JGit) with a
 * base and a head commit, reviewed end to end through {@link Main#run} in git mode.
 *
 * <pre>
 * trick                                          before (dir mode)               expected outcome
 * ---------------------------------------------  ------------------------------  -----------------------------------
 * section headed for the wrong package           golden wrong-package-section    unjustified-pip requests,
 *                                                                                stale-justification request
 * heading only in a code block / HTML comment    golden heading-in-code-block    unjustified-pip rich, tqdm
 * answers only in an HTML comment                golden answers-in-html-comment  incomplete-justification rich
 * entry behind -r nested twice                   golden: one level only          unjustified-pip torch at c.txt:2
 * -r to files added in the same change           -                               unjustified-pip torch at
 *                                                                                even-more.txt:1
 * -r https://... (pip downloads it)              -  (was NOT caught: fixed)      unjustified-pip, no package
 * -e . and a bare local path in the repository   -                               local-project note twice
 * -e ../sibling, /opt/src/pkg (outside it)       -                               unjustified-pip twice, no package
 * Sentence_Transformers, sentence.transformers   golden name-spelling (heading)  cuda-runtime-conflict and
 *   under a CUDA stack                                                           duplicate-entry sentence-transformers
 * NumPy, Tensorflow_Estimator, NVIDIA.cudnn_cu11 -                              pip-core-package x3
 * PyYAML over conda's pyyaml                     -                               pip-shadows-conda pyyaml
 * entry respelled and its section deleted        -                               unjustified-pip sentence-transformers
 * allow-list entry added at head (base config)   -                               unjustified-pip rich stays an error
 * notes deleted                                  golden notes-deleted            unjustified-pip rich (no longer
 *                                                                                justified)
 * notes renamed away                             -                               unjustified-pip requests and rich
 * entry moved into a -r file, section deleted    -                               unjustified-pip rich at extra.txt:1
 * head config: rules off, fail-on never,         golden config-head-cannot-      unjustified-pip rich, exit 1
 *   env-files and notes-file elsewhere             weaken (rule off, fail-on)
 * head config: no placeholders, no min length    -                               incomplete-justification rich
 * head config: empty core-packages               -                               pip-core-package numpy
 * head config: a label that makes "ok" count     -                               incomplete-justification rich
 * env file renamed to a name no glob matches     ReviewGitTest (rename alone)    exit 0: the file counts as deleted,
 *   while adding torch                                                           torch is never reviewed (see the
 *                                                                                test's comment)
 * env file linked under a glob path              cli.BadInputTest (git),         exit 2 (not repeated here)
 *                                                HostileInputTest (dir)
 * allow-list in a config the change adds where   -                               passes today: adoption reads the
 *   the base has none                                                            head's config (disabled test)
 * </pre>
 */
class GateIntegrityTest {
  private static final String REQUESTS = "requests==2.31.0";
  private static final String RICH = "rich==13.7.1";
  private static final String TQDM = "tqdm==4.66.4";
  private static final String TORCH = "torch==2.0.0";

  @TempDir Path tmp;

  /** Path → content; a null content deletes the file. */
  private static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }

  /** Commits {@code base}, then {@code head} on top, and reviews head against base as JSON. */
  private CliRun change(Map<String, String> base, Map<String, String> head) throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      RevCommit b = commit(repo, base, "base");
      RevCommit h = commit(repo, head, "the change");
      return CliRun.in(
          tmp,
          "review",
          "--repo",
          repo.dir.toString(),
          "--base",
          b.name(),
          "--head",
          h.name(),
          "--format",
          "json");
    }
  }

  private static RevCommit commit(TestRepo repo, Map<String, String> files, String message)
      throws Exception {
    for (Map.Entry<String, String> f : files.entrySet()) {
      if (f.getValue() == null) {
        Files.deleteIfExists(repo.dir.resolve(f.getKey()));
      } else {
        repo.write(f.getKey(), f.getValue());
      }
    }
    return repo.commit(message);
  }

  private static Map<String, String> justifiedBase(String... extraFiles) {
    Map<String, String> m = files(ENV, env(REQUESTS), NOTES, notes("requests"));
    m.putAll(files(extraFiles));
    return m;
  }

  private static JsonNode only(CliRun run, String rule) {
    return run.json().get("findings").findParents("rule").stream()
        .filter(f -> f.get("rule").asText().equals(rule))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + rule);
            })
        .orElseThrow();
  }

  // ---- the notes ----------------------------------------------------------------------------

  @Test
  void aSectionForTheWrongPackage() throws Exception {
    CliRun run =
        change(
            files(ENV, env(RICH), NOTES, notes("rich")),
            files(ENV, env(RICH, REQUESTS), NOTES, notes("rich", "request")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder("unjustified-pip requests", "stale-justification request");
  }

  @Test
  void aHeadingOnlyInACodeBlockOrAnHtmlComment() throws Exception {
    String hidden =
        notes("requests")
            + "\n```markdown"
            + Texts.section("rich")
            + "```\n\n<!--"
            + Texts.section("tqdm")
            + "-->\n";
    CliRun run = change(justifiedBase(), files(ENV, env(REQUESTS, RICH, TQDM), NOTES, hidden));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder("unjustified-pip rich", "unjustified-pip tqdm");
  }

  @Test
  void answersHiddenInAnHtmlComment() throws Exception {
    String hidden = notes("requests") + "\n## rich\n\n<!--" + Texts.section("x") + "-->\n";
    CliRun run = change(justifiedBase(), files(ENV, env(REQUESTS, RICH), NOTES, hidden));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("incomplete-justification rich");
    assertThat(only(run, "incomplete-justification").get("message").asText())
        .contains("missing: why not conda")
        .contains("alternatives considered");
  }

  @Test
  void notesDeleted() throws Exception {
    CliRun run =
        change(
            files(ENV, env(REQUESTS, RICH), NOTES, notes("requests", "rich")), files(NOTES, null));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder("unjustified-pip requests", "unjustified-pip rich");
    assertThat(run.json().get("findings"))
        .allSatisfy(f -> assertThat(f.get("message").asText()).contains("no longer justified"));
  }

  @Test
  void notesRenamedAway() throws Exception {
    CliRun run =
        change(
            files(ENV, env(REQUESTS, RICH), NOTES, notes("requests", "rich")),
            files(NOTES, null, "docs/" + NOTES, notes("requests", "rich")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder("unjustified-pip requests", "unjustified-pip rich");
  }

  // ---- pip entries out of sight ---------------------------------------------------------------

  @Test
  void anEntryBehindRequirementsFilesNestedTwice() throws Exception {
    CliRun run =
        change(
            files(
                ENV,
                env(REQUESTS, "-r a.txt"),
                "a.txt",
                "-r b/b.txt\n",
                "b/b.txt",
                "-r ../c.txt\n",
                "c.txt",
                TQDM + "\n",
                NOTES,
                notes("requests", "tqdm")),
            files("c.txt", TQDM + "\n" + TORCH + "\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip torch");
    JsonNode f = only(run, "unjustified-pip");
    assertThat(f.get("file").asText() + ":" + f.get("line").asInt()).isEqualTo("c.txt:2");
  }

  @Test
  void requirementsFilesAddedInTheSameChange() throws Exception {
    CliRun run =
        change(
            justifiedBase(),
            files(
                ENV,
                env(REQUESTS, "-r more.txt"),
                "more.txt",
                "-r even-more.txt\n",
                "even-more.txt",
                TORCH + "\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip torch");
    assertThat(only(run, "unjustified-pip").get("file").asText()).isEqualTo("even-more.txt");
  }

  @Test
  void aRequirementsFileOnAServerIsNotAWayAround() throws Exception {
    CliRun run =
        change(justifiedBase(), files(ENV, env(REQUESTS, "-r https://example.com/reqs.txt")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip");
    JsonNode f = only(run, "unjustified-pip");
    assertThat(f.get("line").asInt()).isEqualTo(9);
    assertThat(f.get("message").asText())
        .contains("-r https://example.com/reqs.txt")
        .contains("outside the repository");
  }

  @Test
  void localProjectsWithoutANameAreNamedNotHidden() throws Exception {
    // The repository's own code is reviewed in the change itself: a note each, on its line.
    CliRun run = change(justifiedBase(), files(ENV, env(REQUESTS, "-e .", "./vendor/pkg")));

    run.judged(Main.PASS);
    assertThat(run.findings()).containsExactly("local-project", "local-project");
    assertThat(run.json().get("findings"))
        .extracting(f -> f.get("line").asInt())
        .containsExactly(9, 10);
  }

  @Test
  void localProjectsOutsideTheRepositoryStillNeedAName() throws Exception {
    CliRun run =
        change(justifiedBase(), files(ENV, env(REQUESTS, "-e ../sibling", "/opt/src/pkg")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip", "unjustified-pip");
  }

  @Test
  void anEntryMovedIntoARequirementsFileWhileItsSectionIsDeleted() throws Exception {
    CliRun run =
        change(
            files(ENV, env(REQUESTS, RICH), NOTES, notes("requests", "rich")),
            files(
                ENV,
                env(REQUESTS, "-r extra.txt"),
                "extra.txt",
                RICH + "\n",
                NOTES,
                notes("requests")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip rich");
    JsonNode f = only(run, "unjustified-pip");
    assertThat(f.get("file").asText() + ":" + f.get("line").asInt()).isEqualTo("extra.txt:1");
  }

  // ---- the same package under another spelling ------------------------------------------------

  @Test
  void respelledCudaPackagesStillConflict() throws Exception {
    String base =
        """
        name: demo
        dependencies:
          - python=3.9
          - tensorflow=2.9
          - cudatoolkit=11.2
          - pip=22.3
          - pip:
              - requests==2.31.0
        """;
    CliRun run =
        change(
            files(ENV, base, NOTES, notes("requests")),
            files(
                ENV,
                base
                    + "      - Sentence_Transformers==2.2.2\n"
                    + "      - sentence.transformers==2.2.2\n",
                NOTES,
                notes("requests", "sentence-transformers")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "cuda-runtime-conflict sentence-transformers", "duplicate-entry sentence-transformers");
  }

  @Test
  void respelledCorePackagesAreStillCore() throws Exception {
    CliRun run =
        change(
            justifiedBase(),
            files(
                ENV,
                env(
                    REQUESTS,
                    "NumPy==1.23.5",
                    "Tensorflow_Estimator==2.9.0",
                    "NVIDIA.cudnn_cu11==8.6.0.163"),
                NOTES,
                notes("requests", "numpy", "tensorflow-estimator", "nvidia-cudnn-cu11")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "pip-core-package numpy",
            "pip-core-package tensorflow-estimator",
            "pip-core-package nvidia-cudnn-cu11");
  }

  @Test
  void respelledShadowOfACondaPackage() throws Exception {
    String base =
        """
        name: demo
        dependencies:
          - python=3.10
          - pyyaml=6.0
          - pip=23.3
          - pip:
              - requests==2.31.0
        """;
    CliRun run =
        change(
            files(ENV, base, NOTES, notes("requests")),
            files(ENV, base + "      - PyYAML==6.0.1\n", NOTES, notes("requests", "pyyaml")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("pip-shadows-conda pyyaml");
  }

  @Test
  void anEntryRespelledWhileItsSectionIsDeleted() throws Exception {
    CliRun run =
        change(
            files(
                ENV,
                env(REQUESTS, "sentence-transformers==2.2.2"),
                NOTES,
                notes("requests", "sentence-transformers")),
            files(ENV, env(REQUESTS, "Sentence_Transformers==2.2.2"), NOTES, notes("requests")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip sentence-transformers");
    assertThat(only(run, "unjustified-pip").get("message").asText())
        .contains("no longer justified");
  }

  @Test
  void aNewEntryInAnotherSpellingNeedsItsOwnSection() throws Exception {
    CliRun run = change(justifiedBase(), files(ENV, env(REQUESTS, "sentence.transformers==2.2.2")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip sentence-transformers");
  }

  // ---- the config at head --------------------------------------------------------------------

  private static final String BASE_CONFIG = ".github/pipgate.yml";

  @Test
  void anAllowEntryAddedAtHeadSilencesNothing() throws Exception {
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, RICH),
                BASE_CONFIG,
                "fail-on: error\nallow:\n  - package: rich\n    reason: trust me\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "unjustified-pip rich");
    JsonNode f = only(run, "unjustified-pip");
    assertThat(f.get("severity").asText()).isEqualTo("error");
    assertThat(f.get("message").asText()).doesNotContain("allowed");
  }

  @Test
  void rulesOffFailOnNeverAndFilesElsewhereAtHeadWeakenNothing() throws Exception {
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, RICH),
                BASE_CONFIG,
                """
                env-files: [nothing.yml]
                notes-file: other.md
                fail-on: never
                rules:
                  unjustified-pip: off
                """,
                "other.md",
                notes("requests", "rich")));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "unjustified-pip rich");
    assertThat(run.json().get("failOn").asText()).isEqualTo("error");
  }

  @Test
  void placeholderAndLengthSettingsAtHeadWeakenNothing() throws Exception {
    String todo =
        """

        ## rich

        - **Why not conda?** TODO
        - **conda-forge checked?** ?
        - **--no-deps tested?** no
        - **Alternatives considered?** -
        """;
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, RICH),
                NOTES,
                notes("requests") + todo,
                BASE_CONFIG,
                "placeholders: []\nmin-answer-length: 0\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "incomplete-justification rich");
  }

  @Test
  void fewerFilesUnderReviewAtHeadWeakenNothingAndAreNamed() throws Exception {
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, RICH),
                BASE_CONFIG,
                "discovery: globs\nexclude: [ml/]\nenv-files: [envs/*.yml]\n"
                    + "core-packages: [numpy]\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "unjustified-pip rich");
    assertThat(only(run, "config-change").get("message").asText())
        .contains("discovery set to globs: YAML files found by content are no longer reviewed")
        .contains("env-files globs removed: environment.yml, environment.yaml")
        .contains("paths excluded from review: ml/")
        .contains("core packages removed: tensorflow, tensorflow-base");
  }

  @Test
  void anEmptyCoreStackAtHeadWeakensNothing() throws Exception {
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, "numpy==1.23.5"),
                NOTES,
                notes("requests", "numpy"),
                BASE_CONFIG,
                "core-packages: []\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "pip-core-package numpy");
  }

  @Test
  void labelsChangedAtHeadWeakenNothing() throws Exception {
    CliRun run =
        change(
            justifiedBase(BASE_CONFIG, "fail-on: error\n"),
            files(
                ENV,
                env(REQUESTS, RICH),
                NOTES,
                notes("requests") + "\n## rich\n\nok: fine\n",
                BASE_CONFIG,
                "labels:\n  why-not-conda: [ok]\n  conda-forge-checked: [ok]\n"
                    + "  no-deps-tested: [ok]\n  alternatives: [ok]\n"));

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "incomplete-justification rich");
  }

  @Test
  void aConfigAddedByTheChangeCannotAllowItsOwnEntries() throws Exception {
    CliRun run =
        change(
            justifiedBase(),
            files(
                ENV,
                env(REQUESTS, RICH),
                BASE_CONFIG,
                "allow:\n  - package: rich\n    reason: trust me\n"));

    // The base has no config: the defaults govern, and the new file is only reported.
    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("config-change", "unjustified-pip rich");
  }

  // ---- env files leaving the review ----------------------------------------------------------

  @Test
  void anEnvFileRenamedToANameNoGlobMatchesStaysReviewed() throws Exception {
    CliRun run = change(justifiedBase(), files(ENV, null, "conda-gpu.yml", env(REQUESTS, TORCH)));

    // git sees the rename; the renamed file stays an env file, so torch, added in the same
    // change, is reviewed like any new entry, and requests (justified) is unchanged.
    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip torch");
    assertThat(run.json().get("pipChanges"))
        .extracting(c -> c.get("change").asText() + " " + c.get("package").asText())
        .containsExactly("added torch");
  }

  @Test
  void theSameRenameIsReviewedOnceAGlobNamesIt() throws Exception {
    CliRun run;
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      RevCommit b = commit(repo, justifiedBase(), "base");
      RevCommit h =
          commit(repo, files(ENV, null, "environment-gpu.yml", env(REQUESTS, TORCH)), "rename");
      run =
          CliRun.in(
              tmp,
              "review",
              "--repo",
              repo.dir.toString(),
              "--base",
              b.name(),
              "--head",
              h.name(),
              "--format",
              "json",
              "--env-file",
              "environment*.yml");
    }

    run.judged(Main.FINDINGS);
    assertThat(run.findings()).containsExactly("unjustified-pip torch");
  }
}
