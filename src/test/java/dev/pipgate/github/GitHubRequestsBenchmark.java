package dev.pipgate.github;

import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static dev.pipgate.github.ActionWorkspace.pullRequestEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipgate.NeedsTestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests per run and wall time of the action's publication, jar against jar on the same scenario
 * (bench/github.sh builds the jars and runs this): a pull request adds two unjustified pip packages
 * (first run), the same run again (re-run), then a push justifies one of them (fix). Each jar runs
 * as {@code java -jar pipgate.jar action} in its own process, with the runner's variables, against
 * {@link FakeGitHub} on the real clock, every request checked against GitHub's OpenAPI description.
 * Only with {@code -Dpipgate.bench.jars=NAME=JAR,NAME=JAR}; {@code -Dpipgate.bench.rounds=N}
 * (default 5) repeats the scenario for the medians.
 */
@NeedsTestData("github-api")
@EnabledIfSystemProperty(named = "pipgate.bench.jars", matches = ".+")
class GitHubRequestsBenchmark {
  private static final String TOKEN = "ghs_benchSecretToken0123456789ab";
  private static final List<String> STEPS = List.of("first run", "re-run", "fix");

  @TempDir Path tmp;

  record Step(int gets, int writes, long millis, Map<String, Integer> byRoute) {}

  @Test
  void requestsAndWallTimePerRun() throws Exception {
    Map<String, Path> jars = new LinkedHashMap<>();
    for (String pair : System.getProperty("pipgate.bench.jars").split(",")) {
      String[] p = pair.split("=", 2);
      jars.put(p[0], Path.of(p[1]));
    }
    int rounds = Integer.getInteger("pipgate.bench.rounds", 5);
    Map<String, List<List<Step>>> results = new LinkedHashMap<>();
    // Rounds alternate between the jars, so that a slower moment of the machine hits both.
    for (int round = 0; round < rounds + 1; round++) {
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        List<Step> steps = scenario(jar.getValue(), tmp.resolve(jar.getKey() + "-" + round));
        if (round > 0) { // round 0 warms the file cache and the JIT-less start alike
          results.computeIfAbsent(jar.getKey(), k -> new ArrayList<>()).add(steps);
        }
      }
    }
    StringBuilder table = new StringBuilder();
    table.append("| jar | run | GET | writes | requests | median wall ms |\n");
    table.append("|---|---|--:|--:|--:|--:|\n");
    Map<String, String> routes = new LinkedHashMap<>();
    for (Map.Entry<String, List<List<Step>>> e : results.entrySet()) {
      for (int i = 0; i < STEPS.size(); i++) {
        int step = i;
        List<Step> all = e.getValue().stream().map(s -> s.get(step)).toList();
        Step one = all.get(0);
        assertThat(all)
            .as("the same requests every round")
            .allMatch(s -> s.byRoute().equals(one.byRoute()));
        long median = all.stream().mapToLong(Step::millis).sorted().toArray()[all.size() / 2];
        table.append(
            String.format(
                "| %s | %s | %d | %d | %d | %d |%n",
                e.getKey(),
                STEPS.get(i),
                one.gets(),
                one.writes(),
                one.gets() + one.writes(),
                median));
        routes.put(e.getKey() + ", " + STEPS.get(i), one.byRoute().toString());
      }
    }
    table.append("\nRequests by route:\n\n");
    routes.forEach((k, v) -> table.append("- ").append(k).append(": ").append(v).append('\n'));
    System.out.println(table);
    Path out = Path.of(System.getProperty("pipgate.bench.out", "bench/.work/github/results.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
  }

  private List<Step> scenario(Path jar, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<Step> steps = new ArrayList<>();
    try (GitHubFixture gh = new GitHubFixture();
        ActionWorkspace ws = ActionWorkspace.init(Files.createDirectories(dir.resolve("ws")))) {
      RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
      ws.branch("feature");
      RevCommit head =
          ws.commit("add", Map.of(ENV, envFile("acme-widgets==1.2.0", "zeta-tools==0.4.1")));
      gh.github.pullRequestHead = head.name();
      String opened = pullRequestEvent(base.name(), head.name(), ActionWorkspace.FULL_NAME);
      steps.add(run(gh, ws, jar, dir, opened)); // the first run
      steps.add(run(gh, ws, jar, dir, opened)); // the same run again
      RevCommit fix = ws.commit("justify", Map.of(NOTES, notes("acme-widgets")));
      gh.github.pullRequestHead = fix.name();
      steps.add(
          run(
              gh,
              ws,
              jar,
              dir,
              pullRequestEvent(base.name(), fix.name(), ActionWorkspace.FULL_NAME)));
    }
    return steps;
  }

  private Step run(GitHubFixture gh, ActionWorkspace ws, Path jar, Path dir, String payload)
      throws Exception {
    gh.resetRequests();
    Path event = Files.writeString(dir.resolve("event.json"), payload);
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString(),
                "action")
            .directory(ws.dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_"));
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", event.toString());
    env.put("GITHUB_REPOSITORY", ActionWorkspace.FULL_NAME);
    env.put("GITHUB_API_URL", gh.apiUrl().toString());
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKSPACE", ws.dir.toString());
    env.put("GITHUB_OUTPUT", dir.resolve("output").toString());
    env.put("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
    env.put("INPUT_GITHUB-TOKEN", TOKEN);
    long start = System.nanoTime();
    Process p =
        pb.redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(Files.readString(dir.resolve("stderr"))).as("stderr of " + jar).isEmpty();
    int gets = 0;
    int writes = 0;
    Map<String, Integer> byRoute = new TreeMap<>();
    for (LoggedRequest r : gh.requests()) {
      String method = r.getMethod().getName();
      if (method.equals("GET")) {
        gets++;
      } else {
        writes++;
      }
      String route =
          method
              + " "
              + r.getUrl()
                  .replaceAll("\\?.*", "")
                  .replaceAll("/[0-9a-f]{40}", "/{sha}")
                  .replaceAll("/\\d+", "/{n}");
      byRoute.merge(route, 1, Integer::sum);
    }
    gh.assertValid();
    return new Step(gets, writes, millis, byRoute);
  }
}
