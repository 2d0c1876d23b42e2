package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.NeedsTestData;
import dev.pipgate.TestData;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixScanTest {
  @TempDir Path tmp;

  /** Copies corpus files (named {@code repo__path__parts}) into a prefix under their real names. */
  static void copyCorpus(Path prefix, String folder, String corpusName, String target)
      throws IOException {
    Path dest = prefix.resolve(target);
    Files.createDirectories(dest.getParent());
    Files.copy(TestData.path("corpus/" + folder).resolve(corpusName), dest);
  }

  @Test
  @NeedsTestData("corpus/conda-meta")
  void readsRealCondaRecordsAndSkipsCorruptOnesWithNotes() throws IOException {
    Path prefix = tmp.resolve("env");
    copyCorpus(
        prefix,
        "conda-meta",
        "10000roots__ml-sample__env__conda-meta__python-dateutil-2.8.2-pyhd3eb1b0_0.json",
        "conda-meta/python-dateutil-2.8.2-pyhd3eb1b0_0.json");
    copyCorpus(
        prefix,
        "conda-meta",
        "10000roots__ml-sample__env__conda-meta__numpy-1.20.3-py39h4b4dc7a_0.json",
        "conda-meta/numpy-1.20.3-py39h4b4dc7a_0.json");
    copyCorpus(
        prefix,
        "conda-meta",
        "10000roots__ml-sample__env__conda-meta__history",
        "conda-meta/history");
    copyCorpus(
        prefix,
        "conda-meta",
        "conda__conda__tests__data__corrupt__json__conda-meta__corrupt-1.2.3-hashhash.json",
        "conda-meta/corrupt-1.2.3-hashhash.json");
    copyCorpus(
        prefix,
        "conda-meta",
        "conda__conda__tests__data__corrupt__unicode__conda-meta__corrupt-1.2.3-hashhash.json",
        "conda-meta/corrupt2-1.2.3-hashhash.json");
    copyCorpus(
        prefix,
        "conda-meta",
        "conda__conda__tests__data__corrupt__dot_underscore__conda-meta__._valid-1.0-0.json",
        "conda-meta/._valid-1.0-0.json");
    copyCorpus(
        prefix,
        "conda-meta",
        "conda__conda__tests__data__corrupt__dot_underscore__conda-meta__valid-1.0-0.json",
        "conda-meta/valid-1.0-0.json");

    PrefixScan scan = PrefixScan.scan(prefix, null, null);

    assertThat(scan.conda())
        .extracting(CondaRecord::name, CondaRecord::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("numpy", "1.20.3"),
            org.assertj.core.groups.Tuple.tuple("python-dateutil", "2.8.2"),
            org.assertj.core.groups.Tuple.tuple("valid", "1.0"));
    CondaRecord dateutil = scan.conda().get(1);
    assertThat(dateutil.files()).contains("lib/python3.9/site-packages/dateutil/__init__.py");
    assertThat(dateutil.channel()).isEqualTo("https://repo.anaconda.com/pkgs/main/noarch");
    assertThat(dateutil.requestedSpec()).isEmpty();
    assertThat(scan.conda().get(0).requestedSpec()).isEqualTo("numpy");
    assertThat(scan.notes())
        .extracting(f -> f.location().file())
        .containsExactlyInAnyOrder(
            "conda-meta/._valid-1.0-0.json",
            "conda-meta/corrupt-1.2.3-hashhash.json",
            "conda-meta/corrupt2-1.2.3-hashhash.json");
    assertThat(scan.notes()).extracting(Finding::severity).containsOnly(Severity.NOTE);
    // The history replays to what conda believes is installed.
    assertThat(scan.history().installed()).containsKey("python-dateutil");
    assertThat(scan.history().installed().get("python-dateutil").version()).isEqualTo("2.8.2");
  }

  @Test
  void pythonVersionComesFromCondaRecordThenPyvenvThenDirectory() throws IOException {
    Path a = tmp.resolve("a");
    Files.createDirectories(a.resolve("lib/python3.8/site-packages"));
    assertThat(PrefixScan.scan(a, null, null).python().version()).isEqualTo("3.8");
    Files.writeString(a.resolve("pyvenv.cfg"), "home = /usr/bin\nversion = 3.8.10\n");
    assertThat(PrefixScan.scan(a, null, null).python())
        .extracting(PythonInfo::version, PythonInfo::source)
        .containsExactly("3.8.10", "pyvenv.cfg");
    Files.createDirectories(a.resolve("conda-meta"));
    Files.writeString(
        a.resolve("conda-meta/python-3.8.16-h7a1cb2a_3.json"),
        """
        {"name": "python", "version": "3.8.16", "build": "h7a1cb2a_3", "subdir": "osx-arm64",
         "channel": "https://repo.anaconda.com/pkgs/main/osx-arm64", "depends": [], "files": []}
        """);
    PythonInfo info = PrefixScan.scan(a, null, null).python();
    assertThat(info.version()).isEqualTo("3.8.16");
    assertThat(info.platform()).isEqualTo("osx-arm64");
    assertThat(PrefixScan.scan(a, "3.10", "linux-64").python())
        .extracting(PythonInfo::version, PythonInfo::platform)
        .containsExactly("3.10", "linux-64");
  }

  @Test
  @NeedsTestData("corpus/dist-info")
  void readsCorpusDistInfoWithInstallerWithoutNewline() throws IOException {
    Path prefix = tmp.resolve("win");
    String site = "Lib/site-packages/";
    copyCorpus(
        prefix,
        "dist-info",
        "AHC-Santino__example_conda_environment__Lib__site-packages__pip-24.3.1.dist-info__METADATA",
        site + "pip-24.3.1.dist-info/METADATA");
    copyCorpus(
        prefix,
        "dist-info",
        "AHC-Santino__example_conda_environment__Lib__site-packages__pip-24.3.1.dist-info__direct_url.json",
        site + "pip-24.3.1.dist-info/direct_url.json");
    Files.writeString(prefix.resolve(site + "pip-24.3.1.dist-info/INSTALLER"), "conda");
    copyCorpus(
        prefix,
        "dist-info",
        "AlessandroSav__envs_on_git__lib__python3.8__site-packages__cloudmetrics-0.1.1.dev40+ga36f534.dist-info__METADATA",
        site + "cloudmetrics-0.1.1.dev40+ga36f534.dist-info/METADATA");
    copyCorpus(
        prefix,
        "dist-info",
        "AlessandroSav__envs_on_git__lib__python3.8__site-packages__cloudmetrics-0.1.1.dev40+ga36f534.dist-info__REQUESTED",
        site + "cloudmetrics-0.1.1.dev40+ga36f534.dist-info/REQUESTED");
    copyCorpus(
        prefix,
        "dist-info",
        "AlessandroSav__envs_on_git__lib__python3.8__site-packages__cloudmetrics-0.1.1.dev40+ga36f534.dist-info__INSTALLER",
        site + "cloudmetrics-0.1.1.dev40+ga36f534.dist-info/INSTALLER");

    PrefixScan scan = PrefixScan.scan(prefix, "3.12", null);

    assertThat(scan.python().platform()).startsWith("win-");
    assertThat(scan.distributions())
        .extracting(Distribution::name, Distribution::installer, Distribution::requested)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cloudmetrics", "pip", true),
            org.assertj.core.groups.Tuple.tuple("pip", "conda", false));
    Distribution cloud = scan.distributions().get(0);
    assertThat(cloud.version()).isEqualTo("0.1.1.dev40+ga36f534");
    assertThat(cloud.requires())
        .first()
        .satisfies(
            r -> {
              assertThat(r.text()).isEqualTo("scipy (>=1.4.1)");
              assertThat(r.line()).isEqualTo(11);
              assertThat(r.file())
                  .isEqualTo(site + "cloudmetrics-0.1.1.dev40+ga36f534.dist-info/METADATA");
            });
    assertThat(scan.distributions().get(1).directUrl()).contains("dir_info");
  }

  @Test
  void eggInfoRequiresTxtSectionsBecomeMarkers() throws IOException {
    Path prefix = tmp.resolve("egg");
    Path egg = Files.createDirectories(prefix.resolve("lib/python3.9/site-packages/old.egg-info"));
    Files.writeString(egg.resolve("PKG-INFO"), "Metadata-Version: 1.1\nName: old\nVersion: 0.3\n");
    Files.writeString(
        egg.resolve("requires.txt"),
        "six>=1.5\n\n[:python_version < \"3\"]\nfutures\n\n[socks]\nPySocks\n\n[tls:sys_platform == \"win32\"]\nwincertstore\n");

    Distribution d = PrefixScan.scan(prefix, null, null).distributions().get(0);

    assertThat(d.eggInfo()).isTrue();
    assertThat(d.requires())
        .extracting(Distribution.DeclaredRequirement::text)
        .containsExactly(
            "six>=1.5",
            "futures ; python_version < \"3\"",
            "PySocks ; extra == \"socks\"",
            "wincertstore ; (sys_platform == \"win32\") and extra == \"tls\"");
  }

  @Test
  void distributionSetEqualsPipInspectInARealVenv() throws Exception {
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("alpha", "1.0", "beta>=2");
    wheels.wheel("beta", "2.1");
    wheels.wheel("Gamma.Thing", "0.5rc1");
    Venv venv = Venv.create(tmp.resolve("venv"));
    venv.install(wheels, "alpha", "Gamma.Thing==0.5rc1");

    PrefixScan scan = PrefixScan.scan(venv.dir(), null, null);

    JsonNode inspect = venv.inspect();
    assertThat(scan.python().version())
        .isEqualTo(inspect.path("environment").path("python_full_version").asText());
    assertThat(PipAgreement.views(scan))
        .containsExactlyInAnyOrderElementsOf(PipAgreement.inspected(inspect, venv.dir()));
    assertThat(PipAgreement.views(scan))
        .contains(new PipAgreement.Installed("alpha", "1.0", "pip", true))
        .contains(new PipAgreement.Installed("beta", "2.1", "pip", false));
  }

  @Test
  void distributionSetEqualsPipInspectForThisMachinesPython() throws Exception {
    String python = Venv.python3();
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "python3 is not installed");
    Venv.Result r = Venv.run(List.of(python, "-c", "import sys; print(sys.prefix)"), null);
    Path prefix = Path.of(r.out().strip());

    PrefixScan scan = PrefixScan.scan(prefix, null, null);

    JsonNode inspect = Venv.inspect(python);
    assertThat(PipAgreement.views(scan))
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(PipAgreement.inspected(inspect, prefix));
  }

  @Test
  void debianDistPackagesOfTheInterpretersVersionInSysPathOrder() throws IOException {
    Path usr = tmp.resolve("usr");
    Files.createDirectories(usr.resolve("lib/python3.11"));
    for (String site :
        List.of(
            "local/lib/python3.11/dist-packages/alpha-2.0.dist-info",
            "lib/python3/dist-packages/alpha-1.0.dist-info",
            "lib/python3/dist-packages/beta-1.0.dist-info",
            "local/lib/python3.10/dist-packages/stale-1.0.dist-info")) {
      Path d = Files.createDirectories(usr.resolve(site));
      String[] nv = d.getFileName().toString().replace(".dist-info", "").split("-");
      Files.writeString(d.resolve("METADATA"), "Name: " + nv[0] + "\nVersion: " + nv[1] + "\n");
    }

    PrefixScan scan = PrefixScan.scan(usr, "3.11", null);

    assertThat(scan.sitePackages())
        .containsExactly("local/lib/python3.11/dist-packages", "lib/python3/dist-packages");
    assertThat(PipAgreement.views(scan))
        .extracting(PipAgreement.Installed::name, PipAgreement.Installed::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", "2.0"),
            org.assertj.core.groups.Tuple.tuple("beta", "1.0"));
  }

  @Test
  void aPrefixWithoutAnyPythonEnvironmentIsBadInput() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrefixScan.scan(empty, null, null))
        .isInstanceOf(dev.pipgate.model.InputException.class)
        .hasMessageContaining("no Python environment")
        .hasMessageContaining("lib/python3/dist-packages")
        .hasMessageContaining("conda-meta");
  }

  @Test
  void distributionSetEqualsPipInspectForTheSystemDebianPython() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/usr/lib/python3/dist-packages")) && Files.exists(python),
        "this machine has no Debian-style /usr/lib/python3/dist-packages");
    Venv.Result pip = Venv.run(List.of(python.toString(), "-m", "pip", "--version"), null);
    org.junit.jupiter.api.Assumptions.assumeTrue(pip.code() == 0, "/usr/bin/python3 has no pip");
    Path prefix =
        Path.of(
            Venv.run(List.of(python.toString(), "-c", "import sys; print(sys.prefix)"), null)
                .out()
                .strip());

    PrefixScan scan = PrefixScan.scan(prefix, null, null);

    assertThat(scan.sitePackages()).contains("lib/python3/dist-packages");
    assertThat(PipAgreement.views(scan))
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(
            PipAgreement.inspected(Venv.inspect(python.toString()), prefix));
  }
}
