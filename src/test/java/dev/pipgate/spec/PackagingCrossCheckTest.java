package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares Version parsing and ordering and SpecifierSet.contains against the {@code packaging}
 * library (the one pip vendors) for a generated grid of versions and specifiers. Skipped when no
 * python3 with packaging 22 or newer is installed; older releases had LegacyVersion and other rules
 * this project does not follow.
 */
class PackagingCrossCheckTest {

  /** Reads versions, a "---" line, then specifiers from stdin; prints one answer per line. */
  private static final String SCRIPT =
      """
      import sys
      try:
          import packaging as p
          from packaging.version import Version, InvalidVersion
          from packaging.specifiers import SpecifierSet, InvalidSpecifier
      except ImportError:
          import pip._vendor.packaging as p
          from pip._vendor.packaging.version import Version, InvalidVersion
          from pip._vendor.packaging.specifiers import SpecifierSet, InvalidSpecifier
      if int(p.__version__.split(".")[0]) < 22:
          print("SKIP " + p.__version__)
          sys.exit(0)
      text = sys.stdin.read().split("\\n---\\n")
      versions, specs = text[0].split("\\n"), text[1].split("\\n")
      parsed = []
      for v in versions:
          try:
              parsed.append(Version(v))
              print("V\\t" + str(parsed[-1]))
          except InvalidVersion:
              print("V\\t!")
      valid = [v for v in parsed]
      order = sorted(range(len(valid)), key=lambda i: valid[i])
      print("O\\t" + " ".join(str(i) for i in order))
      for s in specs:
          try:
              spec = SpecifierSet(s)
          except InvalidSpecifier:
              print("S\\t!")
              continue
          print("S\\t" + ("1" if spec.prereleases else "0"))
          print("C\\t" + "".join(
              ("1" if spec.contains(v, prereleases=True) else "0")
              + ("1" if spec.contains(v, prereleases=False) else "0")
              for v in valid))
      """;

  private static List<String> pythonOutput;

  @BeforeAll
  static void runPackaging() throws IOException, InterruptedException {
    Optional<List<String>> out =
        runPython(String.join("\n", versions()) + "\n---\n" + String.join("\n", specifiers()));
    assumeTrue(out.isPresent(), "python3 is not available");
    assumeTrue(!out.get().isEmpty() && !out.get().get(0).startsWith("SKIP"), "packaging < 22");
    pythonOutput = out.get();
  }

