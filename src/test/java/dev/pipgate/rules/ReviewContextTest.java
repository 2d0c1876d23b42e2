package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.config.Config;
import dev.pipgate.diff.Change;
import dev.pipgate.diff.NotesDiff;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.names.CondaNames;
import dev.pipgate.parse.NotesParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewContextTest {
  static final String ANSWERS =
      """
      - **Why not conda?** %s
      - **conda-forge checked?** Yes, nothing there.
      - **--no-deps tested?** Yes, imports fine.
      - **Alternatives considered?** None that fit.

      """;

  private static NotesFile notes(String text) {
    return new NotesParser(NotesParser.defaultLabels())
        .parse("requirements-notes.md", text.getBytes(StandardCharsets.UTF_8));
  }

  private static ReviewContext context(NotesFile base, NotesFile head) {
    return new ReviewContext(
        Config.defaults(NotesParser.defaultLabels()),
        List.of(),
        base,
        head,
        NotesDiff.of(base, head),
        CondaNames.builtIn(),
        false,
        Map.of());
  }

  @Test
  void sectionLookupFindsTheFirstSectionOfANameInFileOrder() {
    NotesFile head =
        notes(
            "## torch\n\n"
                + ANSWERS.formatted("first section")
                + "## Sentence_Transformers\n\n"
                + ANSWERS.formatted("normalised name")
                + "## torch\n\n"
                + ANSWERS.formatted("second section"));
    ReviewContext ctx = context(null, head);

    NotesSection torch = ctx.headSection("torch").orElseThrow();
    assertThat(torch.line()).isEqualTo(1);
    assertThat(torch.answers().values()).anyMatch(a -> a.text().equals("first section"));
    assertThat(ctx.headSection("sentence-transformers")).isPresent();
    assertThat(ctx.headSection("numpy")).isEmpty();
    assertThat(ctx.baseSection("torch")).isEmpty();
  }

  @Test
  void sectionLookupOnEachSideAndNotesChangeByName() {
    NotesFile base =
        notes(
            "## kept\n\n"
                + ANSWERS.formatted("same")
                + "## edited\n\n"
                + ANSWERS.formatted("before")
                + "## dropped\n\n"
                + ANSWERS.formatted("gone"));
    NotesFile head =
        notes(
            "## edited\n\n"
                + ANSWERS.formatted("after")
                + "## kept\n\n"
                + ANSWERS.formatted("same")
                + "## added\n\n"
                + ANSWERS.formatted("new"));
    ReviewContext ctx = context(base, head);

    assertThat(ctx.baseSection("dropped")).isPresent();
    assertThat(ctx.headSection("dropped")).isEmpty();
    assertThat(ctx.baseSection("added")).isEmpty();
    assertThat(ctx.headSection("added")).isPresent();
    assertThat(ctx.notesDiff().changeOf("kept")).isEqualTo(Change.UNCHANGED);
    assertThat(ctx.notesDiff().changeOf("edited")).isEqualTo(Change.CHANGED);
    assertThat(ctx.notesDiff().changeOf("added")).isEqualTo(Change.ADDED);
    assertThat(ctx.notesDiff().changeOf("dropped")).isEqualTo(Change.REMOVED);
    assertThat(ctx.notesDiff().changeOf("never-there")).isEqualTo(Change.UNCHANGED);
  }

  @Test
  void aNameInParenthesesFindsItsSectionUnlessAHeadingNamesItFirst() {
    NotesFile head =
        notes(
            "## PyTorch (torch)\n\n"
                + ANSWERS.formatted("display name")
                + "## Rich Text (rich)\n\n"
                + ANSWERS.formatted("display name for rich")
                + "## rich\n\n"
                + ANSWERS.formatted("own section"));
    ReviewContext ctx = context(null, head);
    assertThat(ctx.headSection("torch").orElseThrow().heading()).isEqualTo("PyTorch (torch)");
    assertThat(ctx.headSection("pytorch").orElseThrow().heading()).isEqualTo("PyTorch (torch)");
    assertThat(ctx.headSection("rich").orElseThrow().heading()).isEqualTo("rich");
  }

  @Test
  void noNotesOnEitherSideFindsNothing() {
    ReviewContext ctx = context(null, null);
    assertThat(ctx.headSection("torch")).isEmpty();
    assertThat(ctx.baseSection("torch")).isEmpty();
    assertThat(ctx.notesDiff().changeOf("torch")).isEqualTo(Change.UNCHANGED);
  }
}
