package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.FailLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReporterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Reporter json = Reporters.of(Format.JSON);

  @Test
  void topLevelContractFieldsComeFirstInAStableOrder() throws Exception {
    JsonNode root = MAPPER.readTree(json.render(Reports.failing()));

    assertThat(fieldNames(root))
        .startsWith("verdict", "base", "head")
        .contains("failOn", "blockingCount", "findings", "pipChanges");
    assertThat(root.get("verdict").asText()).isEqualTo("fail");
    assertThat(root.get("base").asText()).isEqualTo(Reports.BASE);
    assertThat(root.get("head").asText()).isEqualTo(Reports.HEAD);
    assertThat(root.get("failOn").asText()).isEqualTo("error");
    assertThat(root.get("blockingCount").asInt()).isEqualTo(2);
  }

  @Test
  void findingsKeepRepositoryTextVerbatimAndMarkWhatIsInTheDiff() throws Exception {
    JsonNode findings = MAPPER.readTree(json.render(Reports.failing())).get("findings");

    assertThat(findings).hasSize(5);
    assertThat(fieldNames(findings.get(0)))
        .containsSubsequence(
            "rule",
            "severity",
            "file",
            "line",
            "package",
            "message",
            "help",
            "inDiff",
            "fingerprint",
            "suggestion");
    List<String> order = new ArrayList<>();
    findings.forEach(f -> order.add(f.get("file").asText() + ":" + f.get("line").asInt()));
    assertThat(order)
        .containsExactly(
            "a/env.yml:7",
            "environment.yml:0",
            "environment.yml:12",
            "environment.yml:20",
            "envs/<script>alert(1)</script>.yml:3");

    JsonNode hostile = findings.get(4);
    assertThat(hostile.get("rule").asText()).isEqualTo("incomplete-justification");
    assertThat(hostile.get("severity").asText()).isEqualTo("error");
    assertThat(hostile.get("message").asText()).isEqualTo(Reports.HOSTILE.message());
    assertThat(hostile.get("package").asText()).isEqualTo("org-team");
    assertThat(hostile.get("inDiff").asBoolean()).isFalse();
    assertThat(hostile.get("fingerprint").asText()).isEqualTo(Reports.HOSTILE.fingerprint());

    JsonNode wholeFile = findings.get(1);
    assertThat(wholeFile.get("package").isNull()).isTrue();
    assertThat(wholeFile.get("line").asInt()).isZero();
    assertThat(wholeFile.get("suggestion").asText()).isEqualTo("  - pip");
    assertThat(wholeFile.get("severity").asText()).isEqualTo("warning");

    assertThat(findings.get(2).get("inDiff").asBoolean()).isTrue(); // added line
    assertThat(findings.get(3).get("inDiff").asBoolean()).isTrue(); // diff context
    assertThat(findings.get(3).get("suggestion").asText()).isEmpty(); // delete the line
    assertThat(findings.get(3).get("message").asText()).contains("\n");
    assertThat(findings.get(0).get("suggestion").isNull()).isTrue();
    assertThat(findings.get(0).get("severity").asText()).isEqualTo("note");
  }

  @Test
  void pipChanges() throws Exception {
    JsonNode changes = MAPPER.readTree(json.render(Reports.failing())).get("pipChanges");

    assertThat(changes).hasSize(3);
    JsonNode added = changes.get(1);
    assertThat(fieldNames(added))
        .contains("file", "package", "change", "before", "after", "line", "justified");
    assertThat(added.get("package").asText()).isEqualTo("requests");
    assertThat(added.get("change").asText()).isEqualTo("added");
    assertThat(added.get("before").asText()).isEmpty();
    assertThat(added.get("after").asText()).isEqualTo(">=2.31");
    assertThat(added.get("line").asInt()).isEqualTo(12);
    assertThat(added.get("justified").asBoolean()).isFalse();
    assertThat(changes.get(0).get("change").asText()).isEqualTo("changed");
    assertThat(changes.get(0).get("justified").asBoolean()).isTrue();
    assertThat(changes.get(2).get("change").asText()).isEqualTo("removed");
  }

  @Test
  void passingEmptyReport() throws Exception {
    String out = json.render(Reports.empty());
    JsonNode root = MAPPER.readTree(out);

    assertThat(root.get("verdict").asText()).isEqualTo("pass");
    assertThat(root.get("findings").isArray()).isTrue();
    assertThat(root.get("findings")).isEmpty();
    assertThat(root.get("pipChanges")).isEmpty();
    assertThat(root.get("blockingCount").asInt()).isZero();
    assertThat(out).endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void warningsBlockOnlyAtFailOnWarning() throws Exception {
    var findings = List.of(Reports.WHOLE_FILE);
    JsonNode lax = MAPPER.readTree(json.render(Reports.with(findings, FailLevel.ERROR)));
    JsonNode strict = MAPPER.readTree(json.render(Reports.with(findings, FailLevel.WARNING)));

    assertThat(lax.get("verdict").asText()).isEqualTo("pass");
    assertThat(strict.get("verdict").asText()).isEqualTo("fail");
    assertThat(strict.get("failOn").asText()).isEqualTo("warning");
    assertThat(strict.get("blockingCount").asInt()).isEqualTo(1);
  }

  @Test
  void outputDoesNotDependOnInputOrder() {
    String out = json.render(Reports.failing());
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(json.render(Reports.shuffled(Reports.failing(), seed))).isEqualTo(out);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