  private static Optional<List<String>> runPython(String input)
      throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(false).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      // no packaging importable (or no python at all): nothing to compare with
      assumeTrue(!stderr.contains("ModuleNotFoundError"), "packaging is not importable");
      throw new IllegalStateException("python3 failed: " + stderr);
    }
    return Optional.of(stdout.lines().toList());
  }

  static List<String> versions() {
    List<String> releases =
        List.of(
            "0",
            "0.9",
            "1",
            "1.0",
            "1.0.0",
            "1.0.1",
            "1.1",
            "1.2",
            "2",
            "2.0",
            "1!1.0",
            "1.0.0.0.1");
    List<String> suffixes =
        List.of(
            "",
            "a1",
            "a2",
            "b1",
            "rc1",
            "c1",
            ".post1",
            ".post2",
            "-1",
            ".dev0",
            ".dev1",
            "a1.dev1",
            "a1.post1",
            ".post1.dev1",
            "+local",
            "+local.2",
            "a1+x",
            ".post1+x",
            "+1.a",
            "+LOCAL-3_b");
    List<String> all = new ArrayList<>();
    for (String r : releases) {
      for (String s : suffixes) {
        all.add(r + s);
      }
    }
    all.addAll(
        List.of(
            "v1.0",
            "1.0ALPHA",
            "1.0-r1",
            "1.0.rev",
            "1.0pre",
            "1.0preview_2",
            "1.0a-",
            "1.0-",
            "1.0--1",
            "1.0a--1",
            "1.0a.-1",
            "1.0+",
            "1.0+a..b",
            " 1.0\t",
            "1.*",
            "x",
            "1.0.post.",
            "1.0_post_1",
            "1.0-dev-1",
            "1.0.dev1.post1",
            "1.0a1b1",
            "1!",
            "1.0+a.",
            "01.002a03",
            "1.0+00.01",
            "1.0+abc0",
            "1.0+0abc"));
    return all;
  }

  static List<String> specifiers() {
    List<String> ops = List.of("==", "!=", "<=", ">=", "<", ">", "~=", "===");
    List<String> targets =
        List.of(
            "1",
            "1.0",
            "1.0.0",
            "1.1",
            "1.0a1",
            "1.0rc1",
            "1.0.post1",
            "1.0.dev0",
            "1.0a1.post1",
            "1.0+local",
            "1!1.0",
            "1.*",
            "1.0.*",
            "1.0a1.*",
            "2",
            "0.9",
            "1.0.post1.dev1",
            "v1.0");
    List<String> all = new ArrayList<>();
    for (String op : ops) {
      for (String t : targets) {
        // packaging 26 computes the ~= prefix from the text as written, so "~=v1.0" matches
        // nothing there; PEP 440 says the v is ignored for all purposes, as ours does
        if (!(op.equals("~=") && t.startsWith("v"))) {
          all.add(op + t);
        }
      }
    }
    all.addAll(
        List.of(
            "",
            ">=1.0,<2",
            ">1.0a1,!=1.0.post1",
            "~=1.0,!=1.0.1",
            ">=1.0.dev0,<1.1",
            ">= 1.0 ,< 2",
            "<1.0a2,>=1.0a1",
            "==1.0.*,!=1.0.0",
            "~=1.0.0",
            "~=1!1.0",
            ">1.0.post1",
            "<1.0.post1",
            ">1.0.dev0",
            "<1.0.dev1",
            "===1.0+local"));
    return all;
  }

  @Test
  void versionsNormaliseAndOrderAsInPackaging() {
    Iterator<String> out = pythonOutput.iterator();
    List<String> mismatches = new ArrayList<>();
    List<Version> parsed = new ArrayList<>();
    for (String text : versions()) {
      String expected = field(out.next(), "V");
      Optional<Version> v = Version.tryParse(text);
      String actual = v.map(Version::toString).orElse("!");
      if (!actual.equals(expected)) {
        mismatches.add("'" + text + "': packaging " + expected + ", ours " + actual);
      }
      v.ifPresent(parsed::add);
    }
    assertThat(mismatches).isEmpty();
    List<Version> expectedOrder = new ArrayList<>();
    for (String index : field(out.next(), "O").split(" ")) {
      expectedOrder.add(parsed.get(Integer.parseInt(index)));
    }
    List<Version> sorted = new ArrayList<>(parsed);
    sorted.sort(Comparator.naturalOrder());
    // equal versions (1.0 and 1.0.0) may sit in either order, so compare by ordering
    for (int i = 0; i < sorted.size(); i++) {
      assertThat(sorted.get(i).compareTo(expectedOrder.get(i)))
          .as("position %d: ours %s, packaging %s", i, sorted.get(i), expectedOrder.get(i))
          .isZero();
    }
  }

  @Test
  void specifiersParseAndMatchAsInPackaging() {
    List<String> lines = pythonOutput;
    int index = versions().size() + 1;
    List<Version> parsed = versions().stream().flatMap(t -> Version.tryParse(t).stream()).toList();
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (String text : specifiers()) {
      String accepted = field(lines.get(index++), "S");
      SpecifierSet set;
      try {
        set = SpecifierSet.parse(text);
      } catch (SpecSyntaxException e) {
        if (!accepted.equals("!")) {
          mismatches.add("'" + text + "' accepted by packaging, ours: " + e.getMessage());
        }
        continue;
      }
      if (accepted.equals("!")) {
        mismatches.add("'" + text + "' rejected by packaging, accepted by ours");
        continue;
      }
      if (set.impliesPrereleases() != accepted.equals("1")) {
        mismatches.add("'" + text + "' prereleases: packaging " + accepted);
      }
      String answers = field(lines.get(index++), "C");
      for (int i = 0; i < parsed.size(); i++) {
        Version v = parsed.get(i);
        char withPre = set.contains(v, true) ? '1' : '0';
        char withoutPre = set.contains(v, false) ? '1' : '0';
        compared++;
        if (answers.charAt(2 * i) != withPre || answers.charAt(2 * i + 1) != withoutPre) {
          mismatches.add(
              "'%s' contains %s: packaging %s, ours %c%c"
                  .formatted(text, v, answers.substring(2 * i, 2 * i + 2), withPre, withoutPre));
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(compared).isGreaterThan(10_000);
  }

  private static String field(String line, String tag) {
    assertThat(line).startsWith(tag + "\t");
    return line.substring(tag.length() + 1);
  }
}
