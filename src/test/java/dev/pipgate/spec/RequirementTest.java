package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTest {

  /** The test list at the end of PEP 508's "Complete Grammar" section. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "A",
        "A.B-C_D",
        "aa",
        "name",
        "name<=1",
        "name>=3",
        "name>=3,<2",
        "name@http://foo.com",
        "name [fred,bar] @ http://foo.com ; python_version=='2.7'",
        "name[quux, strange];python_version<'2.7' and platform_version=='2'",
        "name; os_name=='a' or os_name=='b'",
        "name; os_name=='a' and os_name=='b' or os_name=='c'",
        "name; os_name=='a' and (os_name=='b' or os_name=='c')",
        "name; os_name=='a' or os_name=='b' and os_name=='c'",
        "name; (os_name=='a' or os_name=='b') and os_name=='c'",
        "name; os_name not in 'a'",
      })
  void parsesThePepTestList(String text) {
    Requirement r = Requirement.parse(text);
    assertThat(r.name()).isEqualTo(text.split("[ \\[<>=@;]")[0]);
    Requirement again = Requirement.parse(r.toString());
    assertThat(again).hasToString(r.toString());
    assertThat(again.specifier()).isEqualTo(r.specifier());
  }

  @Test
  void splitsEveryPart() {
    Requirement r =
        Requirement.parse(
            "  Foo_Bar.baz [Security , socks] >= 1.2 , <2 ; python_version < \"3.8\" ");
    assertThat(r.name()).isEqualTo("Foo_Bar.baz");
    assertThat(r.normalizedName()).isEqualTo("foo-bar-baz");
    assertThat(r.extras()).containsExactly("Security", "socks");
    assertThat(r.specifierText()).isEqualTo(">=1.2,<2");
    assertThat(r.specifier().contains(Version.parse("1.5"))).isTrue();
    assertThat(r.url()).isNull();
    assertThat(r.markerText()).isEqualTo("python_version < \"3.8\"");
    assertThat(r).hasToString("Foo_Bar.baz[Security,socks]>=1.2,<2; python_version < \"3.8\"");
  }

  @Test
  void readsThePep345ParenthesisedForm() {
    Requirement r = Requirement.parse("name (>=1, <2)");
    assertThat(r.specifierText()).isEqualTo(">=1,<2");
    assertThat(r.marker()).isNull();
    assertThat(Requirement.parse("name (>=1);os_name=='nt'").markerText())
        .isEqualTo("os_name == \"nt\"");
  }

  @Test
  void readsDirectReferences() {
    Requirement r = Requirement.parse("name @ https://x/y.whl ; sys_platform == 'linux'");
    assertThat(r.url()).isEqualTo("https://x/y.whl");
    assertThat(r.specifier().isEmpty()).isTrue();
    assertThat(r.specifierText()).isEmpty();
    assertThat(r.markerText()).isEqualTo("sys_platform == \"linux\"");
    assertThat(r).hasToString("name @ https://x/y.whl ; sys_platform == \"linux\"");
    assertThat(Requirement.parse("pip @ file:///localbuilds/pip-1.3.1.zip").url())
        .isEqualTo("file:///localbuilds/pip-1.3.1.zip");
    // PEP 508: the URL runs to whitespace, so a ';' glued to it belongs to the URL
    assertThat(Requirement.parse("name@http://foo.com;x").url()).isEqualTo("http://foo.com;x");
  }

  /** PEP 508's precedence comments: and binds tighter than or; parentheses override. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "os_name=='a' and os_name=='b' or os_name=='c'|a=false b=false c=true|true",
        "os_name=='a' and os_name=='b' or os_name=='c'|a=true b=false c=false|false",
        "os_name=='a' and (os_name=='b' or os_name=='c')|a=false b=false c=true|false",
        "os_name=='a' or os_name=='b' and os_name=='c'|a=true b=false c=false|true",
        "(os_name=='a' or os_name=='b') and os_name=='c'|a=true b=false c=false|false",
      })
  void appliesPepPrecedence(String marker, String truths, boolean expected) {
    // substitute each comparison by a fixed truth: os_name=='a' holds when a=true, etc.
    Marker parsed = Requirement.parse("name; " + marker).marker();
    boolean anyTrue = truths.contains("=true");
    String osName =
        truths.contains("a=true") ? "a" : truths.contains("b=true") ? "b" : anyTrue ? "c" : "z";
    assertThat(truths.split("=true").length).isLessThanOrEqualTo(2);
    assertThat(parsed.evaluate(Map.of("os_name", osName))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "x!|0|invalid project name 'x!'",
        "-foo|0|invalid project name '-foo'",
        "foo-|0|invalid project name 'foo-'",
        "f\u00f6o|0|invalid project name",
        "``|0|expected project name",
        ">=1|0|expected project name",
        "name>=|6|expected version after '>='",
        "name foo|5|expected a version specifier",
        "name[|5|expected extra name",
        "name[a|6|expected ']'",
        "name[a b]|7|expected ',' or ']'",
        "name[a,]|7|expected extra name",
        "name[a!]|5|invalid extra name 'a!'",
        "name (>=1|9|expected ')'",
        "name (>=1; os_name=='a')|9|expected ')'",
        "name @|6|expected URL after '@'",
        "name @ http://x y|16|expected ';'",
        "name;|5|expected a marker after ';'",
        "name; python_version|20|expected a marker operator",
        "name; os_name == 'a|17|unterminated string",
        "name; foo == 'a'|6|unknown marker variable 'foo'",
        "name ; os_name=='a' extra|20|expected 'and', 'or' or end",
        "name==1.0 ==2|9|unexpected",
        "name===1 2|8|unexpected",
        "name[a](>=1|11|expected ')'",
        "name\u00a0>=1|0|invalid project name",
      })
  void rejectsInvalidRequirementsWithPositions(String text, int column, String message) {
    assertThatThrownBy(() -> Requirement.parse(text))
        .isExactlyInstanceOf(SpecSyntaxException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((SpecSyntaxException) e).column()).isEqualTo(column));
  }

  @Test
  void rejectsLineBreaksWhichPep508DoesNotCountAsWhitespace() {
    assertThatThrownBy(() -> Requirement.parse("name >= 1 ; os_name=='a'\n"))
        .isInstanceOfSatisfying(
            SpecSyntaxException.class, e -> assertThat(e.column()).isEqualTo(24));
  }

  @Test
  void acceptsATrailingCommaAsPipDoes() {
    assertThat(Requirement.parse("name>=3,").specifierText()).isEqualTo(">=3");
  }

  @Test
  void rejectsHostileInputWithTheDocumentedExceptionOnly() {
    String big = "a".repeat(100_000);
    assertThat(Requirement.parse(big).name()).hasSize(100_000);
    for (String text :
        List.of(
            big + "!",
            "name; " + "(".repeat(10_000) + "os_name=='a'" + ")".repeat(10_000),
            "name; " + "(".repeat(10_000),
            "name; " + ")".repeat(10_000),
            "name[" + "a,".repeat(50_000),
            "name>=" + "1.".repeat(50_000),
            "name>=" + "9".repeat(100_000),
            "name; os_name=='" + "x".repeat(100_000),
            "name; " + "os_name=='a' and ".repeat(10_000),
            "name @ " + "x".repeat(100_000) + " ; ",
            "name" + " ".repeat(100_000) + "!",
            "\0\0\0",
            "name; os_name=='a' and")) {
      assertThatThrownBy(() -> Requirement.parse(text))
          .isExactlyInstanceOf(SpecSyntaxException.class);
    }
    assertThatThrownBy(() -> Requirement.parse(null))
        .isExactlyInstanceOf(SpecSyntaxException.class);
    assertThat(
            Requirement.parse("name; " + "os_name=='a' or ".repeat(10_000) + "os_name=='b'")
                .marker()
                .evaluate(Map.of("os_name", "b")))
        .isTrue();
  }

  @Test
  void errorMessagesStayShortForHugeInput() {
    assertThatThrownBy(() -> Requirement.parse("a".repeat(100_000) + "!"))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }
}
