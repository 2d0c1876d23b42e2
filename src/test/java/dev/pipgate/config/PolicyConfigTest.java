package dev.pipgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Severity;
import dev.pipgate.review.ConfigResolution;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shared policy under a repository's file: the merge rules, the locks, local allow entries. */
class PolicyConfigTest {
  private static final String REF = "octo-org/policies/pipgate.yml@v1";
  private static final String LOCAL = ".github/pipgate.yml";

  private final ConfigLoader loader =
      new ConfigLoader(ConfigResolution.ruleIds(), ConfigResolution.ruleDefaults());

  private Config policy(String yaml) {
    return loader.loadPolicy(REF, bytes(yaml), ConfigResolution.defaults());
  }

  private Config local(String policyYaml, String localYaml) {
    return loader.loadFile(LOCAL, bytes(localYaml), policy(policyYaml));
  }

  private String localError(String policyYaml, String localYaml) {
    try {
      local(policyYaml, localYaml);
    } catch (InputException e) {
      assertThat(e.file()).isEqualTo(LOCAL);
      return e.getMessage();
    }
    throw new AssertionError("no error for:\n" + localYaml);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void referencesAreOwnerRepoPathAtRef() {
    PolicyRef ref = PolicyRef.parse("octo-org/policies/ci/pipgate.yml@v1.2");
    assertThat(ref.repository()).isEqualTo("octo-org/policies");
    assertThat(ref.path()).isEqualTo("ci/pipgate.yml");
    assertThat(ref.ref()).isEqualTo("v1.2");
    assertThat(ref).hasToString("octo-org/policies/ci/pipgate.yml@v1.2");
    for (String bad :
        List.of(
            "octo-org/policies/pipgate.yml",
            "octo-org/pipgate.yml@v1",
            "octo-org/policies/../secrets.yml@v1",
            "octo-org/policies/pipgate.yml@",
            "")) {
      assertThatThrownBy(() -> PolicyRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("policy reference");
    }
  }

  @Test
  void unlockedKeysAreReplacedByTheRepositoryAndRulesMergeRuleByRule() {
    Config c =
        local(
            """
            fail-on: warning
            rules:
              unpinned-pip: error
              pip-core-package: warning
            """,
            """
            fail-on: error
            rules:
              unpinned-pip: note
            """);
    assertThat(c.failOn()).isEqualTo(FailLevel.ERROR);
    assertThat(c.severities())
        .containsEntry("unpinned-pip", Optional.of(Severity.NOTE))
        .containsEntry("pip-core-package", Optional.of(Severity.WARNING));
    assertThat(c.severitySource("unpinned-pip")).isEqualTo(LOCAL);
    assertThat(c.severitySource("pip-core-package")).isEqualTo("the policy " + REF);
    assertThat(c.severitySource("unjustified-pip")).isEqualTo("pipgate's default");
    assertThat(c.policy().reference()).isEqualTo(REF);
  }

  @Test
  void lockedKeysMayBeTightenedNotLoosened() {
    String policy =
        """
        locked: [core, severities, labels, fail-on]
        fail-on: warning
        core-packages: [numpy, protobuf]
        rules:
          unpinned-pip: warning
        labels:
          why-not-conda: [Why not conda]
        """;
    Config tighter =
        local(
            policy,
            """
            fail-on: warning
            core-packages: [numpy, protobuf, h5py]
            rules:
              unpinned-pip: error
              unjustified-pip: error
            """);
    assertThat(tighter.corePackages()).containsExactly("numpy", "protobuf", "h5py");
    assertThat(tighter.severities()).containsEntry("unpinned-pip", Optional.of(Severity.ERROR));

    assertThat(localError(policy, "core-packages: [numpy]"))
        .contains("'core-packages' is locked by the policy " + REF)
        .contains("packages removed: protobuf");
    assertThat(localError(policy, "rules:\n  unpinned-pip: off\n"))
        .contains("'rules' is locked")
        .contains("unpinned-pip warning → off");
    assertThat(localError(policy, "rules:\n  unjustified-pip: warning\n"))
        .as("a rule the policy leaves at its default is locked at that default")
        .contains("unjustified-pip error → warning");
    assertThat(localError(policy, "fail-on: never\n")).contains("'fail-on' is locked");
    assertThat(localError(policy, "labels:\n  why-not-conda: [Why not conda, Reason]\n"))
        .contains("labels added: Reason");
  }

  @Test
  void inputsCannotLoosenALockedKeyEither() {
    Config withPolicy = policy("locked: [fail-on]\nfail-on: error\n");
    assertThatThrownBy(
            () -> loader.applyOverrides("settings", Map.of("fail-on", "never"), withPolicy))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'fail-on' is locked");
    assertThat(loader.applyOverrides("settings", Map.of("fail-on", "warning"), withPolicy).failOn())
        .isEqualTo(FailLevel.WARNING);
  }

  @Test
  void localAllowEntriesOnlyWhereThePolicySaysSo() {
    String policy =
        """
        local-allow: [unpinned-pip]
        allow:
          - package: torch
            reason: the platform team's CUDA 11.2 build
        """;
    Config ok =
        local(
            policy,
            """
            allow:
              - package: rich
                rules: [unpinned-pip]
                reason: follows upstream
            """);
    assertThat(ok.allow()).extracting(AllowEntry::packageName).containsExactly("torch", "rich");

    assertThat(
            localError(
                policy,
                """
                allow:
                  - package: rich
                    reason: every rule
                """))
        .contains("line 2")
        .contains("covers every rule")
        .contains("lets a repository allow only unpinned-pip");
    assertThat(
            localError(
                "rules: {}\n",
                """
                allow:
                  - package: rich
                    rules: [unpinned-pip]
                    reason: x
                """))
        .contains("its 'local-allow' is empty");
    Config anything = local("local-allow: ['*']\n", "allow:\n  - package: rich\n    reason: ok\n");
    assertThat(anything.allow()).hasSize(1);
  }

  @Test
  void policyOnlyKeysAndChainsAreErrors() {
    assertThatThrownBy(
            () -> loader.loadFile(LOCAL, bytes("locked: [core]\n"), ConfigResolution.defaults()))
        .hasMessageContaining("'locked' belongs in a shared policy");
    assertThatThrownBy(() -> policy("extends: octo-org/other/p.yml@v1\n"))
        .hasMessageContaining("a policy cannot extend another policy");
    assertThatThrownBy(() -> policy("locked: [allow]\n"))
        .hasMessageContaining("'locked' names 'allow', which cannot be locked");
    assertThatThrownBy(() -> policy("local-allow: [no-such-rule]\n"))
        .hasMessageContaining("unknown rule 'no-such-rule'");
  }

  @Test
  void extendsIsReadBeforeTheRestAndValidated() {
    assertThat(ConfigLoader.extendsOf(LOCAL, bytes("extends: " + REF + "\nfail-on: error\n")))
        .contains(PolicyRef.parse(REF));
    assertThat(ConfigLoader.extendsOf(LOCAL, bytes("fail-on: error\n"))).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.extendsOf(LOCAL, bytes("\nextends: octo-org/p\n")))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(2))
        .hasMessageContaining("OWNER/REPO/PATH@REF");
  }
}
