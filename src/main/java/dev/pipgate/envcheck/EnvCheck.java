package dev.pipgate.envcheck;

import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.Finding;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Location;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.names.PackageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment check: reads a prefix and reports what conda installed against what pip
 * installed, requirements pip would call broken, CUDA runtimes from both sides, and optionally what
 * a planned {@code pip install} would do and how the prefix differs from its {@code
 * environment.yml}.
 */
public final class EnvCheck {
  /**
   * @param python the Python version for markers, or null to read it from the prefix
   * @param platform a conda subdir ({@code linux-64}), or null to read it from the prefix
   * @param against the parsed {@code environment.yml} to compare with, or null
   * @param pipReport a pip dry-run report to judge, or null
   * @param severities per-rule severity overrides; an empty Optional turns the rule off (the config
   *     file's {@code rules:} shape)
   * @param environment the variables the prefix's interpreter runs with ({@code HOME}, {@code
   *     PYTHONUSERBASE}, {@code PYTHONNOUSERSITE}, {@code APPDATA}): they decide its user site.
   *     Empty reads no user site.
   */
  public record Options(
      String python,
      String platform,
      EnvFile against,
      PipReport pipReport,
      Map<String, Optional<Severity>> severities,
      Map<String, String> environment) {
    public Options {
      severities = Map.copyOf(severities);
      environment = Map.copyOf(environment);
    }

    public Options(
        String python,
        String platform,
        EnvFile against,
        PipReport pipReport,
        Map<String, Optional<Severity>> severities) {
      this(python, platform, against, pipReport, severities, Map.of());
    }

    public static Options defaults() {
      return new Options(null, null, null, null, Map.of());
    }

    public Options withAgainst(EnvFile envFile) {
      return new Options(python, platform, envFile, pipReport, severities, environment);
    }

    public Options withPipReport(PipReport report) {
      return new Options(python, platform, against, report, severities, environment);
    }

    public Options withEnvironment(Map<String, String> variables) {
      return new Options(python, platform, against, pipReport, severities, variables);
    }
  }

  /**
   * conda ↔ PyPI names that differ after PEP 503 normalisation (docs/DOMAIN.md "conda ↔ PyPI
   * names"); used only when a conda record owns no metadata directory that names it.
   */
  private static final Map<String, String> CONDA_TO_PYPI =
      Map.ofEntries(
          Map.entry("pytorch", "torch"),
          Map.entry("py-opencv", "opencv-python"),
          Map.entry("msgpack-python", "msgpack"),
          Map.entry("pytables", "tables"),
          Map.entry("python-graphviz", "graphviz"),
          Map.entry("matplotlib-base", "matplotlib"),
          Map.entry("tensorflow-base", "tensorflow"),
          Map.entry("python-flatbuffers", "flatbuffers"),
          Map.entry("dask-core", "dask"),
          Map.entry("brotli-python", "brotli"));

  /**
   * Installed with REQUESTED by {@code python -m venv} (ensurepip) and virtualenv themselves, not
   * by a user's choice.
   */
  private static final Set<String> SEEDED = Set.of("pip", "setuptools", "wheel");

  private static final Pattern METADATA_DIR =
      Pattern.compile("^(.*/)?([^/]+?)-[^/-]+\\.(dist-info|egg-info)(/.*)?$");

  private EnvCheck() {}

  public static EnvCheckResult run(Path prefix, Options options) {
    PrefixScan scan =
        PrefixScan.scan(prefix, options.python(), options.platform(), options.environment());
    return run(prefix.toString(), scan, options);
  }

