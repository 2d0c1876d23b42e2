package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipgate.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian and Ubuntu ship some packages with a {@code .dist-info} and an {@code .egg-info} of the
 * same name and version side by side (python3-cryptography: {@code cryptography-38.0.4.dist-info}
 * and {@code cryptography.egg-info}). pip lists the first one importlib.metadata yields and {@code
 * pip check} is silent; env-check agrees.
 */
class SamePackageBuildTest {
  @TempDir Path tmp;

  private static void distInfo(Path site, String name, String version) throws IOException {
    Path d = Files.createDirectories(site.resolve(name + "-" + version + ".dist-info"));
    Files.writeString(
        d.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version);
  }

  private static void eggInfo(Path site, String dir, String name, String version)
      throws IOException {
    Path d = Files.createDirectories(site.resolve(dir));
    Files.writeString(
        d.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version);
  }

  @Test
  void aDistInfoAndAnEggInfoOfOneVersionInOneDirectoryAreOneDistribution() throws IOException {
    Path usr = tmp.resolve("usr");
    Files.createDirectories(usr.resolve("lib/python3.11"));
    Path site = Files.createDirectories(usr.resolve("lib/python3/dist-packages"));
    distInfo(site, "cryptography", "38.0.4");
    eggInfo(site, "cryptography.egg-info", "cryptography", "38.0.4");

    EnvCheckResult result =
        EnvCheck.run(usr, new EnvCheck.Options("3.11", null, null, null, java.util.Map.of()));

    assertThat(result.distributions())
        .extracting(DistributionView::name, DistributionView::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "cryptography", "lib/python3/dist-packages/cryptography-38.0.4.dist-info"));
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void otherDuplicatesStillAreDuplicates() throws IOException {
    Path usr = tmp.resolve("usr");
    Files.createDirectories(usr.resolve("lib/python3.11"));
    Path site = Files.createDirectories(usr.resolve("lib/python3/dist-packages"));
    // A stale egg-info of an older version, left by an upgrade.
    distInfo(site, "cryptography", "38.0.4");
    eggInfo(site, "cryptography-3.3.2.egg-info", "cryptography", "3.3.2");
    // The same version in two directories of the prefix.
    Path local = Files.createDirectories(usr.resolve("local/lib/python3.11/dist-packages"));
    eggInfo(local, "six-1.16.0.egg-info", "six", "1.16.0");
    distInfo(site, "six", "1.16.0");

    EnvCheckResult result =
        EnvCheck.run(usr, new EnvCheck.Options("3.11", null, null, null, java.util.Map.of()));

    assertThat(result.findings())
        .extracting(Finding::ruleId, Finding::packageName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("duplicate-distribution", "cryptography"),
            org.assertj.core.groups.Tuple.tuple("duplicate-distribution", "six"));
  }

  /**
   * On a Debian or Ubuntu machine: every pair importlib.metadata finds in one directory with one
   * version is one distribution to env-check too, the one pip lists, and no finding.
   */
  @Test
  void agreesWithPipOnTheSystemDebianPython() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(
        Files.isDirectory(Path.of("/usr/lib/python3/dist-packages")) && Files.exists(python),
        "this machine has no Debian-style /usr/lib/python3/dist-packages");
    Venv.Result pairs =
        Venv.run(
            List.of(
                python.toString(),
                "-c",
                """
                import collections, importlib.metadata as m, re, sys
                seen = collections.defaultdict(list)
                for d in m.distributions(path=["/usr/lib/python3/dist-packages"]):
                    name = re.sub(r"[-_.]+", "-", (d.metadata["Name"] or "").lower())
                    seen[(name, d.version)].append(str(d._path))
                for (name, version), paths in seen.items():
                    kinds = {p.rsplit(".", 1)[-1] for p in paths}
                    if len(paths) == 2 and kinds == {"dist-info", "egg-info"}:
                        print(name, version)
                """),
            null);
    List<String> expected = pairs.out().lines().filter(l -> !l.isBlank()).toList();
    assumeTrue(!expected.isEmpty(), "no package ships both a dist-info and an egg-info here");
    Venv.Result listed =
        Venv.run(List.of(python.toString(), "-m", "pip", "list", "--format", "freeze"), null);
    assumeTrue(listed.code() == 0, "/usr/bin/python3 has no pip");

    EnvCheckResult result = EnvCheck.run(Path.of("/usr"), EnvCheck.Options.defaults());

    List<String> ours = new ArrayList<>();
    for (DistributionView d : result.distributions()) {
      ours.add(dev.pipgate.names.PackageName.normalize(d.name()) + " " + d.version());
    }
    List<String> pip = new ArrayList<>();
    for (String line : listed.out().lines().toList()) {
      int eq = line.indexOf("==");
      if (eq > 0) {
        pip.add(
            dev.pipgate.names.PackageName.normalize(line.substring(0, eq))
                + " "
                + line.substring(eq + 2));
      }
    }
    for (String pair : expected) {
      assertThat(pip).as("pip list").containsOnlyOnce(pair);
      assertThat(ours).as("env-check").containsOnlyOnce(pair);
      assertThat(result.findings())
          .filteredOn(f -> f.ruleId().equals(EnvRules.DUPLICATE_DISTRIBUTION))
          .extracting(Finding::packageName)
          .doesNotContain(pair.split(" ")[0]);
    }
  }
}
