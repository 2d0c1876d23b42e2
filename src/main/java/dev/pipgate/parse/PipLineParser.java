package dev.pipgate.parse;

import dev.pipgate.model.PipEntry;
import dev.pipgate.model.PipEntry.Kind;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.PipLineOptions.Dest;
import dev.pipgate.spec.Requirement;
import dev.pipgate.spec.SpecSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logical line of a requirements file, classified as pip 23 does ({@code req_file.py}, {@code
 * constructors.py}). The line splits at the first space-separated token starting with {@code -}:
 * what comes before is a requirement (PEP 508, a URL or a path), what follows is options. A line
 * with a requirement ignores file-level options; a line without one is an editable install, a
 * nested {@code -r}/{@code -c} file, or options. Anything pip rejects becomes an entry with {@code
 * error} set: pip then fails on the whole file.
 */
final class PipLineParser {
  private PipLineParser() {}

  /** pip's {@code vcs.all_schemes}: URL schemes of the four VCS backends. */
  private static final Set<String> VCS_SCHEMES =
      Set.of(
          "git",
          "git+http",
          "git+https",
          "git+ssh",
          "git+git",
          "git+file",
          "hg+file",
          "hg+http",
          "hg+https",
          "hg+ssh",
          "hg+static-http",
          "svn",
          "svn+ssh",
          "svn+http",
          "svn+https",
          "svn+svn",
          "svn+file",
          "bzr+http",
          "bzr+https",
          "bzr+ssh",
          "bzr+sftp",
          "bzr+ftp",
          "bzr+lp",
          "bzr+file");

  private static final List<String> ARCHIVE_EXTENSIONS =
      List.of(
          ".zip",
          ".whl",
          ".tar.bz2",
          ".tbz",
          ".tar.xz",
          ".txz",
          ".tlz",
          ".tar.lz",
          ".tar.lzma",
          ".tar.gz",
          ".tgz",
          ".tar");

  /** Options people reach for that a requirements file cannot carry, with what to say. */
  private static final Map<String, String> REJECTED_HINTS =
      Map.ofEntries(
          Map.entry(
              "--no-deps",
              "pip does not accept --no-deps in a requirements file; conda runs the pip: list as"
                  + " `pip install -U -r`, so a pip: entry cannot skip its dependencies"),
          Map.entry(
              "-U",
              "pip does not accept -U in a requirements file (conda already runs the pip: list"
                  + " as `pip install -U -r`)"),
          Map.entry(
              "--upgrade",
              "pip does not accept --upgrade in a requirements file (conda already runs the pip:"
                  + " list as `pip install -U -r`)"),
          Map.entry("--user", "pip does not accept --user in a requirements file"),
          Map.entry(
              "--install-option",
              "pip does not accept --install-option in a requirements file (removed in pip"
                  + " 23.1)"),
          Map.entry(
              "--force-reinstall", "pip does not accept --force-reinstall in a requirements file"),
          Map.entry(
              "--ignore-installed",
              "pip does not accept --ignore-installed in a requirements file"),
          Map.entry("-I", "pip does not accept -I (--ignore-installed) in a requirements file"),
          Map.entry(
              "--no-build-isolation",
              "pip does not accept --no-build-isolation in a requirements file"),
          Map.entry("--no-cache-dir", "pip does not accept --no-cache-dir in a requirements file"));

  static PipEntry parse(String file, int line, String text) {
    String[] parts = breakArgsOptions(text);
    String args = parts[0];
    PipLineOptions options;
    String optionError = null;
    try {
      options = PipLineOptions.parse(parts[1]);
    } catch (PipLineOptions.Rejected e) {
      options = e.before();
      optionError = rejection(e);
    }
    Builder b = new Builder(file, line, text);
    if (!args.isEmpty()) {
      requirement(b, args.strip());
    } else if (options.has(Dest.EDITABLES)) {
      editable(b, options.get(Dest.EDITABLES).get(0));
    } else if (options.has(Dest.REQUIREMENTS)) {
      b.kind = Kind.REQUIREMENTS_FILE;
      b.url = options.get(Dest.REQUIREMENTS).get(0);
    } else if (options.has(Dest.CONSTRAINTS)) {
      b.kind = Kind.CONSTRAINTS_FILE;
      b.url = options.get(Dest.CONSTRAINTS).get(0);
    } else {
      b.kind = Kind.OPTION;
    }
    if (optionError != null) {
      b.error = optionError;
    }
    return b.build();
  }

  /** pip's {@code break_args_options}: split on single spaces at the first token with '-'. */
  private static String[] breakArgsOptions(String line) {
    String[] tokens = line.split(" ", -1);
    int k = 0;
    while (k < tokens.length && !tokens[k].startsWith("-")) {
      k++;
    }
    String args = String.join(" ", java.util.Arrays.asList(tokens).subList(0, k));
    String opts = String.join(" ", java.util.Arrays.asList(tokens).subList(k, tokens.length));
    return new String[] {args, opts};
  }

