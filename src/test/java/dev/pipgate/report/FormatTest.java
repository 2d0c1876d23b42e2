package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void idsRoundTripAndUnknownIdsAreEmpty() {
    for (Format f : Format.values()) {
      assertThat(Format.fromId(f.id())).contains(f);
    }
    assertThat(Format.fromId("sarif")).contains(Format.SARIF);
    assertThat(Format.fromId("SARIF")).isEmpty();
    assertThat(Format.fromId("html")).isEmpty();
    assertThat(Format.fromId(null)).isEmpty();
  }

  @Test
  void eachFormatRendersItsOwnKindOfOutput() throws Exception {
    var report = Reports.failing();
    assertThat(Reporters.of(Format.TEXT).render(report)).startsWith("a/env.yml:7: note");
    assertThat(Reporters.of(Format.MARKDOWN).render(report)).startsWith("## ❌ pipgate: fail");
    var mapper = new ObjectMapper();
    assertThat(mapper.readTree(Reporters.of(Format.JSON).render(report)).get("verdict").asText())
        .isEqualTo("fail");
    assertThat(mapper.readTree(Reporters.of(Format.SARIF).render(report)).get("version").asText())
        .isEqualTo("2.1.0");
  }
}
