package dev.pipgate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static dev.pipgate.github.ActionWorkspace.pullRequestEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pipgate action} from the outside: a real repository in {@code GITHUB_WORKSPACE}, an event
 * payload file with its real commits, the workflow's environment variables, and GitHub played by
 * {@link FakeGitHub} on 127.0.0.1, which checks every request against GitHub's OpenAPI description.
 */
@NeedsTestData("github-api")
class ActionEndToEndTest {
  static final String TOKEN = "ghs_e2eSecretToken16fc0a9d3b7e";
  static final String REPOSITORY = ActionWorkspace.FULL_NAME;
  static final String PULLS = "/repos/" + REPOSITORY + "/pulls/" + FakeGitHub.PR;

  @TempDir Path tmp;
  GitHubFixture gh;
  ActionWorkspace ws;
  private int runs;

  @BeforeEach
  void start() throws Exception {
    gh = new GitHubFixture();
    // Waits move the fixture's clock instead of sleeping (the fixture is read when a run connects).
    GitHubConnection.transport = (api, token) -> new GitHubConnection(api, token, gh.time, gh.time);
    ws = ActionWorkspace.init(Files.createDirectories(tmp.resolve("workspace")));
  }

  @AfterEach
  void stop() {
    GitHubConnection.transport = GitHubConnection.Transport.REAL;
    try {
      ws.close();
    } finally {
      gh.close();
    }
  }

  // ---- running the action -----------------------------------------------------------------

  /** One run of the action step: exit code, log, and the files the runner reads afterwards. */
  record ActionRun(int exit, String out, String err, String outputs, String stepSummary) {
    List<String> warnings() {
      return out.lines().filter(l -> l.startsWith("::warning::")).toList();
    }

    List<String> annotations() {
      return out.lines().filter(l -> l.matches("::(error|warning|notice) file=.*")).toList();
    }

