package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.NeedsTestData;
import dev.pipgate.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipgate audit --org} against the fake GitHub: read-only, no clone, and few requests per
 * repository: one tree, then a blob only for each file the review reads (env files, the notes, the
 * config), and a shared policy once for all the repositories that extend it.
 */
@NeedsTestData("github-api")
class AuditOrganisationTest {
  static final String ENV = "dependencies:\n  - pip\n  - pip:\n    - rich==13.3.5\n";
  static final String NOTES =
      """
      ## rich

      - **Why not conda?** The conda-forge build lags two releases behind.
      - **conda-forge checked?** Yes, on 2026-11-02: only 12.6 there.
      - **--no-deps tested?** Yes: it imports with --no-deps on the conda stack.
      - **Alternatives considered?** The standard library's logging; too plain.
      """;

  @TempDir Path tmp;
  GitHubFixture gh;

  @BeforeEach
  void start() {
    gh = new GitHubFixture();
    GitHubConnection.transport = (api, token) -> new GitHubConnection(api, token, gh.time, gh.time);
  }

  @AfterEach
  void stop() {
    GitHubConnection.transport = GitHubConnection.Transport.REAL;
    gh.close();
  }

  private CliRun audit(String... args) {
    List<String> all = new ArrayList<>(List.of("audit", "--org", "octo-org", "--format", "json"));
    all.addAll(List.of(args));
    return CliRun.in(
        tmp,
        Map.of("GITHUB_TOKEN", "ghs_installation0123", "GITHUB_API_URL", gh.apiUrl().toString()),
        all.toArray(String[]::new));
  }

  @Test
  void aHundredAndTwentyRepositoriesCostATreeEachAndBlobsOnlyForWhatIsRead() {
    for (int i = 0; i < 120; i++) {
      FakeGitHub.OrgRepo r = new FakeGitHub.OrgRepo();
      if (i % 3 != 2) {
        r.files.put("environment.yml", ENV);
      }
      if (i % 3 == 0) {
        r.files.put("requirements-notes.md", NOTES);
      }
      r.files.put("README.md", "# not read\n");
      r.files.put("src/model.py", "print('not read')\n");
      gh.github.orgRepos.put(String.format("octo-org/repo-%03d", i), r);
    }
    gh.github.orgRepos.get("octo-org/repo-005").archived = true;
    gh.github.orgRepos.get("octo-org/repo-006").empty = true;
    gh.github.orgRepos.get("octo-org/repo-007").forbidden = true;
    gh.github.orgRepos.put("other-org/elsewhere", new FakeGitHub.OrgRepo());

    CliRun run = audit();

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.path("totals").path("repositories").asInt()).isEqualTo(120);
    assertThat(json.path("totals").path("audited").asInt()).isEqualTo(117);
    assertThat(json.path("totals").path("justified").asInt()).isEqualTo(39);
    assertThat(json.path("totals").path("missing").asInt()).isEqualTo(40 - 1);
    List<String> reasons = new ArrayList<>();
    json.path("repositories")
        .forEach(
            r -> {
              if (!r.path("reason").asText().isEmpty()) {
                reasons.add(r.path("name").asText() + ": " + r.path("reason").asText());
              }
            });
    assertThat(reasons)
        .containsExactly(
            "octo-org/repo-005: archived",
            "octo-org/repo-006: empty repository",
            "octo-org/repo-007: no access: the token cannot read its contents");

    List<String> lines = gh.requests().stream().map(ActionHarness::line).toList();
    assertThat(lines).filteredOn(l -> l.startsWith("GET /installation/repositories")).hasSize(2);
    assertThat(lines).filteredOn(l -> l.contains("/git/trees/")).hasSize(119);
    // Each env file and each notes file once; README.md and the code are never fetched.
    long envs =
        gh.github.orgRepos.entrySet().stream()
            .filter(e -> e.getKey().startsWith("octo-org/"))
            .filter(
                e ->
                    !List.of("octo-org/repo-005", "octo-org/repo-006", "octo-org/repo-007")
                        .contains(e.getKey()))
            .mapToLong(
                e ->
                    e.getValue().files.keySet().stream()
                        .filter(f -> !f.equals("README.md") && !f.startsWith("src/"))
                        .count())
            .sum();
    assertThat(lines).filteredOn(l -> l.contains("/git/blobs/")).hasSize((int) envs);
    assertThat(lines).hasSize(2 + 119 + (int) envs);
    assertThat(run.err())
        .contains("pipgate: audit: " + lines.size() + " API requests for 120 repositories");
  }

  @Test
  void repositoriesThatExtendOnePolicyReadItOnce() {
    gh.github.policies.put("octo-org/policies/pipgate.yml@v1", "rules:\n  unpinned-pip: error\n");
    for (int i = 0; i < 3; i++) {
      FakeGitHub.OrgRepo r = new FakeGitHub.OrgRepo();
      r.files.put("environment.yml", ENV);
      r.files.put(".github/pipgate.yml", "extends: octo-org/policies/pipgate.yml@v1\n");
      gh.github.orgRepos.put("octo-org/r" + i, r);
    }

    CliRun run = audit();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(gh.requests().stream().map(ActionHarness::line))
        .filteredOn(l -> l.contains("/octo-org/policies"))
        .containsExactly(
            "GET /repos/octo-org/policies", "GET /repos/octo-org/policies/contents/pipgate.yml");
  }

  @Test
  void shardsSplitTheOrganisationByName() {
    for (int i = 0; i < 10; i++) {
      gh.github.orgRepos.put("octo-org/r" + i, new FakeGitHub.OrgRepo());
    }
    List<String> seen = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      audit("--shard", k + "/3")
          .json()
          .path("repositories")
          .forEach(r -> seen.add(r.path("name").asText()));
    }
    assertThat(seen).hasSize(10).doesNotHaveDuplicates();
  }
}
