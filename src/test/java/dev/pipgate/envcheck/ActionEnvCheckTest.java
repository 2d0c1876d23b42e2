package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipgate action} with {@code env-check: true} on a push that adds pip entries: the job's
 * prefix is a real venv (with protobuf adopted by a conda record) and real pip answers the dry run
 * from a local wheelhouse, configured only through the job's environment (PIP_NO_INDEX,
 * PIP_FIND_LINKS), as users configure pip in a workflow.
 */
class ActionEnvCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PersonIdent WHO = new PersonIdent("Dev", "dev@example.com");

  @TempDir Path tmp;

  private Path wheels;
  private Venv venv;
  private Path workspace;
  private String base;
  private String head;

  @BeforeEach
  void setUp() throws Exception {
    Wheelhouse house = new Wheelhouse(tmp.resolve("wheels"));
    wheels = house.dir();
    house.wheel(
        "protobuf", "3.19.6", List.of(), Map.of("google/protobuf/__init__.py", "v = '3.19.6'\n"));
    house.wheel(
        "protobuf", "4.21.2", List.of(), Map.of("google/protobuf/__init__.py", "v = '4.21.2'\n"));
    house.wheel("tensorflow", "2.9.1", "protobuf<3.20,>=3.9.2");
    house.wheel("app", "1.0", "protobuf>=3.20");
    house.wheel("nvidia-cuda-runtime-cu11", "11.7.99");
    house.wheel("torchlike", "1.13.0", "nvidia-cuda-runtime-cu11==11.7.99");
    venv = Venv.create(tmp.resolve("tf29"));
    venv.install(house, "--no-deps", "tensorflow==2.9.1", "protobuf==3.19.6");
    Path site = venv.dir().resolve(PrefixScan.scan(venv.dir(), null, null).sitePackages().get(0));
    new CondaPrefix(venv.dir())
        .adopt(CondaPrefix.distInfo(site, "protobuf"), "protobuf", "py39_0", List.of());

    workspace = Files.createDirectories(tmp.resolve("repo"));
    try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          workspace.resolve("environment.yml"),
          "name: tf29\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - requests-free\n");
      base = commit(git, "base");
      Files.writeString(
          workspace.resolve("environment.yml"),
          """
          name: tf29
          dependencies:
            - python=3.9
            - pip
            - pip:
                - requests-free
                - app==1.0
                - torchlike==1.13.0
          """);
      head = commit(git, "add app and torchlike");
    }
    Files.writeString(
        tmp.resolve("event.json"),
        "{\"before\": \""
            + base
            + "\", \"after\": \""
            + head
            + "\", \"ref\": \"refs/heads/main\"}");
  }

  private static String commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    RevCommit c = git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).call();
    return c.name();
  }

  private record Run(int code, JsonNode report, String out, String err) {
    List<JsonNode> findings(String rule) {
      List<JsonNode> out = new ArrayList<>();
      report
          .path("findings")
          .forEach(
              f -> {
                if (f.path("rule").asText().equals(rule)) {
                  out.add(f);
                }
              });
      return out;
    }
  }

  private Run action(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", tmp.toString());
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("GITHUB_EVENT_NAME", "push");
    env.put("GITHUB_EVENT_PATH", tmp.resolve("event.json").toString());
    env.put("GITHUB_REPOSITORY", "octo/tf29");
    env.put("GITHUB_SHA", head);
    env.put("GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString());
    env.put("INPUT_ENV-CHECK", "true");
    env.put("INPUT_ENV-PREFIX", venv.dir().toString());
    env.put("PIP_NO_INDEX", "1");
    env.putAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"action"},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            workspace);
    String stderr = err.toString(StandardCharsets.UTF_8);
    Path report = workspace.resolve("pipgate-report.json");
    assertThat(report).as(stderr).exists();
    return new Run(
        code,
        JSON.readTree(Files.readAllBytes(report)),
        out.toString(StandardCharsets.UTF_8),
        stderr);
  }

  private int lineOf(String text) throws Exception {
    List<String> lines = Files.readAllLines(workspace.resolve("environment.yml"));
    return lines.indexOf(lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow())
        + 1;
  }

  @Test
  void dryRunFindingsSitOnTheEntryThatBringsThePackage() throws Exception {
    Run run = action(Map.of("PIP_FIND_LINKS", wheels.toString()));

    int app = lineOf("app==1.0");
    int torch = lineOf("torchlike==1.13.0");
    JsonNode breaks = run.findings("pip-would-break").get(0);
    assertThat(breaks.path("file").asText()).isEqualTo("environment.yml");
    assertThat(breaks.path("line").asInt()).isEqualTo(app);
    assertThat(breaks.path("package").asText()).isEqualTo("protobuf");
    assertThat(breaks.path("message").asText())
        .contains("would break tensorflow 2.9.1")
        .contains("protobuf comes with app");
    assertThat(breaks.path("inDiff").asBoolean()).isTrue();
    assertThat(run.findings("pip-would-replace-conda"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("line").asInt()).isEqualTo(app));
    assertThat(run.findings("pip-would-add-cuda-runtime"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("line").asInt()).isEqualTo(torch);
              assertThat(f.path("message").asText()).contains("comes with torchlike");
            });
    // The prefix's own findings name its files; nothing was installed.
    assertThat(run.findings("mixed-source")).isEmpty();
    assertThat(run.findings("pip-dry-run-failed")).isEmpty();
    assertThat(venv.inspect().path("installed").toString())
        .doesNotContain("\"app\"")
        .contains("3.19.6");
    // The review's own findings are still there, and the summary shows both.
    assertThat(run.findings("unjustified-pip")).isNotEmpty();
    assertThat(run.code()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("summary.md"))).contains("pip-would-break");
  }

  @Test
  void aPipFailureIsOneWarningOnTheEntryPipNamed() throws Exception {
    // Without PIP_FIND_LINKS, PIP_NO_INDEX leaves pip nowhere to look: as on a runner without
    // network access to the package index.
    Run run = action(Map.of("INPUT_FAIL-ON", "error"));

    assertThat(run.err()).doesNotContain("internal error");
    List<JsonNode> failed = run.findings("pip-dry-run-failed");
    assertThat(failed).singleElement();
    JsonNode f = failed.get(0);
    assertThat(f.path("severity").asText()).isEqualTo("warning");
    assertThat(f.path("line").asInt()).isIn(lineOf("app==1.0"), lineOf("torchlike==1.13.0"));
    assertThat(f.path("message").asText())
        .contains("app==1.0, torchlike==1.13.0")
        .contains("pip exited with status");
    assertThat(run.findings("pip-would-break")).isEmpty();
  }

  @Test
  void theInstalledPrefixIsCheckedEvenWithoutNewPipEntries() throws Exception {
    // Breaking the prefix: pip installs protobuf 4 over conda's 3.19.6.
    venv.install(new Wheelhouse(wheels), "--no-deps", "protobuf==4.21.2");

    Run run =
        action(
            Map.of(
                "PIP_FIND_LINKS",
                wheels.toString(),
                "INPUT_ENV-PREFIX",
                venv.dir().toString() + "/"));

    JsonNode broken = run.findings("broken-requirement").get(0);
    assertThat(broken.path("file").asText())
        .startsWith(venv.dir().toString() + "/")
        .endsWith("tensorflow-2.9.1.dist-info/METADATA");
    assertThat(broken.path("inDiff").asBoolean()).isFalse();
    assertThat(run.findings("mixed-source")).isNotEmpty();
    assertThat(run.code()).isEqualTo(1);
  }
}
