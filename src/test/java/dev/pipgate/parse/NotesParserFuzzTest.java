package dev.pipgate.parse;

// Fuzz test for requirements-notes.md reading. `mvn test` replays the hand-written inputs under
// src/test/resources/dev/pipgate/parse/NotesParserFuzzTestInputs/parse/ and every notes file of
// the test data's corpus (skipped without it). To fuzz:
//
//   JAZZER_FUZZ=1 mvn -o test -Dpipgate.shared=DIR -Dtest='NotesParserFuzzTest' \
//     -Djazzer.max_duration=60s
//
// A crashing input is saved into that inputs directory and replays from then on.

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.SharedCorpus;
import dev.pipgate.model.InputException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NotesParser#parse} on hostile bytes: a notes file, or {@link InputException}. The parser
 * turns any RuntimeException from inside into an InputException ("cannot read as Markdown") so a
 * user never sees a stack trace; for fuzzing that is still a bug, so such a wrapped exception is
 * rethrown.
 */
class NotesParserFuzzTest {
  private static final NotesParser PARSER = new NotesParser(NotesParser.defaultLabels());

  @NeedsTestData("corpus/notes")
  @MethodSource("corpusNotes")
  // Jazzer writes dictionary entries without escaping line breaks, so none holds one.
  @DictionaryEntries({"## ", "### ", "**Why not conda?**", "- [x] ", "| --- |", "`", "<!--"})
  @FuzzTest
  void parse(byte[] input) {
    try {
      PARSER.parse("requirements-notes.md", input);
    } catch (InputException e) {
      if (e.getCause() instanceof RuntimeException internal) {
        throw internal;
      }
    }
  }

  static Stream<Arguments> corpusNotes() {
    return SharedCorpus.files("notes", name -> true);
  }
}
