package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.Finding;
import dev.pipgate.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user site ({@code pip install --user}) read with a prefix, where and when CPython's site.py
 * puts it on {@code sys.path}; checked against real {@code python -m site --user-site}, {@code pip
 * list --user} and {@code pip inspect} where python3 is installed.
 */
class UserSiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static Path dist(Path site, String name, String version) throws IOException {
    Path d = Files.createDirectories(site.resolve(name + "-" + version + ".dist-info"));
    Files.writeString(d.resolve("METADATA"), "Name: " + name + "\nVersion: " + version + "\n");
    Files.writeString(d.resolve("INSTALLER"), "pip\n");
    return d;
  }

  private Path condaLikePrefix() throws IOException {
    Path prefix = tmp.resolve("env");
    Path site = Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
    dist(site, "numpy", "1.26.4");
    dist(site, "six", "1.16.0");
    return prefix;
  }

  private Path userSite(Path home) throws IOException {
    return Files.createDirectories(home.resolve(".local/lib/python3.11/site-packages"));
  }

  @Test
  void userSiteComesFirstAndItsCopyShadowsThePrefixs() throws IOException {
    Path prefix = condaLikePrefix();
    Path home = tmp.resolve("home");
    Path user = userSite(home);
    dist(user, "numpy", "1.24.0");
    dist(user, "rich", "13.0.0");
    CondaPrefix conda = new CondaPrefix(prefix);
    conda.record(
        "numpy",
        "1.26.4",
        "py311h0",
        List.of(),
        List.of("lib/python3.11/site-packages/numpy-1.26.4.dist-info/METADATA"));
    Map<String, String> env = Map.of("HOME", home.toString());

    PrefixScan scan = PrefixScan.scan(prefix, null, null, env);

    assertThat(scan.userSite()).isEqualTo(user.toString());
    assertThat(scan.sitePackages())
        .containsExactly(user.toString(), "lib/python3.11/site-packages");
    assertThat(PipAgreement.views(scan))
        .extracting(PipAgreement.Installed::name, PipAgreement.Installed::version)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("numpy", "1.24.0"),
            org.assertj.core.groups.Tuple.tuple("rich", "13.0.0"),
            org.assertj.core.groups.Tuple.tuple("six", "1.16.0"));

    EnvCheckResult result = EnvCheck.run(prefix, EnvCheck.Options.defaults().withEnvironment(env));

    assertThat(result.userSite()).isEqualTo(user.toString());
    assertThat(result.fromUserSite()).isEqualTo(2);
    assertThat(result.findings())
        .extracting(Finding::ruleId, Finding::packageName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("duplicate-distribution", "numpy"));
    Finding shadow = result.findings().get(0);
    assertThat(shadow.location().file())
        .isEqualTo(user.resolve("numpy-1.24.0.dist-info/METADATA").toString());
    assertThat(shadow.message())
        .contains("numpy 1.24.0 in the user site (" + user.resolve("numpy-1.24.0.dist-info"))
        .contains("shadows the prefix's numpy 1.26.4")
        .contains("lib/python3.11/site-packages/numpy-1.26.4.dist-info");
    assertThat(shadow.help()).contains("PYTHONNOUSERSITE=1");
  }

  @Test
  void noUserSiteWithPythonNoUserSiteOrWithoutAHome() throws IOException {
    Path prefix = condaLikePrefix();
    Path home = tmp.resolve("home");
    dist(userSite(home), "numpy", "1.24.0");

    for (Map<String, String> env :
        List.of(
            Map.of("HOME", home.toString(), "PYTHONNOUSERSITE", "1"),
            Map.of("HOME", home.toString(), "PYTHONNOUSERSITE", "0"),
            Map.<String, String>of(),
            Map.of("HOME", ""))) {
      PrefixScan scan = PrefixScan.scan(prefix, null, null, env);
      assertThat(scan.userSite()).as("%s", env).isEmpty();
      assertThat(scan.sitePackages()).as("%s", env).containsExactly("lib/python3.11/site-packages");
    }
    // An empty PYTHONNOUSERSITE is unset, as Python reads it.
    assertThat(
            PrefixScan.scan(
                    prefix, null, null, Map.of("HOME", home.toString(), "PYTHONNOUSERSITE", ""))
                .userSite())
        .isNotEmpty();
  }

  @Test
  void aUserSiteAloneDoesNotMakeAPrefixAnEnvironment() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path home = tmp.resolve("home");
    dist(userSite(home), "rich", "13.0.0");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PrefixScan.scan(empty, "3.11", null, Map.of("HOME", home.toString())))
        .isInstanceOf(dev.pipgate.model.InputException.class)
        .hasMessageContaining("no Python environment here");
    CliRun run = CliRun.in(tmp, Map.of("HOME", home.toString()), "env-check", "--prefix", "empty");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("pipgate: " + empty + ": no Python environment here: looked for")
        .hasLineCount(1);
  }

  @Test
  void pythonUserBaseWinsOverHome() throws IOException {
    Path prefix = condaLikePrefix();
    dist(userSite(tmp.resolve("home")), "numpy", "1.24.0");
    Path base = tmp.resolve("base");
    Path site = Files.createDirectories(base.resolve("lib/python3.11/site-packages"));
    dist(site, "rich", "13.0.0");

    PrefixScan scan =
        PrefixScan.scan(
            prefix,
            null,
            null,
            Map.of("HOME", tmp.resolve("home").toString(), "PYTHONUSERBASE", base.toString()));

    assertThat(scan.userSite()).isEqualTo(site.toString());
    assertThat(PipAgreement.views(scan))
        .extracting(PipAgreement.Installed::name)
        .containsExactlyInAnyOrder("rich", "numpy", "six");
  }

  @Test
  void aVenvReadsTheUserSiteOnlyWithSystemSitePackagesAndAfterItsOwn() throws IOException {
    Path base = tmp.resolve("base");
    Files.createDirectories(base.resolve("bin"));
    dist(Files.createDirectories(base.resolve("lib/python3.11/site-packages")), "six", "1.0");
    Path venv = tmp.resolve("venv");
    dist(Files.createDirectories(venv.resolve("lib/python3.11/site-packages")), "rich", "13.0.0");
    Path home = tmp.resolve("home");
    Path user = userSite(home);
    dist(user, "rich", "12.0.0");
    Map<String, String> env = Map.of("HOME", home.toString());

    Files.writeString(
        venv.resolve("pyvenv.cfg"),
        "home = "
            + base.resolve("bin")
            + "\ninclude-system-site-packages = false\nversion = 3.11.4\n");
    PrefixScan isolated = PrefixScan.scan(venv, null, null, env);
    assertThat(isolated.userSite()).isEmpty();
    assertThat(isolated.sitePackages()).containsExactly("lib/python3.11/site-packages");

    // No include-system-site-packages line: site.py takes it as true.
    for (String cfg :
        List.of(
            "home = " + base.resolve("bin") + "\ninclude-system-site-packages = true\n",
            "home = " + base.resolve("bin") + "\n")) {
      Files.writeString(venv.resolve("pyvenv.cfg"), cfg + "version = 3.11.4\n");
      PrefixScan scan = PrefixScan.scan(venv, null, null, env);
      assertThat(scan.sitePackages())
          .as(cfg)
          .containsExactly(
              "lib/python3.11/site-packages",
              user.toString(),
              base.resolve("lib/python3.11/site-packages").toString());
      EnvCheckResult result = EnvCheck.run(venv, EnvCheck.Options.defaults().withEnvironment(env));
      // The venv's rich comes first; the user site's is hidden and nothing needs mending.
      assertThat(result.distributions())
          .extracting(DistributionView::name, DistributionView::version)
          .contains(org.assertj.core.groups.Tuple.tuple("rich", "13.0.0"));
      assertThat(result.findings()).isEmpty();
    }
  }

  @Test
  void macFrameworkBuildsUseLibraryPythonXyAndLibPython() throws IOException {
    Path prefix = tmp.resolve("Library/Frameworks/Python.framework/Versions/3.11");
    dist(Files.createDirectories(prefix.resolve("lib/python3.11/site-packages")), "six", "1.0");
    Path home = tmp.resolve("home");
    Path user =
        Files.createDirectories(home.resolve("Library/Python/3.11/lib/python/site-packages"));
    dist(user, "rich", "13.0.0");
    Files.createDirectories(home.resolve(".local/lib/python3.11/site-packages"));

    PrefixScan mac = PrefixScan.scan(prefix, null, "osx-arm64", Map.of("HOME", home.toString()));
    assertThat(mac.userSite()).isEqualTo(user.toString());

    PrefixScan linux = PrefixScan.scan(prefix, null, "linux-64", Map.of("HOME", home.toString()));
    assertThat(linux.userSite())
        .isEqualTo(home.resolve(".local/lib/python3.11/site-packages").toString());
  }

  @Test
  void windowsUserSiteIsUnderAppData() {
    PythonInfo py = new PythonInfo("3.11.4", "win-64", "");
    String appData = "C:\\Users\\ana\\AppData\\Roaming";

    assertThat(UserSite.of(tmp, py, List.of(), Map.of("APPDATA", appData)).orElseThrow())
        .asString()
        .endsWith(appData + "\\Python\\Python311\\site-packages");
    assertThat(
            UserSite.of(tmp, py, List.of(), Map.of("USERPROFILE", "C:\\Users\\ana")).orElseThrow())
        .asString()
        .endsWith("C:\\Users\\ana\\Python\\Python311\\site-packages");
    assertThat(UserSite.of(tmp, py, List.of(), Map.of("HOME", "/home/ana"))).isEmpty();
  }

  @Test
  void freeThreadedBuildsHaveTheirOwnUserSite() throws IOException {
    Path prefix = tmp.resolve("env");
    dist(Files.createDirectories(prefix.resolve("lib/python3.13t/site-packages")), "six", "1.0");
    Path home = tmp.resolve("home");
    Path user = Files.createDirectories(home.resolve(".local/lib/python3.13t/site-packages"));

    assertThat(PrefixScan.scan(prefix, null, null, Map.of("HOME", home.toString())).userSite())
        .isEqualTo(user.toString());
  }

  @Test
  void theCommandReadsTheUserSiteFromItsEnvironmentAndSaysWhatCameFromThere() throws IOException {
    Path prefix = condaLikePrefix();
    Path home = tmp.resolve("home");
    Path user = userSite(home);
    dist(user, "rich", "13.0.0");
    Map<String, String> env = Map.of("HOME", home.toString());

    CliRun text = CliRun.in(tmp, env, "env-check", "--prefix", "env");
    assertThat(text.code()).isZero();
    assertThat(text.out().lines().findFirst().orElseThrow())
        .isEqualTo(
            "pipgate env-check: 3 distributions in env (Python 3.11), 1 of them from the user site "
                + user);

    CliRun json = CliRun.in(tmp, env, "env-check", "--prefix", "env", "--format", "json");
    assertThat(json.json().path("userSite").asText()).isEqualTo(user.toString());
    List<String> locations = new ArrayList<>();
    json.json().path("distributions").forEach(d -> locations.add(d.path("location").asText()));
    assertThat(locations).contains(user.resolve("rich-13.0.0.dist-info").toString());

    // A relative PYTHONUSERBASE is taken from the working directory, as Python would.
    Path base = Files.createDirectories(tmp.resolve("ub/lib/python3.11/site-packages"));
    dist(base, "attrs", "23.1.0");
    CliRun relative =
        CliRun.in(tmp, Map.of("PYTHONUSERBASE", "ub"), "env-check", "--prefix", "env");
    assertThat(relative.out()).startsWith("pipgate env-check: 3 distributions in env");
    assertThat(relative.out().lines().findFirst().orElseThrow()).endsWith(base.toString());

    CliRun none = CliRun.in(tmp, Map.of(), "env-check", "--prefix", "env");
    assertThat(none.out().lines().findFirst().orElseThrow())
        .isEqualTo("pipgate env-check: 2 distributions in env (Python 3.11)");
  }

  // ---------------------------------------------------------------- against real python and pip

  /**
   * {@code pip install --user} into a temporary {@code PYTHONUSERBASE} for this machine's python3:
   * one new distribution and one that shadows a distribution of the interpreter's prefix.
   */
  @Test
  void agreesWithSiteAndPipForThisMachinesPython() throws Exception {
    String python = Venv.python3();
    assumeTrue(python != null, "python3 is not installed");
    Path cwd = Files.createDirectories(tmp.resolve("cwd"));
    Path userBase = tmp.resolve("userbase");
    Map<String, String> env =
        Map.of("PYTHONUSERBASE", userBase.toString(), "PIP_BREAK_SYSTEM_PACKAGES", "1");
    Venv.Result info =
        Venv.run(
            List.of(
                python, "-c", "import site, sys; print(sys.prefix); print(site.ENABLE_USER_SITE)"),
            cwd,
            env);
    List<String> lines = info.out().lines().toList();
    assumeTrue(lines.size() == 2 && lines.get(1).equals("True"), "user site disabled here");
    assumeTrue(
        Venv.run(List.of(python, "-m", "pip", "--version"), cwd, env).code() == 0,
        "python3 has no pip");
    Path prefix = Path.of(lines.get(0));
    Distribution target =
        PrefixScan.scan(prefix, null, null).distributions().stream()
            .filter(d -> !Set.of("pip", "setuptools", "wheel", "certifi").contains(d.key()))
            .findFirst()
            .orElse(null);
    assumeTrue(target != null, "the prefix has no distribution to shadow");
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("pipgate-user-probe", "1.0");
    wheels.wheel(
        target.name(),
        "9999.0",
        List.of(),
        Map.of("pipgate_shadow_probe/__init__.py", "# metadata only\n"));
    Venv.Result install =
        Venv.run(
            List.of(
                python,
                "-m",
                "pip",
                "install",
                "--user",
                "--no-deps",
                "--no-index",
                "--find-links",
                wheels.dir().toString(),
                "pipgate-user-probe",
                target.name() + "==9999.0"),
            cwd,
            env);
    assertThat(install.code()).as(install.out() + install.err()).isZero();

    PrefixScan scan = PrefixScan.scan(prefix, null, null, env);

    String userSite =
        Venv.run(List.of(python, "-m", "site", "--user-site"), cwd, env).out().strip();
    assertThat(Path.of(scan.userSite())).isEqualTo(Path.of(userSite));
    assertThat(scan.sitePackages().get(0)).isEqualTo(scan.userSite());

    Venv.Result listed =
        Venv.run(List.of(python, "-m", "pip", "list", "--user", "--format", "json"), cwd, env);
    List<String> pipUser = new ArrayList<>();
    JSON.readTree(listed.out())
        .forEach(
            i ->
                pipUser.add(
                    dev.pipgate.names.PackageName.normalize(i.path("name").asText())
                        + " "
                        + i.path("version").asText()));
    List<String> ours = new ArrayList<>();
    for (Distribution d : scan.distributions()) {
      if (scan.inUserSite(d)) {
        ours.add(d.key() + " " + d.version());
      }
    }
    assertThat(ours)
        .containsExactlyInAnyOrderElementsOf(pipUser)
        .containsExactlyInAnyOrder("pipgate-user-probe 1.0", target.key() + " 9999.0");

    JsonNode inspect = Venv.inspect(python, cwd, env);
    List<PipAgreement.Installed> pip = new ArrayList<>(PipAgreement.inspected(inspect, prefix));
    pip.addAll(PipAgreement.inspected(inspect, userBase));
    assertThat(PipAgreement.views(scan))
        .containsExactlyInAnyOrderElementsOf(pip)
        .contains(new PipAgreement.Installed(target.key(), "9999.0", "pip", true));

    EnvCheckResult result = EnvCheck.run(prefix, EnvCheck.Options.defaults().withEnvironment(env));
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals(EnvRules.DUPLICATE_DISTRIBUTION))
        .extracting(Finding::packageName)
        .containsExactly(target.key());
  }

  /**
   * A venv made with {@code --system-site-packages}: its own site-packages, then the user site,
   * then the base interpreter's, as the venv's python puts them on {@code sys.path}.
   */
  @Test
  void agreesWithSysPathOfARealVenvWithSystemSitePackages() throws Exception {
    String python = Venv.python3();
    assumeTrue(python != null, "python3 is not installed");
    Path cwd = Files.createDirectories(tmp.resolve("cwd"));
    Path dir = tmp.resolve("venv");
    Venv.Result made =
        Venv.run(List.of(python, "-m", "venv", "--system-site-packages", dir.toString()), cwd);
    assumeTrue(made.code() == 0, "python3 -m venv failed: " + made.err());
    Path venvPython = dir.resolve("bin/python");
    assumeTrue(Files.exists(venvPython), "not a POSIX venv");
    Path userBase = tmp.resolve("userbase");
    Map<String, String> env = Map.of("PYTHONUSERBASE", userBase.toString());
    Wheelhouse wheels = new Wheelhouse(tmp.resolve("wheels"));
    wheels.wheel("pipgate-venv-probe", "1.0");
    wheels.wheel("pipgate-venv-probe", "2.0");
    wheels.wheel("pipgate-user-probe", "1.0");
    List<String> pip =
        List.of(
            venvPython.toString(),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--find-links",
            wheels.dir().toString());
    // pip itself refuses a user-site copy the venv's own would hide ("it will lack sys.path
    // precedence"), so the user site's is installed first, the venv's next to it.
    List<String> user = new ArrayList<>(pip);
    user.addAll(List.of("--user", "pipgate-venv-probe==2.0", "pipgate-user-probe"));
    Venv.Result r = Venv.run(user, cwd, env);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<String> own = new ArrayList<>(pip);
    own.addAll(List.of("--ignore-installed", "pipgate-venv-probe==1.0"));
    r = Venv.run(own, cwd, env);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.isDirectory(userBase.resolve("lib"))).isTrue();

    Venv.Result sys =
        Venv.run(
            List.of(venvPython.toString(), "-c", "import sys; print('\\n'.join(sys.path))"),
            cwd,
            env);
    List<Path> sysPath = new ArrayList<>();
    for (String line : sys.out().lines().toList()) {
      if (!line.isBlank() && Files.isDirectory(Path.of(line))) {
        sysPath.add(Path.of(line).toRealPath());
      }
    }
    PrefixScan scan = PrefixScan.scan(dir, null, null, env);
    List<Path> ours = new ArrayList<>();
    for (String s : scan.sitePackages()) {
      ours.add(dir.resolve(s).toRealPath());
    }
    Path userSite =
        Path.of(
                Venv.run(List.of(venvPython.toString(), "-m", "site", "--user-site"), cwd, env)
                    .out()
                    .strip())
            .toRealPath();
    assertThat(Path.of(scan.userSite()).toRealPath()).isEqualTo(userSite);
    assertThat(ours.indexOf(userSite)).isEqualTo(1);
    assertThat(sysPath).containsSubsequence(ours);

    JsonNode inspect = Venv.inspect(venvPython.toString(), cwd, env);
    List<PipAgreement.Installed> listed = new ArrayList<>(PipAgreement.inspected(inspect, dir));
    listed.addAll(PipAgreement.inspected(inspect, userBase));
    assertThat(PipAgreement.views(scan).stream().filter(i -> i.name().startsWith("pipgate-")))
        .containsExactlyInAnyOrderElementsOf(
            listed.stream().filter(i -> i.name().startsWith("pipgate-")).toList())
        .containsExactlyInAnyOrder(
            new PipAgreement.Installed("pipgate-venv-probe", "1.0", "pip", true),
            new PipAgreement.Installed("pipgate-user-probe", "1.0", "pip", true));
    assertThat(EnvCheck.run(dir, EnvCheck.Options.defaults().withEnvironment(env)).findings())
        .extracting(Finding::ruleId)
        .doesNotContain(EnvRules.DUPLICATE_DISTRIBUTION);
  }
}
