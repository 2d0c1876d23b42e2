package dev.pipgate.spec;

// Fuzz tests for the spec grammars. `mvn test` replays the hand-written inputs under
// src/test/resources/dev/pipgate/spec/SpecGrammarFuzzTestInputs/<method>/ plus specs taken from
// the test data's corpus (skipped without it). To fuzz one of them (Jazzer fuzzes one test per
// run):
//
//   JAZZER_FUZZ=1 mvn -o test -Dpipgate.shared=DIR -Dtest='SpecGrammarFuzzTest#requirement' \
//     -Djazzer.max_duration=60s
//
// A crashing input is saved into that method's inputs directory and replays from then on.

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec parsers' contract on hostile text: a value, or {@link SpecSyntaxException}. Anything
 * else escaping (NullPointerException, IndexOutOfBounds, NumberFormatException, StackOverflowError,
 * IllegalArgumentException) is a bug. What a parser returns must also be usable: its normalised
 * text parses again, and matching and marker evaluation run to an answer.
 */
class SpecGrammarFuzzTest {
  private static final Map<String, String> LINUX_311 =
      MarkerEnvironment.forPython("3.11.4", "linux");
  private static final Map<String, String> WINDOWS_38 =
      MarkerEnvironment.forPython("3.8.10", "win32");

  /** Each line: a PEP 508 requirement. */
  @NeedsTestData("corpus/dist-info")
  @MethodSource("requirementSeeds")
  @FuzzTest
  void requirement(byte[] input) {
    for (String line : lines(input)) {
      Requirement r;
      try {
        r = Requirement.parse(line);
      } catch (SpecSyntaxException expected) {
        continue;
      }
      r.normalizedName();
      r.specifierText();
      assertThat(Requirement.parse(r.toString())).isEqualTo(r);
      if (r.marker() != null) {
        r.marker().evaluate(LINUX_311);
        r.marker().evaluate(WINDOWS_38);
      }
    }
  }

  /** Each line: a PEP 440 version. */
  @NeedsTestData({"corpus/dist-info", "corpus/conda-meta"})
  @MethodSource("versionSeeds")
  @FuzzTest
  void version(byte[] input) {
    for (String line : lines(input)) {
      Version v;
      try {
        v = Version.parse(line);
      } catch (SpecSyntaxException expected) {
        continue;
      }
      Version again = Version.parse(v.toString());
      assertThat(again).isEqualTo(v);
      assertThat(again.compareTo(v)).isZero();
      v.publicVersion().compareTo(v.baseVersion());
    }
  }

  /** Line 1: a version; each further line: a specifier set, matched against that version. */
  @NeedsTestData("corpus/dist-info")
  @MethodSource("specifierSeeds")
  @FuzzTest
  void specifierSet(byte[] input) {
    List<String> lines = lines(input);
    Version v;
    try {
      v = Version.parse(lines.get(0));
    } catch (SpecSyntaxException e) {
      v = null;
    }
    for (String line : lines.subList(1, lines.size())) {
      SpecifierSet set;
      try {
        set = SpecifierSet.parse(line);
      } catch (SpecSyntaxException expected) {
        continue;
      }
      assertThat(SpecifierSet.parse(set.toString())).isEqualTo(set);
      set.impliesPrereleases();
      if (v != null) {
        set.contains(v);
        set.contains(v, true);
      }
    }
  }

  /**
   * Line 1: the target's full Python version ({@link MarkerEnvironment#forPython} documents {@link
   * SpecSyntaxException} for one that is not PEP 440); each further line: a marker, evaluated for
   * that target and two fixed ones.
   */
  @NeedsTestData("corpus/dist-info")
  @MethodSource("markerSeeds")
  @FuzzTest
  void marker(byte[] input) {
    List<String> lines = lines(input);
    Map<String, String> target;
    try {
      target = MarkerEnvironment.forPython(lines.get(0), "darwin");
    } catch (SpecSyntaxException e) {
      target = null;
    }
    for (String line : lines.subList(1, lines.size())) {
      Marker m;
      try {
        m = Marker.parse(line);
      } catch (SpecSyntaxException expected) {
        continue;
      }
      assertThat(Marker.parse(m.toString())).isEqualTo(m);
      m.evaluate(LINUX_311);
      m.evaluate(WINDOWS_38);
      if (target != null) {
        m.evaluate(target);
      }
    }
  }

