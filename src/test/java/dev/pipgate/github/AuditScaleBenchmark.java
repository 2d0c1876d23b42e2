package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.NeedsTestData;
import dev.pipgate.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipgate audit --org} over many repositories against the fake GitHub (WireMock), each with
 * an env file and a notes file: wall time and requests (bench/audit.sh runs it). Only with {@code
 * -Dpipgate.bench.audit.repos=N}.
 */
@NeedsTestData("github-api")
@EnabledIfSystemProperty(named = "pipgate.bench.audit.repos", matches = "\\d+")
class AuditScaleBenchmark {
  @TempDir Path tmp;

  @Test
  void auditsAnOrganisation() throws Exception {
    int n = Integer.getInteger("pipgate.bench.audit.repos");
    try (GitHubFixture gh = new GitHubFixture()) {
      GitHubConnection.transport =
          (api, token) -> new GitHubConnection(api, token, gh.time, gh.time);
      for (int i = 0; i < n; i++) {
        FakeGitHub.OrgRepo r = new FakeGitHub.OrgRepo();
        r.files.put("environment.yml", AuditOrganisationTest.ENV.replace("13.3.5", "13." + i));
        if (i % 2 == 0) {
          r.files.put("requirements-notes.md", AuditOrganisationTest.NOTES);
        }
        r.files.put("README.md", "# repo " + i + "\n");
        gh.github.orgRepos.put(String.format("octo-org/repo-%05d", i), r);
      }
      long start = System.nanoTime();
      CliRun run =
          CliRun.in(
              tmp,
              Map.of("GITHUB_TOKEN", "ghs_bench", "GITHUB_API_URL", gh.apiUrl().toString()),
              "audit",
              "--org",
              "octo-org",
              "--format",
              "json",
              "--output",
              "audit.json");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(run.code()).as(run.err()).isZero();
      int requests = gh.requests().size();
      String table =
          String.format(
              "| repositories | requests | per repository | wall time | per repository |%n"
                  + "|--:|--:|--:|--:|--:|%n"
                  + "| %d | %d | %.2f | %.1f s | %.1f ms |%n",
              n, requests, (double) requests / n, millis / 1000.0, (double) millis / n);
      System.out.println(table);
      Path out = Path.of(System.getProperty("pipgate.bench.out", "bench/.work/audit/results.md"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, table);
      assertThat(Files.size(tmp.resolve("audit.json"))).isPositive();
    } finally {
      GitHubConnection.transport = GitHubConnection.Transport.REAL;
    }
  }
}
