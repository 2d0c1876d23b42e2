package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.PipEntry.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each form a pip: line can take, read through a whole env file. */
class EnvFilePipLineTest {

  /** The single pip entry of an env file whose pip: list holds {@code line} (single-quoted). */
  private static PipEntry only(String line) {
    List<PipEntry> pip = pipOf(line);
    assertThat(pip).as(line).hasSize(1);
    return pip.get(0);
  }

  private static List<PipEntry> pipOf(String... lines) {
    StringBuilder yml = new StringBuilder("name: t\ndependencies:\n  - pip\n  - pip:\n");
    for (String line : lines) {
      yml.append("      - '").append(line.replace("'", "''")).append("'\n");
    }
    EnvFile env =
        new EnvFileParser()
            .parse(
                "environment.yml",
                yml.toString().getBytes(StandardCharsets.UTF_8),
                new EnvFileTestTree());
    return env.pip();
  }

  @Test
  void plainName() {
    PipEntry e = only("numpy");
    assertThat(e.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(e.name()).isEqualTo("numpy");
    assertThat(e.displayName()).isEqualTo("numpy");
    assertThat(e.specifier()).isEmpty();
    assertThat(e.error()).isNull();
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.file()).isEqualTo("environment.yml");
  }

  @Test
  void extrasSpecifierAndMarker() {
    PipEntry e = only("Flask_Cors[async]>=3.0,<4 ; python_version < \"3.10\"");
    assertThat(e.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(e.name()).isEqualTo("flask-cors");
    assertThat(e.displayName()).isEqualTo("Flask_Cors");
    assertThat(e.extras()).containsExactly("async");
    assertThat(e.specifier()).contains(">=3.0").contains("<4");
    assertThat(e.marker()).contains("python_version").contains("3.10");
    assertThat(e.error()).isNull();
  }

  @Test
  void perRequirementOptionsAreAccepted() {
    PipEntry e =
        only(
            "requests==2.31.0 --hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1");
    assertThat(e.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(e.name()).isEqualTo("requests");
    assertThat(e.specifier()).isEqualTo("==2.31.0");
    assertThat(e.error()).isNull();
    assertThat(only("pkg --config-settings=editable_mode=compat").error()).isNull();
    assertThat(only("pkg -C key=value").error()).isNull();
    assertThat(only("pkg --global-option=--no-user-cfg").error()).isNull();
  }

  @Test
  void weakHashAndBadConfigSettingsAreRejected() {
    assertThat(only("requests==2.31.0 --hash=md5:0123").error()).contains("sha256");
    assertThat(only("requests==2.31.0 --hash=0123").error()).contains("hash name");
    assertThat(only("pkg -C novalue").error()).contains("KEY=VAL");
  }

  @Test
  void noDepsIsFlaggedWithTheReason() {
    PipEntry e = only("numpy --no-deps");
    assertThat(e.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(e.name()).isEqualTo("numpy");
    assertThat(e.error())
        .contains("pip does not accept --no-deps in a requirements file")
        .contains("pip install -U -r");
    PipEntry alone = only("--no-deps");
    assertThat(alone.kind()).isEqualTo(Kind.OPTION);
    assertThat(alone.error()).contains("--no-deps");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-U numpy",
        "--upgrade",
        "--user",
        "--force-reinstall",
        "--install-option=--prefix=/x",
        "--unknown-flag",
        "--no",
        "--index-url",
        "--pre=yes",
        "--trusted-host \"unclosed",
        "-x",
        "--only-binary --pre",
      })
  void optionsPipRejects(String line) {
    PipEntry e = only(line);
    assertThat(e.error()).as(line).isNotNull();
    assertThat(e.kind()).as(line).isEqualTo(Kind.OPTION);
  }

  @Test
  void rejectionMessagesNameTheOption() {
    assertThat(only("-U numpy").error()).contains("-U").contains("pip install -U -r");
    assertThat(only("--unknown-flag").error())
        .isEqualTo("pip does not accept --unknown-flag in a requirements file");
    assertThat(only("--no").error()).contains("ambiguous").contains("--no-index");
    assertThat(only("--index-url").error()).contains("requires 1 argument");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-i https://pypi.org/simple",
        "--index-url=https://pypi.org/simple",
        "--pypi-url https://pypi.org/simple",
        "--extra-index-url https://download.pytorch.org/whl/cu118",
        "--extra-index=https://download.pytorch.org/whl/cu118",
        "--no-index",
        "-f https://data.pyg.org/whl/torch-2.0.0+cu118.html",
        "--find-links=./wheels",
        "-f./wheels",
        "--pre",
        "--trusted-host pypi.example.com",
        "--trusted-host \"pypi.example.com\"",
        "--only-binary :all:",
        "--no-binary=:none:",
        "--prefer-binary",
        "--require-hashes",
        "--use-feature=truststore",
        "--pre --no-index",
        "--hash=sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1",
      })
  void optionLines(String line) {
    PipEntry e = only(line);
    assertThat(e.kind()).as(line).isEqualTo(Kind.OPTION);
    assertThat(e.error()).as(line).isNull();
    assertThat(e.name()).isNull();
    assertThat(e.raw()).isEqualTo(line);
  }

  @Test
  void requirementsAndConstraintsFilesInEveryForm() {
    for (String line :
        List.of("-r req.txt", "--requirement=req.txt", "--requirement req.txt", "-rreq.txt")) {
      PipEntry e = only(line);
      assertThat(e.kind()).as(line).isEqualTo(Kind.REQUIREMENTS_FILE);
      assertThat(e.url()).as(line).isEqualTo("req.txt");
    }
    for (String line : List.of("-c c.txt", "--constraint=c.txt", "--constraint c.txt")) {
      PipEntry e = only(line);
      assertThat(e.kind()).as(line).isEqualTo(Kind.CONSTRAINTS_FILE);
      assertThat(e.url()).as(line).isEqualTo("c.txt");
    }
  }

  @Test
  void editableLocalProjects() {
    PipEntry dot = only("-e .");
    assertThat(dot.kind()).isEqualTo(Kind.EDITABLE);
    assertThat(dot.url()).isEqualTo(".");
    assertThat(dot.name()).isNull();
    assertThat(dot.error()).isNull();

    PipEntry extras = only("--editable ./pkg[dev,test]");
    assertThat(extras.kind()).isEqualTo(Kind.EDITABLE);
    assertThat(extras.url()).isEqualTo("./pkg");
    assertThat(extras.extras()).containsExactly("dev", "test");
  }

  @Test
  void editableVcsNeedsAnEggName() {
    PipEntry e = only("--editable=git+https://github.com/org/repo.git@v1.0#egg=Repo_Name");
    assertThat(e.kind()).isEqualTo(Kind.EDITABLE);
    assertThat(e.name()).isEqualTo("repo-name");
    assertThat(e.displayName()).isEqualTo("Repo_Name");
    assertThat(e.ref()).isEqualTo("v1.0");
    assertThat(e.error()).isNull();

    PipEntry noEgg = only("-e git+https://github.com/org/repo.git");
    assertThat(noEgg.kind()).isEqualTo(Kind.EDITABLE);
    assertThat(noEgg.error()).contains("#egg=");

    assertThat(only("-e https://example.com/x-1.0.tar.gz").error())
        .contains("local project path or a VCS URL");
    assertThat(only("-e git+{ARGH_PATH_PLACEHOLDER}#egg=argh").error()).isNotNull();
  }

  @Test
  void vcsUrls() {
    PipEntry git = only("git+https://host/org/repo.git@v2.2.2#egg=name");
    assertThat(git.kind()).isEqualTo(Kind.VCS);
    assertThat(git.name()).isEqualTo("name");
    assertThat(git.ref()).isEqualTo("v2.2.2");
    assertThat(git.url()).isEqualTo("git+https://host/org/repo.git@v2.2.2#egg=name");

    PipEntry ssh = only("git+ssh://git@github.com/org/repo.git@main#egg=Foo_Bar");
    assertThat(ssh.ref()).isEqualTo("main");
    assertThat(ssh.name()).isEqualTo("foo-bar");

    assertThat(only("hg+https://hg.example.com/repo@tip#egg=x").kind()).isEqualTo(Kind.VCS);
    assertThat(only("svn+https://svn.example.com/repo/trunk@2019#egg=y").ref()).isEqualTo("2019");
    assertThat(only("bzr+https://bzr.example.com/repo@42#egg=z").name()).isEqualTo("z");

    PipEntry unnamed = only("git+https://github.com/org/repo.git");
    assertThat(unnamed.kind()).isEqualTo(Kind.VCS);
    assertThat(unnamed.name()).isNull();
    assertThat(unnamed.ref()).isEmpty();
    assertThat(unnamed.error()).isNull();
  }

  @Test
  void namedDirectReferences() {
    PipEntry vcs = only("mypkg @ git+https://github.com/org/mypkg.git@abc123");
    assertThat(vcs.kind()).isEqualTo(Kind.VCS);
    assertThat(vcs.name()).isEqualTo("mypkg");
    assertThat(vcs.ref()).isEqualTo("abc123");
    assertThat(vcs.url()).isEqualTo("git+https://github.com/org/mypkg.git@abc123");

    PipEntry archive =
        only("urllib3 @ https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip");
    assertThat(archive.kind()).isEqualTo(Kind.URL);
    assertThat(archive.name()).isEqualTo("urllib3");
  }

  @Test
  void archiveUrlsTakeTheirNameFromTheFile() {
    PipEntry wheel =
        only(
            "https://files.pythonhosted.org/packages/ab/cd/tensorflow_addons-0.17.0-cp39-cp39-manylinux_2_17_x86_64.whl");
    assertThat(wheel.kind()).isEqualTo(Kind.URL);
    assertThat(wheel.name()).isEqualTo("tensorflow-addons");
    assertThat(wheel.displayName()).isEqualTo("tensorflow_addons");

    PipEntry sdist = only("https://example.com/dist/somepkg-1.2.3.tar.gz");
    assertThat(sdist.kind()).isEqualTo(Kind.URL);
    assertThat(sdist.name()).isEqualTo("somepkg");

    PipEntry anonymous = only("https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip");
    assertThat(anonymous.kind()).isEqualTo(Kind.URL);
    assertThat(anonymous.name()).isNull();

    PipEntry marked = only("https://example.com/x-1.0-py3-none-any.whl; python_version < \"3.9\"");
    assertThat(marked.url()).isEqualTo("https://example.com/x-1.0-py3-none-any.whl");
    assertThat(marked.marker()).isEqualTo("python_version < \"3.9\"");
    assertThat(marked.name()).isEqualTo("x");
  }

  @Test
  void localPaths() {
    PipEntry wheel = only("./downloads/numpy-1.9.2-cp34-none-win32.whl");
    assertThat(wheel.kind()).isEqualTo(Kind.PATH);
    assertThat(wheel.name()).isEqualTo("numpy");

    PipEntry dir = only("../libs/mylib");
    assertThat(dir.kind()).isEqualTo(Kind.PATH);
    assertThat(dir.url()).isEqualTo("../libs/mylib");
    assertThat(dir.name()).isNull();

    assertThat(only("/opt/wheels/pkg-1.0-py3-none-any.whl").kind()).isEqualTo(Kind.PATH);
    PipEntry fileUrl = only("file:///opt/wheels/pkg-1.0-py3-none-any.whl");
    assertThat(fileUrl.kind()).isEqualTo(Kind.PATH);
    assertThat(fileUrl.name()).isEqualTo("pkg");

    assertThat(only("./not-a-wheel.whl").error()).contains("wheel file name");
  }

  @Test
  void malformedRequirements() {
    PipEntry single = only("numpy=1.0");
    assertThat(single.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(single.error()).contains("'=='");
    assertThat(only("numpy>=1.0[extra]").error()).isNotNull();
    assertThat(only("numpy>=>1").error()).isNotNull();
  }

  @Test
  void fileLevelOptionsAfterARequirementAreIgnoredLikePipDoes() {
    PipEntry e = only("torch==2.0.1+cu118 --index-url https://download.pytorch.org/whl/cu118");
    assertThat(e.kind()).isEqualTo(Kind.REQUIREMENT);
    assertThat(e.name()).isEqualTo("torch");
    assertThat(e.specifier()).isEqualTo("==2.0.1+cu118");
    assertThat(e.error()).isNull();
  }

  @Test
  void commentsAndBlankLinesAreDropped() {
    List<PipEntry> pip =
        pipOf(
            "numpy  # the comment", "# only a comment", "", "https://x.org/p-1.0.tar.gz#sha256=ab");
    assertThat(pip)
        .extracting(PipEntry::raw)
        .containsExactly("numpy", "https://x.org/p-1.0.tar.gz#sha256=ab");
    assertThat(pip.get(1).line()).isEqualTo(8);
  }

  @Test
  void backslashJoinsItemsAsInTheFileCondaWrites() {
    List<PipEntry> pip = pipOf("numpy\\", ">=1.20", "scipy");
    assertThat(pip).extracting(PipEntry::raw).containsExactly("numpy>=1.20", "scipy");
    assertThat(pip.get(0).line()).isEqualTo(5);
    assertThat(pip.get(0).specifier()).isEqualTo(">=1.20");
  }
}
