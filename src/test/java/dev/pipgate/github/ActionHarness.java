package dev.pipgate.github;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code pipgate action} through {@link Main#run} the way a workflow step does: the event
 * payload in a file, the runner's variables, GitHub played by a {@link GitHubFixture}, its waits on
 * the fixture's clock.
 */
final class ActionHarness implements AutoCloseable {
  static final String TOKEN = "ghs_hostileSecretToken5e1d7c9a";
  static final String REPOSITORY = ActionWorkspace.FULL_NAME;
  static final String PULLS = "/repos/" + REPOSITORY + "/pulls/" + FakeGitHub.PR;
  static final String ISSUE = "/repos/" + REPOSITORY + "/issues/" + FakeGitHub.PR;

  final Path tmp;
  final GitHubFixture gh;
  final ActionWorkspace ws;
  private int runs;

  /** Where the action sends its requests; the fixture's own address unless a test puts a proxy. */
  URI apiUrl;

  record Run(int exit, String out, String err) {
    List<String> warnings() {
      return out.lines().filter(l -> l.startsWith("::warning::")).toList();
    }
  }

  ActionHarness(Path tmp) throws Exception {
    this.tmp = tmp;
    this.gh = new GitHubFixture();
    this.apiUrl = gh.apiUrl();
    GitHubConnection.transport = (api, token) -> new GitHubConnection(api, token, gh.time, gh.time);
    this.ws = ActionWorkspace.init(Files.createDirectories(tmp.resolve("workspace")));
  }

  Run action(String eventName, String payload, Map<String, String> extra) throws IOException {
    int n = ++runs;
    Path event = tmp.resolve("event-" + n + ".json");
    Files.writeString(event, payload, StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", eventName);
    env.put("GITHUB_EVENT_PATH", event.toString());
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("GITHUB_API_URL", apiUrl.toString());
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKSPACE", ws.dir.toString());
    env.put("GITHUB_OUTPUT", tmp.resolve("output-" + n).toString());
    env.put("GITHUB_STEP_SUMMARY", tmp.resolve("summary-" + n + ".md").toString());
    env.put("INPUT_GITHUB-TOKEN", TOKEN);
    env.putAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(new String[] {"action"}, env, o, e, tmp.resolve("elsewhere"));
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** "METHOD path" of every write GitHub received, oldest first. */
  List<String> writeLines() {
    return gh.writes().stream().map(ActionHarness::line).toList();
  }

  static String line(LoggedRequest r) {
    return r.getMethod() + " " + URI.create(r.getUrl()).getRawPath();
  }

  @Override
  public void close() {
    GitHubConnection.transport = GitHubConnection.Transport.REAL;
    try {
      ws.close();
    } finally {
      gh.close();
    }
  }
}
