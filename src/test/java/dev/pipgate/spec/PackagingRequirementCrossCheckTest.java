package dev.pipgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Parses requirements with {@code packaging} and with ours, then evaluates their markers in a few
 * target environments. Skipped without python3 and packaging 22 or newer.
 */
class PackagingRequirementCrossCheckTest {

  private static final String SCRIPT =
      """
      import sys, json
      try:
          import packaging as p
          from packaging.requirements import Requirement, InvalidRequirement
      except ImportError:
          import pip._vendor.packaging as p
          from pip._vendor.packaging.requirements import Requirement, InvalidRequirement
      if int(p.__version__.split(".")[0]) < 22:
          print("SKIP")
          sys.exit(0)
      data = json.loads(sys.stdin.read())
      for text in data["requirements"]:
          try:
              r = Requirement(text)
          except InvalidRequirement:
              print("!")
              continue
          try:
              marks = "".join(
                  "-" if r.marker is None else ("1" if r.marker.evaluate(env) else "0")
                  for env in data["environments"])
          except Exception:
              print("!eval")
              continue
          print("\\t".join([r.name, ",".join(sorted(r.extras)), str(r.specifier),
                           r.url or "", marks]))
      """;

  private static final List<Map<String, String>> ENVIRONMENTS =
      List.of(
          MarkerEnvironment.forPython("3.9.7", "linux"),
          MarkerEnvironment.forPython("3.12.1", "win32"),
          MarkerEnvironment.forPython("3.8.10", "darwin", "arm64"),
          MarkerEnvironment.withExtra(MarkerEnvironment.forPython("3.10.0", "linux"), "Dev_Tools"),
          MarkerEnvironment.withExtra(MarkerEnvironment.forPython("3.13.0rc1", "linux"), "test"));

  private static final List<String> REQUIREMENTS =
      List.of(
          "A",
          "A.B-C_D",
          "name>=3,<2",
          "name@http://foo.com",
          "name [fred,bar] @ http://foo.com ; python_version=='2.7'",
          "name[quux, strange];python_version<'2.7' and platform_version=='2'",
          "name; os_name=='a' and os_name=='b' or os_name=='c'",
          "name; (os_name=='a' or os_name=='b') and os_name=='c'",
          "name; os_name not in 'a'",
          "requests[security,socks] (>=2.8.1, ==2.8.*) ; python_version < '3.10'",
          "numpy>=1.21; python_version >= '3.8' and platform_machine != 'arm64'",
          "pywin32>=300; sys_platform == 'win32'",
          "tomli; python_full_version < '3.11.0a7'",
          "pytest; extra == 'test'",
          "black; extra == 'dev-tools'",
          "black; extra == 'DEV.tools'",
          "x; 'dev_tools' == extra",
          "x; python_version ~= '3.9'",
          "x; python_version == '3.*'",
          "x; python_version != '3.8.*'",
          "x; python_full_version >= '3.13.0a1'",
          "x; python_full_version > '3.9.7'",
          "x; platform_system in 'Linux Darwin'",
          "x; 'arm' in platform_machine",
          "x; implementation_name == 'cpython' and implementation_version >= '3.9'",
          "x; os.name == 'nt'",
          "x; platform_python_implementation=='CPython'",
          "x; python_version=='3.9'or(os_name=='nt')",
          "x>=1.0,",
          "x==1.0+local",
          "x===weird",
          "x~=1",
          "x>=1.*",
          "x!",
          "x[a,]",
          "x[a b]",
          "x @",
          "x @ http://a b",
          "x; ",
          "x; foo == 'a'",
          "x; 'a' == 'b'",
          "x; os_name == 'a' and",
          "x; (os_name == 'a'",
          "-x",
          "x- >=1",
          "x (>=1",
          "x ==1 ==2",
          "x;os_name=='a' extra");

  @Test
  void requirementsAgreeWithPackaging() throws IOException, InterruptedException {
    StringBuilder json = new StringBuilder("{\"requirements\": [");
    for (int i = 0; i < REQUIREMENTS.size(); i++) {
      json.append(i == 0 ? "" : ",").append(jsonString(REQUIREMENTS.get(i)));
    }
    json.append("], \"environments\": [");
    for (int i = 0; i < ENVIRONMENTS.size(); i++) {
      json.append(i == 0 ? "{" : ",{");
      int j = 0;
      for (Map.Entry<String, String> e : ENVIRONMENTS.get(i).entrySet()) {
        json.append(j++ == 0 ? "" : ",")
            .append(jsonString(e.getKey()))
            .append(':')
            .append(jsonString(e.getValue()));
      }
      json.append('}');
    }
    json.append("]}");
    List<String> lines = runPython(json.toString());
    assertThat(lines).hasSize(REQUIREMENTS.size());

    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < REQUIREMENTS.size(); i++) {
      String text = REQUIREMENTS.get(i);
      String expected = lines.get(i);
      Requirement ours;
      try {
        ours = Requirement.parse(text);
      } catch (SpecSyntaxException e) {
        // ours rejects at parse time what packaging accepts but can never evaluate ('a' == 'b')
        if (!expected.equals("!") && !expected.equals("!eval")) {
          mismatches.add("'" + text + "' accepted by packaging, ours: " + e.getMessage());
        }
        continue;
      }
      if (expected.startsWith("!")) {
        mismatches.add("'" + text + "' rejected by packaging, accepted by ours");
        continue;
      }
      String[] f = expected.split("\t", -1);
      StringBuilder marks = new StringBuilder();
      for (Map<String, String> env : ENVIRONMENTS) {
        marks.append(ours.marker() == null ? "-" : ours.marker().evaluate(env) ? "1" : "0");
      }
      boolean same =
          ours.name().equals(f[0])
              && new HashSet<>(ours.extras()).equals(new HashSet<>(split(f[1])))
              && ours.specifier().equals(SpecifierSet.parse(f[2]))
              && (ours.url() == null ? "" : ours.url()).equals(f[3])
              && marks.toString().equals(f[4]);
      if (!same) {
        mismatches.add("'" + text + "': packaging " + expected + ", ours " + ours + " " + marks);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  private static List<String> split(String commaSeparated) {
    return commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append("\\u%04x".formatted((int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static List<String> runPython(String input) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("python3", "-c", SCRIPT).start();
    } catch (IOException e) {
      assumeTrue(false, "python3 is not available");
      throw e;
    }
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    assumeTrue(!stderr.contains("ModuleNotFoundError"), "packaging is not importable");
    assertThat(finished && process.exitValue() == 0).as(stderr).isTrue();
    assumeTrue(!stdout.startsWith("SKIP"), "packaging < 22");
    return stdout.lines().toList();
  }
}
