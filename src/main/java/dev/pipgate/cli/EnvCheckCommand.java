package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.config.PolicySource;
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
import dev.pipgate.report.EnvCheckJson;
import dev.pipgate.report.Format;
import dev.pipgate.report.Reporters;
import dev.pipgate.report.RuleInfo;
import dev.pipgate.review.ConfigResolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipgate env-check --prefix DIR}: checks an installed environment from its files. */
@Command(
    name = "env-check",
    mixinStandardHelpOptions = true,
    description =
        "Reads an installed conda prefix or virtualenv (conda-meta, site-packages and the user"
            + " site, without running conda or pip) and reports packages installed by both conda"
            + " and pip,"
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
      description = "text, markdown, json or sarif (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report here.")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "error, warning or never (default: the config's fail-on, else error).")
  String failOn;

  @Option(
      names = "--severity",
      paramLabel = "RULE=LEVEL",
      description = "Set a rule's severity (error, warning, note or off); repeatable.")
  List<String> severities = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file whose rules: and fail-on: apply (default: .github/pipgate.yml in the"
              + " working directory, when there is one).")
  String config;

  @Option(
      names = "--policy-file",
      paramLabel = "FILE",
      description = "The shared policy the config's extends: names, from a local copy.")
  String policyFile;

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
    FailLevel level = null;
    if (failOn != null) {
      level = FailLevel.fromId(failOn).orElse(null);
      if (level == null) {
        problems.add("--fail-on must be error, warning or never, not '" + failOn + "'");
      }
    }
    Format shown = Format.fromId(format).orElse(null);
    if (shown == null) {
      problems.add("--format must be text, markdown, json or sarif, not '" + format + "'");
    }
    Map<String, Optional<Severity>> overrides = severityFlags(severities, problems);
    if (!problems.isEmpty()) {
      problems.forEach(p -> context.err().println("pipgate: " + p));
      return Main.BAD_INPUT;
    }
    Optional<Config> fileConfig = config();
    if (level == null) {
      level = fileConfig.map(Config::failOn).orElse(FailLevel.ERROR);
    }
    Map<String, Optional<Severity>> levels = new HashMap<>();
    fileConfig.ifPresent(c -> levels.putAll(c.severities()));
    levels.putAll(overrides);
    EnvCheck.Options options =
        new EnvCheck.Options(python, platform, null, null, levels)
            .withEnvironment(interpreterEnvironment(context));
    if (pipReport != null) {
      options = options.withPipReport(PipReport.read(pipReport, read(pipReport)));
    }
    if (against != null) {
      options = options.withAgainst(readEnvFile(against));
    }
    EnvCheckResult result = EnvCheck.run(context.resolve(prefix), options);
    result =
        new EnvCheckResult(
            prefix, result.python(), result.distributions(), result.findings(), result.userSite());
    String text = render(result, shown, level);
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
   * The environment check in a format: JSON has its own shape (with the distributions); the others
   * are the review's reporters, text with one line first saying what was read.
   */
  static String render(EnvCheckResult result, Format format, FailLevel failOn) {
    return switch (format) {
      case JSON -> EnvCheckJson.render(result, failOn);
      case SARIF -> Reporters.of(Format.SARIF, ruleInfos(), "").render(result.asReview(failOn));
      case MARKDOWN -> Reporters.of(Format.MARKDOWN).render(result.asReview(failOn));
      case TEXT ->
          "pipgate env-check: "
              + result.distributions().size()
              + " distributions in "
              + printable(result.prefix())
              + (result.python().isEmpty() ? "" : " (Python " + printable(result.python()) + ")")
              + (result.fromUserSite() == 0
                  ? ""
                  : ", "
                      + result.fromUserSite()
                      + " of them from the user site "
                      + printable(result.userSite()))
              + "\n"
              + Reporters.of(Format.TEXT).render(result.asReview(failOn));
    };
  }

  /**
   * The variables the prefix's interpreter would run with: this process's, with a relative {@code
   * PYTHONUSERBASE} made absolute against the working directory, as Python would resolve it there.
   */
  static Map<String, String> interpreterEnvironment(CliContext context) {
    Map<String, String> env = new HashMap<>(context.env());
    String base = env.get("PYTHONUSERBASE");
    if (base != null && !base.isEmpty()) {
      try {
        env.put("PYTHONUSERBASE", context.resolve(base).toString());
      } catch (java.nio.file.InvalidPathException e) {
        // Not a path on this system: left as it is, and found nowhere.
      }
    }
    return env;
  }

  /** The environment check's rules for SARIF's rule metadata. */
  static List<RuleInfo> ruleInfos() {
    List<RuleInfo> out = new ArrayList<>();
    EnvRules.SUMMARIES.forEach(
        (id, summary) -> out.add(new RuleInfo(id, EnvRules.DEFAULTS.get(id), summary)));
    return out;
  }

  /** {@code --severity RULE=LEVEL} flags; problems are added to {@code problems}. */
  static Map<String, Optional<Severity>> severityFlags(List<String> flags, List<String> problems) {
    Map<String, Optional<Severity>> out = new LinkedHashMap<>();
    for (String s : flags) {
      int eq = s.indexOf('=');
      String rule = eq < 0 ? s : s.substring(0, eq).strip();
      String word = eq < 0 ? "" : s.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      Optional<Severity> sev = Severity.fromId(word);
      if (!EnvRules.DEFAULTS.containsKey(rule)) {
        problems.add("--severity: unknown rule '" + rule + "'");
      } else if (word.equals("off")) {
        out.put(rule, Optional.empty());
      } else if (sev.isEmpty()) {
        problems.add("--severity " + s + ": the level must be error, warning, note or off");
      } else {
        out.put(rule, sev);
      }
    }
    return out;
  }

  /** The config file named by {@code --config}, else the working directory's, if any. */
  private Optional<Config> config() {
    String file = config;
    if (file == null) {
      if (!Files.isRegularFile(context.resolve(Config.DEFAULT_PATH))) {
        return Optional.empty();
      }
      file = Config.DEFAULT_PATH;
    }
    byte[] bytes = read(file);
    // The same resolution as a review's: the policy the file extends first, then the file.
    return Optional.of(
        ConfigResolution.resolve(
            null,
            null,
            file,
            Optional.of(Map.entry(file, bytes)),
            Map.of(),
            Optional.empty(),
            ReviewOptions.policyFile(context, policyFile, PolicySource.NONE)));
  }

  /** Control characters of a path shown in the text report's first line, as {@code ?}. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return b.toString();
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
