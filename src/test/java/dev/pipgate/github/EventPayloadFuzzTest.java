package dev.pipgate.github;

// Fuzz test for the workflow event payload (GITHUB_EVENT_PATH). `mvn test` replays the
// hand-written inputs under
// src/test/resources/dev/pipgate/github/EventPayloadFuzzTestInputs/parse/ and the event fixtures
// under src/test/resources/events/. To fuzz:
//
//   JAZZER_FUZZ=1 mvn -o test -Dtest='EventPayloadFuzzTest' -Djazzer.max_duration=60s
//
// A crashing input is saved into that inputs directory and replays from then on.

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.model.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EventPayload#parse} on hostile bytes, for every event pipgate runs on and one it does not:
 * a payload, or {@link InputException}. Anything else escaping is a bug.
 */
class EventPayloadFuzzTest {
  private static final List<String> EVENTS =
      List.of(
          "pull_request",
          "pull_request_target",
          "merge_group",
          "push",
          "workflow_dispatch",
          "workflow_run",
          "issue_comment");

  @MethodSource("eventFixtures")
  @DictionaryEntries({
    "\"pull_request\"",
    "\"base\"",
    "\"head\"",
    "\"sha\"",
    "\"repo\"",
    "\"full_name\"",
    "\"number\"",
    "\"merge_group\"",
    "\"workflow_run\"",
    "\"before\"",
    "\"after\""
  })
  @FuzzTest
  void parse(byte[] input) {
    for (String event : EVENTS) {
      try {
        EventPayload p = EventPayload.parse(event, "event.json", input);
        if (p instanceof EventPayload.PullRequest pr) {
          pr.fromFork();
        }
      } catch (InputException expected) {
        // the documented failure
      }
    }
  }

  /** The payload fixtures the other github tests use. */
  static Stream<Arguments> eventFixtures() throws URISyntaxException {
    Path dir = Path.of(EventPayloadFuzzTest.class.getResource("/events").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Arguments> out =
          files
              .sorted()
              .map(f -> Arguments.of(Named.of("events/" + f.getFileName(), bytes(f))))
              .toList();
      assertThat(out).isNotEmpty();
      return out.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
