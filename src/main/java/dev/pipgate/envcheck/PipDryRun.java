package dev.pipgate.envcheck;

import dev.pipgate.model.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Asks the prefix's own pip what installing some requirements would do, without installing: {@code
 * python -m pip install --dry-run --report FILE --only-binary=:all: REQ...} (pip >= 23.0 writes the
 * report format pipgate reads). {@code --only-binary=:all:} keeps pip from building an sdist, which
 * would run the package's build code. The requirements are separate arguments, never a shell line,
 * and pip runs in an empty directory, so nothing in the checked-out repository configures it; the
 * environment passes through (PIP_INDEX_URL, PIP_FIND_LINKS, proxies), minus the workflow's tokens.
 */
public final class PipDryRun {
  /** Long enough for a resolver that downloads a few large wheels' metadata. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  /** The last lines of pip's output kept for a finding. */
  static final int OUTPUT_LINES = 12;

  /** Variables not handed to pip: credentials of the workflow, and the action's own inputs. */
  private static final Set<String> WITHHELD =
      Set.of("GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN");

  private PipDryRun() {}

  /**
   * What pip said.
   *
   * @param report the parsed report, when pip succeeded and wrote one that reads
   * @param command the command line, for messages
   * @param problem why there is no report ("" when there is one)
   * @param output the last lines of pip's standard output and error
   */
  public record Outcome(
      Optional<PipReport> report, List<String> command, String problem, String output) {
    public Outcome {
      Objects.requireNonNull(report, "report");
      command = List.copyOf(command);
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(output, "output");
    }
  }

  /** The interpreter of a prefix: {@code bin/python}, {@code bin/python3} or {@code python.exe}. */
  public static Optional<Path> python(Path prefix) {
    for (String candidate :
        List.of("bin/python", "bin/python3", "python.exe", "Scripts/python.exe")) {
      Path p = prefix.resolve(candidate);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs pip; never throws for what pip does (no interpreter, no network, no wheel, a timeout, an
   * unreadable report): those come back as {@link Outcome#problem()}.
   *
   * @param shownReport the name the report has in findings
   */
  public static Outcome run(
      Path prefix,
      List<String> requirements,
      Map<String, String> environment,
      Duration timeout,
      String shownReport) {
    Optional<Path> python = python(prefix);
    if (python.isEmpty()) {
      return new Outcome(Optional.empty(), List.of(), "no Python interpreter in " + prefix, "");
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("pipgate-dry-run");
      Path report = work.resolve("report.json");
      Path log = work.resolve("pip-output.txt");
      List<String> command =
          new ArrayList<>(
              List.of(
                  python.get().toString(),
                  "-m",
                  "pip",
                  "install",
                  "--dry-run",
                  "--report",
                  report.toString(),
                  "--only-binary=:all:"));
      command.addAll(requirements);
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      environment.forEach(
          (k, v) -> {
            if (!WITHHELD.contains(k) && !k.startsWith("INPUT_")) {
              env.put(k, v);
            }
          });
      env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
      env.put("PIP_NO_INPUT", "1");
      env.remove("PYTHONPATH");
      env.remove("PYTHONHOME");
      Process process = pb.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String output = tail(log);
      if (!finished) {
        return new Outcome(
            Optional.empty(),
            command,
            "pip did not finish within " + timeout.toSeconds() + " s",
            output);
      }
      if (process.exitValue() != 0) {
        return new Outcome(
            Optional.empty(), command, "pip exited with status " + process.exitValue(), output);
      }
      if (!Files.isRegularFile(report)) {
        return new Outcome(Optional.empty(), command, "pip wrote no report", output);
      }
      try {
        return new Outcome(
            Optional.of(PipReport.read(shownReport, Files.readAllBytes(report))),
            command,
            "",
            output);
      } catch (InputException e) {
        return new Outcome(Optional.empty(), command, e.getMessage(), output);
      }
    } catch (IOException e) {
      return new Outcome(Optional.empty(), List.of(), "cannot run pip: " + e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(Optional.empty(), List.of(), "interrupted while pip ran", "");
    } finally {
      deleteTree(work);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines =
          Files.readString(log, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the check for
    }
  }
}
