package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerTest {
  private static final Map<String, String> LINUX_39 = MarkerEnvironment.forPython("3.9.7", "linux");

  private static boolean eval(String marker, Map<String, String> env) {
    return Marker.parse(marker).evaluate(env);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "python_version < \"3.8\"|false",
        "python_version >= '3.8'|true",
        "python_version == '3.9'|true",
        "python_version == '3.9.0'|true",
        "python_version == '3.*'|true",
        "python_version != '3.9'|false",
        "python_version > '3.10'|false",
        "python_version ~= '3.7'|true",
        "python_version ~= '3.9.1'|false",
        "python_version === '3.9'|true",
        "python_full_version >= '3.9.7'|true",
        "python_full_version < '3.9.10'|true",
        "'3.8' < python_version|true",
        "'3.10' <= python_version|false",
        "implementation_version >= '3.9'|true",
        "sys_platform == 'linux'|true",
        "'linux' == sys_platform|true",
        "sys_platform != 'win32'|true",
        "os_name == 'posix'|true",
        "platform_system == 'Linux'|true",
        "platform_machine == 'x86_64'|true",
        "platform_python_implementation == 'CPython'|true",
        "implementation_name == 'cpython'|true",
        "sys_platform in 'linux darwin'|true",
        "'lin' in sys_platform|true",
        "sys_platform not in 'win32 cygwin'|true",
        "'win' not in sys_platform|true",
        "platform_release == ''|true",
        "os.name == 'posix'|true",
        "sys.platform == 'linux'|true",
        "python_implementation == 'CPython'|true",
        "platform_machine < 'y'|true",
        "platform_machine > 'y'|false",
        "python_version < 'banana'|true",
        "os_name ~= 'posix'|false",
        "os_name === 'posix'|true",
        "python_version == '3.9' and (sys_platform == 'win32' or os_name == 'posix')|true",
        "((python_version == '3.9'))|true",
        "python_version=='3.9'and os_name=='posix'|true",
        "python_version=='2.7'or(os_name=='posix')|true",
      })
  void evaluatesAgainstCPythonOnLinux(String marker, boolean expected) {
    assertThat(eval(marker, LINUX_39)).isEqualTo(expected);
  }

  /** PEP 685: extra names compare after PEP 503 normalisation; absent extra is "". */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "extra == 'test'|test|true",
        "extra == 'Test_Extra'|test-extra|true",
        "extra == 'test.extra'|TEST__extra|true",
        "'test' == extra|test|true",
        "extra == 'test'|other|false",
        "extra == 'test'||false",
        "extra == ''||true",
        "extra != 'test'||true",
      })
  void comparesNormalisedExtras(String marker, String extra, boolean expected) {
    Map<String, String> env =
        extra == null ? LINUX_39 : MarkerEnvironment.withExtra(LINUX_39, extra);
    assertThat(eval(marker, env)).isEqualTo(expected);
  }

  @Test
  void usesVersionsOnlyWhenBothSidesParse() {
    Map<String, String> env = new HashMap<>(LINUX_39);
    env.put("platform_release", "5.15.0-91-generic");
    // not a PEP 440 version: plain string ordering
    assertThat(eval("platform_release >= '5.2'", env)).isFalse();
    env.put("platform_release", "5.15.0");
    assertThat(eval("platform_release >= '5.2'", env)).isTrue();
    assertThat(eval("platform_version >= '5.2'", env)).isFalse();
    // pre-releases are allowed, but an alpha of 3.13.0 still sorts before 3.13
    Map<String, String> alpha = MarkerEnvironment.forPython("3.13.0a2", "linux");
    assertThat(eval("python_full_version >= '3.13.0a1'", alpha)).isTrue();
    assertThat(eval("python_full_version >= '3.13'", alpha)).isFalse();
    assertThat(eval("python_version >= '3.13'", alpha)).isTrue();
  }

  @Test
  void environmentsAreConsistent() {
    Map<String, String> win = MarkerEnvironment.forPython("3.10.4", "win32");
    assertThat(win)
        .containsEntry("os_name", "nt")
        .containsEntry("sys_platform", "win32")
        .containsEntry("platform_system", "Windows")
        .containsEntry("platform_machine", "AMD64")
        .containsEntry("python_version", "3.10")
        .containsEntry("python_full_version", "3.10.4")
        .containsEntry("implementation_version", "3.10.4")
        .containsEntry("platform_release", "")
        .containsEntry("platform_version", "")
        .hasSize(11);
    assertThat(MarkerEnvironment.forPython("3.11.2", "darwin", "arm64"))
        .containsEntry("os_name", "posix")
        .containsEntry("platform_system", "Darwin")
        .containsEntry("platform_machine", "arm64");
    assertThatThrownBy(() -> MarkerEnvironment.forPython("3.9", "sunos5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MarkerEnvironment.forPython("three", "linux"))
        .isInstanceOf(SpecSyntaxException.class);
  }

  @Test
  void reportsAnIncompleteEnvironment() {
    assertThatThrownBy(() -> eval("os_name == 'nt'", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("os_name");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "python_version<'3.8'|python_version < \"3.8\"",
        "os.name=='nt'|os_name == \"nt\"",
        "'a\"b' in platform_version|'a\"b' in platform_version",
        "a_b == 'x'|",
        "(os_name=='a' or os_name=='b') and os_name  not   in 'c'|(os_name == \"a\" or os_name == \"b\") and os_name not in \"c\"",
      })
  void printsNormalisedText(String text, String expected) {
    if (expected == null) {
      assertThatThrownBy(() -> Marker.parse(text)).isExactlyInstanceOf(SpecSyntaxException.class);
      return;
    }
    Marker m = Marker.parse(text);
    assertThat(m).hasToString(expected);
    assertThat(Marker.parse(m.toString())).isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "python_version",
        "python_version <",
        "python_version < '3' and",
        "python_version < '3' or or os_name == 'a'",
        "'a' == 'b'",
        "os_name == sys_platform",
        "os_name = 'a'",
        "os_name <> 'a'",
        "os_name not 'a'",
        "os_name notin 'a'",
        "os_name is 'a'",
        "dog ~= 'fred'",
        "(os_name == 'a'",
        "os_name == 'a')",
        "()",
        "os_name == \"a'",
        "os_name == 'a' && os_name == 'b'",
        "python_version < 3.8",
        "os_name\n== 'a'",
        "extras == 'a'",
        "OS_NAME == 'a'",
        "os_name == 'a' AND os_name == 'b'",
      })
  void rejectsInvalidMarkers(String text) {
    assertThatThrownBy(() -> Marker.parse(text)).isExactlyInstanceOf(SpecSyntaxException.class);
  }

  @Test
  void boundsNesting() {
    String ok = "(".repeat(Marker.MAX_NESTING) + "os_name == 'a'" + ")".repeat(Marker.MAX_NESTING);
    assertThat(eval(ok, LINUX_39)).isFalse();
    String deep = "(".repeat(10_000) + "os_name == 'a'" + ")".repeat(10_000);
    assertThatThrownBy(() -> Marker.parse(deep))
        .isInstanceOfSatisfying(
            SpecSyntaxException.class, e -> assertThat(e.column()).isEqualTo(Marker.MAX_NESTING));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // complementary: no typical target satisfies both
        "platform_system == 'Darwin'|platform_system != 'Darwin'|false",
        "sys_platform == 'darwin'|sys_platform != 'darwin'|false",
        "sys_platform == 'win32'|sys_platform == 'linux'|false",
        "python_version < '3.8'|python_version >= '3.8'|false",
        "python_version <= '3.6'|python_version > '3.6'|false",
        "python_version < '3'|python_version >= '3.0'|false",
        "os_name == 'nt'|os_name == 'posix'|false",
        "platform_machine == 'arm64'|platform_machine != 'arm64'|false",
        "platform_python_implementation == 'PyPy'|implementation_name == 'cpython'|false",
        "sys_platform == 'darwin' and platform_machine == 'arm64'"
            + "|platform_system == 'Darwin' and platform_machine == 'x86_64'|false",
        // overlapping on some target
        "python_version < '3.9'|python_version >= '3.8'|true",
        "sys_platform == 'darwin'|platform_system == 'Darwin'|true",
        "sys_platform == 'linux'|python_version >= '3.8'|true",
        "platform_system != 'Windows'|sys_platform != 'darwin'|true",
        "platform_machine == 'aarch64'|platform_system == 'Linux'|true",
      })
  void overlapOnTypicalTargets(String a, String b, boolean expected) {
    assertThat(Marker.overlapOnTypicalTargets(Marker.parse(a), Marker.parse(b))).contains(expected);
    assertThat(Marker.overlapOnTypicalTargets(Marker.parse(b), Marker.parse(a)))
        .as("symmetric")
        .contains(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // a variable the targets do not vary
        "python_full_version < '3.8.1'|python_full_version >= '3.8.1'",
        "extra == 'gpu'|sys_platform == 'linux'",
        "platform_release >= '5'|sys_platform == 'linux'",
        // a target outside the list, where the other marker may hold too
        "platform_machine == 'ppc64le'|platform_system == 'Linux'",
        "sys_platform == 'cygwin'|os_name == 'posix'",
        "python_version >= '3.16'|python_version >= '3.12'",
      })
  void overlapIsUnknownWhereTheTypicalTargetsCannotTell(String a, String b) {
    assertThat(Marker.overlapOnTypicalTargets(Marker.parse(a), Marker.parse(b))).isEmpty();
    assertThat(Marker.overlapOnTypicalTargets(Marker.parse(b), Marker.parse(a))).isEmpty();
  }

  @Test
  void holdsOnTypicalTargetAmongSome() {
    java.util.function.Predicate<Map<String, String>> notMac =
        env -> !"darwin".equals(env.get("sys_platform"));
    assertThat(Marker.parse("sys_platform == 'darwin'").holdsOnTypicalTarget(notMac))
        .contains(false);
    assertThat(
            Marker.parse("platform_system == 'Darwin' and platform_machine == 'arm64'")
                .holdsOnTypicalTarget(notMac))
        .contains(false);
    assertThat(Marker.parse("sys_platform != 'win32'").holdsOnTypicalTarget(notMac)).contains(true);
    assertThat(Marker.parse("platform_machine == 'ppc64le'").holdsOnTypicalTarget(notMac))
        .isEmpty();
    assertThat(Marker.parse("python_full_version >= '3.9.1'").holdsOnTypicalTarget(notMac))
        .isEmpty();
  }

  @Test
  void variablesAreCanonicalNames() {
    assertThat(
            Marker.parse("os.name == 'posix' and (python_version < '3.8' or extra == 'x')")
                .variables())
        .containsExactlyInAnyOrder("os_name", "python_version", "extra");
  }

  @Test
  void typicalTargetsCoverPythonsPlatformsMachinesAndImplementations() {
    List<Map<String, String>> targets = MarkerEnvironment.typicalTargets();
    assertThat(targets).extracting(t -> t.get("python_version")).contains("2.7", "3.0", "3.15");
    assertThat(targets)
        .extracting(t -> t.get("sys_platform") + "/" + t.get("platform_machine"))
        .containsOnly(
            "linux/x86_64",
            "linux/aarch64",
            "win32/AMD64",
            "win32/ARM64",
            "darwin/x86_64",
            "darwin/arm64");
    assertThat(targets)
        .extracting(t -> t.get("implementation_name"))
        .containsOnly("cpython", "pypy");
    assertThat(targets).hasSize(17 * 6 * 2);
    // every variable the targets do not vary has one value across them
    for (String variable : targets.get(0).keySet()) {
      if (!MarkerEnvironment.VARIED.contains(variable)
          && !variable.equals("python_full_version")
          && !variable.equals("implementation_version")) {
        assertThat(targets)
            .extracting(t -> t.get(variable))
            .as(variable)
            .containsOnly(targets.get(0).get(variable));
      }
    }
  }
}