  private static String rejection(PipLineOptions.Rejected e) {
    String option = e.option();
    if (option != null && e.getMessage().startsWith("no such option")) {
      String hint = REJECTED_HINTS.get(option);
      if (hint != null) {
        return hint;
      }
      return "pip does not accept " + option + " in a requirements file";
    }
    return "pip rejects this line: " + e.getMessage();
  }

  /** pip's {@code parse_req_from_line}: URL, local path or archive, else PEP 508. */
  private static void requirement(Builder b, String args) {
    if (isUrl(args)) {
      String url = args;
      int sep = url.indexOf("; ");
      if (sep >= 0) {
        b.marker = url.substring(sep + 2).strip();
        url = url.substring(0, sep).strip();
      }
      link(b, url, null);
      return;
    }
    String namePart = args;
    int semi = namePart.indexOf(';');
    if (semi >= 0) {
      namePart = namePart.substring(0, semi);
    }
    namePart = namePart.strip();
    String[] pathAndExtras = stripExtras(namePart);
    String path = pathAndExtras[0];
    boolean archive = isArchive(path);
    boolean looksLikePath = path.contains("/") || path.startsWith(".");
    int at = namePart.indexOf('@');
    boolean pep508Reference =
        at >= 0 && !(namePart.substring(0, at).contains("/") || namePart.startsWith("."));
    if (!pep508Reference && (looksLikePath || archive)) {
      // A local directory or archive; pip checks the disk, which this reader does not see.
      b.kind = Kind.PATH;
      b.url = path;
      b.extras = extrasOf(pathAndExtras[1]);
      if (semi >= 0) {
        b.marker = args.substring(semi + 1).strip();
      }
      archiveName(b, path);
      return;
    }
    Requirement req;
    try {
      req = Requirement.parse(args);
    } catch (SpecSyntaxException e) {
      b.kind = Kind.REQUIREMENT;
      String hint = "";
      if (args.contains("=") && !containsOperator(args)) {
        hint = " ('=' is not a version operator; did you mean '=='?)";
      }
      b.error = "pip cannot read this requirement: " + e.getMessage() + hint;
      b.bestEffortName = leadingName(args);
      return;
    }
    b.name(req.name());
    b.extras = req.extras();
    b.specifier = nullToEmpty(req.specifierText());
    b.marker = nullToEmpty(req.markerText());
    if (req.url() != null) {
      String display = b.displayName;
      link(b, req.url(), display);
    } else {
      b.kind = Kind.REQUIREMENT;
    }
  }

  /** A URL line or the URL of {@code name @ url}: VCS, file (a path) or an archive. */
  private static void link(Builder b, String url, String requirementName) {
    b.url = url;
    String scheme = schemeOf(url);
    String fileName = fileNameOf(url);
    String egg = eggOf(url);
    if (VCS_SCHEMES.contains(scheme)) {
      b.kind = Kind.VCS;
      b.ref = vcsRef(url);
    } else if (scheme.equals("file") || scheme.isEmpty()) {
      b.kind = Kind.PATH;
    } else {
      b.kind = Kind.URL;
    }
    if (requirementName != null) {
      return;
    }
    if (egg != null) {
      eggName(b, egg);
    } else if (b.kind != Kind.VCS) {
      archiveName(b, fileName);
    }
  }

  /** pip's {@code parse_editable}: a local project, or a VCS URL that names its project. */
  private static void editable(Builder b, String target) {
    b.kind = Kind.EDITABLE;
    String[] noExtras = stripExtras(target);
    String lower = target.toLowerCase(Locale.ROOT);
    if (noExtras[0].toLowerCase(Locale.ROOT).startsWith("file:")) {
      b.url = noExtras[0];
      b.extras = extrasOf(noExtras[1]);
      String egg = eggOf(noExtras[0]);
      if (egg != null) {
        eggName(b, egg);
      }
      return;
    }
    String url = target;
    for (String vcs : List.of("git", "hg", "svn", "bzr")) {
      if (lower.startsWith(vcs + ":")) {
        url = vcs + "+" + target;
        break;
      }
    }
    String scheme = schemeOf(url);
    if (VCS_SCHEMES.contains(scheme)) {
      b.url = target;
      b.ref = vcsRef(url);
      String egg = eggOf(url);
      if (egg == null) {
        b.error =
            "pip cannot tell the project name of an editable VCS install; add #egg=<name> to "
                + target;
      } else {
        eggName(b, egg);
      }
      return;
    }
    boolean vcsPrefix = List.of("git+", "hg+", "svn+", "bzr+").stream().anyMatch(lower::startsWith);
    if (vcsPrefix || (!scheme.isEmpty() && url.contains("://"))) {
      b.url = target;
      b.error =
          "pip accepts -e only with a local project path or a VCS URL (git+, hg+, svn+, bzr+),"
              + " not "
              + target;
      return;
    }
    // A local project directory (pip checks that it exists; this reader does not see the disk).
    b.url = noExtras[0];
    b.extras = extrasOf(noExtras[1]);
  }

