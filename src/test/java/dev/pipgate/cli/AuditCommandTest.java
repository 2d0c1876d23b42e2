package dev.pipgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipgate audit --repos} over real clones, its three forms, and {@code audit merge}. */
class AuditCommandTest {
  @TempDir Path tmp;

  static final String ENV =
      """
      name: ml
      dependencies:
        - python=3.9
        - pip
        - pip:
          - rich==13.3.5
          - jsonmerge==1.8.0
          - zeta-tools==0.4.1
          - torch==1.13.1
      """;

  static final String NOTES =
      """
      # Why these packages come from pip

      ## rich

      - **Why not conda?** The conda-forge build lags two releases behind.
      - **conda-forge checked?** Yes, on 2026-11-02: only 12.6 there.
      - **--no-deps tested?** Yes: it imports with --no-deps on the conda stack.
      - **Alternatives considered?** The standard library's logging; too plain.

      ## jsonmerge

      - **Why not conda?** Not packaged for conda at all.
      - **conda-forge checked?** N/A
      """;

  static final String CONFIG =
      """
      allow:
        - package: torch
          reason: the platform team's CPU build
          expires: 2099-12-31
      """;

  private Path repo(String name, String env, String notes, String config) throws Exception {
    Path dir = tmp.resolve(name);
    try (TestRepo r = TestRepo.init(dir)) {
      r.write("environment.yml", env);
      if (notes != null) {
        r.write("requirements-notes.md", notes);
      }
      if (config != null) {
        r.write(".github/pipgate.yml", config);
      }
      r.commit("env");
    }
    return dir;
  }

  private CliRun audit(String... args) {
    return CliRun.in(tmp, args);
  }

  @Test
  void everyStateWithTotalsAndARollUp() throws Exception {
    repo("ml", ENV, NOTES, CONFIG);
    repo("plain", "dependencies:\n  - pip:\n    - rich==13.3.5\n", null, null);

    CliRun run = audit("audit", "--repos", "ml", "plain", "--format", "json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.path("schema").asInt()).isEqualTo(1);
    assertThat(json.path("totals").toString())
        .isEqualTo(
            "{\"repositories\":2,\"audited\":2,\"justified\":1,\"incomplete\":1,\"missing\":2,\"allowed\":1}");
    JsonNode ml = json.path("repositories").get(0);
    assertThat(ml.path("name").asText()).isEqualTo("ml");
    assertThat(ml.path("revision").asText()).matches("[0-9a-f]{40}");
    List<String> states = new ArrayList<>();
    ml.path("entries")
        .forEach(
            e ->
                states.add(
                    e.path("line").asInt()
                        + " "
                        + e.path("package").asText()
                        + " "
                        + e.path("state").asText()
                        + " "
                        + e.path("detail").asText()));
    assertThat(states)
        .containsExactly(
            "6 rich justified ",
            "7 jsonmerge incomplete missing: conda-forge checked, --no-deps tested, Alternatives considered",
            "8 zeta-tools missing ",
            "9 torch allowed 2099-12-31");
    assertThat(json.path("repositories").get(1).path("totals").path("missing").asInt())
        .isEqualTo(1);
  }

  @Test
  void anExpiredAllowanceIsNotAllowed() throws Exception {
    repo("ml", ENV, NOTES, CONFIG.replace("2099-12-31", "2020-01-31"));
    JsonNode json = audit("audit", "--repos", "ml", "--format", "json").json();
    assertThat(json.path("totals").path("allowed").asInt()).isZero();
    assertThat(json.path("totals").path("missing").asInt()).isEqualTo(2);
  }

  @Test
  void badRepositoriesAreRowsWithAReasonAndNeverStopTheAudit() throws Exception {
    repo("good", ENV, NOTES, null);
    Files.createDirectories(tmp.resolve("notgit"));
    TestRepo.init(tmp.resolve("empty")).close();
    repo("broken", "dependencies: [\n", null, null);
    repo("badconfig", ENV, NOTES, "fail-on: sometimes\n");

    CliRun run =
        audit(
            "audit",
            "--repos",
            "good",
            "notgit",
            "empty",
            "broken",
            "badconfig",
            "gone",
            "--format",
            "json");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> reasons = new ArrayList<>();
    run.json()
        .path("repositories")
        .forEach(r -> reasons.add(r.path("name").asText() + ": " + r.path("reason").asText()));
    assertThat(reasons).hasSize(6);
    assertThat(reasons.get(0))
        .startsWith("badconfig: ")
        .contains(".github/pipgate.yml")
        .contains("fail-on");
    assertThat(reasons.get(1)).startsWith("broken: environment.yml");
    assertThat(reasons.get(2)).isEqualTo("empty: empty repository (no commits)");
    assertThat(reasons.get(3)).isEqualTo("gone: no such directory");
    assertThat(reasons.get(4)).isEqualTo("good: ");
    assertThat(reasons.get(5)).isEqualTo("notgit: not a git repository");
    // A ref that is not there is a reason too; an empty repository stays one whatever the ref.
    List<String> atRef = new ArrayList<>();
    audit("audit", "--repos", "good", "empty", "--ref", "no-such-branch", "--format", "json")
        .json()
        .path("repositories")
        .forEach(r -> atRef.add(r.path("name").asText() + ": " + r.path("reason").asText()));
    assertThat(atRef)
        .containsExactly(
            "empty: empty repository (no commits)", "good: unknown revision 'no-such-branch'");
  }

  @Test
  void markdownAndCsv() throws Exception {
    repo("ml", ENV, NOTES, CONFIG);
    Files.createDirectories(tmp.resolve("notgit"));

    String md = audit("audit", "--repos", "ml", "notgit").out();
    assertThat(md)
        .startsWith(
            "## pipgate audit\n\n2 repositories, 1 audited; pip entries: 1 justified, 1 incomplete, 1 missing, 1 allowed.")
        .contains("| `ml` | 1 | 1 | 1 | 1 |  |")
        .contains("| `notgit` |  |  |  |  | not audited: not a git repository |")
        .contains("- `environment.yml:8` `zeta-tools`: missing")
        .doesNotContain("`rich`: ");

    String csv = audit("audit", "--repos", "ml", "notgit", "--format", "csv").out();
    assertThat(csv.lines())
        .containsExactly(
            "repository,file,line,package,spec,state,detail,reason",
            // A cell that starts like a formula gets a quote first, so no spreadsheet runs it.
            "ml,environment.yml,6,rich,'==13.3.5,justified,,",
            "ml,environment.yml,7,jsonmerge,'==1.8.0,incomplete,\"missing: conda-forge checked, --no-deps tested, Alternatives considered\",",
            "ml,environment.yml,8,zeta-tools,'==0.4.1,missing,,",
            "ml,environment.yml,9,torch,'==1.13.1,allowed,2099-12-31,",
            "notgit,,,,,,,not a git repository");
  }

  @Test
  void shardsMergeToTheWholeAuditInAnyOrder() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = "repo-" + (char) ('a' + i);
      repo(name, i % 2 == 0 ? ENV : "dependencies:\n  - pip:\n    - rich==13.3.5\n", NOTES, null);
      names.add(name);
    }
    List<String> whole = new ArrayList<>(List.of("audit", "--repos"));
    whole.addAll(names);
    whole.addAll(List.of("--format", "json"));
    String all = audit(whole.toArray(String[]::new)).out();

