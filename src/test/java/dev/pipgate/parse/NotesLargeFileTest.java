package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Size, not speed: a very large notes file parses completely (benchmarks time it). */
class NotesLargeFileTest {
  @Test
  void hundredThousandHeadings() {
    int n = 100_000;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int level = i % 6 + 1;
      b.append("#".repeat(level)).append(" pkg").append(i).append("==1.").append(i).append('\n');
      if (i % 2 == 0) {
        b.append("- **Why not conda?** reason ").append(i).append('\n');
      }
    }
    NotesFile file =
        new NotesParser(NotesParser.defaultLabels())
            .parse("big.md", b.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(file.sections()).hasSize(n);
    NotesSection last = file.sections().get(n - 1);
    assertThat(last.packageName()).isEqualTo("pkg" + (n - 1));
    assertThat(last.line()).isEqualTo(n + n / 2);
    assertThat(file.sections().get(n - 2).answers().get(Question.WHY_NOT_CONDA).text())
        .isEqualTo("reason " + (n - 2));
    // Level 1 sections run to the next level 1 heading, six headings (nine lines) later.
    assertThat(file.sections().get(6).line() - 1).isEqualTo(file.sections().get(0).endLine());
    assertThat(file.sections().stream().filter(s -> s.answers().isEmpty()).count())
        .isEqualTo(n / 2);
  }
}