  /** pip's {@code is_url}: a scheme pip can fetch from. */
  private static boolean isUrl(String s) {
    String scheme = schemeOf(s);
    return !scheme.isEmpty()
        && (Set.of("http", "https", "file", "ftp").contains(scheme)
            || VCS_SCHEMES.contains(scheme));
  }

  private static String schemeOf(String s) {
    int colon = s.indexOf(':');
    return colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** The ref after the last {@code @} in the URL's path (not in its user@host part). */
  private static String vcsRef(String url) {
    String u = cutFragment(url);
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    int slashes = u.indexOf("://");
    int pathStart = slashes < 0 ? u.indexOf(':') + 1 : u.indexOf('/', slashes + 3);
    if (pathStart < 0) {
      return "";
    }
    String path = u.substring(pathStart);
    int at = path.lastIndexOf('@');
    return at < 0 ? "" : path.substring(at + 1);
  }

  /** The {@code egg=} value of the URL fragment, or null. */
  private static String eggOf(String url) {
    int hash = url.indexOf('#');
    if (hash < 0) {
      return null;
    }
    for (String part : url.substring(hash + 1).split("&")) {
      if (part.startsWith("egg=") && part.length() > 4) {
        return part.substring(4);
      }
    }
    return null;
  }

  private static void eggName(Builder b, String egg) {
    String[] nameAndExtras = stripExtras(egg);
    if (!PackageName.isValid(nameAndExtras[0])) {
      // pip requires the egg fragment to be a PEP 508 name (it rejects others since 25.0).
      b.error = "#egg=" + nameAndExtras[0] + " is not a valid project name";
      return;
    }
    b.name(nameAndExtras[0]);
    if (!nameAndExtras[1].isEmpty()) {
      b.extras = extrasOf(nameAndExtras[1]);
    }
  }

  private static String cutFragment(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  private static String fileNameOf(String url) {
    String u = cutFragment(url);
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    int slash = u.lastIndexOf('/');
    return slash < 0 ? u : u.substring(slash + 1);
  }

  /**
   * The project name of a wheel ({@code name-version(-build)-py-abi-platform.whl}, as pip reads it)
   * or, for display only, of an sdist ({@code name-version.tar.gz}).
   */
  private static void archiveName(Builder b, String pathOrUrl) {
    String file = fileNameOf(pathOrUrl);
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".whl")) {
      String[] parts = file.substring(0, file.length() - 4).split("-", -1);
      if (parts.length != 5 && parts.length != 6 || parts[0].isEmpty()) {
        b.error = "pip rejects " + file + ": not a valid wheel file name";
        return;
      }
      b.name(parts[0]);
      return;
    }
    for (String ext : ARCHIVE_EXTENSIONS) {
      if (lower.endsWith(ext)) {
        String stem = file.substring(0, file.length() - ext.length());
        for (int i = stem.length() - 2; i > 0; i--) {
          if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
            String name = stem.substring(0, i);
            if (PackageName.isValid(name)) {
              b.name(name);
            }
            return;
          }
        }
        return;
      }
    }
  }

  private static boolean isArchive(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return ARCHIVE_EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  /** pip's {@code _strip_extras}: {@code path[extra1,extra2]} to path and "[...]" (or ""). */
  private static String[] stripExtras(String s) {
    if (s.endsWith("]")) {
      int open = s.lastIndexOf('[');
      if (open > 0 && s.indexOf(']', open) == s.length() - 1 && open + 1 < s.length() - 1) {
        return new String[] {s.substring(0, open), s.substring(open)};
      }
    }
    return new String[] {s, ""};
  }

  private static List<String> extrasOf(String bracketed) {
    if (bracketed.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String e : bracketed.substring(1, bracketed.length() - 1).split(",")) {
      if (!e.isBlank()) {
        out.add(e.strip());
      }
    }
    return out;
  }

  private static final Pattern LEADING_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The PEP 508 name a line starts with ('rich' of 'rich=13.7.0'), or null. */
  private static String leadingName(String text) {
    Matcher m = LEADING_NAME.matcher(text);
    if (!m.lookingAt()) {
      return null;
    }
    String name = m.group().replaceAll("[._-]+$", "");
    return PackageName.isValid(name) ? name : null;
  }

  private static boolean containsOperator(String s) {
    for (String op : List.of("==", "!=", "<=", ">=", "~=", "===", "<", ">")) {
      if (s.contains(op)) {
        return true;
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static final class Builder {
    final String file;
    final int line;
    final String raw;
    Kind kind = Kind.REQUIREMENT;
    String name;
    String displayName;
    List<String> extras = List.of();
    String specifier = "";
    String marker = "";
    String url = "";
    String ref = "";
    String error;
    String bestEffortName;

    Builder(String file, int line, String raw) {
      this.file = file;
      this.line = line;
      this.raw = raw;
    }

    void name(String display) {
      displayName = display;
      name = PackageName.normalize(display);
    }

    PipEntry build() {
      return new PipEntry(
          file,
          line,
          raw,
          kind,
          name,
          displayName,
          extras,
          specifier,
          marker,
          url,
          ref,
          error,
          name == null ? bestEffortName : null);
    }
  }
}