    List<String> shards = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      List<String> args = new ArrayList<>(List.of("audit", "--repos"));
      args.addAll(names);
      String file = "shard-" + k + ".json";
      args.addAll(List.of("--shard", k + "/3", "--format", "json", "--output", file));
      assertThat(audit(args.toArray(String[]::new)).code()).isZero();
      shards.add(file);
    }
    assertThat(
            audit("audit", "merge", "--format", "json", shards.get(0)).json().path("repositories"))
        .as("a shard holds its share only")
        .hasSize(3);
    for (long seed = 0; seed < 4; seed++) {
      List<String> order = new ArrayList<>(shards);
      Collections.shuffle(order, new Random(seed));
      List<String> args = new ArrayList<>(List.of("audit", "merge", "--format", "json"));
      args.addAll(order);
      assertThat(audit(args.toArray(String[]::new)).out()).isEqualTo(all);
    }
    // A shard given twice is the same shard; two different versions of a repository are not.
    assertThat(audit("audit", "merge", "--format", "json", shards.get(0), shards.get(0)).code())
        .isZero();
    Path changed = tmp.resolve("changed.json");
    Files.writeString(
        changed,
        Files.readString(tmp.resolve(shards.get(0))).replace("\"justified\"", "\"missing\""),
        StandardCharsets.UTF_8);
    assertThat(audit("audit", "merge", shards.get(0), "changed.json").rejected())
        .contains("repository repo-a is also in changed.json, with other results")
        .contains("shard-1.json");
  }

  @Test
  void clonesAreNamedByTheirOriginElseByThePathGiven() throws Exception {
    for (String dir : List.of("a/repo", "b/repo", "c/ml", "d/ml")) {
      Path p = repo(dir, ENV, NOTES, null);
      if (dir.startsWith("c") || dir.startsWith("d")) {
        try (TestRepo r = TestRepo.open(p)) {
          var config = r.git.getRepository().getConfig();
          config.setString("remote", "origin", "url", "git@github.com:octo-org/ml.git");
          config.save();
        }
      }
    }
    List<String> names = new ArrayList<>();
    audit("audit", "--repos", "a/repo/", "b/repo", "c/ml", "d/ml", "--format", "json")
        .json()
        .path("repositories")
        .forEach(r -> names.add(r.path("name").asText()));
    // Two clones of one origin stay apart, each named also by where it is.
    assertThat(names)
        .containsExactly("a/repo", "b/repo", "octo-org/ml (c/ml)", "octo-org/ml (d/ml)");
    assertThat(AuditCommand.ownerAndName("https://github.com/octo-org/ml.git"))
        .contains("octo-org/ml");
    assertThat(AuditCommand.ownerAndName("https://ghe.example.com/octo-org/ml/"))
        .contains("octo-org/ml");
    assertThat(AuditCommand.ownerAndName("/srv/git")).isEmpty();
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    Files.writeString(tmp.resolve("not.json"), "{\"hello\": 1}");
    assertThat(audit("audit", "merge", "not.json").rejected())
        .contains("not.json")
        .contains("not a pipgate audit report");
    assertThat(audit("audit").rejected()).contains("give either --repos DIR... or --org NAME");
    assertThat(audit("audit", "--repos", "x", "--shard", "4/3").rejected())
        .contains("--shard must be K/N");
    assertThat(audit("audit", "--repos", "x", "--format", "xml").rejected())
        .contains("--format must be");
    assertThat(audit("audit", "--org", "octo-org").rejected()).contains("set GITHUB_TOKEN");
  }
}
