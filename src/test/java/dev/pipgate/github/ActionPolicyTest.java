package dev.pipgate.github;

import static dev.pipgate.github.ActionWorkspace.ENV;
import static dev.pipgate.github.ActionWorkspace.NOTES;
import static dev.pipgate.github.ActionWorkspace.envFile;
import static dev.pipgate.github.ActionWorkspace.notes;
import static dev.pipgate.github.ActionWorkspace.pullRequestEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.NeedsTestData;
import dev.pipgate.cli.Main;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared policy read through the API at its ref: named by the config input or by {@code extends}
 * in the base's .github/pipgate.yml, with the job's token or policy-token; what it locks; and what
 * happens when it cannot be read (nothing is posted, the run stops with the reference and the
 * permission it needs).
 */
@NeedsTestData("github-api")
class ActionPolicyTest {
  static final String POLICY = "octo-org/policies/pipgate.yml@v1";
  static final String LOCAL = ".github/pipgate.yml";

  @TempDir Path tmp;
  ActionHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ActionHarness(tmp);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** A pull request that adds one unpinned, unjustified pip entry, with {@code baseFiles}. */
  private String change(Map<String, String> baseFiles) throws Exception {
    java.util.Map<String, String> files = new java.util.HashMap<>(baseFiles);
    files.put(ENV, envFile());
    files.put(NOTES, notes());
    RevCommit base = h.ws.commit("base", files);
    h.ws.branch("feature");
    RevCommit head = h.ws.commit("add rich", Map.of(ENV, envFile("rich")));
    h.gh.github.pullRequestHead = head.name();
    return pullRequestEvent(base.name(), head.name(), ActionHarness.REPOSITORY);
  }

  /** The summary comment, with the invisible joiner that breaks mentions after '@' taken out. */
  private String summary() {
    return h.gh
        .github
        .summaries()
        .get(0)
        .path("body")
        .asText()
        .replaceAll("[\u200B-\u200D\u2060]", "");
  }

  private List<String> policyRequests() {
    return h.gh.requests().stream()
        .map(ActionHarness::line)
        .filter(l -> l.contains("/octo-org/policies"))
        .toList();
  }

  @Test
  void extendsInTheBaseConfigReadsThePolicyAndFindingsSayWhoSetTheirSeverity() throws Exception {
    h.gh.github.policies.put(
        "octo-org/policies/pipgate.yml@v1",
        "locked: [severities]\nrules:\n  unpinned-pip: error\n");
    String event = change(Map.of(LOCAL, "extends: " + POLICY + "\n"));

    ActionHarness.Run run =
        h.action("pull_request", event, Map.of("INPUT_COMMENT-MODE", "summary"));

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    assertThat(policyRequests())
        .containsExactly(
            "GET /repos/octo-org/policies", "GET /repos/octo-org/policies/contents/pipgate.yml");
    String summary = summary();
    assertThat(summary)
        .contains("Severity error set by the policy " + POLICY)
        .contains("Severity error set by pipgate's default");
  }

  @Test
  void theConfigInputNamesThePolicyAndPolicyTokenReadsIt() throws Exception {
    h.gh.github.policies.put(POLICY, "rules:\n  unpinned-pip: note\n");
    String event = change(Map.of());

    ActionHarness.Run run =
        h.action(
            "pull_request",
            event,
            Map.of("INPUT_CONFIG", POLICY, "INPUT_POLICY-TOKEN", "ghs_policyReader0123456789"));

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    assertThat(run.out()).contains("::add-mask::ghs_policyReader0123456789");
    assertThat(
            h.gh.requests().stream()
                .filter(r -> r.getUrl().contains("/octo-org/policies"))
                .map(r -> r.getHeader("Authorization")))
        .containsOnly("Bearer ghs_policyReader0123456789");
    assertThat(
            h.gh.requests().stream()
                .filter(r -> r.getUrl().contains("/env-repo"))
                .map(r -> r.getHeader("Authorization")))
        .containsOnly("Bearer " + ActionHarness.TOKEN);
  }

  @Test
  void aLocalFileThatLoosensALockedKeyStopsTheRunBeforeAnythingIsPosted() throws Exception {
    h.gh.github.policies.put(POLICY, "locked: [severities]\n");
    String event =
        change(Map.of(LOCAL, "extends: " + POLICY + "\nrules:\n  unjustified-pip: off\n"));

    ActionHarness.Run run = h.action("pull_request", event, Map.of());

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains(LOCAL)
        .contains("'rules' is locked by the policy " + POLICY)
        .contains("unjustified-pip error → off");
    assertThat(h.gh.writes()).isEmpty();
  }

  @Test
  void aPolicyThatCannotBeReadFailsWithTheReferenceAndThePermission() throws Exception {
    h.gh.github.policies.put(POLICY, "rules: {}\n");
    String event = change(Map.of(LOCAL, "extends: octo-org/policies/pipgate.yml@no-such-ref\n"));

    ActionHarness.Run run = h.action("pull_request", event, Map.of());

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("policy octo-org/policies/pipgate.yml@no-such-ref cannot be read")
        .contains("not found")
        .contains("policy-token with 'contents: read' on octo-org/policies");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain(ActionHarness.TOKEN);
    assertThat(h.gh.writes()).as("never a half-posted review").isEmpty();
  }

  @Test
  void aPolicyTheTokenMayNotReadNamesThePermission() throws Exception {
    h.gh.github.policies.put(POLICY, "rules: {}\n");
    h.gh.answerGet("/repos/octo-org/policies/contents/pipgate.yml", 403, FakeGitHub.NOT_ACCESSIBLE);
    String event = change(Map.of());

    ActionHarness.Run run = h.action("pull_request", event, Map.of("INPUT_CONFIG", POLICY));

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("policy " + POLICY + " cannot be read: the token may not read octo-org/policies")
        .contains("'contents: read' on octo-org/policies");
    assertThat(h.gh.writes()).isEmpty();
  }

  @Test
  void aPullRequestCannotSwapThePolicyItIsJudgedBy() throws Exception {
    h.gh.github.policies.put(POLICY, "locked: [severities]\nrules:\n  unpinned-pip: error\n");
    h.gh.github.policies.put("octo-org/policies/lax.yml@v1", "rules:\n  unpinned-pip: off\n");
    RevCommit base =
        h.ws.commit(
            "base", Map.of(ENV, envFile(), NOTES, notes(), LOCAL, "extends: " + POLICY + "\n"));
    h.ws.branch("feature");
    RevCommit head =
        h.ws.commit(
            "swap the policy",
            Map.of(ENV, envFile("rich"), LOCAL, "extends: octo-org/policies/lax.yml@v1\n"));
    h.gh.github.pullRequestHead = head.name();

    ActionHarness.Run run =
        h.action(
            "pull_request",
            pullRequestEvent(base.name(), head.name(), ActionHarness.REPOSITORY),
            Map.of("INPUT_COMMENT-MODE", "summary"));

    assertThat(run.exit()).as(run.err()).isEqualTo(Main.FINDINGS);
    String summary = summary();
    assertThat(summary)
        .contains("unpinned-pip")
        .contains(
            "the policy it extends changes from " + POLICY + " to octo-org/policies/lax.yml@v1");
    // What the swap would do is read from the new policy, for a maintainer to approve knowingly.
    assertThat(summary).contains("rules lowered or turned off: unpinned-pip → off");
    assertThat(summary).contains("Severity error set by the policy " + POLICY);
  }
}
