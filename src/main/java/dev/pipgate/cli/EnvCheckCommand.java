package dev.pipgate.cli;

import dev.pipgate.envcheck.EnvCheck;
import dev.pipgate.envcheck.EnvCheckResult;
import dev.pipgate.envcheck.EnvRules;
import dev.pipgate.envcheck.PipReport;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Severity;
import dev.pipgate.parse.EnvFileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipgate env-check --prefix DIR}: checks an installed environment from its files. */
@Command(
    name = "env-check",
    mixinStandardHelpOptions = true,
    description =
        "Reads an installed conda prefix or virtualenv (conda-meta and site-packages, without"
            + " running conda or pip) and reports packages installed by both conda and pip,"
            + " broken requirements (as pip check), and more than one CUDA runtime.")
public final class EnvCheckCommand implements Callable<Integer> {
  /** Largest pip report read: each item carries full metadata, long descriptions included. */
  static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

  private final CliContext context;

  @Option(names = "--prefix", required = true, paramLabel = "DIR", description = "The prefix.")
  String prefix;

  @Option(
      names = "--python",
      paramLabel = "VERSION",
      description = "Python version for markers (default: read from the prefix).")
  String python;

  @Option(
      names = "--platform",
      paramLabel = "SUBDIR",
      description = "conda platform for markers, e.g. linux-64, osx-arm64, win-64.")
  String platform;

  @Option(
      names = "--against",
      paramLabel = "FILE",
      description = "environment.yml to compare the prefix with.")
  String against;

  @Option(
      names = "--pip-report",
      paramLabel = "FILE",
      description = "JSON from 'pip install --dry-run --report FILE' to judge before installing.")
  String pipReport;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report here.")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "error",
      description = "error, warning or never (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--severity",
      paramLabel = "RULE=LEVEL",
      description = "Set a rule's severity (error, warning, note); repeatable.")
  List<String> severities = new ArrayList<>();

  public EnvCheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try {
      return run();
    } catch (InputException e) {
      context.err().println("pipgate: " + e.oneLine());
      return Main.BAD_INPUT;
    }
  }

  private int run() {
    List<String> problems = new ArrayList<>();
    FailLevel level = FailLevel.fromId(failOn).orElse(null);
    if (level == null) {
      problems.add("--fail-on must be error, warning or never, not '" + failOn + "'");
    }
    if (!format.equals("text") && !format.equals("json")) {
      problems.add("--format must be text or json, not '" + format + "'");
    }
    Map<String, Severity> overrides = new LinkedHashMap<>();
    for (String s : severities) {
      int eq = s.indexOf('=');
      String rule = eq < 0 ? s : s.substring(0, eq).strip();
      Severity sev = eq < 0 ? null : Severity.fromId(s.substring(eq + 1).strip()).orElse(null);
      if (!EnvRules.DEFAULTS.containsKey(rule)) {
        problems.add("--severity: unknown rule '" + rule + "'");
      } else if (sev == null) {
        problems.add("--severity " + s + ": the level must be error, warning or note");
      } else {
        overrides.put(rule, sev);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> context.err().println("pipgate: " + p));
      return Main.BAD_INPUT;
    }
    EnvCheck.Options options = new EnvCheck.Options(python, platform, null, null, overrides);
    if (pipReport != null) {
      options = options.withPipReport(PipReport.read(pipReport, read(pipReport)));
    }
    if (against != null) {
      options = options.withAgainst(readEnvFile(against));
    }
    EnvCheckResult result = EnvCheck.run(context.resolve(prefix), options);
    result = new EnvCheckResult(prefix, result.python(), result.distributions(), result.findings());
    String text = format.equals("json") ? result.toJson(level) : result.toText(level);
    if (output != null) {
      try {
        Files.writeString(context.resolve(output), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException(output, 0, "cannot write: " + e.getMessage());
      }
    } else {
      context.out().print(text);
      context.out().flush();
    }
    return result.blockingCount(level) > 0 ? Main.FINDINGS : Main.PASS;
  }

  /**
   * The env file, read with the files its pip lines follow ({@code -r}/{@code -c}) from the
   * directory it is in, where conda resolves them.
   */
  private EnvFile readEnvFile(String file) {
    Path path = context.resolve(file);
    Path dir = path.getParent() == null ? context.cwd() : path.getParent();
    byte[] bytes = read(file);
    return new EnvFileParser().parse(path.getFileName().toString(), bytes, new DirectoryTree(dir));
  }

  private byte[] read(String file) {
    Path path = context.resolve(file);
    try {
      if (!Files.isRegularFile(path)) {
        throw new InputException(file, 0, "no such file");
      }
      if (Files.size(path) > MAX_REPORT_BYTES) {
        throw new InputException(file, 0, "larger than " + MAX_REPORT_BYTES + " bytes");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage());
    }
  }
}
