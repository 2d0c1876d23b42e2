package dev.pipgate.envcheck;

import dev.pipgate.envcheck.Distribution.DeclaredRequirement;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.names.PackageName;
import dev.pipgate.spec.Marker;
import dev.pipgate.spec.MarkerEnvironment;
import dev.pipgate.spec.Requirement;
import dev.pipgate.spec.SpecSyntaxException;
import dev.pipgate.spec.SpecifierSet;
import dev.pipgate.spec.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pip check} without pip (pip/_internal/operations/check.py): for every installed
 * distribution, each Requires-Dist whose marker holds in this environment with {@code extra} = ""
 * must name an installed distribution whose version the specifier contains, pre-releases accepted.
 * A distribution with an unparsable Requires-Dist is left out, as pip leaves it out ("Error parsing
 * requirements for ...").
 */
final class DependencyCheck {
  private final Map<String, String> environment;
  private final List<Finding> unparsable = new ArrayList<>();

  DependencyCheck(PythonInfo python) {
    this.environment = environment(python);
  }

  /**
   * One requirement {@code pip check} reports.
   *
   * @param dependency the normalised name required
   * @param installedVersion the version installed, or null when missing
   */
  record Problem(
      Distribution requirer,
      DeclaredRequirement declared,
      String requirement,
      String dependency,
      String installedVersion) {
    Problem {
      Objects.requireNonNull(requirer, "requirer");
      Objects.requireNonNull(dependency, "dependency");
    }

    /** The line pip check prints for this problem. */
    String pipCheckLine() {
      String who = requirer.key() + " " + normalizeVersion(requirer.version());
      return installedVersion == null
          ? who + " requires " + dependency + ", which is not installed."
          : who
              + " has requirement "
              + requirement
              + ", but you have "
              + dependency
              + " "
              + installedVersion
              + ".";
    }

    Finding finding() {
      return Finding.of(
          EnvRules.BROKEN_REQUIREMENT,
          EnvRules.DEFAULTS.get(EnvRules.BROKEN_REQUIREMENT),
          new Location(declared.file(), declared.line()),
          dependency,
          pipCheckLine(),
          installedVersion == null
              ? "Install " + dependency + " with the installer that owns the environment."
              : "Install a " + dependency + " version " + requirer.key() + " accepts.");
    }
  }

  /** Problems in {@code installed} (one distribution per name, as pip sees them). */
  List<Problem> check(Collection<Distribution> installed) {
    Map<String, Distribution> byKey = new LinkedHashMap<>();
    for (Distribution d : installed) {
      byKey.putIfAbsent(d.key(), d);
    }
    List<Problem> out = new ArrayList<>();
    for (Distribution d : byKey.values()) {
      List<Parsed> reqs = parse(d);
      if (reqs == null) {
        continue;
      }
      for (Parsed p : reqs) {
        if (p.req.marker() != null && !holds(p.req.marker())) {
          continue;
        }
        String dep = PackageName.normalize(p.req.name());
        Distribution found = byKey.get(dep);
        if (found == null) {
          out.add(new Problem(d, p.declared, p.declared.text().strip(), dep, null));
        } else if (!satisfies(p.req.specifier(), found.version())) {
          out.add(
              new Problem(d, p.declared, p.req.toString(), dep, normalizeVersion(found.version())));
        }
      }
    }
    return out;
  }

  /** Notes for distributions left out because a Requires-Dist does not parse. */
  List<Finding> unparsable() {
    return List.copyOf(unparsable);
  }

  boolean markerHolds(String marker) {
    if (marker == null || marker.isBlank()) {
      return true;
    }
    try {
      return holds(Marker.parse(marker));
    } catch (SpecSyntaxException e) {
      return true;
    }
  }

  boolean satisfies(String specifier, String version) {
    try {
      return satisfies(SpecifierSet.parse(specifier), version);
    } catch (SpecSyntaxException e) {
      return true;
    }
  }

  private record Parsed(Requirement req, DeclaredRequirement declared) {}

  private final Map<Distribution, List<Parsed>> cache = new java.util.IdentityHashMap<>();

  private List<Parsed> parse(Distribution d) {
    if (cache.containsKey(d)) {
      return cache.get(d);
    }
    List<Parsed> out = new ArrayList<>();
    for (DeclaredRequirement r : d.requires()) {
      try {
        out.add(new Parsed(Requirement.parse(r.text()), r));
      } catch (SpecSyntaxException e) {
        unparsable.add(
            Finding.of(
                EnvRules.UNREADABLE_METADATA,
                EnvRules.DEFAULTS.get(EnvRules.UNREADABLE_METADATA),
                new Location(r.file(), r.line()),
                d.key(),
                "Requires-Dist does not parse ("
                    + e.getMessage()
                    + "); pip check skips "
                    + d.key()
                    + " entirely",
                ""));
        out = null;
        break;
      }
    }
    cache.put(d, out);
    return out;
  }

  private boolean holds(Marker marker) {
    try {
      return marker.evaluate(environment);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** pip check: {@code req.specifier.contains(version, prereleases=True)}. */
  static boolean satisfies(SpecifierSet specifier, String version) {
    if (specifier.isEmpty()) {
      return true;
    }
    Optional<Version> v = Version.tryParse(version);
    // A version PEP 440 cannot read matches no specifier (packaging's LegacyVersion).
    return v.isPresent() && specifier.contains(v.get(), /* prereleases= */ true);
  }

  static String normalizeVersion(String version) {
    return Version.tryParse(version).map(Version::toString).orElse(version.strip());
  }

  /** Marker variables of the prefix's interpreter, with {@code extra} = "" as pip check uses. */
  static Map<String, String> environment(PythonInfo python) {
    String platform = python.platform();
    String sys =
        platform.startsWith("win") ? "win32" : platform.startsWith("osx") ? "darwin" : "linux";
    String machine =
        switch (platform) {
          case "win-64" -> "AMD64";
          case "win-arm64" -> "ARM64";
          case "win-32" -> "x86";
          case "osx-arm64" -> "arm64";
          case "linux-aarch64" -> "aarch64";
          case "linux-ppc64le" -> "ppc64le";
          case "linux-s390x" -> "s390x";
          case "linux-32" -> "i686";
          default -> "x86_64";
        };
    String version = python.known() ? python.version() : "3";
    if (version.split("\\.").length == 2) {
      version = version + ".0"; // only major.minor known (a directory name)
    }
    Map<String, String> env;
    try {
      env = MarkerEnvironment.forPython(version, sys, machine);
    } catch (SpecSyntaxException e) {
      throw new dev.pipgate.model.InputException(
          null, 0, "not a Python version: " + python.version());
    }
    return MarkerEnvironment.withExtra(env, "");
  }
}
