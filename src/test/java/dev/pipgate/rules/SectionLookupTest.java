package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.TestData;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.parse.NotesParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SectionLookupTest {
  private static final NotesParser PARSER = new NotesParser(NotesParser.defaultLabels());

  private static NotesFile notes(String text) {
    return PARSER.parse("requirements-notes.md", text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> described(SectionLookup lookup) {
    return lookup.ambiguities().stream()
        .map(
            a ->
                a.section().line()
                    + " "
                    + a.candidates()
                    + (a.counted() == null ? "" : " counted " + a.counted().line()))
        .toList();
  }

  @Test
  void aHeadingNamingTwoPipPackagesIsAboutNeither() {
    NotesFile file = notes("## torch (torchvision)\n\n## PyTorch (torch)\n\n## numpy / scipy\n");
    SectionLookup lookup = SectionLookup.of(file, Set.of("torch", "torchvision", "numpy", "scipy"));

    assertThat(lookup.section("torchvision")).isEmpty();
    assertThat(lookup.section("numpy")).isEmpty();
    assertThat(lookup.section("scipy")).isEmpty();
    // The ambiguous heading is about neither, so the display name is torch's section, and no
    // second one.
    assertThat(lookup.section("torch").map(NotesSection::line)).contains(3);
    assertThat(described(lookup)).containsExactly("1 [torch, torchvision]", "5 [numpy, scipy]");
  }

  @Test
  void withOnePipNameTheHeadingIsThatPackagesSection() {
    NotesFile file = notes("## torch (torchvision)\n\n## PyTorch (torch)\n");
    SectionLookup lookup = SectionLookup.of(file, Set.of("torch"));

    assertThat(lookup.section("torch").map(NotesSection::line)).contains(1);
    assertThat(described(lookup)).containsExactly("3 [torch] counted 1");
  }

  @Test
  void aDisplayNameCountsWhenNoHeadingNamesThePackageFirst() {
    NotesFile file = notes("## PyTorch (torch)\n\n## rich\n\n## Rich (rich)\n");
    SectionLookup lookup = SectionLookup.of(file, Set.of("torch", "rich"));

    assertThat(lookup.section("torch").map(NotesSection::line)).contains(1);
    assertThat(lookup.section("rich").map(NotesSection::line)).contains(3);
    // "Rich (rich)" names rich twice: one name, so only a second section for rich.
    assertThat(described(lookup)).containsExactly("5 [rich] counted 3");
  }

  @Test
  void secondSectionsOfPackagesNotInstalledWithPipAreStaleJustificationsBusiness() {
    NotesFile file = notes("## oldpkg\n\n## oldpkg==1.0\n");
    assertThat(SectionLookup.of(file, Set.of("torch")).ambiguities()).isEmpty();
    assertThat(SectionLookup.of(null, Set.of("torch")).section("torch")).isEmpty();
  }

  /**
   * The real notes files against every pip package of the real env files: no heading there names
   * two of them, and no package has two sections. With every name a heading gives counted as a pip
   * package, only "torch / faster-whisper (do NOT clobber)" names two (a section about both).
   */
  @Test
  void realNotesAgainstRealPipEntries() throws IOException {
    Path envFiles = TestData.path("corpus/envfiles");
    Path notesFiles = TestData.path("corpus/notes");
    Set<String> pip = new TreeSet<>();
    EnvFileParser envParser = new EnvFileParser();
    try (Stream<Path> files = Files.list(envFiles)) {
      for (Path p : files.filter(f -> !f.toString().endsWith(".tsv")).sorted().toList()) {
        try {
          envParser.parse(p.getFileName().toString(), Files.readAllBytes(p), null).pip().stream()
              .map(PipEntry::name)
              .filter(Objects::nonNull)
              .forEach(pip::add);
        } catch (RuntimeException unreadable) {
          // The corpus keeps some files pipgate rejects on purpose; their names do not matter.
        }
      }
    }
    assertThat(pip).hasSizeGreaterThan(500).contains("torch");

    List<String> worstCase = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(notesFiles)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        NotesFile file = PARSER.parse(p.getFileName().toString(), Files.readAllBytes(p));
        assertThat(SectionLookup.of(file, pip).ambiguities()).as("%s", p.getFileName()).isEmpty();
        Set<String> every = new HashSet<>();
        file.sections().forEach(s -> every.addAll(s.namesGiven()));
        SectionLookup.of(file, every).ambiguities().stream()
            .map(a -> p.getFileName() + ":" + a.section().line() + " " + a.candidates())
            .forEach(worstCase::add);
      }
    }
    assertThat(worstCase)
        .containsExactly(
            "ducnguyen221__ai-record__requirements-notes.md:3 [torch, faster-whisper]");
  }
}
