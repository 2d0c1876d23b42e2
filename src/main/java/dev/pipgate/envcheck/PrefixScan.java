package dev.pipgate.envcheck;

import com.fasterxml.jackson.core.JacksonException;
import dev.pipgate.envcheck.Distribution.DeclaredRequirement;
import dev.pipgate.model.Finding;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Location;
import dev.pipgate.model.Severity;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What is installed in a prefix, read from its files alone (conda and pip are never run): conda's
 * package records and history, and every distribution pip would see in the prefix's site-packages
 * directories.
 *
 * @param prefix the prefix directory, absolute and normalised
 * @param conda conda package records, sorted by file name
 * @param history what conda's history says is installed
 * @param sitePackages the directories searched for distributions, in the order the interpreter puts
 *     them on {@code sys.path} (relative to the prefix when inside it)
 * @param userSite the user site directory among them ({@code ~/.local/lib/python3.X/site-packages}
 *     as an absolute path), or "" when the interpreter would not read one
 * @param distributions every metadata directory found, in search order (duplicates included)
 * @param python the interpreter's version and platform
 * @param notes files that could not be read (corrupt records, unreadable metadata), which are
 *     skipped the way conda and pip skip them
 */
public record PrefixScan(
    Path prefix,
    List<CondaRecord> conda,
    CondaHistory history,
    List<String> sitePackages,
    String userSite,
    List<Distribution> distributions,
    PythonInfo python,
    List<Finding> notes) {

  static final String UNREADABLE = "unreadable-metadata";
  private static final Pattern PY_DIR = Pattern.compile("python(\\d+)\\.(\\d+)t?");
  private static final Pattern PY_VERSION_DEFINE =
      Pattern.compile("#define\\s+PY_VERSION\\s+\"([0-9][^\"]*)\"");

  public PrefixScan {
    Objects.requireNonNull(prefix, "prefix");
    conda = List.copyOf(conda);
    Objects.requireNonNull(history, "history");
    sitePackages = List.copyOf(sitePackages);
    Objects.requireNonNull(userSite, "userSite");
    distributions = List.copyOf(distributions);
    Objects.requireNonNull(python, "python");
    notes = List.copyOf(notes);
  }

  /** True when {@code d} was found in the user site. */
  public boolean inUserSite(Distribution d) {
    return !userSite.isEmpty() && d.location().startsWith(userSite + "/");
  }

  /** True when {@code d} lies inside the prefix (not in the user site or a base interpreter's). */
  public boolean inPrefix(Distribution d) {
    return !Path.of(d.location()).isAbsolute();
  }

  /** Scans {@code prefix} as an interpreter started without a user site would see it. */
  public static PrefixScan scan(Path prefix, String python, String platform) {
    return scan(prefix, python, platform, Map.of());
  }

  /**
   * Scans {@code prefix}. {@code python} and {@code platform} override what the prefix says (null
   * or "" keeps it). {@code environment} is what the prefix's interpreter would run with; it
   * decides the user site ({@link UserSite}).
   *
   * @throws InputException when {@code prefix} is not a directory
   */
  public static PrefixScan scan(
      Path prefix, String python, String platform, Map<String, String> environment) {
    Path root = prefix.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new InputException(prefix.toString(), 0, "not a directory");
    }
    List<Finding> notes = new ArrayList<>();
    List<CondaRecord> records = readCondaMeta(root, notes);
    CondaHistory history = readHistory(root, notes);
    PythonInfo detected = detectPython(root, records);
    PythonInfo info =
        new PythonInfo(
            python == null || python.isBlank() ? detected.version() : python.strip(),
            platform == null || platform.isBlank() ? detected.platform() : platform.strip(),
            python == null || python.isBlank() ? detected.source() : "--python");
    List<Path> own = ownSiteDirs(root, info);
    Optional<Path> user = UserSite.of(root, info, own, environment).filter(u -> !own.contains(u));
    List<Path> sites = siteDirectories(root, info, own, user, notes);
    if (own.isEmpty() && !detected.known() && !Files.isDirectory(root.resolve("conda-meta"))) {
      throw new InputException(
          prefix.toString(),
          0,
          "no Python environment here: looked for conda-meta, pyvenv.cfg and "
              + String.join(", ", SITE_LAYOUTS).replace("{v}", "X.Y"));
    }
    List<Distribution> dists = new ArrayList<>();
    for (Path site : sites) {
      for (Path entry : metadataEntries(site)) {
        Distribution d = readDistribution(root, site, entry, notes);
        if (d != null) {
          dists.add(d);
        }
      }
    }
    return new PrefixScan(
        root,
        records,
        history,
        sites.stream().map(p -> relative(root, p)).toList(),
        user.filter(sites::contains).map(p -> relative(root, p)).orElse(""),
        dists,
        info,
        notes);
  }

  // ---------------------------------------------------------------- conda-meta

  private static List<CondaRecord> readCondaMeta(Path root, List<Finding> notes) {
    Path meta = root.resolve("conda-meta");
    if (!Files.isDirectory(meta)) {
      return List.of();
    }
    List<CondaRecord> out = new ArrayList<>();
    for (Path file : list(meta)) {
      String name = file.getFileName().toString();
      if (!name.endsWith(".json") || !Files.isRegularFile(file)) {
        continue;
      }
      String rel = "conda-meta/" + name;
      if (name.startsWith("._")) {
        // macOS AppleDouble companion files: conda ignores them (conda's tests/data/corrupt).
        notes.add(note(rel, null, "macOS AppleDouble file in conda-meta, not a package record"));
        continue;
      }
      CondaRecord record = readCondaRecord(root, rel, file, notes);
      if (record != null) {
        out.add(record);
      }
    }
    return out;
  }

  private static CondaRecord readCondaRecord(
      Path root, String rel, Path file, List<Finding> notes) {
    CondaMetaJson json;
    try {
      json = CondaMetaJson.read(Files.readAllBytes(file));
    } catch (JacksonException e) {
      // conda skips a malformed record ("Ignoring malformed prefix record"); so do we, visibly.
      notes.add(note(rel, null, "corrupt conda package record skipped: " + firstLine(e)));
      return null;
    } catch (IOException e) {
      notes.add(note(rel, null, "conda package record not readable: " + e.getMessage()));
      return null;
    }
    if (json == null) {
      notes.add(note(rel, null, "corrupt conda package record skipped: not a JSON object"));
      return null;
    }
    String name = json.text("name");
    String version = json.text("version");
    if (name.isEmpty() || version.isEmpty()) {
      notes.add(note(rel, null, "conda package record without name or version skipped"));
      return null;
    }
    List<String> files = json.files();
    if (files.isEmpty()) {
      files = pathsData(root, json);
    }
    String requested = json.text("requested_spec");
    return new CondaRecord(
        rel,
        name,
        version,
        json.text("build"),
        json.text("channel"),
        json.text("subdir"),
        json.depends(),
        files.stream().map(f -> f.replace('\\', '/')).toList(),
        "None".equals(requested) ? "" : requested);
  }

  /**
   * Older records and some tools leave {@code files} empty but fill {@code paths_data}. For noarch
   * python packages those paths are relative to the package ({@code site-packages/...}), not to the
   * prefix, so they are placed where conda links them.
   */
  private static List<String> pathsData(Path root, CondaMetaJson json) {
    if (json.pathsData().isEmpty()) {
      return List.of();
    }
    boolean noarchPython =
        "python".equals(json.text("noarch")) || "noarch_python".equals(json.text("package_type"));
    String site = noarchPython ? firstSiteDirName(root) : null;
    List<String> out = new ArrayList<>();
    for (String path : json.pathsData()) {
      if (path.isEmpty()) {
        continue;
      }
      if (site != null && path.startsWith("site-packages/")) {
        path = site + path.substring("site-packages".length());
      }
      out.add(path);
    }
    return out;
  }

  private static String firstSiteDirName(Path root) {
    if (Files.isDirectory(root.resolve("Lib/site-packages"))) {
      return "Lib/site-packages";
    }
    for (Path lib : list(root.resolve("lib"))) {
      if (PY_DIR.matcher(lib.getFileName().toString()).matches()) {
        return "lib/" + lib.getFileName() + "/site-packages";
      }
    }
    return "site-packages";
  }

  private static CondaHistory readHistory(Path root, List<Finding> notes) {
    Path file = root.resolve(CondaHistory.FILE);
    if (!Files.isRegularFile(file)) {
      return CondaHistory.empty();
    }
    try {
      return CondaHistory.parse(TextFiles.decode(CondaHistory.FILE, Files.readAllBytes(file)));
    } catch (InputException e) {
      notes.add(note(CondaHistory.FILE, null, "conda history not readable: " + e.getMessage()));
    } catch (IOException e) {
      notes.add(note(CondaHistory.FILE, null, "conda history not readable: " + e.getMessage()));
    }
    return CondaHistory.empty();
  }

  // ---------------------------------------------------------------- python version

  static PythonInfo detectPython(Path root, List<CondaRecord> records) {
    String hostPlatform = hostPlatform(root);
    for (CondaRecord r : records) {
      if (r.name().equals("python")) {
        String platform =
            r.subdir().isEmpty() || r.subdir().equals("noarch") ? hostPlatform : r.subdir();
        return new PythonInfo(r.version(), platform, r.file());
      }
    }
    Path cfg = root.resolve("pyvenv.cfg");
    if (Files.isRegularFile(cfg)) {
      String version = pyvenvValue(cfg, "version");
      if (version.isEmpty()) {
        version = pyvenvValue(cfg, "version_info"); // virtualenv writes 3.9.16.final.0
      }
      Matcher m = Pattern.compile("^(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(version);
      if (m.find()) {
        return new PythonInfo(m.group(1), hostPlatform, "pyvenv.cfg");
      }
    }
    for (String pyDir : pythonDirNames(root.resolve("lib"))) {
      Path header = root.resolve("include").resolve(pyDir).resolve("patchlevel.h");
      String v = patchlevel(header);
      if (!v.isEmpty() && v.startsWith(pyDir.substring("python".length()).replace("t", ""))) {
        return new PythonInfo(v, hostPlatform, "include/" + pyDir + "/patchlevel.h");
      }
    }
    String win = patchlevel(root.resolve("include/patchlevel.h"));
    if (!win.isEmpty()) {
      return new PythonInfo(win, hostPlatform, "include/patchlevel.h");
    }
    List<String> dirs = pythonDirNames(root.resolve("lib"));
    if (!dirs.isEmpty()) {
      String last = dirs.get(dirs.size() - 1);
      return new PythonInfo(
          last.substring("python".length()).replace("t", ""), hostPlatform, "lib/" + last);
    }
    return new PythonInfo("", hostPlatform, "");
  }

  private static String patchlevel(Path header) {
    if (!Files.isRegularFile(header)) {
      return "";
    }
    try {
      Matcher m =
          PY_VERSION_DEFINE.matcher(
              new String(Files.readAllBytes(header), StandardCharsets.ISO_8859_1));
      if (m.find()) {
        Matcher release = Pattern.compile("^\\d+\\.\\d+\\.\\d+").matcher(m.group(1));
        return release.find() ? release.group() : "";
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  private static String pyvenvValue(Path cfg, String key) {
    return pyvenvValue(cfg, key, "");
  }

  /** The value of {@code key} in {@code pyvenv.cfg}, or {@code absent} when no line sets it. */
  private static String pyvenvValue(Path cfg, String key, String absent) {
    try {
      for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase(key)) {
          return line.substring(eq + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      return absent;
    }
    return absent;
  }

  /** {@code python3.9}, {@code python3.13t} under {@code lib/}, sorted by version. */
  private static List<String> pythonDirNames(Path lib) {
    List<String> out = new ArrayList<>();
    for (Path p : list(lib)) {
      String n = p.getFileName().toString();
      if (PY_DIR.matcher(n).matches() && Files.isDirectory(p)) {
        out.add(n);
      }
    }
    out.sort(
        Comparator.comparingInt((String n) -> pyPart(n, 1)).thenComparingInt(n -> pyPart(n, 2)));
    return out;
  }

  private static int pyPart(String dir, int group) {
    Matcher m = PY_DIR.matcher(dir);
    // A directory name is not trusted to hold a small number.
    return m.matches() && m.group(group).length() <= 6 ? Integer.parseInt(m.group(group)) : 0;
  }

  /** The conda subdir of the machine the prefix is on; a {@code Lib/} layout means Windows. */
  private static String hostPlatform(Path root) {
    if (Files.isDirectory(root.resolve("Lib/site-packages"))
        && !Files.isDirectory(root.resolve("lib/site-packages"))
        && pythonDirNames(root.resolve("lib")).isEmpty()) {
      return "win-64";
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return arm ? "osx-arm64" : "osx-64";
    }
    if (os.startsWith("windows")) {
      return arm ? "win-arm64" : "win-64";
    }
    if (arch.equals("ppc64le")) {
      return "linux-ppc64le";
    }
    return arm ? "linux-aarch64" : "linux-64";
  }

  // ---------------------------------------------------------------- site-packages

  /**
   * The directories the prefix's interpreter searches, in {@code sys.path} order (CPython's
   * site.py, {@code main()} and {@code venv()}): outside a venv the user site, then the prefix's
   * site-packages ({@code own}: only the one of its own Python version when that is known, as an
   * old {@code lib/python3.8} left behind by an upgrade is not on {@code sys.path}); in a venv its
   * site-packages, then, when {@code pyvenv.cfg} does not turn {@code include-system-site-packages}
   * off, the user site and the base interpreter's site-packages (otherwise site.py disables the
   * user site). Each directory is followed by the directories named by path lines of its {@code
   * *.pth} files (sorted by file name; lines starting with {@code import} are code, not paths).
   */
  private static List<Path> siteDirectories(
      Path root, PythonInfo python, List<Path> own, Optional<Path> user, List<Finding> notes) {
    LinkedHashSet<Path> sites = new LinkedHashSet<>();
    Set<Path> seenReal = new java.util.HashSet<>();
    Path cfg = root.resolve("pyvenv.cfg");
    boolean venv = Files.isRegularFile(cfg);
    if (!venv) {
      user.ifPresent(u -> addUnique(sites, seenReal, u));
    }
    for (Path s : own) {
      addUnique(sites, seenReal, s);
    }
    if (venv && systemSitePackages(cfg)) {
      user.ifPresent(u -> addUnique(sites, seenReal, u));
      String home = pyvenvValue(cfg, "home");
      if (!home.isEmpty()) {
        Path base = Path.of(home).toAbsolutePath().normalize().getParent();
        if (base != null && !base.equals(root)) {
          for (Path s : ownSiteDirs(base, python)) {
            addUnique(sites, seenReal, s);
          }
        }
      }
    }
    List<Path> result = new ArrayList<>();
    for (Path site : sites) {
      result.add(site);
      for (Path added : pthDirectories(root, site, notes)) {
        if (seenReal.add(real(added))) {
          result.add(added);
        }
      }
    }
    return result;
  }

  /**
   * site.py's reading of {@code include-system-site-packages}: true unless the key is there with
   * another value than {@code true} (a {@code pyvenv.cfg} without the key includes them).
   */
  private static boolean systemSitePackages(Path cfg) {
    return pyvenvValue(cfg, "include-system-site-packages", "true").equalsIgnoreCase("true");
  }

  private static void addUnique(Set<Path> sites, Set<Path> seenReal, Path site) {
    if (Files.isDirectory(site) && seenReal.add(real(site))) {
      sites.add(site);
    }
  }

  /**
   * Where an interpreter under a prefix looks for distributions, in {@code sys.path} order:
   * site-packages, then Debian's and Ubuntu's dist-packages (site.py as Debian patches it: {@code
   * local/lib/pythonX.Y/dist-packages}, {@code lib/python3/dist-packages}, {@code
   * lib/pythonX.Y/dist-packages}), then the Windows layout. {@code {v}} is the interpreter's {@code
   * X.Y}.
   */
  static final List<String> SITE_LAYOUTS =
      List.of(
          "lib/python{v}/site-packages",
          "lib64/python{v}/site-packages",
          "local/lib/python{v}/dist-packages",
          "lib/python3/dist-packages",
          "lib/python{v}/dist-packages",
          "lib64/python{v}/dist-packages",
          "Lib/site-packages");

  private static List<Path> ownSiteDirs(Path root, PythonInfo python) {
    List<Path> out = new ArrayList<>();
    String minor = python.minor();
    for (String layout : SITE_LAYOUTS) {
      int v = layout.indexOf("python{v}");
      if (v < 0) {
        // lib/python3/dist-packages is shared by every Python 3 of the prefix, and only by those.
        if (!layout.startsWith("lib/python3/") || minor.isEmpty() || minor.startsWith("3.")) {
          out.add(root.resolve(layout));
        }
        continue;
      }
      Path parent = root.resolve(layout.substring(0, v));
      String rest = layout.substring(v + "python{v}/".length());
      for (String pyDir : pythonDirNames(parent)) {
        if (minor.isEmpty() || pyDir.substring("python".length()).replace("t", "").equals(minor)) {
          out.add(parent.resolve(pyDir).resolve(rest));
        }
      }
    }
    return out.stream().filter(Files::isDirectory).toList();
  }

  private static List<Path> pthDirectories(Path root, Path site, List<Finding> notes) {
    List<Path> out = new ArrayList<>();
    for (Path pth : list(site)) {
      String name = pth.getFileName().toString();
      if (!name.endsWith(".pth") || name.startsWith(".") || !Files.isRegularFile(pth)) {
        continue;
      }
      String text;
      try {
        text = TextFiles.decode(relative(root, pth), Files.readAllBytes(pth));
      } catch (InputException | IOException e) {
        notes.add(note(relative(root, pth), null, "path file not readable: " + e.getMessage()));
        continue;
      }
      for (String line : text.split("\n")) {
        if (line.startsWith("#")
            || line.isBlank()
            || line.startsWith("import ")
            || line.startsWith("import\t")) {
          continue;
        }
        try {
          Path dir = site.resolve(line.stripTrailing()).toAbsolutePath().normalize();
          if (Files.isDirectory(dir)) {
            out.add(dir);
          }
        } catch (java.nio.file.InvalidPathException e) {
          // site.py ignores lines that are not paths.
        }
      }
    }
    return out;
  }

  /**
   * Metadata entries of one directory in the order importlib.metadata yields them: {@code
   * *.dist-info} before {@code *.egg-info}, each group by name.
   */
  private static List<Path> metadataEntries(Path site) {
    List<Path> distInfo = new ArrayList<>();
    List<Path> eggInfo = new ArrayList<>();
    for (Path p : list(site)) {
      String n = p.getFileName().toString();
      if (n.endsWith(".dist-info") && Files.isDirectory(p)) {
        distInfo.add(p);
      } else if (n.endsWith(".egg-info")) {
        eggInfo.add(p);
      }
    }
    List<Path> out = new ArrayList<>(distInfo);
    out.addAll(eggInfo);
    return out;
  }

  // ---------------------------------------------------------------- distributions

  private static Distribution readDistribution(
      Path root, Path site, Path entry, List<Finding> notes) {
    boolean egg = entry.getFileName().toString().endsWith(".egg-info");
    boolean dir = Files.isDirectory(entry);
    Path metadataPath = !dir ? entry : entry.resolve(egg ? "PKG-INFO" : "METADATA");
    String location = relative(root, entry);
    String metadataRel = relative(root, metadataPath);
    if (!Files.isRegularFile(metadataPath)) {
      notes.add(note(location, null, "metadata directory without " + metadataPath.getFileName()));
      return null;
    }
    String text;
    try {
      text = TextFiles.decode(metadataRel, headerBlock(Files.readAllBytes(metadataPath)));
    } catch (InputException e) {
      notes.add(note(metadataRel, null, "metadata not readable: " + e.getMessage()));
      return null;
    } catch (IOException e) {
      notes.add(note(metadataRel, null, "metadata not readable: " + e.getMessage()));
      return null;
    }
    MetadataHeaders headers = MetadataHeaders.parse(text);
    String name = headers.first("Name").strip();
    String version = headers.first("Version").strip();
    if (name.isEmpty()) {
      // pip skips a distribution whose metadata has no Name ("Skipping ... due to ...").
      notes.add(note(metadataRel, null, "metadata without a Name; pip skips this distribution"));
      return null;
    }
    List<DeclaredRequirement> requires = new ArrayList<>();
    for (MetadataHeaders.Header h : headers.all("Requires-Dist")) {
      requires.add(new DeclaredRequirement(h.value().strip(), metadataRel, h.line()));
    }
    if (requires.isEmpty() && dir) {
      requires.addAll(requiresTxt(root, entry.resolve("requires.txt")));
    }
    String installer = dir ? firstNonBlankLine(entry.resolve("INSTALLER")) : "";
    boolean requested = dir && Files.exists(entry.resolve("REQUESTED"));
    String directUrl = dir ? readSmall(entry.resolve("direct_url.json")) : "";
    List<String> record =
        !dir
            ? List.of()
            : new OnDemandList<>(
                () ->
                    egg
                        ? installedFiles(root, entry)
                        : recordPaths(root, site, entry.resolve("RECORD")));
    return new Distribution(
        name,
        version,
        installer,
        requested,
        directUrl,
        location,
        metadataRel,
        requires,
        record,
        egg);
  }

  /**
   * The bytes of a core metadata file up to its first empty line: the headers, without the body (a
   * long description, often most of the file), which nothing here reads. UTF-16 files are kept
   * whole; their line ends are not single bytes.
   */
  static byte[] headerBlock(byte[] b) {
    if (b.length >= 2
        && ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe
            || (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)) {
      return b;
    }
    boolean lineStart = true;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (lineStart && (c == '\n' || c == '\r')) {
        return Arrays.copyOf(b, i);
      }
      lineStart = c == '\n' || c == '\r' && (i + 1 >= b.length || b[i + 1] != '\n');
    }
    return b;
  }

  /**
   * {@code requires.txt} of egg-info, turned into requirement strings the way pip does: lines of a
   * {@code [extra]} section get {@code extra == "..."}, of {@code [:marker]} the marker, of {@code
   * [extra:marker]} both.
   */
  static List<DeclaredRequirement> requiresTxt(Path root, Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    String rel = relative(root, file);
    String text;
    try {
      text = TextFiles.decode(rel, Files.readAllBytes(file));
    } catch (InputException | IOException e) {
      return List.of();
    }
    List<DeclaredRequirement> out = new ArrayList<>();
    String extra = "";
    String marker = "";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String section = line.substring(1, line.length() - 1);
        int colon = section.indexOf(':');
        extra = PackageName.normalize(colon < 0 ? section : section.substring(0, colon));
        marker = colon < 0 ? "" : section.substring(colon + 1);
        continue;
      }
      String combined;
      if (!extra.isEmpty() && !marker.isEmpty()) {
        combined = "(" + marker + ") and extra == \"" + extra + "\"";
      } else if (!extra.isEmpty()) {
        combined = "extra == \"" + extra + "\"";
      } else {
        combined = marker;
      }
      out.add(
          new DeclaredRequirement(combined.isEmpty() ? line : line + " ; " + combined, rel, i + 1));
    }
    return out;
  }

  private static List<String> recordPaths(Path root, Path site, Path record) {
    String text = readSmall(record);
    if (text.isEmpty()) {
      return List.of();
    }
    String siteRel = relative(root, site);
    boolean inside = !siteRel.isEmpty() && site.toAbsolutePath().normalize().startsWith(root);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String path = firstCsvField(line);
      if (path.isEmpty()) {
        continue;
      }
      out.add(
          inside && isPlainRelative(path)
              ? siteRel + "/" + path
              : resolveRelative(root, site, path));
    }
    return out;
  }

  /**
   * True for the usual RECORD path ({@code pkg/mod.py}): relative, forward slashes, no {@code .} or
   * {@code ..} segment, no empty segment. Its prefix-relative form is then the site's plus it;
   * anything else goes through {@link Path} normalisation.
   */
  static boolean isPlainRelative(String path) {
    if (path.isEmpty()
        || path.charAt(0) == '/'
        || path.indexOf('\\') >= 0
        || path.indexOf(':') >= 0) {
      return false;
    }
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      int len = end - start;
      if (len == 0
          || (len == 1 && path.charAt(start) == '.')
          || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      start = slash + 1;
    }
    return false;
  }

  private static List<String> installedFiles(Path root, Path eggInfo) {
    String text = readSmall(eggInfo.resolve("installed-files.txt"));
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(resolveRelative(root, eggInfo, line.strip()));
      }
    }
    return out;
  }

  private static String resolveRelative(Path root, Path base, String path) {
    try {
      return relative(root, base.resolve(path.replace('\\', '/')).normalize());
    } catch (java.nio.file.InvalidPathException e) {
      return path;
    }
  }

  /** The first field of a RECORD line (CSV: a quoted field may hold commas and doubled quotes). */
  static String firstCsvField(String line) {
    if (line.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            b.append('"');
            i++;
          } else {
            break;
          }
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int comma = line.indexOf(',');
    return (comma < 0 ? line : line.substring(0, comma)).strip();
  }

  private static String firstNonBlankLine(Path file) {
    for (String line : readSmall(file).split("\n")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }

  /** A small side file (INSTALLER, RECORD, direct_url.json); unreadable reads as absent. */
  private static String readSmall(Path file) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try {
      return TextFiles.decode(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (InputException | IOException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------- helpers

  static String relative(Path root, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    String s = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    return s.replace('\\', '/');
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static Finding note(String file, String pkg, String message) {
    return Finding.of(UNREADABLE, Severity.NOTE, Location.file(file), pkg, message, "");
  }
}
