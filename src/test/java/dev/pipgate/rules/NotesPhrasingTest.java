package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.config.Config;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import dev.pipgate.parse.NotesParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Justifications as people write them (src/test/resources/notes/phrasings.txt): each case says
 * which of the four questions its torch section answers and which it leaves missing.
 */
class NotesPhrasingTest {
  static final Path FILE = Path.of("src/test/resources/notes/phrasings.txt");
  private static final Map<String, Question> KEYS =
      Map.of(
          "why", Question.WHY_NOT_CONDA,
          "forge", Question.CONDA_FORGE_CHECKED,
          "nodeps", Question.NO_DEPS_TESTED,
          "alt", Question.ALTERNATIVES);
  private static final Config CONFIG = Config.defaults(NotesParser.defaultLabels());
  private static final NotesParser PARSER = new NotesParser(NotesParser.defaultLabels());

  record Case(
      String name, String layout, Set<Question> answered, Set<Question> missing, String text) {
    @Override
    public String toString() {
      return name + " (" + layout + ")";
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    String[] head = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
      if (line.startsWith("=== ")) {
        if (head != null) {
          out.add(build(head, text));
        }
        head = line.substring(4).split("\\|", -1);
        text = new StringBuilder();
      } else if (head != null) {
        text.append(line).append('\n');
      }
    }
    if (head != null) {
      out.add(build(head, text));
    }
    return out;
  }

  private static Case build(String[] head, StringBuilder text) {
    assertThat(head).as("case header %s", String.join("|", head)).hasSize(4);
    return new Case(
        head[0].strip(),
        head[1].strip(),
        questions(head[2], "answered:"),
        questions(head[3], "missing:"),
        text.toString());
  }

  private static Set<Question> questions(String field, String prefix) {
    String f = field.strip();
    assertThat(f).startsWith(prefix);
    Set<Question> out = EnumSet.noneOf(Question.class);
    for (String k : f.substring(prefix.length()).split(",")) {
      if (!k.isBlank()) {
        assertThat(KEYS).containsKey(k.strip());
        out.add(KEYS.get(k.strip()));
      }
    }
    return out;
  }

  @Test
  void enoughCasesInEveryLayoutAndLanguage() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases.stream().map(Case::name).collect(Collectors.toSet())).hasSize(cases.size());
    assertThat(cases.stream().map(Case::layout).collect(Collectors.toSet()))
        .contains("list", "bold", "headings", "next-line", "table", "file-table", "heading");
    assertThat(cases).anyMatch(c -> c.text().contains("为何") || c.text().contains("为什么"));
    assertThat(cases.stream().filter(c -> c.name().startsWith("not-")).count())
        .isGreaterThanOrEqualTo(8);
    for (Case c : cases) {
      Set<Question> all = EnumSet.noneOf(Question.class);
      all.addAll(c.answered());
      all.addAll(c.missing());
      assertThat(all).as(c.name()).hasSize(4);
      assertThat(c.answered().size() + c.missing().size()).as(c.name()).isEqualTo(4);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAreRecognisedByWhatTheyAsk(Case c) {
    NotesFile notes =
        PARSER.parse("requirements-notes.md", c.text().getBytes(StandardCharsets.UTF_8));
    List<NotesSection> torch = notes.sections().stream().filter(s -> s.names("torch")).toList();
    assertThat(torch).as("sections naming torch in %s", c.name()).hasSize(1);
    Set<Question> missing = EnumSet.noneOf(Question.class);
    missing.addAll(Justifications.missing(torch.get(0), CONFIG));
    assertThat(missing)
        .as("missing in %s: %s", c.name(), Justifications.describeFound(torch.get(0), CONFIG))
        .isEqualTo(c.missing());
  }
}
