package dev.pipgate.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.DiffMark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.junit.jupiter.api.Test;

class LineMapTest {
  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static List<DiffMark> marks(LineMap map, int count) {
    List<DiffMark> marks = new ArrayList<>();
    for (int line = 1; line <= count; line++) {
      marks.add(map.mark(line));
    }
    return marks;
  }

  private static String[] numbered(int count) {
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = "line " + (i + 1);
    }
    return lines;
  }

  @Test
  void anInsertedLineIsAddedAndItsNeighboursAreContext() {
    LineMap map = LineMap.between(lines("a", "b", "c"), lines("a", "b", "new", "c"));
    assertThat(marks(map, 4))
        .containsExactly(DiffMark.CONTEXT, DiffMark.CONTEXT, DiffMark.ADDED, DiffMark.CONTEXT);
    assertThat(map.addedLines()).containsExactly(3);
    assertThat(map.edits()).containsExactly(new LineMap.LineEdit(2, 2, 2, 3));
  }

  @Test
  void aReplacedLineIsAdded() {
    String[] before = numbered(10);
    String[] after = numbered(10);
    after[4] = "numpy==1.26";
    LineMap map = LineMap.between(lines(before), lines(after));
    assertThat(map.mark(5)).isEqualTo(DiffMark.ADDED);
    assertThat(map.addedLines()).containsExactly(5);
    assertThat(map.edits()).containsExactly(new LineMap.LineEdit(4, 5, 4, 5));
  }

  @Test
  void contextReachesThreeLinesEachWayAndNoFurther() {
    String[] before = numbered(20);
    String[] after = numbered(20);
    after[9] = "changed";
    LineMap map = LineMap.between(lines(before), lines(after));
    assertThat(map.mark(6)).isEqualTo(DiffMark.OUTSIDE);
    assertThat(map.mark(7)).isEqualTo(DiffMark.CONTEXT);
    assertThat(map.mark(9)).isEqualTo(DiffMark.CONTEXT);
    assertThat(map.mark(10)).isEqualTo(DiffMark.ADDED);
    assertThat(map.mark(11)).isEqualTo(DiffMark.CONTEXT);
    assertThat(map.mark(13)).isEqualTo(DiffMark.CONTEXT);
    assertThat(map.mark(14)).isEqualTo(DiffMark.OUTSIDE);
    assertThat(map.mark(0)).isEqualTo(DiffMark.OUTSIDE);
    assertThat(map.mark(21)).isEqualTo(DiffMark.OUTSIDE);
  }

  @Test
  void aDeletionAddsNothingButShowsItsSurroundings() {
    String[] before = numbered(12);
    List<String> after = new ArrayList<>(List.of(before));
    after.remove(5); // "line 6"
    LineMap map = LineMap.between(lines(before), lines(after.toArray(String[]::new)));
    assertThat(map.addedLines()).isEmpty();
    assertThat(map.unchanged()).isFalse();
    // Head lines 3..5 precede the cut, 6..8 (old 7..9) follow it.
    assertThat(marks(map, 11))
        .containsExactly(
            DiffMark.OUTSIDE,
            DiffMark.OUTSIDE,
            DiffMark.CONTEXT,
            DiffMark.CONTEXT,
            DiffMark.CONTEXT,
            DiffMark.CONTEXT,
            DiffMark.CONTEXT,
            DiffMark.CONTEXT,
            DiffMark.OUTSIDE,
            DiffMark.OUTSIDE,
            DiffMark.OUTSIDE);
  }

  @Test
  void everyLineOfAnAddedFileIsAdded() {
    LineMap map = LineMap.between(new byte[0], lines("name: x", "dependencies:", "  - pip"));
    assertThat(marks(map, 3)).containsOnly(DiffMark.ADDED);
    assertThat(map.mark(4)).isEqualTo(DiffMark.OUTSIDE);
    assertThat(LineMap.allAdded().mark(1000)).isEqualTo(DiffMark.ADDED);
  }

  @Test
  void anUnchangedFileTouchesNothing() {
    byte[] same = lines(numbered(5));
    LineMap map = LineMap.between(same, same.clone());
    assertThat(map.unchanged()).isTrue();
    assertThat(marks(map, 5)).containsOnly(DiffMark.OUTSIDE);
    assertThat(LineMap.unknown().mark(1)).isEqualTo(DiffMark.UNKNOWN);
  }

  @Test
  void lineEndingChangesCountAsGitShowsThem() {
    byte[] lf = "a\nb\nc\nd\ne\nf\ng\nh\n".getBytes(StandardCharsets.US_ASCII);
    byte[] oneCrlf = "a\nb\nc\nd\r\ne\nf\ng\nh\n".getBytes(StandardCharsets.US_ASCII);
    LineMap map = LineMap.between(lf, oneCrlf);
    assertThat(map.addedLines()).containsExactly(4);
    assertThat(map.mark(1)).isEqualTo(DiffMark.CONTEXT);

    byte[] allCrlf = "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(LineMap.between(lf, allCrlf).addedLines()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    // A final line gaining its newline changed too.
    byte[] noFinalNewline = "a\nb\nc\nd\ne\nf\ng\nh".getBytes(StandardCharsets.US_ASCII);
    assertThat(LineMap.between(noFinalNewline, lf).addedLines()).containsExactly(8);
  }

  /**
   * Against the unified diff JGit prints for the same texts with three lines of context: '+' lines
   * are ADDED, ' ' lines inside a hunk are CONTEXT, every other head line is OUTSIDE.
   */
  @Test
  void agreesWithTheUnifiedDiffOnRandomEdits() throws Exception {
    Random random = new Random(20240501L);
    Pattern header = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");
    for (int round = 0; round < 300; round++) {
      List<String> before = new ArrayList<>();
      int size = random.nextInt(40);
      for (int i = 0; i < size; i++) {
        before.add("dep" + random.nextInt(8));
      }
      List<String> after = new ArrayList<>(before);
      int edits = random.nextInt(5);
      for (int e = 0; e < edits; e++) {
        int at = after.isEmpty() ? 0 : random.nextInt(after.size() + 1);
        switch (random.nextInt(3)) {
          case 0 -> after.add(at, "new" + random.nextInt(4));
          case 1 -> {
            if (at < after.size()) {
              after.remove(at);
            }
          }
          default -> {
            if (at < after.size()) {
              after.set(at, "changed" + random.nextInt(4));
            }
          }
        }
      }
      byte[] a = join(before);
      byte[] b = join(after);

      DiffMark[] expected = new DiffMark[after.size() + 1];
      Arrays.fill(expected, DiffMark.OUTSIDE);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(out)) {
        formatter.setContext(3);
        RawText ra = new RawText(a);
        RawText rb = new RawText(b);
        formatter.format(
            DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, ra, rb),
            ra,
            rb);
      }
      int headLine = 0;
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        Matcher hunk = header.matcher(line);
        if (hunk.find()) {
          headLine = Integer.parseInt(hunk.group(1));
          if ("0".equals(hunk.group(2))) {
            headLine++;
          }
        } else if (line.startsWith("+")) {
          expected[headLine++] = DiffMark.ADDED;
        } else if (line.startsWith(" ")) {
          expected[headLine++] = DiffMark.CONTEXT;
        }
      }

      LineMap map = LineMap.between(a, b);
      for (int line = 1; line <= after.size(); line++) {
        assertThat(map.mark(line))
            .as("round %d line %d\nbefore=%s\nafter=%s\n%s", round, line, before, after, out)
            .isEqualTo(expected[line]);
      }
    }
  }

  private static byte[] join(List<String> lines) {
    return lines.isEmpty() ? new byte[0] : lines(lines.toArray(String[]::new));
  }
}