  /** Each line: a conda match spec. */
  @NeedsTestData("corpus/envfiles")
  @MethodSource("condaSpecSeeds")
  @FuzzTest
  void condaMatchSpec(byte[] input) {
    for (String line : lines(input)) {
      CondaMatchSpec s;
      try {
        s = CondaMatchSpec.parse(line);
      } catch (SpecSyntaxException expected) {
        continue;
      }
      s.channel();
      s.subdir();
      s.name();
      s.version();
      s.build();
      s.brackets();
      s.ignoredBracketText();
    }
  }

  private static List<String> lines(byte[] input) {
    return List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
  }

  // --------------------------------------------------------------- seeds from the test data corpus
  // One seed per corpus file, its specs one per line: replaying stays quick, and the fuzzer starts
  // from realistic lines.

  private static final Pattern REQUIRES_DIST =
      Pattern.compile("(?m)^Requires-Dist:[ \\t]*(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION_HEADER =
      Pattern.compile("(?m)^Version:[ \\t]*(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern JSON_VERSION = Pattern.compile("\"version\": *\"([^\"]*)\"");
  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^[ \\t]*-[ \\t]+([^#\\r\\n]+)");

  /** Requires-Dist values of each corpus METADATA file. */
  static Stream<Arguments> requirementSeeds() {
    return perFile("dist-info", "METADATA", REQUIRES_DIST, "", s -> s);
  }

  /** Versions of the METADATA files and conda package records. */
  static Stream<Arguments> versionSeeds() {
    return Stream.concat(
        perFile("dist-info", "METADATA", VERSION_HEADER, "", s -> s),
        perFile("conda-meta", ".json", JSON_VERSION, "", s -> s));
  }

  /** The specifiers of each file's Requires-Dist values (between the name and any ';'). */
  static Stream<Arguments> specifierSeeds() {
    return perFile(
        "dist-info",
        "METADATA",
        REQUIRES_DIST,
        "2.0.1rc1\n",
        r ->
            r.split(";", 2)[0]
                .replaceFirst("^[A-Za-z0-9._-]+(\\[[^]]*])?", "")
                .strip()
                .replaceAll("^\\((.*)\\)$", "$1"));
  }

  /** The markers of each file's Requires-Dist values. */
  static Stream<Arguments> markerSeeds() {
    return perFile(
        "dist-info",
        "METADATA",
        REQUIRES_DIST,
        "3.10.12\n",
        r -> r.contains(";") ? r.substring(r.indexOf(';') + 1).strip() : "");
  }

  /** List items of each corpus env file: conda specs, and pip lines that conda never parses. */
  static Stream<Arguments> condaSpecSeeds() {
    return perFile("envfiles", "", LIST_ITEM, "", s -> s);
  }

  private static Stream<Arguments> perFile(
      String folder, String suffix, Pattern pattern, String firstLine, UnaryOperator<String> part) {
    List<Arguments> out = new ArrayList<>();
    for (Path p : SharedCorpus.paths(folder, n -> n.endsWith(suffix))) {
      Matcher m = pattern.matcher(new String(SharedCorpus.bytes(p), StandardCharsets.UTF_8));
      Set<String> lines = new LinkedHashSet<>();
      while (m.find()) {
        String s = part.apply(m.group(1).strip());
        if (!s.isEmpty()) {
          lines.add(s);
        }
      }
      if (!lines.isEmpty()) {
        byte[] seed = (firstLine + String.join("\n", lines)).getBytes(StandardCharsets.UTF_8);
        out.add(Arguments.of(Named.of(folder + "/" + p.getFileName(), seed)));
      }
    }
    assertThat(out).isNotEmpty();
    return out.stream();
  }
}
