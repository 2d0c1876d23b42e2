package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.InputException;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random documents stitched from the constructs the parser treats specially: whatever comes in, the
 * result keeps its invariants, and the only failure is an InputException.
 */
class NotesHostileInputTest {
  private static final List<String> PIECES =
      List.of(
          "## torch\n",
          "# ",
          "###### ",
          "Why not conda?",
          "**",
          "*",
          "_",
          "`",
          "```\n",
          "~~~",
          "<!--",
          "-->",
          "<div>\n",
          "</div>",
          "<pre>",
          "| ",
          " |",
          "|---|---|\n",
          "- ",
          "1. ",
          "> ",
          "    ",
          "\n",
          "\n\n",
          "\r\n",
          "\r",
          "===\n",
          "---\n",
          "是否存在替代方案？",
          "：",
          "conda-forge",
          ": ",
          "[",
          "](u)",
          "torch==2.0",
          " (1.0)",
          "\\",
          "&amp;",
          "\t",
          "\u00a0",
          "\ud83d\ude00",
          "[x]: /url\n",
          "--no-deps",
          "<span>",
          "alternatives");

  @Test
  void randomDocumentsKeepTheInvariants() {
    NotesParser parser = new NotesParser(NotesParser.defaultLabels());
    Random random = new Random(20240611);
    int parsed = 0;
    for (int round = 0; round < 3000; round++) {
      StringBuilder b = new StringBuilder();
      int pieces = random.nextInt(60);
      for (int i = 0; i < pieces; i++) {
        b.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      String text = b.toString();
      NotesFile file;
      try {
        file = parser.parse("n.md", text.getBytes(StandardCharsets.UTF_8));
      } catch (InputException e) {
        assertThat(e.oneLine()).startsWith("n.md");
        continue;
      }
      parsed++;
      int lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1).length;
      int previous = 0;
      for (NotesSection s : file.sections()) {
        assertThat(s.line()).isGreaterThan(previous).isLessThanOrEqualTo(s.endLine());
        assertThat(s.endLine()).isLessThanOrEqualTo(lines);
        previous = s.line();
        assertThat(s.answers().values())
            .allSatisfy(a -> assertThat(a.line()).isBetween(s.line(), s.endLine()));
        assertThat(s.answers().values())
            .allSatisfy(a -> assertThat(a.text()).isEqualTo(a.text().strip()));
      }
    }
    assertThat(parsed).isGreaterThan(2900);
  }
}
