package dev.pipgate.envcheck;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user site directory ({@code pip install --user}) a prefix's interpreter would put on {@code
 * sys.path}, computed as CPython's site.py computes it ({@code _getuserbase}, {@code _get_path},
 * {@code check_enableusersite}) from the environment it would run with. conda's python reads it
 * too: a package in {@code ~/.local} is imported before the conda environment's own.
 *
 * <p>Whether a venv disables it is decided by the caller, which reads {@code pyvenv.cfg}.
 */
final class UserSite {
  /**
   * macOS framework builds: {@code .../Python.framework/Versions/3.11} ({@code sys._framework}).
   */
  private static final Pattern FRAMEWORK =
      Pattern.compile(".*/([^/]+)\\.framework/Versions/[^/]+/?$");

  private static final Pattern FREE_THREADED = Pattern.compile("python\\d+\\.\\d+t");

  private UserSite() {}

  /**
   * The user site for an interpreter of {@code python}'s version under {@code root}, or empty when
   * the version is unknown, {@code PYTHONNOUSERSITE} is set (site.py's {@code
   * sys.flags.no_user_site}), or there is no home directory to put it in.
   *
   * @param own the prefix's own site directories; a {@code python3.13t} among them means a
   *     free-threaded build, whose user site is {@code lib/python3.13t}
   */
  static Optional<Path> of(
      Path root, PythonInfo python, List<Path> own, Map<String, String> environment) {
    String minor = python.minor();
    if (minor.isEmpty() || !value(environment, "PYTHONNOUSERSITE").isEmpty()) {
      return Optional.empty();
    }
    boolean windows = python.platform().startsWith("win-");
    String prefixPath = root.toString().replace('\\', '/');
    Matcher framework = FRAMEWORK.matcher(prefixPath);
    boolean macFramework = python.platform().startsWith("osx-") && framework.matches();
    String thread =
        own.stream()
                .anyMatch(
                    p ->
                        p.getParent() != null
                            && p.getParent().getFileName() != null
                            && FREE_THREADED
                                .matcher(p.getParent().getFileName().toString())
                                .matches())
            ? "t"
            : "";
    String base = value(environment, "PYTHONUSERBASE");
    if (base.isEmpty()) {
      String home = home(environment, windows);
      if (windows) {
        String appData = value(environment, "APPDATA");
        base = !appData.isEmpty() ? appData + "\\Python" : home.isEmpty() ? "" : home + "\\Python";
      } else if (macFramework) {
        base = home.isEmpty() ? "" : home + "/Library/" + framework.group(1) + "/" + minor;
      } else {
        base = home.isEmpty() ? "" : home + "/.local";
      }
    }
    if (base.isEmpty()) {
      return Optional.empty();
    }
    String site;
    if (windows) {
      site = base + "\\Python" + minor.replace(".", "") + thread + "\\site-packages";
    } else if (macFramework) {
      site = base + "/lib/python/site-packages";
    } else {
      site = base + "/lib/python" + minor + thread + "/site-packages";
    }
    try {
      return Optional.of(Path.of(site).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      // A Windows prefix read on another system: its user site is not on this machine.
      return Optional.empty();
    }
  }

  /**
   * {@code os.path.expanduser("~")}: {@code HOME} on POSIX; {@code USERPROFILE}, else {@code
   * HOMEDRIVE} + {@code HOMEPATH}, on Windows. Without them Python asks the password database; the
   * caller passes the environment, so no home means no user site here.
   */
  private static String home(Map<String, String> environment, boolean windows) {
    if (!windows) {
      return value(environment, "HOME");
    }
    String profile = value(environment, "USERPROFILE");
    if (!profile.isEmpty()) {
      return profile;
    }
    String path = value(environment, "HOMEPATH");
    return path.isEmpty() ? "" : value(environment, "HOMEDRIVE") + path;
  }

  /** An environment variable; Python treats an empty one as unset. */
  private static String value(Map<String, String> environment, String name) {
    String v = environment.get(name);
    return v == null ? "" : v;
  }
}
