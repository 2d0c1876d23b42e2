package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.NeedsTestData;
import dev.pipgate.TestData;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real {@code requirements-notes.md} files from public repositories (see SOURCES.tsv there). */
@NeedsTestData("corpus/notes")
class NotesCorpusTest {
  private static final NotesParser PARSER = new NotesParser(NotesParser.defaultLabels());

  static Path corpus() {
    return TestData.path("corpus/notes");
  }

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(corpus())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList().stream();
    }
  }

  /** SOURCES.tsv: file name to its notes column. */
  static Map<String, String> sources() throws IOException {
    Map<String, String> notes = new HashMap<>();
    List<String> lines = Files.readAllLines(corpus().resolve("SOURCES.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split("\t");
      notes.put(cols[0], cols[cols.length - 1]);
    }
    return notes;
  }

  @Test
  void corpusIsThere() throws IOException {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(7);
    assertThat(sources().keySet())
        .containsAll(files().map(p -> p.getFileName().toString()).toList());
  }

  @ParameterizedTest
  @MethodSource("files")
  void parsesWithSectionsWhereTheHeadingsAre(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    NotesFile notes = PARSER.parse(file.getFileName().toString(), bytes);
    List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));

    // Independent count: ATX heading lines outside fenced code (the corpus has no Setext ones).
    assertThat(notes.sections()).hasSize(atxHeadingsOutsideFences(lines).size());
    assertThat(notes.sections())
        .extracting(NotesSection::line)
        .containsExactlyElementsOf(atxHeadingsOutsideFences(lines));
    for (NotesSection s : notes.sections()) {
      assertThat(s.endLine()).isBetween(s.line(), lines.size());
      String source = lines.get(s.line() - 1);
      assertThat(source.replace("`", "").replace("*", "")).contains(s.heading());
      assertThat(lines.get(s.endLine() - 1)).isNotBlank();
    }
    // None of these files uses the four questions' labels anywhere, so no answer may be found:
    // anything else would be a label matched inside ordinary prose.
    String all = String.join("\n", lines).toLowerCase();
    assertThat(all).doesNotContain("why not conda", "conda-forge", "no-deps", "alternatives");
    assertThat(notes.sections()).allSatisfy(s -> assertThat(s.answers()).isEmpty());
  }

  @Test
  void pipNotesHaveTheirStructure() throws IOException {
    Map<String, String> sources = sources();
    List<String> pipNotes =
        sources.entrySet().stream()
            .filter(e -> e.getValue().startsWith("pip dependency notes"))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    assertThat(pipNotes).hasSize(4);
    NotesFile ducnguyen =
        PARSER.parse(
            "n.md",
            Files.readAllBytes(corpus().resolve("ducnguyen221__ai-record__requirements-notes.md")));
    // "## torch / faster-whisper (do NOT clobber)" is about two packages: it names neither.
    assertThat(ducnguyen.sections())
        .extracting(NotesSection::heading)
        .containsExactly(
            "Dependency notes",
            "torch / faster-whisper (do NOT clobber)",
            "Model downloads (first run, approximate)",
            "Tests need none of the above");
    assertThat(ducnguyen.sections()).allSatisfy(s -> assertThat(s.packageName()).isNull());
    // The top-level section spans the file; its subsections end before the next one starts.
    assertThat(ducnguyen.sections())
        .extracting(NotesSection::endLine)
        .containsExactly(32, 18, 27, 32);
    assertThat(Question.values()).hasSize(4);
  }

  private static List<Integer> atxHeadingsOutsideFences(List<String> lines) {
    List<Integer> headings = new ArrayList<>();
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).stripTrailing();
      if (fence == null && (l.startsWith("```") || l.startsWith("~~~"))) {
        fence = l.substring(0, 3);
      } else if (fence != null && l.startsWith(fence)) {
        fence = null;
      } else if (fence == null && l.matches("#{1,6}( .*)?")) {
        headings.add(i + 1);
      }
    }
    return headings;
  }
}
