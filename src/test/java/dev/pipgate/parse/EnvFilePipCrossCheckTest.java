package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.PipEntry.Kind;
import dev.pipgate.names.PackageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pip line reader against pip itself: each line is written to a requirements file and read by
 * the installed pip's own requirements-file parser. Where pip fails, this reader must report an
 * error; where pip names the project, the names must agree.
 */
class EnvFilePipCrossCheckTest {

  private static final List<String> LINES =
      List.of(
          "numpy",
          "Flask_Cors[async]>=3.0,<4 ; python_version < \"3.10\"",
          "requests==2.31.0 --hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1",
          "requests==2.31.0 --hash=md5:0123",
          "requests==2.31.0 --hash=0123",
          "pkg --config-settings=editable_mode=compat",
          "pkg -C novalue",
          "pkg --global-option=--no-user-cfg",
          "numpy --no-deps",
          "--no-deps",
          "-U numpy",
          "--upgrade",
          "--user",
          "--install-option=--prefix=/x",
          "--unknown-flag",
          "--no",
          "--index-url",
          "--pre=yes",
          "--trusted-host \"unclosed",
          "-x",
          "--only-binary --pre",
          "-i https://pypi.org/simple",
          "--index-url=https://pypi.org/simple",
          "--extra-index=https://download.pytorch.org/whl/cu118",
          "--no-index",
          "-f./wheels",
          "--pre --no-index",
          "--trusted-host \"pypi.example.com\"",
          "--only-binary :all:",
          "--use-feature=truststore",
          "-e .",
          "--editable ./pkg[dev,test]",
          "--editable=git+https://github.com/org/repo.git@v1.0#egg=Repo_Name",
          "-e git+https://github.com/org/repo.git",
          "-e https://example.com/x-1.0.tar.gz",
          "-e git+{ARGH_PATH_PLACEHOLDER}#egg=argh",
          "git+https://host/org/repo.git@v2.2.2#egg=name",
          "git+ssh://git@github.com/org/repo.git@main#egg=Foo_Bar",
          "git+https://github.com/org/repo.git",
          "mypkg @ git+https://github.com/org/mypkg.git@abc123",
          "urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip",
          "https://files.pythonhosted.org/packages/ab/cd/tensorflow_addons-0.17.0-cp39-cp39-manylinux_2_17_x86_64.whl",
          "https://example.com/x-1.0-py3-none-any.whl; python_version < \"3.9\"",
          "./downloads/numpy-1.9.2-cp34-none-win32.whl",
          "../libs/mylib",
          "file:///opt/wheels/pkg-1.0-py3-none-any.whl",
          "./not-a-wheel.whl",
          "numpy=1.0",
          "numpy>=1.0[extra]",
          // Not "numpy>=>1": pip before 24.1 took it as a legacy specifier, newer pip refuses it.
          "torch==2.0.1+cu118 --index-url https://download.pytorch.org/whl/cu118");

  /** Reads each line with pip's parse_requirements and install_req_from_parsed_requirement. */
  private static final String PIP_READER =
      """
      import json, sys
      from pip._internal.network.session import PipSession
      from pip._internal.req.req_file import parse_requirements
      from pip._internal.req.constructors import install_req_from_parsed_requirement
      lines = json.load(open(sys.argv[1]))
      session = PipSession()
      out = []
      for line in lines:
          with open('requirements.txt', 'w') as f:
              f.write(line + '\\n')
          try:
              reqs = [install_req_from_parsed_requirement(r)
                      for r in parse_requirements('requirements.txt', session=session)]
              out.append({'ok': True, 'reqs': [
                  {'name': r.name, 'editable': bool(r.editable)} for r in reqs]})
          except BaseException as e:
              out.append({'ok': False, 'error': type(e).__name__ + ': ' + str(e)[:200]})
      json.dump(out, sys.stdout)
      """;

  @Test
  void agreesWithPip(@TempDir Path tmp) throws Exception {
    assumeThat(pythonCan("import pip._internal.req.req_file")).as("python3 with pip").isTrue();
    Path work = Files.createDirectories(tmp.resolve("work"));
    // The local projects the lines name, so pip's disk checks pass as they would in a checkout.
    for (Path project : List.of(work, work.resolve("pkg"), tmp.resolve("libs/mylib"))) {
      Files.createDirectories(project);
      Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = \"p\"\n");
    }
    Path linesFile = tmp.resolve("lines.json");
    new ObjectMapper().writeValue(linesFile.toFile(), LINES);
    Path script = tmp.resolve("read.py");
    Files.writeString(script, PIP_READER);
    Process p =
        new ProcessBuilder("python3", script.toString(), linesFile.toString())
            .directory(work.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    JsonNode results = new ObjectMapper().readTree(out);
    assertThat(results).hasSize(LINES.size());

    int errors = 0;
    for (int i = 0; i < LINES.size(); i++) {
      String line = LINES.get(i);
      JsonNode pip = results.get(i);
      PipEntry ours = PipLineParser.parse("requirements.txt", 1, line);
      boolean pipOk = pip.get("ok").asBoolean();
      assertThat(ours.error() == null)
          .as("%s: pip says %s, we say %s", line, pip, ours.error())
          .isEqualTo(pipOk);
      if (!pipOk) {
        errors++;
        continue;
      }
      JsonNode reqs = pip.get("reqs");
      if (reqs.isEmpty()) {
        assertThat(ours.kind()).as(line).isIn(Kind.OPTION);
        continue;
      }
      JsonNode req = reqs.get(0);
      assertThat(ours.kind() == Kind.EDITABLE).as(line).isEqualTo(req.get("editable").asBoolean());
      if (!req.get("name").isNull()) {
        assertThat(ours.name()).as(line).isEqualTo(PackageName.normalize(req.get("name").asText()));
      }
    }
    // The list mixes both outcomes; a pip that accepted or refused everything is no check.
    assertThat(errors).isBetween(10, LINES.size() - 20);
  }

  private static boolean pythonCan(String code) {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", code)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
