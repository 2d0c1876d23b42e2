package dev.pipgate.github;

import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static dev.pipgate.github.ActionWorkspace.pullRequestEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.NeedsTestData;
import dev.pipgate.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipgate action} as a step of a job that runs in its own {@code container:}
 * (docs/action.md, "In your own container"): a separate process started by the launcher, with the
 * runner's variables and the inputs as {@code INPUT_*} variables, against GitHub played by {@link
 * FakeGitHub} on the real clock. The JVM is this test's own, or the one the system property {@code
 * pipgate.java} names (bench/runtime.sh passes the jlink runtime the images carry).
 */
@NeedsTestData("github-api")
class ActionLauncherTest {
  static final String TOKEN = "ghs_launcherSecretToken0b1d2e3f";
  static final String REPOSITORY = ActionWorkspace.FULL_NAME;

  @TempDir Path tmp;
  GitHubFixture gh;
  ActionWorkspace ws;

  @BeforeEach
  void start() throws Exception {
    gh = new GitHubFixture();
    ws = ActionWorkspace.init(Files.createDirectories(tmp.resolve("workspace")));
  }

  @AfterEach
  void stop() {
    try {
      ws.close();
    } finally {
      gh.close();
    }
  }

  /** A jar that runs this build's classes: Main-Class, and the test class path as Class-Path. */
  private Path jar() throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = tmp.resolve("lib/pipgate.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      // the manifest is the whole jar
    }
    return jar;
  }

  private static String java() {
    String configured = System.getProperty("pipgate.java");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  record Launched(int exit, String out, String err, String outputs, String summary) {}

  private Launched launch(String payload, Map<String, String> inputs) throws Exception {
    Path event = Files.writeString(tmp.resolve("event.json"), payload);
    Path outputs = tmp.resolve("output");
    Path summary = tmp.resolve("summary.md");
    ProcessBuilder pb =
        new ProcessBuilder("bash", Path.of("bin/pipgate").toAbsolutePath().toString(), "action")
            .directory(ws.dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("INPUT_"));
    env.remove("JAVA_OPTS");
    env.put("JAVA", java());
    env.put("PIPGATE_JAR", jar().toString());
    env.put("PIPGATE_CDS", "off");
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_EVENT_NAME", "pull_request");
    env.put("GITHUB_EVENT_PATH", event.toString());
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("GITHUB_API_URL", gh.apiUrl().toString());
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKSPACE", ws.dir.toString());
    env.put("GITHUB_OUTPUT", outputs.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    env.put("INPUT_GITHUB-TOKEN", TOKEN);
    env.putAll(inputs);
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Launched(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        Files.exists(outputs) ? Files.readString(outputs, StandardCharsets.UTF_8) : "",
        Files.exists(summary) ? Files.readString(summary, StandardCharsets.UTF_8) : "");
  }

  @Test
  void launcherInAJobContainerPostsTheReviewSummaryAndCheck() throws Exception {
    RevCommit base = ws.commit("base", Map.of(ENV, envFile(), NOTES, notes()));
    ws.branch("feature");
    RevCommit head =
        ws.commit("add a pip package", Map.of(ENV, envFile("acme-widgets==1.2.0", "rich==13.3")));

    Launched run =
        launch(
            pullRequestEvent(base.name(), head.name(), REPOSITORY),
            Map.of("INPUT_COMMENT-MODE", "summary"));

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("::add-mask::" + TOKEN);
    assertThat(run.out().replace("::add-mask::" + TOKEN, "")).doesNotContain(TOKEN);
    assertThat(run.outputs()).contains("verdict<<").contains("fail");
    assertThat(run.summary()).contains("acme-widgets").contains("rich");
    assertThat(gh.github.reviews).as("comment-mode: summary").isEmpty();
    assertThat(gh.github.summaries())
        .singleElement()
        .satisfies(c -> assertThat(c.path("body").asText()).contains("acme-widgets"));
    assertThat(gh.github.checkRuns)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("head_sha").asText()).isEqualTo(head.name());
              assertThat(c.path("conclusion").asText()).isEqualTo("failure");
            });
    gh.assertValid();
  }
}
