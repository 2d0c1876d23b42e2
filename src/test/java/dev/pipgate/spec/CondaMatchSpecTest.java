package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CondaMatchSpecTest {

  // --- The forms DOMAIN.md lists ---

  @Test
  void channelAndRange() {
    CondaMatchSpec s = CondaMatchSpec.parse("conda-forge::numpy>=1.20,<1.24");
    assertThat(s.channel()).isEqualTo("conda-forge");
    assertThat(s.subdir()).isEmpty();
    assertThat(s.name()).isEqualTo("numpy");
    assertThat(s.version()).isEqualTo(">=1.20,<1.24");
    assertThat(s.build()).isEmpty();
    assertThat(s.pinsVersion()).isTrue();
    assertThat(s.hasUpperBound()).isTrue();
    assertThat(s.exactPin()).isFalse();
    assertThat(s.fuzzy()).isFalse();
  }

  @Test
  void nameVersionBuildIsAnExactPin() {
    CondaMatchSpec s = CondaMatchSpec.parse("numpy=1.21.5=py39h7a5d4dd_0");
    assertThat(s.name()).isEqualTo("numpy");
    assertThat(s.version()).isEqualTo("1.21.5");
    assertThat(s.build()).isEqualTo("py39h7a5d4dd_0");
    assertThat(s.exactPin()).isTrue();
    assertThat(s.fuzzy()).isFalse();
    assertThat(s.effectiveVersion()).isEqualTo("==1.21.5");
  }

  @Test
  void singleEqualsIsFuzzy() {
    CondaMatchSpec s = CondaMatchSpec.parse("python=3.9");
    assertThat(s.version()).isEqualTo("3.9");
    assertThat(s.fuzzy()).isTrue();
    assertThat(s.exactPin()).isFalse();
    assertThat(s.effectiveVersion()).isEqualTo("3.9.*");
    assertThat(s.hasUpperBound()).isTrue();
  }

  @Test
  void doubleEqualsIsExact() {
    CondaMatchSpec s = CondaMatchSpec.parse("python==3.9.7");
    assertThat(s.version()).isEqualTo("3.9.7");
    assertThat(s.exactPin()).isTrue();
    assertThat(s.effectiveVersion()).isEqualTo("==3.9.7");
  }

  @Test
  void bracketKeysQuotedOrNot() {
    CondaMatchSpec s = CondaMatchSpec.parse("numpy[version='>=1.20',build=py39*]");
    assertThat(s.name()).isEqualTo("numpy");
    assertThat(s.version()).isEqualTo(">=1.20");
    assertThat(s.build()).isEqualTo("py39*");
    assertThat(s.brackets())
        .containsExactly(Map.entry("version", ">=1.20"), Map.entry("build", "py39*"));
    assertThat(s.hasUpperBound()).isFalse();

    CondaMatchSpec d = CondaMatchSpec.parse("numpy[version=\">=1.20,<2\" build=\"py39*\"]");
    assertThat(d.version()).isEqualTo(">=1.20,<2");
    assertThat(d.build()).isEqualTo("py39*");
    assertThat(d.hasUpperBound()).isTrue();
  }

  @Test
  void bracketsOverridePositionalParts() {
    CondaMatchSpec s =
        CondaMatchSpec.parse("conda-forge::numpy>=1.0[version='<2',channel=defaults]");
    assertThat(s.version()).isEqualTo("<2");
    assertThat(s.channel()).isEqualTo("defaults");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        // spec; hasUpperBound
        "numpy >=1.8,<2|1.9; true",
        "numpy >=1.8|<2; false",
        "numpy <2|>3; false",
        "numpy >=1.8,!=1.9; false",
        "numpy ~=1.20; true",
        "numpy !=1.20; false",
        "numpy 1.2.*; true",
        "numpy <=1.2; true",
        "numpy >1.2; false",
        "numpy [version='(>=1|<0.5),<3']; true",
        "numpy [version='(>=1,<2)|>3']; false",
        "numpy *; false",
      })
  void orAndAndBounds(String spec, boolean upper) {
    CondaMatchSpec s = CondaMatchSpec.parse(spec);
    assertThat(s.hasUpperBound()).as(spec).isEqualTo(upper);
  }

  @Test
  void compatibleRelease() {
    CondaMatchSpec s = CondaMatchSpec.parse("numpy~=1.20");
    assertThat(s.version()).isEqualTo("~=1.20");
    assertThat(s.pinsVersion()).isTrue();
    assertThat(s.hasUpperBound()).isTrue();
  }

  @Test
  void spaceBetweenNameAndVersion() {
    CondaMatchSpec s = CondaMatchSpec.parse("numpy >=1.20");
    assertThat(s.name()).isEqualTo("numpy");
    assertThat(s.version()).isEqualTo(">=1.20");
  }

  @Test
  void spaceInsideAnOperatorIsInvalid() {
    assertThatThrownBy(() -> CondaMatchSpec.parse("numpy > =1.20"))
        .isInstanceOf(SpecSyntaxException.class)
        .hasMessageContaining("space inside the operator");
    assertThatThrownBy(() -> CondaMatchSpec.parse("numpy = =1.20"))
        .isInstanceOf(SpecSyntaxException.class);
  }

  @Test
  void spacesAfterAnOperatorAreDropped() {
    // conda's own example: ">=1.0 , < 2.0 py34_0" is version ">=1.0,<2.0", build "py34_0".
    CondaMatchSpec s = CondaMatchSpec.parse("foo >=1.0 , < 2.0 py34_0");
    assertThat(s.version()).isEqualTo(">=1.0,<2.0");
    assertThat(s.build()).isEqualTo("py34_0");
    CondaMatchSpec t = CondaMatchSpec.parse("foo >=1.0 , < 2.0 =py34_0");
    assertThat(t.version()).isEqualTo(">=1.0,<2.0");
    assertThat(t.build()).isEqualTo("py34_0");
  }

  // --- conda's MatchSpec docstring and the package-search page ---

  @Test
  void condaDocstringExamples() {
    CondaMatchSpec a = CondaMatchSpec.parse("foo 1.0 py27_0");
    assertThat(a.version()).isEqualTo("1.0");
    assertThat(a.build()).isEqualTo("py27_0");
    assertThat(a.exactPin()).isTrue();

    CondaMatchSpec b = CondaMatchSpec.parse("foo=1.0=py27_0");
    assertThat(b.version()).isEqualTo("1.0");
    assertThat(b.build()).isEqualTo("py27_0");
    assertThat(b.exactPin()).isTrue();

    CondaMatchSpec c = CondaMatchSpec.parse("conda-forge::foo[version=1.0.*]");
    assertThat(c.channel()).isEqualTo("conda-forge");
    assertThat(c.version()).isEqualTo("1.0.*");
    assertThat(c.fuzzy()).isTrue();
    assertThat(c.effectiveVersion()).isEqualTo("1.0.*");

    CondaMatchSpec d = CondaMatchSpec.parse("conda-forge/linux-64::foo>=1.0");
    assertThat(d.channel()).isEqualTo("conda-forge");
    assertThat(d.subdir()).isEqualTo("linux-64");
    assertThat(d.version()).isEqualTo(">=1.0");

    CondaMatchSpec e = CondaMatchSpec.parse("*/linux-64::foo>=1.0");
    assertThat(e.channel()).isEmpty();
    assertThat(e.subdir()).isEqualTo("linux-64");
    assertThat(e.name()).isEqualTo("foo");

    CondaMatchSpec f = CondaMatchSpec.parse("*[md5=12345678901234567890123456789012]");
    assertThat(f.name()).isEqualTo("*");
    assertThat(f.brackets()).containsEntry("md5", "12345678901234567890123456789012");
    assertThat(f.pinsVersion()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        // spec; version; build
        "foo=1.2.3 0; 1.2.3; 0",
        "foo 1.2.3=0; 1.2.3; 0",
        "foo=1.2.3 ; 1.2.3; ''",
        "foo >1.8,<2|==1.7; >1.8,<2|==1.7; ''",
        "foo * openblas_0; *; openblas_0",
        "foo * *; *; *",
        "conda==23.3; 23.3; ''",
        "python<3.7; <3.7; ''",
        "cryptography * *_0; *; *_0",
        "numpy=1.17.*; 1.17.*; ''",
        "numpy>1.17,<1.19.2; >1.17,<1.19.2; ''",
        "numpy 1.17.3 py38*; 1.17.3; py38*",
      })
  void versionAndBuildSplit(String spec, String version, String build) {
    CondaMatchSpec s = CondaMatchSpec.parse(spec);
    assertThat(s.version()).as(spec).isEqualTo(version);
    assertThat(s.build()).as(spec).isEqualTo(build);
  }

  @Test
  void fuzzyIsComputedFromTheFormNotTheText() {
    assertThat(CondaMatchSpec.parse("numpy=1.17.*").fuzzy()).isTrue();
    assertThat(CondaMatchSpec.parse("numpy 1.17.*").fuzzy()).isTrue();
    // A bare version is exact in conda (conda's canonical form of "foo 1.0" is "foo==1.0").
    assertThat(CondaMatchSpec.parse("numpy 1.17").exactPin()).isTrue();
    assertThat(CondaMatchSpec.parse("numpy 1.17").fuzzy()).isFalse();
  }

  @Test
  void namesAreLowerCasedAndCommentsDropped() {
    CondaMatchSpec s = CondaMatchSpec.parse("PyYAML>=5  # loader");
    assertThat(s.name()).isEqualTo("pyyaml");
    assertThat(s.version()).isEqualTo(">=5");
    assertThat(s.text()).isEqualTo("PyYAML>=5  # loader");
  }

  @Test
  void pipStyleExtrasAreSkippedAsCondaDoes() {
    CondaMatchSpec s = CondaMatchSpec.parse("gymnasium[classic_control,atari,accept-rom-license]");
    assertThat(s.name()).isEqualTo("gymnasium");
    assertThat(s.brackets()).isEmpty();
    assertThat(s.ignoredBracketText())
        .containsExactly("classic_control", "atari", "accept-rom-license");
    CondaMatchSpec mixed = CondaMatchSpec.parse("black[jupyter, version='>=23']");
    assertThat(mixed.version()).isEqualTo(">=23");
    assertThat(mixed.ignoredBracketText()).containsExactly("jupyter");
  }

  @Test
  void trailingEqualsIsNameOnly() {
    assertThat(CondaMatchSpec.parse("numpy=").version()).isEmpty();
  }

  @Test
  void noVersionMeansNoPin() {
    CondaMatchSpec s = CondaMatchSpec.parse("pip");
    assertThat(s.name()).isEqualTo("pip");
    assertThat(s.version()).isEmpty();
    assertThat(s.pinsVersion()).isFalse();
    assertThat(s.hasUpperBound()).isFalse();
    assertThat(s.effectiveVersion()).isEmpty();
  }

  @Test
  void urlChannelAndPackageFiles() {
    CondaMatchSpec s = CondaMatchSpec.parse("https://conda.anaconda.org/conda-forge::numpy>=1");
    assertThat(s.channel()).isEqualTo("https://conda.anaconda.org/conda-forge");
    assertThat(s.name()).isEqualTo("numpy");

    CondaMatchSpec f =
        CondaMatchSpec.parse(
            "https://conda.anaconda.org/conda-forge/linux-64/numpy-1.21.5-py39h7a5d4dd_0.tar.bz2");
    assertThat(f.name()).isEqualTo("numpy");
    assertThat(f.version()).isEqualTo("1.21.5");
    assertThat(f.build()).isEqualTo("py39h7a5d4dd_0");
    assertThat(f.channel()).isEqualTo("https://conda.anaconda.org/conda-forge");
    assertThat(f.subdir()).isEqualTo("linux-64");
    assertThat(f.exactPin()).isTrue();

    CondaMatchSpec c = CondaMatchSpec.parse("./pkgs/typing-extensions-4.4.0-pyha770c72_0.conda");
    assertThat(c.name()).isEqualTo("typing-extensions");
    assertThat(c.version()).isEqualTo("4.4.0");
  }

  @Test
  void regexVersionHasNoKnownBound() {
    CondaMatchSpec s = CondaMatchSpec.parse("numpy[version='^1\\.2.*$']");
    assertThat(s.pinsVersion()).isTrue();
    assertThat(s.hasUpperBound()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "# only a comment",
        ">=1.0",
        "numpy==",
        "numpy>=",
        "numpy>=1..2",
        "numpy>=1.2.",
        "numpy~=1.*",
        "numpy[",
        "numpy]",
        "numpy[foo=bar]",
        "numpy[version=]",
        "numpy[version='>=1]",
        "numpy[version='>=1'] extra",
        "numpy >=1.0 (optional)",
        "numpy@1.0",
        "numpy>=1.0;python_version<'3'",
        "numpy>=1!2!3",
        "numpy>=1+a+b",
        "numpy>==1.0",
        "numpy[version='(>=1']",
        "numpy[version='>=1,,<2']",
        "::numpy",
        "numpy 1.0 py 27",
        "bad.tar.bz2",
      })
  void invalidSpecsThrowOnlySpecSyntaxException(String spec) {
    assertThatThrownBy(() -> CondaMatchSpec.parse(spec))
        .as(spec)
        .isInstanceOf(SpecSyntaxException.class);
  }

  @Test
  void errorsCarryAColumn() {
    SpecSyntaxException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SpecSyntaxException.class, () -> CondaMatchSpec.parse("numpy > =1.20"));
    assertThat(e.column()).isEqualTo(6);
  }

  @Test
  void hostileInputFailsCleanly() {
    assertThatThrownBy(() -> CondaMatchSpec.parse(null)).isInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> CondaMatchSpec.parse("a".repeat(100_000)))
        .isInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> CondaMatchSpec.parse("x[version='" + "(".repeat(2000) + "1']"))
        .isInstanceOf(SpecSyntaxException.class);
    assertThatThrownBy(() -> CondaMatchSpec.parse("numpy\u0000>=1"))
        .isInstanceOf(SpecSyntaxException.class);
  }
}
