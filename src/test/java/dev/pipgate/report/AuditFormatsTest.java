package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.AuditReport;
import dev.pipgate.model.AuditReport.Entry;
import dev.pipgate.model.AuditReport.State;
import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFormatsTest {
  private static AuditReport many(int repositories) {
    List<AuditReport.Repository> rows = new ArrayList<>();
    for (int i = 0; i < repositories; i++) {
      List<Entry> entries = new ArrayList<>();
      for (int j = 0; j < 5; j++) {
        entries.add(
            new Entry("environment.yml", 10 + j, "package-" + j, "==1." + j, State.MISSING, ""));
      }
      rows.add(
          new AuditReport.Repository(String.format("octo-org/repo-%04d", i), "abc", "", entries));
    }
    return new AuditReport(rows);
  }

  @Test
  void markdownStaysWithinAnIssueBodyAndSaysWhatItLeftOut() {
    String md = AuditFormats.markdown(many(300));
    assertThat(md).contains("| `octo-org/repo-0299` | 0 | 0 | 5 | 0 |  |");
    int note = md.lastIndexOf("\n… and ");
    assertThat(note).as("details cut").isPositive();
    assertThat(note).isLessThanOrEqualTo(AuditFormats.MARKDOWN_DETAIL_LIMIT);
    int shown = md.split("\n### ", -1).length - 1;
    assertThat(md.substring(note))
        .startsWith("\n… and " + (300 - shown) + " more repositories with open entries");
    assertThat(shown).isBetween(1, 299);
    String small = AuditFormats.markdown(many(3));
    assertThat(small).doesNotContain("… and").contains("### `octo-org/repo-0002`");
  }

  @Test
  void jsonReadsBackToTheSameReportAndBytes() {
    AuditReport report = many(3);
    String json = AuditFormats.json(report);
    AuditReport back = AuditFormats.readJson("r.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(report);
    assertThat(AuditFormats.json(back)).isEqualTo(json);
    assertThatThrownBy(
            () ->
                AuditFormats.readJson(
                    "r.json",
                    json.replace("\"missing\"", "\"lost\"").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown state 'lost'");
  }
}
