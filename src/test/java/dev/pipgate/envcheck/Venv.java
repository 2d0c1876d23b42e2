package dev.pipgate.envcheck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real virtual environment made by {@code python3 -m venv}, with real pip working offline against
 * a {@link Wheelhouse}. Tests that need one are skipped only when there is no python3.
 */
final class Venv {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Path python;

  private Venv(Path dir) {
    this.dir = dir;
    this.python = dir.resolve(isWindows() ? "Scripts/python.exe" : "bin/python");
  }

  static Venv create(Path dir) throws IOException, InterruptedException {
    assumeTrue(python3() != null, "python3 is not installed");
    Result r = run(List.of(python3(), "-m", "venv", dir.toString()), null);
    if (r.code != 0) {
      throw new IllegalStateException("python3 -m venv failed: " + r.err);
    }
    return new Venv(dir.toAbsolutePath().normalize());
  }

  /** The python3 of this machine, or null. */
  static String python3() {
    for (String candidate : List.of("python3", "python")) {
      try {
        Result r = run(List.of(candidate, "-c", "import sys; print(sys.version_info[0])"), null);
        if (r.code == 0 && r.out.strip().equals("3")) {
          return candidate;
        }
      } catch (IOException | InterruptedException e) {
        // not on PATH
      }
    }
    return null;
  }

  Path dir() {
    return dir;
  }

  Path python() {
    return python;
  }

  /** {@code pip install --no-index --find-links <wheelhouse> args...}; fails the test on error. */
  void install(Wheelhouse wheels, String... args) throws IOException, InterruptedException {
    List<String> cmd = pip("install", "--no-index", "--find-links", wheels.dir().toString());
    cmd.addAll(List.of(args));
    Result r = run(cmd, null);
    if (r.code != 0) {
      throw new IllegalStateException("pip install failed: " + r.out + r.err);
    }
  }

  /** {@code pip install --dry-run --report FILE ...}: what pip would do, written by pip. */
  Path dryRunReport(Wheelhouse wheels, Path report, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        pip(
            "install",
            "--dry-run",
            "--quiet",
            "--report",
            report.toString(),
            "--no-index",
            "--find-links",
            wheels.dir().toString());
    cmd.addAll(List.of(args));
    Result r = run(cmd, null);
    if (r.code != 0) {
      throw new IllegalStateException("pip install --dry-run failed: " + r.out + r.err);
    }
    return report;
  }

  JsonNode inspect() throws IOException, InterruptedException {
    return inspect(python.toString());
  }

  static JsonNode inspect(String python) throws IOException, InterruptedException {
    return inspect(python, null, java.util.Map.of());
  }

  static JsonNode inspect(String python, Path cwd, java.util.Map<String, String> variables)
      throws IOException, InterruptedException {
    Result r = run(pipOf(python, "inspect"), cwd, variables);
    if (r.code != 0) {
      throw new IllegalStateException("pip inspect failed: " + r.err);
    }
    return JSON.readTree(r.out);
  }

  /** The lines {@code pip check} prints. */
  List<String> check() throws IOException, InterruptedException {
    return check(python.toString());
  }

  static List<String> check(String python) throws IOException, InterruptedException {
    Result r = run(pipOf(python, "check"), null);
    List<String> lines = new ArrayList<>();
    for (String line : r.out.split("\n")) {
      if (!line.isBlank() && !line.startsWith("No broken requirements")) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  private List<String> pip(String... args) {
    return pipOf(python.toString(), args);
  }

  private static List<String> pipOf(String python, String... args) {
    List<String> cmd = new ArrayList<>(List.of(python, "-m", "pip"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  record Result(int code, String out, String err) {}

  static Result run(List<String> cmd, Path cwd) throws IOException, InterruptedException {
    return run(cmd, cwd, java.util.Map.of());
  }

  /** Runs {@code cmd} with {@code variables} added to the environment (after the removals). */
  static Result run(List<String> cmd, Path cwd, java.util.Map<String, String> variables)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    pb.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    pb.environment().put("PIP_NO_INPUT", "1");
    pb.environment().put("PIP_NO_INDEX", "1");
    pb.environment().remove("PIP_INDEX_URL");
    pb.environment().remove("PYTHONPATH");
    pb.environment().remove("VIRTUAL_ENV");
    pb.environment().putAll(variables);
    Path err = Files.createTempFile("pipgate-err", ".txt");
    Path out = Files.createTempFile("pipgate-out", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }
}
