package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotesScaffoldTest {
  private static final Map<Question, List<String>> LABELS = NotesParser.defaultLabels();
  private static final NotesParser PARSER = new NotesParser(LABELS);

  static NotesFile parse(String text) {
    return PARSER.parse("requirements-notes.md", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The sections the scaffold added: the last {@code names.size()} ones, all questions empty. */
  static void assertEmptySectionsFor(NotesFile file, List<String> normalisedNames) {
    List<NotesSection> sections = file.sections();
    List<NotesSection> added =
        sections.subList(sections.size() - normalisedNames.size(), sections.size());
    assertThat(added)
        .extracting(NotesSection::packageName)
        .containsExactlyElementsOf(normalisedNames);
    for (NotesSection s : added) {
      assertThat(s.answers()).containsOnlyKeys(Question.values());
      assertThat(s.answers().values()).allSatisfy(a -> assertThat(a.text()).isEmpty());
      assertThat(s.answers().values())
          .allSatisfy(a -> assertThat(a.line()).isBetween(s.line(), s.endLine()));
    }
  }

  @Test
  void templateReadsAsWritten() {
    assertThat(NotesScaffold.template(List.of("torch"), LABELS))
        .isEqualTo(
            """
            ## torch

            - **Why not conda?**
            - **conda-forge checked?**
            - **--no-deps tested?**
            - **Alternatives considered?**
            """);
  }

  @Test
  void roundTripGivesEmptyAnswers() {
    String existing = "# Pip packages\n\n## numpy\n- Why not conda: ABI\n";
    String result =
        NotesScaffold.append(existing, List.of("torch", "Sentence_Transformers"), LABELS);
    assertThat(result).startsWith(existing);
    NotesFile file = parse(result);
    assertThat(file.sections()).hasSize(4);
    assertEmptySectionsFor(file, List.of("torch", "sentence-transformers"));
    assertThat(file.sections().get(1).answers().get(Question.WHY_NOT_CONDA).text())
        .isEqualTo("ABI");
    assertThat(result).contains("## Sentence_Transformers\n");
  }

  @Test
  void crlfFileKeepsItsBytesAndLineEnds() {
    String existing = "# Notes\r\n\r\n## numpy\r\n- Why not conda: ABI";
    String result = NotesScaffold.append(existing, List.of("torch"), LABELS);
    assertThat(result.getBytes(StandardCharsets.UTF_8))
        .startsWith(existing.getBytes(StandardCharsets.UTF_8));
    String added = result.substring(existing.length());
    assertThat(added).startsWith("\r\n\r\n## torch\r\n\r\n");
    assertThat(added.replace("\r\n", "")).doesNotContain("\n", "\r");
    assertThat(added).endsWith("**\r\n");
    assertEmptySectionsFor(parse(result), List.of("torch"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "text\n", "text\n\n", "text\n  \n", "text\n\n\n"})
  void exactlyOneBlankLineIsEnsured(String existing) {
    String result = NotesScaffold.append(existing, List.of("torch"), LABELS);
    String before = result.substring(0, result.indexOf("## torch"));
    assertThat(before).startsWith(existing);
    assertThat(before).matches("(?s)text\\n[ ]*\\n(\\n)*");
    assertThat(before.length() - existing.length()).isLessThanOrEqualTo(2);
  }

  @Test
  void emptyFileGetsOnlyTheSections() {
    String result = NotesScaffold.append("", List.of("torch"), LABELS);
    assertThat(result).isEqualTo(NotesScaffold.template(List.of("torch"), LABELS));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# Notes\n\n```bash\npip install torch\n",
        "# Notes\n\n````\n```\nstill code",
        "# Notes\n\n<!-- a comment left open\n\n## old\n",
        "# Notes\n\n<pre>\nraw\n\n",
        "# Notes\n\n<?php open",
        "# Notes\n\n- item\n  ```\n  code in an item",
        "# Notes\n\n> quote\n> <!-- open in a quote",
      })
  void blocksLeftOpenAreClosedSoTheSectionsCount(String existing) {
    String result = NotesScaffold.append(existing, List.of("torch"), LABELS);
    assertThat(result).startsWith(existing);
    NotesFile file = parse(result);
    assertThat(file.sections().get(0).heading()).isEqualTo("Notes");
    assertEmptySectionsFor(file, List.of("torch"));
  }

  @Test
  void closedBlocksGetNoCloser() {
    String existing = "# Notes\n\n<!-- closed -->\n";
    assertThat(NotesScaffold.append(existing, List.of("torch"), LABELS))
        .isEqualTo(existing + "\n" + NotesScaffold.template(List.of("torch"), LABELS));
  }

  @Test
  void packageNamedLikeALabelStaysASection() {
    String result = NotesScaffold.append("", List.of("alternatives", "conda-forge"), LABELS);
    assertThat(result).contains("## `alternatives`\n", "## `conda-forge`\n");
    assertEmptySectionsFor(parse(result), List.of("alternatives", "conda-forge"));
  }

  @Test
  void chineseLabelsFirst() {
    Map<Question, List<String>> chinese = new EnumMap<>(Question.class);
    chinese.put(Question.WHY_NOT_CONDA, List.of("为何不能使用Conda"));
    chinese.put(Question.CONDA_FORGE_CHECKED, List.of("是否评估过conda-forge？"));
    chinese.put(Question.NO_DEPS_TESTED, List.of("是否测试过--no-deps模式"));
    chinese.put(Question.ALTERNATIVES, List.of("是否存在替代方案"));
    String result = NotesScaffold.template(List.of("jieba"), chinese);
    assertThat(result)
        .contains("- **为何不能使用Conda？**\n", "- **是否评估过conda-forge？**\n", "- **是否存在替代方案？**\n");
    assertEmptySectionsFor(parse(result), List.of("jieba"));
    assertEmptySectionsFor(
        new NotesParser(chinese).parse("n.md", result.getBytes(StandardCharsets.UTF_8)),
        List.of("jieba"));
  }

  @Test
  void invalidInputIsRejected() {
    assertThatThrownBy(() -> NotesScaffold.template(List.of("git+https://x/y.git"), LABELS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                NotesScaffold.template(
                    List.of("torch"), Map.of(Question.WHY_NOT_CONDA, List.of("Why not conda"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void completeAddsRowsToATableAndBoldParagraphsAndKeepsEveryAnswer() {
    String text =
        """
        ## torch
        | Question | Answer |
        |---|---|
        | Why not conda? | The channel has no cu118 build. |
        | conda-forge checked? | |

        ## numpy

        **Why pip** only PyPI has the build.

        **Alternatives** none.
        """;
    NotesParser parser = new NotesParser(NotesParser.defaultLabels());
    var sections = parser.parse("n.md", text.getBytes(StandardCharsets.UTF_8)).sections();
    String done = NotesScaffold.complete(text, sections, NotesParser.defaultLabels());
    assertThat(done)
        .isEqualTo(
            """
            ## torch
            | Question | Answer |
            |---|---|
            | Why not conda? | The channel has no cu118 build. |
            | conda-forge checked? | |
            | --no-deps tested? | |
            | Alternatives considered? | |

            ## numpy

            **Why pip** only PyPI has the build.

            **Alternatives** none.

            **conda-forge checked?**

            **--no-deps tested?**
            """);
    var again = parser.parse("n.md", done.getBytes(StandardCharsets.UTF_8)).sections();
    assertThat(again).allSatisfy(s -> assertThat(s.answers()).hasSize(4));
    assertThat(again.get(0).answers().get(Question.WHY_NOT_CONDA).text())
        .isEqualTo("The channel has no cu118 build.");
    assertThat(NotesScaffold.complete(done, again, NotesParser.defaultLabels())).isEqualTo(done);
  }
}
