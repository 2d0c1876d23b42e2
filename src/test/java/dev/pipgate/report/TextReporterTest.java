package dev.pipgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.Severity;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextReporterTest {
  private static final Pattern FINDING_LINE =
      Pattern.compile("^(\\S.*?)(?::(\\d+))?: (error|warning|note) (\\S+): (.+)$");

  private final Reporter text = Reporters.of(Format.TEXT);

  @Test
  void oneLinePerFindingSortedByFileLineAndRuleThenVerdict() {
    String out = text.render(Reports.failing());
    List<String> lines = out.lines().toList();
    List<String> findingLines = lines.stream().filter(l -> !l.startsWith(" ")).toList();

    assertThat(out).endsWith("\n");
    assertThat(findingLines).hasSize(Reports.findings().size() + 1);
    assertThat(findingLines.subList(0, 5))
        .allSatisfy(l -> assertThat(l).matches(FINDING_LINE))
        .containsExactly(
            "a/env.yml:7: note unpinned-pip: tqdm is not pinned",
            "environment.yml: warning pip-without-pip-dep: the env file has a pip: list but pip is"
                + " not a conda dependency",
            "environment.yml:12: error unjustified-pip: pip package `requests` is not justified in"
                + " docs/requirements notes.md",
            "environment.yml:20: warning duplicate-pip: numpy is listed twice second line",
            "envs/<script>alert(1)</script>.yml:3: error incomplete-justification: @org/team"
                + " <script>alert(1)</script> | ``` x ``` [link](http://evil)");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("pipgate: fail — 2 errors, 2 warnings, 1 note (fail-on: error)");
  }

  @Test
  void helpFollowsItsFindingIndentedAndFindingsWithoutHelpHaveNone() {
    List<String> lines = text.render(Reports.failing()).lines().toList();

    int unjustified = indexOfPrefix(lines, "environment.yml:12:");
    assertThat(lines.get(unjustified + 1))
        .isEqualTo("    Add a section for requests answering the four questions.");
    int duplicate = indexOfPrefix(lines, "environment.yml:20:");
    assertThat(lines.get(duplicate + 1)).doesNotStartWith(" ");
  }

  @Test
  void lineNumbersSortNumericallyNotAsText() {
    Finding at9 = finding("same.yml", 9, "b-rule");
    Finding at10 = finding("same.yml", 10, "a-rule");
    Finding at10b = finding("same.yml", 10, "b-rule");
    String out = text.render(Reports.with(List.of(at10b, at10, at9), FailLevel.ERROR));

    assertThat(out.lines().filter(l -> l.startsWith("same.yml")).toList())
        .extracting(l -> l.substring(0, l.indexOf(' ', l.indexOf(' ') + 1)))
        .containsExactly("same.yml:9: error", "same.yml:10: error", "same.yml:10: error");
    assertThat(out.indexOf("a-rule")).isLessThan(out.lastIndexOf("b-rule"));
  }

  @Test
  void passVerdicts() {
    assertThat(text.render(Reports.empty())).isEqualTo("pipgate: pass — no findings\n");
    String warningsOnly =
        text.render(Reports.with(List.of(Reports.WHOLE_FILE, Reports.NOTE), FailLevel.ERROR));
    assertThat(warningsOnly).endsWith("pipgate: pass — 1 warning, 1 note (fail-on: error)\n");
    String strict = text.render(Reports.with(List.of(Reports.WHOLE_FILE), FailLevel.WARNING));
    assertThat(strict).endsWith("pipgate: fail — 1 warning (fail-on: warning)\n");
  }

  @Test
  void repositoryTextCannotAddLinesControlSequencesOrWorkflowCommands() {
    Finding hostile =
        Finding.of(
            "r",
            Severity.ERROR,
            new Location("::error file=x::boom", 1),
            null,
            "line one\r\n::set-output name=x::y\u001b[31mred\u0085",
            "help\n::add-mask::secret");
    List<String> lines =
        text.render(Reports.with(List.of(hostile), FailLevel.ERROR)).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines).noneMatch(l -> l.strip().startsWith("::"));
    assertThat(lines.get(0))
        .isEqualTo(
            "./::error file=x::boom:1: error r: line one ::set-output name=x::y\\x1b[31mred\\x85");
    assertThat(lines.get(1)).isEqualTo("    help ::add-mask::secret");
  }

  private static Finding finding(String file, int line, String rule) {
    return Finding.of(rule, Severity.ERROR, new Location(file, line), null, "m " + rule, "");
  }

  private static int indexOfPrefix(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }
}
