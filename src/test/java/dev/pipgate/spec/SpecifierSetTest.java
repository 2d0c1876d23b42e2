package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierSetTest {

  private static boolean contains(String spec, String version) {
    return SpecifierSet.parse(spec).contains(Version.parse(version));
  }

  private static boolean containsWithPrereleases(String spec, String version) {
    return SpecifierSet.parse(spec).contains(Version.parse(version), true);
  }

  /** PEP 440 §version-matching and §version-exclusion: the examples the PEP gives. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.1.post1|==1.1|false",
        "1.1.post1|==1.1.post1|true",
        "1.1.post1|==1.1.*|true",
        "1.1a1|==1.1|false",
        "1.1a1|==1.1a1|true",
        "1.1|==1.1|true",
        "1.1|==1.1.0|true",
        "1.1|==1.1.dev1|false",
        "1.1|==1.1a1|false",
        "1.1|==1.1.post1|false",
        "1.1|==1.1.*|true",
        "1.1.post1|!=1.1|true",
        "1.1.post1|!=1.1.post1|false",
        "1.1.post1|!=1.1.*|false",
      })
  void matchesThePepVersionMatchingExamples(String version, String spec, boolean expected) {
    assertThat(containsWithPrereleases(spec, version)).isEqualTo(expected);
  }

  /** "== 1.1.* Same prefix, so 1.1a1 matches clause if pre-releases are requested". */
  @Test
  void wildcardMatchesPrereleasesOnlyWhenRequested() {
    assertThat(contains("==1.1.*", "1.1a1")).isFalse();
    assertThat(containsWithPrereleases("==1.1.*", "1.1a1")).isTrue();
  }

  /** PEP 440 §version-matching: local labels are ignored unless the clause has one. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0+local|==1.0|true",
        "1.0+local|==1.0+local|true",
        "1.0+local|==1.0+other|false",
        "1.0|==1.0+local|false",
        "1.0+local|!=1.0|false",
        "1.0+local|!=1.0+other|true",
        "1.0+local|==1.*|true",
        "1.0+local|>=1.0|true",
        "1.0+local|<=1.0|true",
        "1.0+local|===1.0|false",
        "1.0|===1.0|true",
        "1.0|===1.0.0|false",
        "1.0.0|===1.0.0|true",
      })
  void handlesLocalVersions(String version, String spec, boolean expected) {
    assertThat(containsWithPrereleases(spec, version)).isEqualTo(expected);
  }

  /** PEP 440 §exclusive-ordered-comparison, with the PEP's own examples first. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.7.1|>1.7|true",
        "1.7.0.post1|>1.7|false",
        "1.7.1|>1.7.post2|true",
        "1.7.0.post3|>1.7.post2|true",
        "1.7.0|>1.7.post2|false",
        "1.7+local|>1.7|false",
        "1.7.post1+local|>1.7|false",
        "1.7a2|>1.7a1|true",
        "1.7a1.post1|>1.7a1|false",
        "1.7rc1|<1.7|false",
        "1.7.dev0|<1.7|false",
        "1.6.9|<1.7|true",
        "1.7b1|<1.7rc1|true",
        "1.7rc1|<1.7rc1|false",
        "1.6+local|<1.7|true",
        "1.7.post1.dev0|<1.7.post1|false",
      })
  void handlesExclusiveOrderedComparison(String version, String spec, boolean expected) {
    assertThat(containsWithPrereleases(spec, version)).isEqualTo(expected);
  }

  /** PEP 440 §compatible-release: each ~= clause and its spelled-out equivalent. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "~= 2.2|>= 2.2, == 2.*",
        "~= 1.4.5|>= 1.4.5, == 1.4.*",
        "~= 2.2.post3|>= 2.2.post3, == 2.*",
        "~= 1.4.5a4|>= 1.4.5a4, == 1.4.*",
        "~= 2.2.0|>= 2.2.0, == 2.2.*",
        "~= 1.4.5.0|>= 1.4.5.0, == 1.4.5.*",
        "== 3.1.*|~=3.1.0",
      })
  void compatibleReleaseEqualsItsExpansion(String compatible, String expansion) {
    List<String> candidates =
        List.of(
            "1.4",
            "1.4.4",
            "1.4.5a3",
            "1.4.5a4",
            "1.4.5",
            "1.4.5.0",
            "1.4.5.1",
            "1.4.6",
            "1.5",
            "2.1",
            "2.2",
            "2.2.post2",
            "2.2.post3",
            "2.2.1",
            "2.3",
            "2.9.9",
            "3.0",
            "3.0.dev0",
            "3.1",
            "3.1.0",
            "3.1.5",
            "3.2",
            "2.2.0.1",
            "2.3a1",
            "1!2.2");
    for (String candidate : candidates) {
      for (boolean pre : new boolean[] {true, false}) {
        Version v = Version.parse(candidate);
        assertThat(SpecifierSet.parse(compatible).contains(v, pre))
            .as("%s in %s (pre=%s)", candidate, compatible, pre)
            .isEqualTo(SpecifierSet.parse(expansion).contains(v, pre));
      }
    }
  }

  /** PEP 440 §examples under version specifiers. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "~=3.1|3.1|true",
        "~=3.1|3.9.9|true",
        "~=3.1|4.0|false",
        "~=3.1|3.0|false",
        "~=3.1.2|3.1.2|true",
        "~=3.1.2|3.1.9|true",
        "~=3.1.2|3.2.0|false",
        "~=3.1a1|3.1a1|true",
        "~=3.1a1|3.9|true",
        "~=3.1a1|4.0|false",
        "== 3.1|3.1|true",
        "== 3.1|3.1.0|true",
        "== 3.1|3.1.1|false",
        "== 3.1|3.1.post1|false",
        "== 3.1|3.1rc1|false",
        "== 3.1.*|3.1.7|true",
        "== 3.1.*|3.2|false",
        "~=3.1.0, != 3.1.3|3.1.0|true",
        "~=3.1.0, != 3.1.3|3.1.3|false",
        "~=3.1.0, != 3.1.3|3.1.4|true",
        "~=3.1.0, != 3.1.3|3.2.0|false",
      })
  void matchesThePepExamples(String spec, String version, boolean expected) {
    assertThat(contains(spec, version)).isEqualTo(expected);
  }

  /** PEP 440 §handling-of-pre-releases: excluded unless requested or named by the specifier. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ">=1.0|2.0a1|false|true",
        ">=1.0a1|2.0a1|true|true",
        ">=1.0,<3.0rc1|2.0a1|true|true",
        "!=1.0a1|2.0a1|false|true",
        "==2.*|2.0a1|false|true",
        "<2.0|1.9.dev1|false|true",
        "''|1.0a1|false|true",
        "''|1.0|true|true",
        ">=1.0|1.0|true|true",
      })
  void handlesPrereleases(String spec, String version, boolean byDefault, boolean whenAsked) {
    assertThat(contains(spec, version)).isEqualTo(byDefault);
    assertThat(containsWithPrereleases(spec, version)).isEqualTo(whenAsked);
    assertThat(SpecifierSet.parse(spec).contains(Version.parse(version), false))
        .isEqualTo(whenAsked && !Version.parse(version).isPrerelease());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ">=1.2,<2|>=1.2,<2",
        " >= 1.2 , < 2 |>=1.2,<2",
        "~=1.0|~=1.0",
        "== 1.0.*|==1.0.*",
        "=== foo|===foo",
        ">=3,|>=3",
        "''|''",
      })
  void printsNormalisedText(String text, String expected) {
    SpecifierSet set = SpecifierSet.parse(text);
    assertThat(set).hasToString(expected);
    assertThat(SpecifierSet.parse(set.toString())).isEqualTo(set).hasToString(expected);
  }

  @Test
  void exposesClauses() {
    SpecifierSet set = SpecifierSet.parse(">=1.2, !=1.5.*, ===odd");
    assertThat(set.isEmpty()).isFalse();
    assertThat(set.clauses())
        .extracting(Specifier::operator)
        .containsExactly(
            Specifier.Operator.GREATER_EQUAL,
            Specifier.Operator.NOT_EQUAL,
            Specifier.Operator.ARBITRARY);
    assertThat(set.clauses().get(1).isWildcard()).isTrue();
    assertThat(set.clauses().get(1).version()).contains(Version.parse("1.5"));
    assertThat(set.clauses().get(2).version()).isEmpty();
    assertThat(SpecifierSet.parse("").isEmpty()).isTrue();
    assertThat(SpecifierSet.parse("  ")).isEqualTo(SpecifierSet.empty());
  }

  @Test
  void comparesByMeaning() {
    assertThat(SpecifierSet.parse(">=1,<2")).isEqualTo(SpecifierSet.parse("<2.0, >=1.0"));
    assertThat(Specifier.parse("==1.2.3")).isEqualTo(Specifier.parse("== 1.2.3.0"));
    assertThat(Specifier.parse("==1.2.3").hashCode())
        .isEqualTo(Specifier.parse("== 1.2.3.0").hashCode());
    assertThat(Specifier.parse("==1.*")).isNotEqualTo(Specifier.parse("==1.0.*"));
    assertThat(Specifier.parse("~=1.0")).isNotEqualTo(Specifier.parse("~=1.0.0"));
    assertThat(Specifier.parse("==1.2")).isNotEqualTo(Specifier.parse("~=1.2"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "~=1|2",
        "~=1.*|3",
        ">=1.0.*|5",
        "<=1.0+local|2",
        "~=1.0+local|2",
        "==1.0a1.*|7",
        "==1.0.dev1.*|10",
        "==1.0+foo1.*|10",
        ">=|2",
        "=>1|0",
        "1.0|0",
        ">=1.0,,<2|6",
        ",>=1|0",
        ">= 1.0 2|6",
        ">=1.*|3",
        "==|2",
        "===|3",
        "=== a b|5",
        "<>1|1",
        ">=1.0;|5",
        ">=x|2",
      })
  void rejectsInvalidSpecifiers(String text, int column) {
    assertThatThrownBy(() -> SpecifierSet.parse(text))
        .isInstanceOfSatisfying(
            SpecSyntaxException.class, e -> assertThat(e.column()).isEqualTo(column));
  }

  @Test
  void explainsWhatIsMissing() {
    assertThatThrownBy(() -> SpecifierSet.parse(">=1.2, >="))
        .hasMessage("expected version after '>='");
    assertThatThrownBy(() -> SpecifierSet.parse("~=1"))
        .hasMessageContaining("at least two release numbers");
  }

  @ParameterizedTest
  @ValueSource(ints = {100_000})
  void rejectsHugeInputsWithTheDocumentedException(int size) {
    assertThatThrownBy(() -> SpecifierSet.parse(">=" + "1".repeat(size)))
        .isExactlyInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> SpecifierSet.parse(">=1,".repeat(size / 4) + "<<"))
        .isExactlyInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> SpecifierSet.parse("==" + "1.".repeat(size) + "*x"))
        .isExactlyInstanceOf(SpecSyntaxException.class);
    assertThat(SpecifierSet.parse(">=1,".repeat(size / 4)).clauses()).hasSize(size / 4);
    assertThatThrownBy(() -> SpecifierSet.parse(null))
        .isExactlyInstanceOf(SpecSyntaxException.class);
  }
}
