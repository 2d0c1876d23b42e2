package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReporterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<RuleInfo> CATALOG =
      List.of(
          new RuleInfo("unjustified-pip", Severity.ERROR, "New pip entries need a justification."),
          new RuleInfo("unpinned-pip", Severity.WARNING, "Pin pip packages."),
          new RuleInfo("never-fires", Severity.NOTE, "A rule with no result."));

  private static JsonNode run(List<RuleInfo> catalog) throws Exception {
    String out =
        new SarifReporter(catalog, "1.2.3", "https://example.org/pipgate")
            .render(Reports.failing());
    JsonNode root = MAPPER.readTree(out);
    assertThat(root.get("$schema").asText())
        .isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    assertThat(root.get("runs")).hasSize(1);
    return root.get("runs").get(0);
  }

  @Test
  void driverListsCatalogRulesThenUnknownRulesThatFired() throws Exception {
    JsonNode driver = run(CATALOG).at("/tool/driver");

    assertThat(driver.get("name").asText()).isEqualTo("pipgate");
    assertThat(driver.get("semanticVersion").asText()).isEqualTo("1.2.3");
    assertThat(driver.get("informationUri").asText()).isEqualTo("https://example.org/pipgate");
    List<String> ids = new ArrayList<>();
    driver.get("rules").forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids)
        .containsExactly(
            "unjustified-pip",
            "unpinned-pip",
            "never-fires",
            "duplicate-pip",
            "incomplete-justification",
            "pip-without-pip-dep");

    JsonNode first = driver.get("rules").get(0);
    assertThat(first.at("/shortDescription/text").asText())
        .isEqualTo("New pip entries need a justification.");
    assertThat(first.at("/fullDescription/text").asText()).isNotBlank();
    assertThat(first.get("helpUri").asText())
        .isEqualTo("https://example.org/pipgate/blob/main/docs/rules.md#unjustified-pip");
    assertThat(first.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(driver.get("rules").get(1).at("/defaultConfiguration/level").asText())
        .isEqualTo("warning");
    assertThat(driver.get("rules").get(2).at("/defaultConfiguration/level").asText())
        .isEqualTo("note");
  }

  @Test
  void everyResultPointsAtItsRuleAndLocation() throws Exception {
    JsonNode run = run(CATALOG);
    JsonNode rules = run.at("/tool/driver/rules");
    JsonNode results = run.get("results");

    assertThat(results).hasSize(Reports.findings().size());
    for (JsonNode r : results) {
      assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText())
          .isEqualTo(r.get("ruleId").asText());
      assertThat(r.get("level").asText()).isIn("error", "warning", "note");
      assertThat(r.at("/message/text").asText()).isNotBlank();
      JsonNode artifact = r.at("/locations/0/physicalLocation/artifactLocation");
      assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
      assertThat(artifact.get("uri").asText()).doesNotStartWith("/").doesNotContain(":");
      assertThat(r.at("/partialFingerprints/pipgate~1v1").asText()).contains("|");
    }
  }

  @Test
  void resultFieldsForHostileAndWholeFileFindings() throws Exception {
    JsonNode results = run(CATALOG).get("results");

    JsonNode hostile = results.get(4);
    assertThat(hostile.get("ruleId").asText()).isEqualTo("incomplete-justification");
    assertThat(hostile.get("level").asText()).isEqualTo("error");
    assertThat(hostile.at("/message/text").asText()).startsWith(Reports.HOSTILE.message());
    assertThat(hostile.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("envs/%3Cscript%3Ealert%281%29%3C/script%3E.yml");
    assertThat(hostile.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(hostile.at("/partialFingerprints/pipgate~1v1").asText())
        .isEqualTo(Reports.HOSTILE.fingerprint());
    assertThat(hostile.has("fixes")).isFalse();

    JsonNode wholeFile = results.get(1);
    assertThat(wholeFile.get("ruleId").asText()).isEqualTo("pip-without-pip-dep");
    assertThat(wholeFile.get("level").asText()).isEqualTo("warning");
    assertThat(wholeFile.at("/locations/0/physicalLocation").has("region")).isFalse();
    assertThat(wholeFile.has("fixes")).isFalse(); // no line to replace

    assertThat(results.get(0).get("level").asText()).isEqualTo("note");
  }

  @Test
  void suggestionsBecomeWholeLineFixes() throws Exception {
    JsonNode results = run(CATALOG).get("results");
    JsonNode delete = results.get(3);
    assertThat(delete.get("ruleId").asText()).isEqualTo("duplicate-pip");

    JsonNode replacement = delete.at("/fixes/0/artifactChanges/0/replacements/0");
    assertThat(replacement.at("/deletedRegion/startLine").asInt()).isEqualTo(20);
    assertThat(replacement.at("/deletedRegion/startColumn").asInt()).isEqualTo(1);
    assertThat(replacement.at("/deletedRegion/endLine").asInt()).isEqualTo(21);
    assertThat(replacement.at("/deletedRegion/endColumn").asInt()).isEqualTo(1);
    assertThat(replacement.has("insertedContent")).isFalse();
    assertThat(delete.at("/fixes/0/artifactChanges/0/artifactLocation/uri").asText())
        .isEqualTo("environment.yml");
  }

  @Test
  void withoutACatalogTheRulesAreThoseThatFiredSortedById() throws Exception {
    JsonNode rules = run(List.of()).at("/tool/driver/rules");
    List<String> ids = new ArrayList<>();
    rules.forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).isSorted().hasSize(5);
    assertThat(ids).contains("unjustified-pip").doesNotContain("never-fires");
  }

  @Test
  void deterministic() {
    SarifReporter sarif = new SarifReporter(CATALOG);
    String out = sarif.render(Reports.failing());
    for (long seed = 1; seed <= 5; seed++) {
      assertThat(sarif.render(Reports.shuffled(Reports.failing(), seed))).isEqualTo(out);
    }
  }

  @Test
  void pathsAreRelativeUriReferences() {
    assertThat(UriPath.encode("dir/sub dir/env.yml")).isEqualTo("dir/sub%20dir/env.yml");
    assertThat(UriPath.encode("c:/x?#y")).isEqualTo("c%3A/x%3F%23y");
    assertThat(UriPath.encode("é.yml")).isEqualTo("%C3%A9.yml");
  }
}