  static EnvCheckResult run(String shownPrefix, PrefixScan scan, Options options) {
    Installed env = new Installed(scan);
    if (!scan.python().known() && !scan.distributions().isEmpty()) {
      throw new InputException(
          shownPrefix, 0, "cannot tell the Python version of this prefix; pass --python");
    }
    List<Finding> findings = new ArrayList<>(scan.notes());
    findings.addAll(duplicates(scan));
    findings.addAll(mixedSource(env));
    DependencyCheck deps = new DependencyCheck(scan.python());
    for (DependencyCheck.Problem p : deps.check(env.installed)) {
      findings.add(p.finding());
    }
    findings.addAll(deps.unparsable());
    findings.addAll(cuda(env));
    if (options.against() != null) {
      findings.addAll(against(env, options.against(), deps));
    }
    if (options.pipReport() != null) {
      findings.addAll(pipReport(env, options.pipReport(), deps));
    }
    List<Finding> adjusted = new ArrayList<>();
    for (Finding f : findings) {
      Optional<Severity> s = options.severities().get(f.ruleId());
      if (s == null) {
        adjusted.add(f);
      } else {
        s.ifPresent(level -> adjusted.add(f.withSeverity(level)));
      }
    }
    adjusted.sort(
        Comparator.comparing(Finding::location)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message));
    List<DistributionView> views = new ArrayList<>();
    for (Distribution d : env.installed) {
      views.add(
          new DistributionView(
              d.name(), d.version(), d.installer(), d.requested(), env.isConda(d), d.location()));
    }
    return new EnvCheckResult(
        shownPrefix, scan.python().version(), views, adjusted, scan.userSite());
  }

  /** What is installed, who owns it, and how conda names map to PyPI names. */
  static final class Installed {
    final PrefixScan scan;

    /** The first distribution per normalised name, in search order: what pip sees. */
    final List<Distribution> installed = new ArrayList<>();

    final Map<String, Distribution> byKey = new LinkedHashMap<>();
    final Map<String, CondaRecord> fileOwner = new HashMap<>();
    final Map<String, List<CondaRecord>> condaByPypi = new LinkedHashMap<>();

    Installed(PrefixScan scan) {
      this.scan = scan;
      for (Distribution d : scan.distributions()) {
        if (byKey.putIfAbsent(d.key(), d) == null) {
          installed.add(d);
        }
      }
      for (CondaRecord r : scan.conda()) {
        for (String f : r.files()) {
          fileOwner.putIfAbsent(f, r);
        }
        condaByPypi.computeIfAbsent(pypiName(r), k -> new ArrayList<>()).add(r);
      }
    }

    Optional<CondaRecord> owner(Distribution d) {
      CondaRecord r = fileOwner.get(d.metadataFile());
      if (r != null) {
        return Optional.of(r);
      }
      // A record that lists no files at all (hand-made, or stripped) owns a same-named
      // distribution of the same version: nothing else can tell.
      for (CondaRecord c : condaByPypi.getOrDefault(d.key(), List.of())) {
        if (c.files().isEmpty() && sameVersion(c.version(), d.version())) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }

    boolean isConda(Distribution d) {
      return owner(d).isPresent();
    }
  }

  /** The PyPI name of a conda package: from the metadata directory it ships, else by name. */
  static String pypiName(CondaRecord r) {
    for (String f : r.files()) {
      if (f.contains("site-packages/")) {
        Matcher m = METADATA_DIR.matcher(f);
        if (m.matches() && m.group(1) != null && m.group(1).endsWith("site-packages/")) {
          return PackageName.normalize(m.group(2));
        }
      }
    }
    return condaToPypi(r.name());
  }

  static String condaToPypi(String condaName) {
    String n = PackageName.normalize(condaName);
    return CONDA_TO_PYPI.getOrDefault(n, n);
  }

  private static boolean sameVersion(String a, String b) {
    return DependencyCheck.normalizeVersion(a).equals(DependencyCheck.normalizeVersion(b));
  }

  // ---------------------------------------------------------------- duplicate-distribution

  private static List<Finding> duplicates(PrefixScan scan) {
    Map<String, List<Distribution>> byKey = new LinkedHashMap<>();
    for (Distribution d : scan.distributions()) {
      byKey.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d);
    }
    List<Finding> out = new ArrayList<>();
    for (List<Distribution> group : byKey.values()) {
      if (group.size() < 2) {
        continue;
      }
      Distribution first = group.get(0);
      for (Distribution other : group.subList(1, group.size())) {
        if (samePackageBuild(first, other)) {
          continue;
        }
        if (scan.inPrefix(first) && !scan.inPrefix(other)) {
          // The prefix's copy comes first (a venv's own site-packages before the user site and the
          // base interpreter's): the other is hidden, and nothing in the prefix needs mending.
          continue;
        }
        if (scan.inUserSite(first) && !scan.inUserSite(other)) {
          out.add(userSiteShadows(first, other));
          continue;
        }
        out.add(
            finding(
                EnvRules.DUPLICATE_DISTRIBUTION,
                other.metadataFile(),
                0,
                other.key(),
                "two metadata directories for "
                    + other.key()
                    + ": "
                    + first.location()
                    + " ("
                    + first.version()
                    + ") and "
                    + other.location()
                    + " ("
                    + other.version()
                    + "); pip sees only the first, and uninstalling one leaves the other's"
                    + " files half-owned",
                "Remove the stale metadata directory, then reinstall the package with the"
                    + " installer that should own it."));
      }
    }
    return out;
  }

  /**
   * A {@code .dist-info} and an {@code .egg-info} of one name and version side by side in one
   * directory: how Debian and Ubuntu ship some packages (python3-cryptography has {@code
   * cryptography-38.0.4.dist-info} and {@code cryptography.egg-info}), both written by the same
   * package build. pip lists the first and {@code pip check} says nothing, so neither does this.
   */
  static boolean samePackageBuild(Distribution a, Distribution b) {
    return a.eggInfo() != b.eggInfo()
        && parent(a.location()).equals(parent(b.location()))
        && sameVersion(a.version(), b.version());
  }

  private static String parent(String location) {
    int slash = location.lastIndexOf('/');
    return slash < 0 ? "" : location.substring(0, slash);
  }

  /** A user-site distribution imported instead of the prefix's own. */
  private static Finding userSiteShadows(Distribution user, Distribution prefix) {
    return finding(
        EnvRules.DUPLICATE_DISTRIBUTION,
        user.metadataFile(),
        0,
        user.key(),
        user.key()
            + " "
            + user.version()
            + " in the user site ("
            + user.location()
            + ") shadows the prefix's "
            + prefix.key()
            + " "
            + prefix.version()
            + " ("
            + prefix.location()
            + "): the user site comes first on sys.path, so Python imports, and pip sees, the"
            + " user site's copy",
        "Remove the user site's copy (python -m pip uninstall "
            + user.key()
            + " with this prefix's python removes the first one found), or keep the user site"
            + " out of this environment with PYTHONNOUSERSITE=1 (for a conda environment: conda"
            + " env config vars set PYTHONNOUSERSITE=1).");
  }

  // ---------------------------------------------------------------- mixed-source

  private static List<Finding> mixedSource(Installed env) {
    List<Finding> out = new ArrayList<>();
    Path root = env.scan.prefix();
    for (Distribution d : env.scan.distributions()) {
      // A user-site copy shares no file with conda's; when it shadows one, duplicate-distribution
      // says so.
      if (env.isConda(d) || env.scan.inUserSite(d)) {
        continue;
      }
      String who = d.installer().isEmpty() ? "an installer that left no INSTALLER" : d.installer();
      Set<CondaRecord> reported = new HashSet<>();
      for (CondaRecord r : env.condaByPypi.getOrDefault(d.key(), List.of())) {
        reported.add(r);
        Optional<String> condaMeta = metadataDirOf(r);
        boolean gone = condaMeta.isPresent() && !Files.exists(root.resolve(condaMeta.get()));
        String message;
        if (gone) {
          message =
              who
                  + " replaced conda's "
                  + r.name()
                  + " "
                  + r.version()
                  + " with "
                  + d.key()
                  + " "
                  + d.version()
                  + ": "
                  + r.file()
                  + " still records it, but its metadata "
                  + condaMeta.get()
                  + " is gone";
        } else {
          message =
              d.key()
                  + " is installed by conda ("
                  + r.name()
                  + " "
                  + r.version()
                  + ", "
                  + r.file()
                  + ") and by "
                  + who
                  + " ("
                  + d.version()
                  + ", "
                  + d.location()
                  + ")";
        }
        int clobbered = overlap(d, r);
        if (clobbered > 0) {
          message += "; " + clobbered + " of conda's files now belong to " + who + "'s RECORD";
        }
        out.add(
            finding(
                EnvRules.MIXED_SOURCE,
                d.metadataFile(),
                0,
                d.key(),
                message,
                "Let one installer own "
                    + d.key()
                    + ": pin the conda version pip must keep (or install the pip package with"
                    + " --no-deps), then recreate the environment."));
      }
      if (reported.isEmpty()) {
        for (CondaHistory.Entry h : env.scan.history().installed().values()) {
          if (condaToPypi(h.name()).equals(d.key()) && !hasRecordNamed(env, h.name())) {
            reported.add(null);
            out.add(
                finding(
                    EnvRules.MIXED_SOURCE,
                    d.metadataFile(),
                    0,
                    d.key(),
                    "conda's history installed "
                        + h.name()
                        + " "
                        + h.version()
                        + " ("
                        + CondaHistory.FILE
                        + ":"
                        + h.line()
                        + ") but conda-meta has no record of it any more; "
                        + who
                        + " now owns "
                        + d.key()
                        + " "
                        + d.version(),
                    "pip overwrote a conda package and conda dropped its record as stale;"
                        + " recreate the environment so one installer owns it."));
          }
        }
      }
      Map<CondaRecord, List<String>> clobberedOthers = new LinkedHashMap<>();
      // Without conda's file lists there is nothing to overwrite: RECORD stays unread.
      for (String path : env.fileOwner.isEmpty() ? List.<String>of() : d.recordPaths()) {
        CondaRecord owner = env.fileOwner.get(path);
        if (owner != null && !reported.contains(owner)) {
          clobberedOthers.computeIfAbsent(owner, k -> new ArrayList<>()).add(path);
        }
      }
      clobberedOthers.forEach(
          (r, paths) ->
              out.add(
                  finding(
                      EnvRules.MIXED_SOURCE,
                      d.metadataFile(),
                      0,
                      d.key(),
                      who
                          + "'s "
                          + d.key()
                          + " "
                          + d.version()
                          + " overwrote "
                          + paths.size()
                          + (paths.size() == 1 ? " file" : " files")
                          + " of conda package "
                          + r.name()
                          + " "
                          + r.version()
                          + " (e.g. "
                          + paths.get(0)
                          + ")",
                      "Two packages write the same files; keep only one of them.")));
    }
    return out;
  }

  private static boolean hasRecordNamed(Installed env, String condaName) {
    return env.scan.conda().stream().anyMatch(r -> r.name().equals(condaName));
  }

  private static int overlap(Distribution d, CondaRecord r) {
    Set<String> files = new HashSet<>(r.files());
    int n = 0;
    for (String p : d.recordPaths()) {
      if (files.contains(p)) {
        n++;
      }
    }
    return n;
  }

  /** The metadata directory a conda record ships in site-packages, prefix-relative. */
  static Optional<String> metadataDirOf(CondaRecord r) {
    for (String f : r.files()) {
      Matcher m = METADATA_DIR.matcher(f);
      if (m.matches() && m.group(1) != null && m.group(1).endsWith("site-packages/")) {
        int end = f.indexOf('.' + m.group(3)) + m.group(3).length() + 1;
        return Optional.of(f.substring(0, end));
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- CUDA

  private static List<Finding> cuda(Installed env) {
    List<Distribution> pipDists = env.installed.stream().filter(d -> !env.isConda(d)).toList();
    CudaCensus census = CudaCensus.of(env.scan.conda(), pipDists);
    List<Finding> out = new ArrayList<>();
    List<CudaCensus.Runtime> runtimes = census.runtimes();
    if (runtimes.size() > 1) {
      CudaCensus.Runtime second = runtimes.get(1);
      List<String> described = runtimes.stream().map(CudaCensus.Runtime::describe).toList();
      out.add(
          finding(
              EnvRules.MULTIPLE_CUDA_RUNTIMES,
              second.file(),
              0,
              firstPackageName(second),
              runtimes.size()
                  + " CUDA runtimes are installed: "
                  + String.join("; ", described)
                  + ". Whichever loads first wins, which is how"
                  + " \"libcublas.so.11: undefined symbol\" happens",
              "Keep the runtime conda installed: install the pip package that pulled the"
                  + " nvidia-* wheels with --no-deps, or take it from conda."));
    }
    for (CudaCensus.TensorflowBuild tf : census.tensorflow()) {
      if (tf.cuda().isEmpty()) {
        continue;
      }
      for (CudaCensus.Runtime rt : runtimes) {
        if (rt.major() != tf.major()) {
          out.add(
              finding(
                  EnvRules.MULTIPLE_CUDA_RUNTIMES,
                  rt.file(),
                  0,
                  firstPackageName(rt),
                  tf.name()
                      + " "
                      + tf.version()
                      + " was built for CUDA "
                      + tf.cuda()
                      + ", but "
                      + rt.describe()
                      + " is installed",
                  "Install the CUDA runtime TensorFlow was built for (cudatoolkit "
                      + tf.cuda()
                      + ")."));
        }
      }
    }
    return out;
  }

  private static String firstPackageName(CudaCensus.Runtime rt) {
    String first = rt.packages().get(0);
    int space = first.indexOf(' ');
    return PackageName.normalize(space < 0 ? first : first.substring(0, space));
  }

  // ---------------------------------------------------------------- --against environment.yml

  private static List<Finding> against(Installed env, EnvFile file, DependencyCheck deps) {
    List<Finding> out = new ArrayList<>();
    Set<String> declaredPip = new HashSet<>();
    for (PipEntry e : file.pip()) {
      if (e.name() != null) {
        declaredPip.add(PackageName.normalize(e.name()));
      }
    }
    Set<String> declaredConda = new HashSet<>();
    for (CondaDep c : file.conda()) {
      if (c.name() != null) {
        declaredConda.add(condaToPypi(c.name()));
      }
    }
    for (Distribution d : env.installed) {
      if (!d.requested()
          || env.isConda(d)
          || env.scan.inUserSite(d)
          || d.installer().equals("conda")
          || SEEDED.contains(d.key())) {
        continue;
      }
      if (!declaredPip.contains(d.key())) {
        out.add(
            finding(
                EnvRules.UNDECLARED_PIP_PACKAGE,
                d.metadataFile(),
                0,
                d.key(),
                d.key()
                    + " "
                    + d.version()
                    + " was installed by "
                    + (d.installer().isEmpty() ? "pip" : d.installer())
                    + " on request but is not declared under pip: in "
                    + file.path()
                    + (declaredConda.contains(d.key())
                        ? " (it is listed as a conda dependency)"
                        : ""),
                "Declare it under pip: in "
                    + file.path()
                    + " (with its justification), or remove it."));
      }
    }
    for (PipEntry e : file.pip()) {
      if (e.name() == null || e.error() != null || !deps.markerHolds(e.marker())) {
        continue;
      }
      String key = PackageName.normalize(e.name());
      Distribution d = env.byKey.get(key);
      if (d == null) {
        out.add(
            finding(
                EnvRules.MISSING_DECLARED_PACKAGE,
                e.file(),
                e.line(),
                key,
                key + " is declared under pip: but not installed in " + env.scan.prefix(),
                "Update the environment (conda env update --file " + file.path() + ")."));
      } else if (!e.specifier().isEmpty() && !deps.satisfies(e.specifier(), d.version())) {
        out.add(
            finding(
                EnvRules.MISSING_DECLARED_PACKAGE,
                e.file(),
                e.line(),
                key,
                key + e.specifier() + " is declared, but " + d.version() + " is installed",
                "Update the environment or the declaration so they agree."));
      }
    }
    Set<String> condaNames = new HashSet<>();
    for (CondaRecord r : env.scan.conda()) {
      condaNames.add(r.name());
    }
    if (!env.scan.conda().isEmpty()) {
      for (CondaDep c : file.conda()) {
        if (c.name() == null || c.error() != null || condaNames.contains(c.name())) {
          continue;
        }
        out.add(
            finding(
                EnvRules.MISSING_DECLARED_PACKAGE,
                c.file(),
                c.line(),
                condaToPypi(c.name()),
                "conda dependency " + c.name() + " is declared but has no record in conda-meta",
                "Update the environment (conda env update --file " + file.path() + ")."));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- --pip-report

  private static List<Finding> pipReport(Installed env, PipReport report, DependencyCheck deps) {
    List<Finding> out = new ArrayList<>();
    String file = report.file();
    Set<String> incoming = new HashSet<>();
    for (PipReport.Item item : report.install()) {
      incoming.add(item.key());
      Distribution d = env.byKey.get(item.key());
      Optional<CondaRecord> owner = d == null ? Optional.empty() : env.owner(d);
      List<CondaRecord> records = env.condaByPypi.getOrDefault(item.key(), List.of());
      CondaRecord conda = owner.orElse(records.isEmpty() ? null : records.get(0));
      if (conda != null) {
        out.add(
            finding(
                EnvRules.PIP_WOULD_REPLACE_CONDA,
                file,
                0,
                item.key(),
                "pip would replace conda's "
                    + conda.name()
                    + " "
                    + conda.version()
                    + " with "
                    + item.key()
                    + " "
                    + item.version(),
                "Pin " + item.key() + " to the conda version, or install with --no-deps."));
      }
    }
    // The environment after the install: installed distributions with the report's replacing
    // or adding theirs. Problems it has that the current environment lacks are what pip breaks.
    List<Distribution> after = new ArrayList<>();
    for (Distribution d : env.installed) {
      if (!incoming.contains(d.key())) {
        after.add(d);
      }
    }
    for (PipReport.Item item : report.install()) {
      List<Distribution.DeclaredRequirement> reqs = new ArrayList<>();
      for (String r : item.requiresDist()) {
        reqs.add(new Distribution.DeclaredRequirement(r, file, 0));
      }
      after.add(
          new Distribution(
              item.name(),
              item.version(),
              "pip",
              item.requested(),
              "",
              file,
              file,
              reqs,
              List.of(),
              false));
    }
    Set<String> before = new HashSet<>();
    for (DependencyCheck.Problem p : deps.check(env.installed)) {
      before.add(p.pipCheckLine());
    }
    for (DependencyCheck.Problem p : deps.check(after)) {
      if (before.contains(p.pipCheckLine()) || incoming.contains(p.requirer().key())) {
        continue;
      }
      out.add(
          finding(
              EnvRules.PIP_WOULD_BREAK,
              file,
              0,
              p.dependency(),
              "this install would break "
                  + p.requirer().key()
                  + " "
                  + p.requirer().version()
                  + ": it requires "
                  + p.requirement()
                  + ", but "
                  + (p.installedVersion() == null
                      ? p.dependency() + " would be missing"
                      : "pip would install " + p.dependency() + " " + p.installedVersion()),
              "Constrain "
                  + p.dependency()
                  + " to what "
                  + p.requirer().key()
                  + " accepts (pip install ... -c constraints.txt)."));
    }
    Set<String> existing = new HashSet<>();
    List<Distribution> pipDists = env.installed.stream().filter(d -> !env.isConda(d)).toList();
    CudaCensus census = CudaCensus.of(env.scan.conda(), pipDists);
    for (CudaCensus.Runtime rt : census.runtimes()) {
      existing.add(rt.source() + rt.major());
    }
    Map<Integer, List<PipReport.Item>> adding = new LinkedHashMap<>();
    for (PipReport.Item item : report.install()) {
      CudaCensus.pipRuntimeMajor(item.name(), item.version())
          .ifPresent(m -> adding.computeIfAbsent(m, k -> new ArrayList<>()).add(item));
    }
    adding.forEach(
        (major, items) -> {
          if (existing.contains("pip" + major)
              && items.stream().allMatch(i -> env.byKey.containsKey(i.key()))) {
            return;
          }
          List<String> names = items.stream().map(i -> i.key() + " " + i.version()).toList();
          String besides =
              census.runtimes().isEmpty()
                  ? ""
                  : " next to "
                      + String.join(
                          "; ",
                          census.runtimes().stream().map(CudaCensus.Runtime::describe).toList());
          out.add(
              finding(
                  EnvRules.PIP_WOULD_ADD_CUDA_RUNTIME,
                  file,
                  0,
                  items.get(0).key(),
                  "pip would add a CUDA "
                      + major
                      + " runtime ("
                      + String.join(", ", names)
                      + ")"
                      + besides,
                  "Install the package that pulls these wheels with --no-deps and use conda's CUDA."));
        });
    return out;
  }

  static Finding finding(
      String rule, String file, int line, String pkg, String message, String help) {
    return Finding.of(
        rule,
        EnvRules.DEFAULTS.getOrDefault(rule, Severity.WARNING),
        new Location(file, line),
        pkg,
        message,
        help);
  }
}
