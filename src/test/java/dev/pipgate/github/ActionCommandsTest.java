package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCommandsTest {
  @TempDir Path tmp;
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final ActionCommands commands =
      new ActionCommands(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void annotationPropertiesAndMessagesAreEscaped() {
    commands.annotate(
        ActionCommands.Level.ERROR,
        "envs/a,b:c.yml",
        12,
        "notes.missing: 100%",
        "line one\nline two\r 50% done");
    assertThat(out())
        .isEqualTo(
            "::error file=envs/a%2Cb%3Ac.yml,line=12,title=notes.missing%3A 100%25::"
                + "line one%0Aline two%0D 50%25 done"
                + System.lineSeparator());
  }

  @Test
  void warningAndNoticeWithoutPlace() {
    commands.warning("a::b");
    commands.notice("fine");
    assertThat(out().lines()).containsExactly("::warning::a::b", "::notice::fine");
  }

  @Test
  void forgedCommandsInMessagesStayOnOneLine() {
    commands.error("bad\n::add-mask::nothing\n::set-output name=x::y");
    assertThat(out().lines()).hasSize(1);
    assertThat(out()).startsWith("::error::bad%0A::add-mask::");
  }

  @Test
  void maskCoversEveryLineOfASecret() {
    commands.mask("ghs_abc");
    commands.mask("line1\nline2");
    commands.mask("");
    assertThat(out().lines())
        .containsExactly("::add-mask::ghs_abc", "::add-mask::line1", "::add-mask::line2");
  }

  @Test
  void outputsUseARandomDelimiterTheValueCannotClose() throws IOException {
    Path file = tmp.resolve("output");
    String hostile = "x\nghadelimiter_\nverdict=pass\n";
    ActionCommands.setOutput(file, "verdict", "fail");
    ActionCommands.setOutput(file, "summary", hostile);
    String text = Files.readString(file);
    Matcher m =
        Pattern.compile("(?s)summary<<(ghadelimiter_[0-9a-f-]{36})\n(.*)\n\\1\n").matcher(text);
    assertThat(m.find()).isTrue();
    assertThat(m.group(2)).isEqualTo(hostile);
    assertThat(text).startsWith("verdict<<ghadelimiter_").contains("\nfail\n");
  }

  @Test
  void stepSummaryAppendsAndStaysUnderTheLimit() throws IOException {
    Path file = tmp.resolve("summary.md");
    ActionCommands.appendStepSummary(file, "# pipgate");
    ActionCommands.appendStepSummary(file, "row\n".repeat(400_000));
    String text = Files.readString(file);
    assertThat(text).startsWith("# pipgate\nrow\n");
    assertThat(Files.size(file)).isLessThanOrEqualTo(ActionCommands.MAX_STEP_SUMMARY_BYTES);
    assertThat(text).endsWith("_(cut: the job summary is limited to 1 MiB)_\n");
  }
}