    /** GITHUB_OUTPUT read the way the runner reads it ({@code name<<DELIMITER} blocks). */
    Map<String, String> outputMap() {
      Map<String, String> map = new LinkedHashMap<>();
      List<String> lines = outputs.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String[] head = lines.get(i).split("<<", 2);
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        for (; !lines.get(j).equals(head[1]); j++) {
          value.append(value.length() == 0 ? "" : "\n").append(lines.get(j));
        }
        map.put(head[0], value.toString());
        i = j;
      }
      return map;
    }
  }

  /** The step's environment for {@code event}; {@code extra} adds or (with null) removes. */
  Map<String, String> environment(String eventName, String payload, Map<String, String> extra)
      throws IOException {
    int n = ++runs;
    Path event = tmp.resolve("event-" + n + ".json");
    Files.writeString(event, payload, StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", eventName);
    env.put("GITHUB_EVENT_PATH", event.toString());
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("GITHUB_API_URL", gh.apiUrl().toString());
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKSPACE", ws.dir.toString());
    env.put("GITHUB_OUTPUT", tmp.resolve("output-" + n).toString());
    env.put("GITHUB_STEP_SUMMARY", tmp.resolve("summary-" + n + ".md").toString());
    env.put("INPUT_GITHUB-TOKEN", TOKEN);
    extra.forEach(
        (k, v) -> {
          if (v == null) {
            env.remove(k);
          } else {
            env.put(k, v);
          }
        });
    return env;
  }

  ActionRun action(String eventName, String payload, Map<String, String> extra) throws IOException {
    return action(environment(eventName, payload, extra));
  }

  ActionRun action(Map<String, String> env) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit =
          Main.run(new String[] {"action"}, env, o, e, tmp.resolve("elsewhere").toAbsolutePath());
    }
    ActionRun run =
        new ActionRun(
            exit,
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8),
            read(env.get("GITHUB_OUTPUT")),
            read(env.get("GITHUB_STEP_SUMMARY")));
    assertTokenNeverShown(run, env);
    return run;
  }

  /** The token may appear once, in the {@code ::add-mask::} line, and nowhere else. */
  private void assertTokenNeverShown(ActionRun run, Map<String, String> env) throws IOException {
    String token = env.get("INPUT_GITHUB-TOKEN");
    if (token == null || token.isEmpty()) {
      assertThat(run.out()).doesNotContain("::add-mask::").doesNotContain(TOKEN);
      return;
    }
    assertThat(run.out().lines().findFirst()).as("masked first").hasValue("::add-mask::" + token);
    assertThat(run.out().replace("::add-mask::" + token, "")).doesNotContain(token);
    assertThat(run.err()).doesNotContain(token);
    assertThat(run.outputs()).doesNotContain(token);
    assertThat(run.stepSummary()).doesNotContain(token);
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.toString().contains(".git")) {
          assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
              .as("%s", f)
              .doesNotContain(token);
        }
      }
    }
    for (LoggedRequest r : gh.requests()) {
      assertThat(r.getUrl()).doesNotContain(token);
      assertThat(r.getBodyAsString()).doesNotContain(token);
    }
  }

  private static String read(String file) throws IOException {
    if (file == null) {
      return "";
    }
    Path p = Path.of(file);
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  private List<String> writeLines() {
    return gh.writes().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
  }

  private static JsonNode body(LoggedRequest r) {
    try {
      return FakeGitHub.JSON.readTree(r.getBodyAsString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String summaryBody(FakeGitHub github) {
    assertThat(github.summaries()).hasSize(1);
    return github.summaries().get(0).path("body").asText();
  }

  private static ObjectNode onlyCheckRun(FakeGitHub github, String sha) {
    List<ObjectNode> runs =
        github.checkRuns.stream().filter(r -> r.path("head_sha").asText().equals(sha)).toList();
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  // ---- the change most scenarios review ---------------------------------------------------

  static final String WIDGETS = "acme-widgets==1.2.0";
  static final String ZETA = "zeta-tools==0.4.1";

  /** main: an env file without pip packages; feature: two new pip packages, no notes for them. */
  record Change(RevCommit base, RevCommit head) {}

  Change twoUnjustified() throws Exception {
    RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    ws.branch("feature");
    RevCommit head = ws.commit("add two pip packages", Map.of(ENV, envFile(WIDGETS, ZETA)));
    return new Change(base, head);
  }

  String prEvent(Change c) {
    return pullRequestEvent(c.base().name(), c.head().name(), REPOSITORY);
  }

  // ---- scenarios --------------------------------------------------------------------------

  @Test
  void firstRunReviewsThenARerunWritesNothingThenTheFixCleansUp() throws Exception {
    Change c = twoUnjustified();

    ActionRun first = action("pull_request", prEvent(c), Map.of());

    assertThat(first.exit()).as(first.err()).isEqualTo(Main.FINDINGS);
    assertThat(first.err()).isEmpty();
    assertThat(writeLines())
        .containsExactly(
            "POST " + PULLS + "/reviews",
            "POST /repos/" + REPOSITORY + "/issues/7/comments",
            "POST /repos/" + REPOSITORY + "/check-runs");
    JsonNode review = body(gh.writes().get(0));
    assertThat(review.path("commit_id").asText()).isEqualTo(c.head().name());
    assertThat(review.path("event").asText()).isEqualTo("COMMENT");
    assertThat(review.path("comments"))
        .extracting(n -> n.path("path").asText() + ":" + n.path("line").asInt())
        .containsExactly(ENV + ":8", ENV + ":9");
    assertThat(review.path("comments").get(0).path("body").asText())
        .contains("unjustified-pip")
        .contains("acme-widgets");
    assertThat(summaryBody(gh.github)).contains("acme-widgets").contains("zeta-tools");
    ObjectNode check = onlyCheckRun(gh.github, c.head().name());
    assertThat(check.path("conclusion").asText()).isEqualTo("failure");
    assertThat(gh.github.annotations.get(check.path("id").asLong()))
        .extracting(a -> a.path("start_line").asInt() + " " + a.path("annotation_level").asText())
        .containsExactlyInAnyOrder("8 failure", "9 failure");
    // What the job shows whatever GitHub allows: annotations, job summary, outputs, report files.
    assertThat(first.annotations())
        .containsExactly(
            "::error file=environment.yml,line=8,title=pipgate unjustified-pip::"
                + "new pip package 'acme-widgets' is not justified: requirements-notes.md has"
                + " no section for it",
            "::error file=environment.yml,line=9,title=pipgate unjustified-pip::"
                + "new pip package 'zeta-tools' is not justified: requirements-notes.md has no"
                + " section for it");
    assertThat(first.warnings()).isEmpty();
    // Neither package has a section yet: the link goes to the notes file, where it is to be
    // written.
    String notesLink =
        "[❌ no section](https://github.com/"
            + REPOSITORY
            + "/blob/"
            + c.head().name()
            + "/"
            + NOTES
            + ")";
    assertThat(first.stepSummary())
        .contains("acme-widgets")
        .contains("zeta-tools")
        .as("links work from the run's page")
        .contains(notesLink)
        .doesNotContain("](" + NOTES);
    assertThat(check.path("output").path("text").asText())
        .contains(notesLink)
        .doesNotContain("](" + NOTES);
    assertThat(first.outputMap())
        .containsExactly(
            Map.entry("verdict", "fail"),
            Map.entry("blocking-count", "2"),
            Map.entry("unjustified", "acme-widgets,zeta-tools"),
            Map.entry("report-json", "pipgate-report.json"),
            Map.entry("sarif-file", ""));
    assertThat(gh.time.sleeps)
        .as("a second between writes")
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    JsonNode report = FakeGitHub.JSON.readTree(ws.dir.resolve("pipgate-report.json").toFile());
    assertThat(report.toString()).contains("acme-widgets");
    gh.resetRequests();

    ActionRun again = action("pull_request", prEvent(c), Map.of());

    assertThat(again.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.writes()).as("an identical re-run writes nothing").isEmpty();
    assertThat(again.warnings()).isEmpty();
    gh.resetRequests();

    // A person answers the comment on zeta-tools; then the author justifies both packages.
    long widgetsComment = commentOnLine(9 - 1).path("id").asLong();
    ObjectNode zetaComment = commentOnLine(9);
    gh.github.addReviewComment(
        gh.github.user("alice", "User"),
        ENV,
        9,
        "We need it for the exporter, notes coming.",
        zetaComment.path("id").asLong());
    RevCommit fixed = ws.commit("justify both", Map.of(NOTES, notes("acme-widgets", "zeta-tools")));

    ActionRun fix =
        action(
            "pull_request", pullRequestEvent(c.base().name(), fixed.name(), REPOSITORY), Map.of());

    assertThat(fix.exit()).as(fix.out() + fix.err()).isEqualTo(Main.PASS);
    assertThat(writeLines())
        .containsExactlyInAnyOrder(
            "DELETE /repos/" + REPOSITORY + "/pulls/comments/" + widgetsComment,
            "POST " + PULLS + "/comments/" + zetaComment.path("id").asLong() + "/replies",
            "PATCH /repos/"
                + REPOSITORY
                + "/issues/comments/"
                + gh.github.summaries().get(0).path("id").asLong(),
            "POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .extracting(x -> x.path("body").asText())
        .anyMatch(b -> b.startsWith("Resolved in " + fixed.name()));
    assertThat(onlyCheckRun(gh.github, fixed.name()).path("conclusion").asText())
        .isEqualTo("success");
    assertThat(summaryBody(gh.github)).contains("pipgate: pass").contains("justified");
    assertThat(fix.outputMap()).containsEntry("verdict", "pass").containsEntry("unjustified", "");
  }

  private ObjectNode commentOnLine(int line) {
    return gh.github.reviewCommentsBy("pipgate-bot").stream()
        .filter(x -> x.path("line").asInt() == line)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void readOnlyTokenOnAForkDegradesWithOneWarning() throws Exception {
    Change c = twoUnjustified();
    gh.github.readOnly = true;

    ActionRun run =
        action(
            "pull_request",
            pullRequestEvent(c.base().name(), c.head().name(), "mallory/env-repo"),
            Map.of());

    assertThat(run.exit()).as("the exit code still carries the verdict").isEqualTo(Main.FINDINGS);
    assertThat(run.err()).isEmpty();
    assertThat(run.warnings())
        .singleElement()
        .asString()
        .contains("read-only")
        .contains("workflow_run")
        .contains("job summary");
    assertThat(run.annotations()).hasSize(2);
    assertThat(run.stepSummary()).contains("acme-widgets").contains("zeta-tools");
    assertThat(run.outputMap()).containsEntry("verdict", "fail");
    assertThat(gh.github.reviews).isEmpty();
    assertThat(gh.github.issueComments).isEmpty();
    assertThat(gh.github.checkRuns).isEmpty();
    assertThat(gh.github.statuses).isEmpty();
  }

  @Test
  void lineGitHubRefusesMovesToTheSummaryAndTheRestPost() throws Exception {
    Change c = twoUnjustified();
    // GitHub's diff places only line 8 (say, the base moved); a comment on line 9 gets a 422.
    gh.github.diffLines.add(ENV + ":8");

    ActionRun run = action("pull_request", prEvent(c), Map.of());

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .extracting(x -> x.path("line").asInt())
        .containsExactly(8);
    String summary = summaryBody(gh.github);
    assertThat(summary).contains(SummaryText.MOVED_HEADING);
    assertThat(summary.substring(summary.indexOf(SummaryText.MOVED_HEADING)))
        .contains("environment.yml:9")
        .contains("zeta")
        .doesNotContain("acme");
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
    gh.resetRequests();

    action("pull_request", prEvent(c), Map.of());

    assertThat(gh.writes()).as("the refusal is remembered for this head").isEmpty();
  }

  @Test
  void badGatewayIsRetriedThenSucceeds() throws Exception {
    Change c = twoUnjustified();
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/" + REPOSITORY + "/check-runs"))
            .atPriority(1)
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("recovered")
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Server Error\"}")));

    ActionRun run = action("pull_request", prEvent(c), Map.of("INPUT_COMMENT-MODE", "off"));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.warnings()).isEmpty();
    assertThat(writeLines())
        .containsExactly(
            "POST /repos/" + REPOSITORY + "/check-runs",
            "POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
    assertThat(gh.time.retryWaits()).containsExactly(PolicyConnector.FIRST_BACKOFF);
  }

  @Test
  void secondaryRateLimitWaitsAsToldThenSucceeds() throws Exception {
    Change c = twoUnjustified();
    gh.server.stubFor(
        post(urlPathEqualTo("/repos/" + REPOSITORY + "/issues/7/comments"))
            .atPriority(1)
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("free")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "8")
                    .withBody(
                        "{\"message\":\"You have exceeded a secondary rate limit. Please wait a"
                            + " few minutes before you try again.\"}")));
    ActionRun run =
        action(
            "pull_request",
            prEvent(c),
            Map.of("INPUT_COMMENT-MODE", "summary", "INPUT_CHECK-RUN", "false"));

    assertThat(gh.time.retryWaits()).containsExactly(Duration.ofSeconds(8));
    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.warnings()).isEmpty();
    assertThat(writeLines()).hasSize(2).allMatch(l -> l.endsWith("/issues/7/comments"));
    assertThat(summaryBody(gh.github)).contains("acme-widgets");
  }

  @Test
  void hundredFiftyFindingsAreCutToFitAndAnnotationsBatched() throws Exception {
    String[] lines = new String[150];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "pkg-%03d-%send==1.0".formatted(i, "long-name-".repeat(14));
    }
    RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    ws.branch("feature");
    RevCommit head = ws.commit("many", Map.of(ENV, envFile(lines)));

    ActionRun run =
        action("pull_request", pullRequestEvent(base.name(), head.name(), REPOSITORY), Map.of());

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.annotations()).hasSize(150).allMatch(a -> a.startsWith("::error "));
    assertThat(run.outputMap()).containsEntry("blocking-count", "150");
    assertThat(run.stepSummary()).contains("pkg-000-").contains("pkg-149-");
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .hasSize(GitHubPublisher.MAX_INLINE_COMMENTS_PER_REVIEW);
    String summary = summaryBody(gh.github);
    assertThat(summary.length()).isLessThanOrEqualTo(GitHubPublisher.MAX_COMMENT_BODY);
    assertThat(summary).containsPattern("_\\d+ more findings are only in the job summary");
    ObjectNode check = onlyCheckRun(gh.github, head.name());
    assertThat(gh.github.annotations.get(check.path("id").asLong())).hasSize(150);
    assertThat(writeLines())
        .filteredOn(l -> l.contains("/check-runs"))
        .containsExactly(
            "POST /repos/" + REPOSITORY + "/check-runs",
            "PATCH /repos/" + REPOSITORY + "/check-runs/" + check.path("id").asLong(),
            "PATCH /repos/" + REPOSITORY + "/check-runs/" + check.path("id").asLong());
    for (LoggedRequest r : gh.writes()) {
      if (r.getUrl().contains("/check-runs")) {
        JsonNode out = body(r).path("output");
        assertThat(out.path("annotations").size()).isEqualTo(50);
        assertThat(out.path("summary").asText().length())
            .isLessThanOrEqualTo(GitHubPublisher.MAX_CHECK_OUTPUT);
        assertThat(out.path("text").asText("").length())
            .isLessThanOrEqualTo(GitHubPublisher.MAX_CHECK_OUTPUT);
      }
    }
  }

  @Test
  void worksAgainstGitHubEnterpriseServer() throws Exception {
    gh.close();
    gh = new GitHubFixture("/api/v3");
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "pull_request", prEvent(c), Map.of("GITHUB_SERVER_URL", "https://ghes.example.com/"));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.requests()).isNotEmpty().allMatch(r -> r.getUrl().startsWith("/api/v3/"));
    assertThat(gh.github.reviews).hasSize(1);
    assertThat(summaryBody(gh.github))
        .contains(
            "https://ghes.example.com/"
                + REPOSITORY
                + "/blob/"
                + c.head().name()
                + "/requirements-notes.md");
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
  }

  static final String EVIL =
      "@octocat <img src=x onerror=alert(1)> <!-- pipgate:summary --> ``` | a | b |";

  @Test
  void hostilePackageLinesAndNotesCannotMentionInjectOrForgeMarkers() throws Exception {
    RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    ws.branch("feature");
    String hostileNotes =
        notes("acme-widgets") + "\n## zeta-tools\n\n- **Why not conda?** TODO " + EVIL + "\n";
    RevCommit head =
        ws.commit(
            "hostile",
            Map.of(
                ENV,
                envFile(WIDGETS, ZETA, "'" + EVIL.replace("'", "''") + "'"),
                NOTES,
                hostileNotes));

    ActionRun run =
        action("pull_request", pullRequestEvent(base.name(), head.name(), REPOSITORY), Map.of());

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    List<String> comments =
        gh.github.reviewCommentsBy("pipgate-bot").stream()
            .map(x -> x.path("body").asText())
            .toList();
    assertThat(comments).hasSize(2).anyMatch(b -> b.contains("octocat"));
    for (String comment : comments) {
      assertSafeMarkdown(comment);
      assertThat(Markers.fingerprintOf(comment)).isPresent();
    }
    // The same findings as summary entries, where tables and lists hold them.
    gh.resetRequests();
    action(
        "pull_request",
        pullRequestEvent(base.name(), head.name(), REPOSITORY),
        Map.of("INPUT_COMMENT-MODE", "summary"));
    String summary = summaryBody(gh.github);
    assertThat(summary).contains("octocat");
    assertThat(summary.lines().limit(2)).allMatch(l -> l.startsWith("<!-- pipgate:"));
    assertSafeMarkdown(summary.lines().skip(2).collect(Collectors.joining("\n")));
    JsonNode output = onlyCheckRun(gh.github, head.name()).path("output");
    assertSafeMarkdown(output.path("summary").asText());
    assertSafeMarkdown(output.path("text").asText());
    assertThat(output.path("text").asText()).contains("octocat");
    assertSafeMarkdown(run.stepSummary());
    assertThat(run.annotations())
        .as("a workflow command cannot be broken out of either")
        .allMatch(a -> a.startsWith("::error file="));
  }

  /**
   * Markdown as GitHub renders it: no mention of the hostile user, no raw HTML, no HTML comment (so
   * no forged marker) other than pipgate's own last-line fingerprint (of a comment, or of a check
   * run's annotations), no code block, and every table row with the table's five cells.
   */
  private static void assertSafeMarkdown(String markdown) {
    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    String withoutFingerprint =
        markdown
            .replaceAll("\n<!-- pipgate:fingerprint=[0-9a-f]{32} -->$", "")
            .replaceAll("\n\n<!-- pipgate:annotations:[0-9a-f]{16} -->$", "");
    String html =
        HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .build()
            .render(parser.parse(withoutFingerprint));
    assertThat(withoutFingerprint).doesNotContain("<!--");
    assertThat(html).doesNotContain("<img").doesNotContain("<!--").doesNotContain("<script");
    assertThat(html.split("<pre>", -1)).hasSize(1);
    assertThat(html.replaceAll("(?s)<code>.*?</code>", "")).doesNotContain("@octocat");
    for (String row : html.split("<tr>")) {
      if (row.contains("</tr>")) {
        String cells = row.substring(0, row.indexOf("</tr>"));
        assertThat(cells.split("<t[dh][ >]", -1)).as(row).hasSize(6);
      }
    }
  }

  // ---- events without a pull request ------------------------------------------------------

  @Test
  void mergeGroupWritesOnlyTheCheckRunAndExitsWithTheVerdict() throws Exception {
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "merge_group",
            ActionWorkspace.mergeGroupEvent(c.base().name(), c.head().name()),
            Map.of());

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.requests())
        .noneMatch(r -> r.getUrl().contains("/pulls") || r.getUrl().contains("/issues"));
    assertThat(writeLines()).containsExactly("POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
    assertThat(run.outputMap()).containsEntry("unjustified", "acme-widgets,zeta-tools");
  }

  @Test
  void pushIsReviewedAgainstBefore() throws Exception {
    ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    // Already on the branch before this push: not this push's business.
    RevCommit before = ws.commit("earlier", Map.of(ENV, envFile(WIDGETS)));
    RevCommit after = ws.commit("this push", Map.of(ENV, envFile(WIDGETS, ZETA)));

    ActionRun run =
        action(
            "push",
            ActionWorkspace.pushEvent(before.name(), after.name(), "refs/heads/main"),
            Map.of("GITHUB_SHA", after.name()));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.outputMap()).containsEntry("unjustified", "zeta-tools");
    assertThat(writeLines()).containsExactly("POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(gh.requests()).noneMatch(r -> r.getUrl().contains("/pulls"));
  }

  @Test
  void pushCreatingABranchIsReviewedAgainstTheDefaultBranch() throws Exception {
    twoUnjustified();
    RevCommit more = ws.commit("more", Map.of(NOTES, notes("acme-widgets")));

    ActionRun run =
        action(
            "push",
            ActionWorkspace.pushEvent(EventPayload.ZERO_SHA, more.name(), "refs/heads/feature"),
            Map.of("GITHUB_SHA", more.name()));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.outputMap())
        .as("both commits of the new branch, against main")
        .containsEntry("unjustified", "zeta-tools")
        .containsEntry("blocking-count", "1");
    assertThat(onlyCheckRun(gh.github, more.name()).path("conclusion").asText())
        .isEqualTo("failure");
  }

  @Test
  void workflowDispatchReviewsTheRunsCommitAgainstTheDefaultBranch() throws Exception {
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "workflow_dispatch",
            ActionWorkspace.dispatchEvent("refs/heads/feature"),
            Map.of("GITHUB_SHA", c.head().name()));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.outputMap()).containsEntry("blocking-count", "2");
    assertThat(writeLines()).containsExactly("POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
  }

  // ---- refusals: one line, exit 2, nothing sent -------------------------------------------

  private void assertRefusedWithoutRequests(ActionRun run, String... parts) {
    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("pipgate: ")
        .contains(parts);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(gh.requests()).as("never a half-posted review").isEmpty();
  }

  @Test
  void unsupportedEventIsRefusedInOneLine() throws Exception {
    Change c = twoUnjustified();

    ActionRun run = action("issue_comment", prEvent(c), Map.of());

    assertRefusedWithoutRequests(run, "issue_comment", "pull_request");
    assertThat(run.stepSummary()).isEmpty();
    assertThat(run.outputs()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "not json {",
        "[1, 2]",
        "{\"pull_request\": {\"number\": 7}}",
        "{\"number\": 7, \"pull_request\": {\"number\": \"7\", \"head\": {}, \"base\": {}}}",
        "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"HEAD\"},"
            + " \"base\": {\"sha\": \"main\", \"ref\": \"main\"}}}",
      })
  void brokenEventPayloadIsRefusedInOneLineWithoutRequests(String payload) throws Exception {
    twoUnjustified();

    ActionRun run = action("pull_request", payload, Map.of());

    assertRefusedWithoutRequests(run, "event");
    assertThat(run.stepSummary()).isEmpty();
  }

  @Test
  void eventNamingACommitTheCheckoutLacksIsRefusedWithoutRequests() throws Exception {
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "pull_request",
            pullRequestEvent(c.base().name(), "ab".repeat(20), REPOSITORY),
            Map.of());

    assertRefusedWithoutRequests(run, "abababababab");
  }

  @Test
  void badInputsAreListedTogetherInOneLine() throws Exception {
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "pull_request",
            prEvent(c),
            Map.of(
                "INPUT_MODE", "sometimes",
                "INPUT_FAIL-ON", "critical",
                "INPUT_CHECK-RUN", "yes",
                "INPUT_COMMENT-MODE", "loud",
                "INPUT_SARIF-FILE", "../outside.sarif",
                "INPUT_COLOUR", "red"));

    assertRefusedWithoutRequests(
        run,
        "6 input errors",
        "mode",
        "fail-on",
        "check-run",
        "comment-mode",
        "../outside.sarif",
        "colour");
  }

  // ---- inputs ------------------------------------------------------------------------------

  @Test
  void outputsNameTheReportFilesWrittenInTheWorkspace() throws Exception {
    Change c = twoUnjustified();

    ActionRun run =
        action(
            "pull_request",
            prEvent(c),
            Map.of(
                "INPUT_COMMENT-MODE", "off",
                "INPUT_CHECK-RUN", "false",
                "INPUT_SARIF-FILE", "reports/pipgate.sarif",
                "INPUT_REPORT-FILE", "reports/pipgate.json",
                "INPUT_FAIL-ON", "never"));

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.PASS);
    assertThat(run.outputMap())
        .containsExactly(
            Map.entry("verdict", "pass"),
            Map.entry("blocking-count", "0"),
            Map.entry("unjustified", ""),
            Map.entry("report-json", "reports/pipgate.json"),
            Map.entry("sarif-file", "reports/pipgate.sarif"));
    JsonNode sarif = FakeGitHub.JSON.readTree(ws.dir.resolve("reports/pipgate.sarif").toFile());
    assertThat(sarif.path("runs").get(0).path("results").size()).isEqualTo(2);
    JsonNode json = FakeGitHub.JSON.readTree(ws.dir.resolve("reports/pipgate.json").toFile());
    assertThat(json.toString()).contains("zeta-tools");
    assertThat(run.annotations()).allMatch(a -> a.startsWith("::warning "));
    assertThat(gh.requests()).as("nothing to publish").isEmpty();
  }

  @Test
  void commentModeSummaryPostsNoReviewAndOffPostsNoComment() throws Exception {
    Change c = twoUnjustified();

    ActionRun summary = action("pull_request", prEvent(c), Map.of("INPUT_COMMENT-MODE", "summary"));

    assertThat(summary.exit()).isEqualTo(Main.FINDINGS);
    assertThat(writeLines())
        .containsExactly(
            "POST /repos/" + REPOSITORY + "/issues/7/comments",
            "POST /repos/" + REPOSITORY + "/check-runs");
    // hub4j reaches the pull request's comments through the pull request itself (GET pulls/7);
    // nothing of its reviews or review comments is read or written.
    assertThat(gh.requests()).noneMatch(r -> r.getUrl().contains("/pulls/7/"));
    assertThat(summaryBody(gh.github))
        .contains("Findings not shown as inline comments (2)")
        .contains("environment.yml:8")
        .contains("environment.yml:9");
    gh.resetRequests();
    gh.github.issueComments.clear();
    gh.github.checkRuns.clear();

    ActionRun off = action("pull_request", prEvent(c), Map.of("INPUT_COMMENT-MODE", "off"));

    assertThat(off.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.requests())
        .noneMatch(r -> r.getUrl().contains("/pulls/") || r.getUrl().contains("/issues/"));
    assertThat(writeLines()).containsExactly("POST /repos/" + REPOSITORY + "/check-runs");
  }

  @Test
  void checkRunFalseLeavesChecksAlone() throws Exception {
    Change c = twoUnjustified();

    ActionRun run = action("pull_request", prEvent(c), Map.of("INPUT_CHECK-RUN", "false"));

    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.requests())
        .noneMatch(r -> r.getUrl().contains("/check-runs") || r.getUrl().contains("/statuses"));
    assertThat(writeLines())
        .containsExactly(
            "POST " + PULLS + "/reviews", "POST /repos/" + REPOSITORY + "/issues/7/comments");
  }

  @Test
  void requestChangesThenDismissedOnceFixed() throws Exception {
    Change c = twoUnjustified();
    Map<String, String> inputs = Map.of("INPUT_REVIEW-EVENT", "request-changes");

    ActionRun first = action("pull_request", prEvent(c), inputs);

    assertThat(first.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.github.reviews)
        .singleElement()
        .extracting(r -> r.path("state").asText())
        .isEqualTo("CHANGES_REQUESTED");
    gh.resetRequests();
    RevCommit fixed = ws.commit("justify both", Map.of(NOTES, notes("acme-widgets", "zeta-tools")));

    ActionRun fix =
        action("pull_request", pullRequestEvent(c.base().name(), fixed.name(), REPOSITORY), inputs);

    assertThat(fix.exit()).isEqualTo(Main.PASS);
    long reviewId = gh.github.reviews.get(0).path("id").asLong();
    assertThat(writeLines())
        .contains("PUT " + PULLS + "/reviews/" + reviewId + "/dismissals")
        .noneMatch(l -> l.equals("POST " + PULLS + "/reviews"));
    assertThat(gh.github.reviews.get(0).path("state").asText()).isEqualTo("DISMISSED");
  }

  // ---- the fork-safe pair -------------------------------------------------------------------

  @Test
  void computeSavesTheResultWithoutRequestsAndPublishPostsIt() throws Exception {
    Change c = twoUnjustified();

    ActionRun compute =
        action(
            "pull_request",
            pullRequestEvent(c.base().name(), c.head().name(), "mallory/env-repo"),
            Map.of("INPUT_MODE", "compute", "INPUT_GITHUB-TOKEN", ""));

    assertThat(compute.exit()).isEqualTo(Main.FINDINGS);
    assertThat(gh.requests()).as("compute never talks to GitHub").isEmpty();
    assertThat(compute.warnings()).isEmpty();
    assertThat(compute.outputMap()).containsEntry("verdict", "fail");
    Path result = ws.dir.resolve("pipgate-report-result.json");
    assertThat(result).exists();
    // The publish workflow downloads the artifact into its own workspace; no checkout.
    Path artifact = Files.createDirectories(tmp.resolve("artifact"));
    Files.copy(result, artifact.resolve("pipgate-report-result.json"));
    gh.github.pullRequestHead = c.head().name();

    ActionRun publish =
        action(
            "workflow_run",
            ActionWorkspace.workflowRunEvent(c.head().name()),
            Map.of("INPUT_MODE", "publish", "GITHUB_WORKSPACE", artifact.toString()));

    assertThat(publish.exit()).as(publish.err()).isEqualTo(Main.FINDINGS);
    // hub4j reads the repository, then the pull request: its head is checked before any write.
    assertThat(gh.requests().subList(0, 2))
        .extracting(r -> r.getMethod().getName() + " " + r.getUrl())
        .containsExactly("GET /repos/" + REPOSITORY, "GET " + PULLS);
    // Read once: the publication reuses what the head check read.
    assertThat(gh.requests()).filteredOn(r -> r.getUrl().equals(PULLS)).hasSize(1);
    assertThat(gh.requests()).filteredOn(r -> r.getUrl().equals("/repos/" + REPOSITORY)).hasSize(1);
    assertThat(writeLines())
        .containsExactly(
            "POST " + PULLS + "/reviews",
            "POST /repos/" + REPOSITORY + "/issues/7/comments",
            "POST /repos/" + REPOSITORY + "/check-runs");
    assertThat(gh.github.reviewCommentsBy("pipgate-bot")).hasSize(2);
    assertThat(onlyCheckRun(gh.github, c.head().name()).path("conclusion").asText())
        .isEqualTo("failure");
    assertThat(publish.stepSummary())
        .contains("(https://github.com/" + REPOSITORY + "/blob/" + c.head().name() + "/" + NOTES);
  }

  @Test
  void publishRefusesWhenThePullRequestMovedOrTheResultIsForSomethingElse() throws Exception {
    Change c = twoUnjustified();
    action("pull_request", prEvent(c), Map.of("INPUT_MODE", "compute", "INPUT_GITHUB-TOKEN", ""));
    Path result = ws.dir.resolve("pipgate-report-result.json");
    Map<String, String> publish = Map.of("INPUT_MODE", "publish");

    // The author pushed again after the compute run: its result is out of date.
    gh.github.pullRequestHead = "cd".repeat(20);
    ActionRun moved =
        action("workflow_run", ActionWorkspace.workflowRunEvent(c.head().name()), publish);

    assertThat(moved.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(moved.err().lines())
        .singleElement()
        .asString()
        .contains("not at the reviewed commit");
    assertThat(gh.writes()).isEmpty();
    gh.resetRequests();

    // The workflow run reviewed another commit than the saved result names.
    ActionRun otherCommit =
        action("workflow_run", ActionWorkspace.workflowRunEvent("ef".repeat(20)), publish);

    assertRefusedWithoutRequests(otherCommit, "saved result is for commit");

    // A result that names another repository.
    ObjectNode root = (ObjectNode) FakeGitHub.JSON.readTree(result.toFile());
    root.put("repository", "mallory/env-repo");
    Files.writeString(result, root.toString());
    gh.github.pullRequestHead = c.head().name();

    ActionRun otherRepo =
        action("workflow_run", ActionWorkspace.workflowRunEvent(c.head().name()), publish);

    assertRefusedWithoutRequests(otherRepo, "another repository");

    // publish on a pull_request event is a mistake in the workflow.
    ActionRun wrongEvent = action("pull_request", prEvent(c), publish);

    assertRefusedWithoutRequests(wrongEvent, "workflow_run");
  }

  @Test
  void everyUnreadablePipLineGetsItsOwnComment() throws Exception {
    RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    ws.branch("feature");
    RevCommit head =
        ws.commit(
            "typos", Map.of(ENV, envFile("'requests >= = 2'", "'numpy ~~ 1.0'", "'pandas (1.5'")));

    ActionRun run =
        action("pull_request", pullRequestEvent(base.name(), head.name(), REPOSITORY), Map.of());

    assertThat(run.annotations()).hasSize(3).allMatch(a -> a.contains("invalid-pip-line"));
    assertThat(gh.github.reviewCommentsBy("pipgate-bot"))
        .extracting(x -> x.path("line").asInt())
        .containsExactlyInAnyOrder(8, 9, 10);
    gh.resetRequests();

    action("pull_request", pullRequestEvent(base.name(), head.name(), REPOSITORY), Map.of());

    assertThat(gh.writes()).isEmpty();
  }
}
