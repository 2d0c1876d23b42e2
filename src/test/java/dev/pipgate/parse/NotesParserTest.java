package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.NotesSection.Answer;
import dev.pipgate.model.Question;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotesParserTest {
  private static final NotesParser PARSER = new NotesParser(NotesParser.defaultLabels());

  static NotesFile parse(String markdown) {
    return PARSER.parse("requirements-notes.md", markdown.getBytes(StandardCharsets.UTF_8));
  }

  static NotesSection only(NotesFile file) {
    assertThat(file.sections()).hasSize(1);
    return file.sections().get(0);
  }

  static String text(NotesSection s, Question q) {
    assertThat(s.answers()).containsKey(q);
    return s.answers().get(q).text();
  }

  @Test
  void labelHeadingsAnswerTheEnclosingPackage() {
    NotesSection torch =
        only(
            parse(
                """
                ## torch

                ### Why not conda?
                The conda-forge build lags two releases
                behind *PyPI*.

                More detail in a second paragraph.

                ### conda-forge checked
                Yes: only 1.13 there.
                ### --no-deps tested:
                - installed with `pip install --no-deps torch`
                - imports fine
                ### Alternatives
                None.
                """));
    assertThat(torch.packageName()).isEqualTo("torch");
    assertThat(torch.line()).isEqualTo(1);
    assertThat(torch.endLine()).isEqualTo(15);
    assertThat(text(torch, Question.WHY_NOT_CONDA))
        .isEqualTo(
            "The conda-forge build lags two releases behind PyPI. More detail in a second"
                + " paragraph.");
    assertThat(torch.answers().get(Question.WHY_NOT_CONDA).line()).isEqualTo(3);
    assertThat(text(torch, Question.CONDA_FORGE_CHECKED)).isEqualTo("Yes: only 1.13 there.");
    assertThat(text(torch, Question.NO_DEPS_TESTED))
        .isEqualTo("installed with pip install --no-deps torch imports fine");
    assertThat(torch.answers().get(Question.NO_DEPS_TESTED).line()).isEqualTo(11);
    assertThat(text(torch, Question.ALTERNATIVES)).isEqualTo("None.");
  }

  @Test
  void labelHeadingWithItsAnswer() {
    NotesFile file =
        parse(
            """
            ## torch
            ### Alternatives: none
            that we trust
            ### Why not conda is a long story
            """);
    NotesSection s = file.sections().get(0);
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("none that we trust");
    assertThat(s.answers()).containsOnlyKeys(Question.ALTERNATIVES);
    // A label followed by prose, without a separator, is an ordinary heading.
    assertThat(file.sections()).hasSize(2);
    assertThat(file.sections().get(1).packageName()).isNull();
  }

  @Test
  void chineseLabelHeadings() {
    NotesSection s =
        only(
            parse(
                """
                ## `paddleocr`
                ### 为何不能使用Conda？
                conda 渠道没有该包。
                ### 是否评估过conda-forge?
                评估过，版本太旧。
                ### 是否测试过 --no-deps 模式？
                已测试。
                ### 是否存在替代方案
                无。
                """));
    assertThat(s.packageName()).isEqualTo("paddleocr");
    assertThat(s.answers())
        .extractingFromEntries(e -> e.getValue().text())
        .containsExactlyInAnyOrder("conda 渠道没有该包。", "评估过，版本太旧。", "已测试。", "无。");
    assertThat(s.answers().get(Question.NO_DEPS_TESTED).line()).isEqualTo(6);
  }

  @Test
  void listItemsWithBoldOrItalicLabels() {
    NotesSection s =
        only(
            parse(
                """
                ## sentence-transformers (2.2.2)

                - **Why not conda?** The conda package pins an
                  old tokenizers.
                - *conda-forge checked*: yes, stale
                - **--no-deps tested**
                  yes, in CI
                  - nested: check passes
                - ***Alternatives considered:*** none
                - an unrelated item
                """));
    assertThat(s.packageName()).isEqualTo("sentence-transformers");
    assertThat(text(s, Question.WHY_NOT_CONDA))
        .isEqualTo("The conda package pins an old tokenizers.");
    assertThat(s.answers().get(Question.WHY_NOT_CONDA).line()).isEqualTo(3);
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEqualTo("yes, stale");
    assertThat(text(s, Question.NO_DEPS_TESTED)).isEqualTo("yes, in CI nested: check passes");
    assertThat(s.answers().get(Question.NO_DEPS_TESTED).line()).isEqualTo(6);
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("none");
  }

  @Test
  void paragraphsStartingWithLabels() {
    NotesSection s =
        only(
            parse(
                """
                # faiss-cpu

                **Why pip?**
                conda's build needs MKL.

                **conda-forge checked?** Yes.

                **--no-deps tested?**

                It imports without the extra deps.

                Unrelated prose afterwards.

                Alternatives considered: annoy, hnswlib
                but both are slower.
                """));
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEqualTo("conda's build needs MKL.");
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEqualTo("Yes.");
    // A label alone in its paragraph reads like a heading: the answer follows, up to the next
    // heading or label.
    assertThat(text(s, Question.NO_DEPS_TESTED))
        .isEqualTo("It imports without the extra deps. Unrelated prose afterwards.");
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("annoy, hnswlib but both are slower.");
    assertThat(s.answers().get(Question.ALTERNATIVES).line()).isEqualTo(14);
  }

  @Test
  void chineseListItemsAndParagraphs() {
    NotesSection s =
        only(
            parse(
                """
                ## opencv-python-headless
                - 为何不能使用Conda? conda 版本依赖 Qt。
                - **是否评估过conda-forge？** 是。
                - 是否测试过--no-deps模式：
                  已测试，可以导入。

                是否存在替代方案？没有。
                """));
    assertThat(s.packageName()).isEqualTo("opencv-python-headless");
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEqualTo("conda 版本依赖 Qt。");
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEqualTo("是。");
    assertThat(text(s, Question.NO_DEPS_TESTED)).isEqualTo("已测试，可以导入。");
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("没有。");
    assertThat(s.answers().get(Question.ALTERNATIVES).line()).isEqualTo(7);
  }

  @Test
  void tableRows() {
    NotesSection s =
        only(
            parse(
                """
                ## jax[cuda12] >= 0.4

                | Question | Answer |
                |---|---|
                | **Why not conda?** | no CUDA 12 build |
                | conda-forge checked | yes, CPU only |
                | 是否测试过 --no-deps 模式？ | 已测试 |
                | Alternatives | `torch`, but a rewrite |
                | Owner | ml-team |
                """));
    assertThat(s.packageName()).isEqualTo("jax");
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEqualTo("no CUDA 12 build");
    assertThat(s.answers().get(Question.WHY_NOT_CONDA).line()).isEqualTo(5);
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEqualTo("yes, CPU only");
    assertThat(text(s, Question.NO_DEPS_TESTED)).isEqualTo("已测试");
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("torch, but a rewrite");
    assertThat(s.answers().get(Question.ALTERNATIVES).line()).isEqualTo(8);
  }

  @Test
  void chineseTableAndEmptyCells() {
    NotesSection s =
        only(
            parse(
                """
                ## jieba
                | 为何不能使用Conda？ | conda 没有 |
                |---|---|
                | 是否评估过conda-forge？ | |
                | 是否存在替代方案？ |
                """));
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEqualTo("conda 没有");
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEmpty();
    assertThat(text(s, Question.ALTERNATIVES)).isEmpty();
    assertThat(s.answers()).doesNotContainKey(Question.NO_DEPS_TESTED);
  }

  @Test
  void definitionLinesInOneParagraph() {
    NotesSection s =
        only(
            parse(
                """
                ## ruamel.yaml==0.17.21
                Why not conda: the conda name differs
                and the build is old
                conda-forge: checked, 0.17.1 only
                --no-deps tested: yes
                为何不能使用Conda：ignored, already answered
                是否存在替代方案：PyYAML
                """));
    assertThat(s.packageName()).isEqualTo("ruamel-yaml");
    assertThat(text(s, Question.WHY_NOT_CONDA))
        .isEqualTo("the conda name differs and the build is old");
    assertThat(text(s, Question.CONDA_FORGE_CHECKED)).isEqualTo("checked, 0.17.1 only");
    assertThat(s.answers().get(Question.CONDA_FORGE_CHECKED).line()).isEqualTo(4);
    assertThat(text(s, Question.NO_DEPS_TESTED)).isEqualTo("yes");
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("PyYAML");
  }

  @Test
  void labelsInsideSentencesAreNoLabels() {
    NotesSection s =
        only(
            parse(
                """
                ## numpy
                We looked at alternatives, none fit.
                Alternatives were not needed
                - The build on conda-forge is broken
                - why not conda is a fair question
                | We compared alternatives later | x |
                |---|---|
                """));
    assertThat(s.answers()).isEmpty();
  }

  @Test
  void firstAnswerWinsAndLaterOnesDoNotLeak() {
    NotesSection s =
        only(
            parse(
                """
                ## torch
                - Why not conda: first
                - Why pip: second
                  still second
                - Alternatives: third
                """));
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEqualTo("first");
    assertThat(s.answers().get(Question.WHY_NOT_CONDA).line()).isEqualTo(2);
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("third");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "torch|torch",
        "`torch`|torch",
        "**`Torch`**|torch",
        "torch==2.0.1|torch",
        "transformers >=4.30|transformers",
        "transformers>=4.30,<5|transformers",
        "sentence-transformers (2.2.2)|sentence-transformers",
        "opencv_python[contrib]|opencv-python",
        "requests[socks,security] ~= 2.31|requests",
        "torch — CUDA wheels from PyPI|torch",
        "torch - CUDA wheels|torch",
        "torch: CUDA wheels|torch",
        "torch 2.0.1|torch",
        "torch v2.1 (cu118)|torch",
        "[Ruamel.YAML](https://pypi.org/project/ruamel.yaml/)|ruamel-yaml",
        "mypkg @ https://example.org/mypkg-1.0.tar.gz|mypkg",
        "Why we use pip at all|",
        "torch / faster-whisper (do NOT clobber)|",
        "Step 1: install|",
        "torch, torchvision|",
        "Python 3 migration|",
        "-dash first|",
        "!!!|",
        "Details|",
        "Notes:|",
        "`notes`|notes",
        "notes==1.0|notes",
      })
  void packageNameFromHeading(String heading, String expected) {
    NotesSection s = only(parse("## " + heading + "\n\ntext\n"));
    assertThat(s.packageName()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "torch|torch",
        "PyTorch (torch)|pytorch torch",
        "torch (torchvision)|torch torchvision",
        "torch (pip)|torch",
        "torch (cu118)|torch",
        "1. torch==2.0.1|torch",
        "torch / torchvision|torch torchvision",
        "`torch`, `torchaudio`|torch torchaudio",
        "torch, torchvision, torchaudio|torch torchvision torchaudio",
        "numpy & scipy|numpy scipy",
        "torch and torchvision|torch torchvision",
        "2. torch or jax|torch jax",
        "torch / faster-whisper (do NOT clobber)|torch faster-whisper",
        "torch/torchvision: CUDA wheels|torch torchvision",
        "Torch / torch|",
        "transformers>=4.30,<5|transformers",
        "Dividend / Distribution Entry|",
        "Users And Permissions|",
        "ETF / Stock Portfolio Dashboard Requirements Notes|",
        "Model downloads (first run, approximate)|",
        "Notes / Background|",
        "torch / see below|",
      })
  void namesAHeadingGives(String heading, String expected) {
    NotesSection s = only(parse("## " + heading + "\n\ntext\n"));
    assertThat(s.namesGiven())
        .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
  }

  @Test
  void headingTextIsPlainText() {
    NotesSection s = only(parse("## **`torch`**   *2.0*   <span>x</span> [docs](u)\n"));
    assertThat(s.heading()).isEqualTo("torch 2.0 x docs");
  }

  @Test
  void nestedSectionsAndLineRanges() {
    NotesFile file =
        parse(
            """
            # Pip packages

            Intro.

            ## torch
            - Why not conda: CUDA 12

            ### Details
            - Alternatives: none

            #### Deeper
            text

            ## numpy

            ### Why not conda?
            ABI

            # Appendix


            """);
    assertThat(file.sections())
        .extracting(NotesSection::heading)
        .containsExactly("Pip packages", "torch", "Details", "Deeper", "numpy", "Appendix");
    assertThat(file.sections()).extracting(NotesSection::line).containsExactly(1, 5, 8, 11, 14, 19);
    assertThat(file.sections())
        .extracting(NotesSection::endLine)
        .containsExactly(17, 12, 12, 12, 17, 19);
    NotesSection torch = file.sections().get(1);
    // An answer under a prose subsection counts for the package above it.
    assertThat(torch.answers()).containsOnlyKeys(Question.WHY_NOT_CONDA, Question.ALTERNATIVES);
    assertThat(file.sections().get(2).answers()).isEmpty();
    assertThat(text(file.sections().get(4), Question.WHY_NOT_CONDA)).isEqualTo("ABI");
    assertThat(file.sections().get(0).packageName()).isNull();
  }

  @Test
  void labelHeadingAtPackageLevelStaysInThePackage() {
    NotesFile file =
        parse(
            """
            ## torch
            ### Background
            long story
            ## Why not conda?
            wheels
            ## Alternatives
            none
            ## numpy
            """);
    assertThat(file.sections())
        .extracting(NotesSection::heading)
        .containsExactly("torch", "Background", "numpy");
    NotesSection torch = file.sections().get(0);
    assertThat(torch.endLine()).isEqualTo(7);
    assertThat(file.sections().get(1).endLine()).isEqualTo(3);
    assertThat(text(torch, Question.WHY_NOT_CONDA)).isEqualTo("wheels");
    assertThat(text(torch, Question.ALTERNATIVES)).isEqualTo("none");
  }

  @Test
  void labelsBeforeAnySectionBelongToNone() {
    NotesFile file =
        parse(
            """
            Why not conda: nobody asked
            # Why not conda?
            text
            """);
    assertThat(file.sections()).isEmpty();
  }

  @Test
  void packageNamedLikeALabelInCodeIsASection() {
    NotesSection s = only(parse("## `alternatives`\n- Alternatives: none\n"));
    assertThat(s.packageName()).isEqualTo("alternatives");
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("none");
  }

  @Test
  void headingsInCodeAndHtmlAreNoSections() {
    NotesFile file =
        parse(
            """
            ```markdown
            ## torch
            ```

                ## numpy

            <!--
            ## scipy
            -->

            <div>
            ## pandas
            </div>

            ~~~
            # unterminated fence
            """);
    assertThat(file.sections()).isEmpty();
  }

  @Test
  void answersInCommentsHtmlAndCodeDoNotCount() {
    NotesSection s =
        only(
            parse(
                """
                ## torch
                <!-- Why not conda: hidden from readers -->

                <!--
                - **conda-forge checked?** yes
                -->

                ```
                --no-deps tested: yes
                ```

                    Alternatives: indented code

                <details>
                Alternatives considered: raw html
                </details>

                - Why pip: <!-- hidden -->
                - Alternatives <!-- x -->: only a comment
                """));
    assertThat(s.answers()).containsOnlyKeys(Question.WHY_NOT_CONDA, Question.ALTERNATIVES);
    assertThat(text(s, Question.WHY_NOT_CONDA)).isEmpty();
    assertThat(text(s, Question.ALTERNATIVES)).isEqualTo("only a comment");
    assertThat(s.answers().get(Question.ALTERNATIVES).line()).isEqualTo(19);
  }

  @Test
  void codeBlocksAreNotPartOfAnswerText() {
    NotesSection s =
        only(
            parse(
                """
                ## torch
                ### --no-deps tested
                ```
                pip install --no-deps torch
                ```
                """));
    assertThat(text(s, Question.NO_DEPS_TESTED)).isEmpty();
  }

  @Test
  void setextHeadings() {
    NotesFile file =
        parse(
            """
            Pip packages
            ============

            torch==2.0
            ----------
            Why not conda?
            CUDA wheels

            Why not conda
            -------------
            not a section: an answer, already given

            numpy
            -----
            """);
    assertThat(file.sections())
        .extracting(NotesSection::heading, NotesSection::packageName, NotesSection::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Pip packages", null, 1),
            org.assertj.core.groups.Tuple.tuple("torch==2.0", "torch", 4),
            org.assertj.core.groups.Tuple.tuple("numpy", "numpy", 13));
    NotesSection torch = file.sections().get(1);
    assertThat(text(torch, Question.WHY_NOT_CONDA)).isEqualTo("CUDA wheels");
    assertThat(torch.endLine()).isEqualTo(11);
  }

  @Test
  void crlfAndUtf16InputGiveTheSameResult() {
    String lf = "## torch\n\n- Why not conda: wheels\n\n## numpy\n| Alternatives | none |\n|-|-|\n";
    NotesFile expected = parse(lf);
    String crlf = lf.replace("\n", "\r\n");
    NotesFile fromCrlf =
        PARSER.parse("requirements-notes.md", crlf.getBytes(StandardCharsets.UTF_8));
    byte[] body = crlf.getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16 = new byte[body.length + 2];
    utf16[0] = (byte) 0xff;
    utf16[1] = (byte) 0xfe;
    System.arraycopy(body, 0, utf16, 2, body.length);
    NotesFile fromUtf16 = PARSER.parse("requirements-notes.md", utf16);
    assertThat(expected.sections()).hasSize(2);
    assertThat(text(expected.sections().get(1), Question.ALTERNATIVES)).isEqualTo("none");
    assertThat(fromCrlf).isEqualTo(expected);
    assertThat(fromUtf16).isEqualTo(expected);
  }

  @Test
  void customLabels() {
    NotesParser parser =
        new NotesParser(Map.of(Question.WHY_NOT_CONDA, List.of("Warum nicht conda")));
    NotesFile file =
        parser.parse(
            "n.md",
            "## torch\n- Warum nicht Conda? Räder\n- Why not conda: ignored\n"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(file.sections().get(0).answers()).containsOnlyKeys(Question.WHY_NOT_CONDA);
    assertThat(file.sections().get(0).answers().get(Question.WHY_NOT_CONDA))
        .isEqualTo(new Answer(Question.WHY_NOT_CONDA, "Räder", 2));
  }

  @Test
  void conflictingLabelsAreRejected() {
    assertThatThrownBy(
            () ->
                new NotesParser(
                    Map.of(
                        Question.WHY_NOT_CONDA, List.of("why pip"),
                        Question.ALTERNATIVES, List.of("Why  PIP?"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void binaryInputIsAnInputError() {
    assertThatThrownBy(() -> PARSER.parse("n.md", new byte[] {'#', ' ', 0, 'x'}))
        .isInstanceOf(InputException.class);
  }

  @Test
  void hostileNestingParses() {
    String deep =
        "## torch\n"
            + "> ".repeat(5000)
            + "- ".repeat(5000)
            + "Why not conda: deep\n\n"
            + "*".repeat(20000)
            + "Alternatives"
            + "*".repeat(20000)
            + ": x\n\n"
            + "[".repeat(20000)
            + "\n\n| a |\n|"
            + "-|".repeat(20000)
            + "\n";
    NotesFile file = parse(deep);
    assertThat(file.sections()).extracting(NotesSection::packageName).containsExactly("torch");
    assertThat(file.sections().get(0).endLine()).isEqualTo(deep.split("\n").length);
  }
}
