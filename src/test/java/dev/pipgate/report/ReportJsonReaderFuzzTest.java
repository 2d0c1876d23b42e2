package dev.pipgate.report;

// Fuzz test for reading a saved review back (the fork-safe pair's trusted half). `mvn test`
// replays the hand-written inputs under
// src/test/resources/dev/pipgate/report/ReportJsonReaderFuzzTestInputs/read/ and reports written
// by the JSON reporter. To fuzz:
//
//   JAZZER_FUZZ=1 mvn -o test -Dtest='ReportJsonReaderFuzzTest' -Djazzer.max_duration=60s
//
// A crashing input is saved into that inputs directory and replays from then on.

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.InputException;
import dev.pipgate.model.ReviewReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ReportJsonReader#read} on hostile bytes: a review, or {@link InputException}. A review it
 * accepts must be one pipgate can publish, so it is rendered again by every reporter.
 */
class ReportJsonReaderFuzzTest {
  @MethodSource("writtenReports")
  @DictionaryEntries({
    "\"failOn\"",
    "\"findings\"",
    "\"pipChanges\"",
    "\"severity\"",
    "\"diffMark\"",
    "\"suggestion\"",
    "\"change\"",
    "\"line\""
  })
  @FuzzTest
  void read(byte[] input) {
    ReviewReport report;
    try {
      report = ReportJsonReader.read("pipgate.json", input);
    } catch (InputException expected) {
      return;
    }
    for (Format f : Format.values()) {
      Reporters.of(f).render(report);
    }
  }

  /** What {@code pipgate review --format json} writes, for the reviews the reporter tests use. */
  static Stream<Arguments> writtenReports() {
    List<ReviewReport> reports =
        List.of(
            Reports.failing(), Reports.empty(), Reports.with(Reports.findings(), FailLevel.NEVER));
    assertThat(reports).isNotEmpty();
    return reports.stream()
        .map(r -> new JsonReporter().render(r))
        .map(json -> Arguments.of(Named.of("written", json.getBytes(StandardCharsets.UTF_8))));
  }
}
