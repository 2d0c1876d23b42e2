package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  /** PEP 440 §normalization: every example the section gives, plus combinations. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.1RC1|1.1rc1",
        "00|0",
        "09000|9000",
        "1.0+foo0100|1.0+foo0100",
        "1.1.a1|1.1a1",
        "1.1-a1|1.1a1",
        "1.0a.1|1.0a1",
        "1.1alpha1|1.1a1",
        "1.1beta2|1.1b2",
        "1.1c3|1.1rc3",
        "1.0pre1|1.0rc1",
        "1.0preview2|1.0rc2",
        "1.2a|1.2a0",
        "1.2-post2|1.2.post2",
        "1.2post2|1.2.post2",
        "1.2.post-2|1.2.post2",
        "1.0-r4|1.0.post4",
        "1.0rev4|1.0.post4",
        "1.2.post|1.2.post0",
        "1.0-1|1.0.post1",
        "1.2-dev2|1.2.dev2",
        "1.2dev2|1.2.dev2",
        "1.2.dev|1.2.dev0",
        "1.0+ubuntu-1|1.0+ubuntu.1",
        "1.0+Ubuntu_1.FOO|1.0+ubuntu.1.foo",
        "1.0+ubuntu.01|1.0+ubuntu.1",
        "v1.0|1.0",
        "V1.0|1.0",
        "1!2.0|1!2.0",
        "0!2.0|2.0",
        "01.02.003|1.2.3",
        "1.0.0|1.0.0",
        "1.0a1-1|1.0a1.post1",
        "1.0-1.dev1|1.0.post1.dev1",
        "1.0a-|1.0a0",
        "1.0.post.|1.0.post0",
        "1.0a-dev|1.0a0.dev0",
        "1-0|1.post0",
        "1.0a1.post2.dev3+Local-1_2|1.0a1.post2.dev3+local.1.2",
      })
  void normalises(String input, String expected) {
    assertThat(Version.parse(input)).hasToString(expected);
    assertThat(Version.parse(expected)).isEqualTo(Version.parse(input));
  }

  @ParameterizedTest
  @ValueSource(strings = {" 1.0", "1.0\n", "\t1.0\r\n", "\f1.0\u000b", "\u00a01.0"})
  void ignoresSurroundingWhitespace(String input) {
    assertThat(Version.parse(input)).hasToString("1.0");
  }

  /** PEP 440 §summary-of-permitted-suffixes-and-relative-ordering, in the PEP's order. */
  private static final List<String> PEP_ORDER =
      List.of(
          "1.dev0",
          "1.0.dev456",
          "1.0a1",
          "1.0a2.dev456",
          "1.0a12.dev456",
          "1.0a12",
          "1.0b1.dev456",
          "1.0b2",
          "1.0b2.post345.dev456",
          "1.0b2.post345",
          "1.0rc1.dev456",
          "1.0rc1",
          "1.0",
          "1.0+abc.5",
          "1.0+abc.7",
          "1.0+5",
          "1.0.post456.dev34",
          "1.0.post456",
          "1.0.15",
          "1.1.dev1");

  /** The PEP's other ordered lists: final releases, epochs, the example schemes. */
  private static final List<List<String>> PEP_SEQUENCES =
      List.of(
          List.of("0.9", "0.9.1", "0.9.2", "0.9.10", "0.9.11", "1.0", "1.0.1", "1.1", "2.0"),
          List.of("2012.4", "2012.7", "2012.10", "2013.1", "2013.6"),
          List.of("1.0", "1.1", "2.0", "2013.10", "2014.04"),
          List.of("2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0"),
          List.of("0.9", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.1a1"),
          List.of(
              "0.9",
              "1.0.dev1",
              "1.0.dev2",
              "1.0.dev3",
              "1.0.dev4",
              "1.0c1",
              "1.0c2",
              "1.0",
              "1.0.post1",
              "1.1.dev1"));

  @Test
  void sortsThePepExampleInOrder() {
    assertStrictlyIncreasing(PEP_ORDER);
    List<Version> shuffled = new ArrayList<>(PEP_ORDER.stream().map(Version::parse).toList());
    Collections.shuffle(shuffled, new Random(440));
    Collections.sort(shuffled);
    assertThat(shuffled).map(Version::toString).containsExactlyElementsOf(PEP_ORDER);
  }

  @Test
  void sortsThePepSequencesInOrder() {
    PEP_SEQUENCES.forEach(VersionTest::assertStrictlyIncreasing);
  }

  private static void assertStrictlyIncreasing(List<String> versions) {
    for (int i = 0; i < versions.size(); i++) {
      for (int j = 0; j < versions.size(); j++) {
        Version a = Version.parse(versions.get(i));
        Version b = Version.parse(versions.get(j));
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.compare(i, j));
      }
    }
  }

  /** PEP 440: release segments are zero padded; local labels follow their own rules. */
  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0.0, 0",
    "1, 1.0.0.0, 0",
    "1.0.1, 1.0, 1",
    "1.0c1, 1.0rc1, 0",
    "1.0+abc, 1.0+ABC, 0",
    "1.0+1, 1.0+01, 0",
    "1.0+ubuntu-1, 1.0+ubuntu.1, 0",
    "1.0+abc, 1.0+abc.1, -1",
    "1.0+abc.1, 1.0+abc.a, 1",
    "1.0+9, 1.0+10, -1",
    "1.0+99999999999999999999999, 1.0+100000000000000000000000, -1",
    "1.0, 1.0+0, -1",
    "1!0.1, 2.0, 1",
    "1.0.post1, 1.0.post1.dev1, 1",
    "1.0.dev1, 1.0a1.dev1, -1",
    "1.0rc1.post1, 1.0, -1",
  })
  void compares(String a, String b, int expected) {
    Version x = Version.parse(a);
    Version y = Version.parse(b);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(expected);
    assertThat(Integer.signum(y.compareTo(x))).isEqualTo(-expected);
    assertThat(x.equals(y)).isEqualTo(expected == 0);
    if (expected == 0) {
      assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }
  }

  @Test
  void exposesItsParts() {
    Version v = Version.parse("2!1.02.3rc4.post5.dev6+Ubuntu-7");
    assertThat(v.epoch()).isEqualTo(2);
    assertThat(v.release()).containsExactly(1L, 2L, 3L);
    assertThat(v.pre()).contains("rc4");
    assertThat(v.post()).hasValue(5);
    assertThat(v.dev()).hasValue(6);
    assertThat(v.local()).contains("ubuntu.7");
    assertThat(v.isPrerelease()).isTrue();
    assertThat(v.isDevrelease()).isTrue();
    assertThat(v.isPostrelease()).isTrue();
    assertThat(v.publicVersion()).hasToString("2!1.2.3rc4.post5.dev6");
    assertThat(v.baseVersion()).hasToString("2!1.2.3");
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, false, false, false",
    "1.0a1, true, false, false",
    "1.0.dev1, true, true, false",
    "1.0.post1, false, false, true",
    "1.0.post1.dev1, true, true, true",
    "1.0rc1.post1, true, false, true",
    "1.0+local, false, false, false",
  })
  void classifiesReleases(String text, boolean pre, boolean dev, boolean post) {
    Version v = Version.parse(text);
    assertThat(v.isPrerelease()).isEqualTo(pre);
    assertThat(v.isDevrelease()).isEqualTo(dev);
    assertThat(v.isPostrelease()).isEqualTo(post);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "1.0-",
        "1.0--1",
        "1.0_1",
        "1_0",
        "1.0.",
        "1.0+",
        "1.0+a..b",
        "1.0+a.",
        "1.0+-a",
        "1!",
        "!1",
        "a1",
        "vv1",
        "1.0 1",
        "1.0a1a2",
        "1.0.post1.post2",
        "1.0.dev1.post1",
        "1.0.dev1.dev2",
        "1.0+abc+def",
        "1.0+ab c",
        "1.0.\u0662",
        "1.0.po\u017ft1",
        "1.0.0.0.0.0.99999999999999999999999",
        "1.*",
        "foobar",
      })
  void rejectsInvalidVersions(String text) {
    assertThatThrownBy(() -> Version.parse(text)).isExactlyInstanceOf(SpecSyntaxException.class);
    assertThat(Version.tryParse(text)).isEmpty();
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Version.parse(null)).isExactlyInstanceOf(SpecSyntaxException.class);
  }

  @Test
  void reportsTheColumnOfTheFirstBadCharacter() {
    assertThatThrownBy(() -> Version.parse("  1.0$"))
        .isInstanceOfSatisfying(
            SpecSyntaxException.class, e -> assertThat(e.column()).isEqualTo(5));
  }

  @Test
  void handlesHugeInputsWithoutStackOverflow() {
    String longRelease = "1" + ".1".repeat(50_000);
    assertThat(Version.parse(longRelease).release()).hasSize(50_001);
    String longLocal = "1+" + "a.".repeat(50_000) + "a";
    assertThat(Version.parse(longLocal).local()).isPresent();
    assertThatThrownBy(() -> Version.parse("1." + "x".repeat(100_000)))
        .isExactlyInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> Version.parse("9".repeat(100_000)))
        .isExactlyInstanceOf(SpecSyntaxException.class);
  }
}
