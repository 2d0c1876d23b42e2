package dev.pipgate.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** PEP 508 marker variables for a target interpreter that is not the one running pipgate. */
public final class MarkerEnvironment {
  private MarkerEnvironment() {}

  /**
   * CPython on {@code linux}, {@code win32} or {@code darwin} with the usual 64-bit machine name
   * ({@code AMD64} on Windows, where {@code platform.machine()} reports it so; {@code x86_64}
   * elsewhere).
   *
   * @throws SpecSyntaxException if pythonFullVersion is not a PEP 440 version
   * @throws IllegalArgumentException for another sys_platform
   */
  public static Map<String, String> forPython(String pythonFullVersion, String sysPlatform) {
    return forPython(
        pythonFullVersion, sysPlatform, "win32".equals(sysPlatform) ? "AMD64" : "x86_64");
  }

  public static Map<String, String> forPython(
      String pythonFullVersion, String sysPlatform, String platformMachine) {
    Objects.requireNonNull(platformMachine, "platformMachine");
    Version version = Version.parse(pythonFullVersion);
    List<Long> release = version.release();
    String pythonVersion =
        release.stream().limit(2).map(String::valueOf).collect(Collectors.joining("."));
    Map<String, String> env = new HashMap<>();
    switch (sysPlatform == null ? "" : sysPlatform) {
      case "linux" -> {
        env.put("os_name", "posix");
        env.put("platform_system", "Linux");
      }
      case "darwin" -> {
        env.put("os_name", "posix");
        env.put("platform_system", "Darwin");
      }
      case "win32" -> {
        env.put("os_name", "nt");
        env.put("platform_system", "Windows");
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported sys_platform '" + sysPlatform + "' (expected linux, win32 or darwin)");
    }
    env.put("sys_platform", sysPlatform);
    env.put("platform_machine", platformMachine);
    env.put("platform_python_implementation", "CPython");
    env.put("implementation_name", "cpython");
    env.put("python_version", pythonVersion);
    String full = pythonFullVersion.strip();
    env.put("python_full_version", full);
    // PEP 508: CPython's sys.implementation.version is its Python version
    env.put("implementation_version", full);
    // unknown for a target machine; PEP 508 says such values are the empty string
    env.put("platform_release", "");
    env.put("platform_version", "");
    return Map.copyOf(env);
  }

  /** The variables {@link #typicalTargets()} vary; the others have one value in all of them. */
  public static final Set<String> VARIED =
      Set.of(
          "python_version",
          "sys_platform",
          "platform_system",
          "os_name",
          "platform_machine",
          "platform_python_implementation",
          "implementation_name");

  private static final List<Map<String, String>> TYPICAL_TARGETS = buildTypicalTargets();

  /**
   * The targets an environment file is usually built for: CPython and PyPy 2.7 and 3.0 to 3.15 on
   * Linux (x86_64, aarch64), Windows (AMD64, ARM64) and macOS (x86_64, arm64). Markers that read
   * only {@link #VARIED} variables are judged over them: two markers that no target satisfies
   * together select different installs.
   */
  public static List<Map<String, String>> typicalTargets() {
    return TYPICAL_TARGETS;
  }

  private static List<Map<String, String>> buildTypicalTargets() {
    List<String> pythons = new ArrayList<>(List.of("2.7.18"));
    for (int minor = 0; minor <= 15; minor++) {
      pythons.add("3." + minor + ".0");
    }
    Map<String, List<String>> machines =
        Map.of(
            "linux", List.of("x86_64", "aarch64"),
            "win32", List.of("AMD64", "ARM64"),
            "darwin", List.of("x86_64", "arm64"));
    List<Map<String, String>> out = new ArrayList<>();
    for (String python : pythons) {
      for (Map.Entry<String, List<String>> platform : machines.entrySet()) {
        for (String machine : platform.getValue()) {
          Map<String, String> cpython = forPython(python, platform.getKey(), machine);
          out.add(cpython);
          Map<String, String> pypy = new HashMap<>(cpython);
          pypy.put("platform_python_implementation", "PyPy");
          pypy.put("implementation_name", "pypy");
          out.add(Map.copyOf(pypy));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The environment with {@code extra} set, for evaluating a requirement of that extra. */
  public static Map<String, String> withExtra(Map<String, String> environment, String extra) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("extra", extra);
    return Map.copyOf(env);
  }
}
