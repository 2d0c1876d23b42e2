package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.config.PolicySource;
import dev.pipgate.model.InputException;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.names.CondaNames;
import dev.pipgate.report.Format;
import dev.pipgate.report.Reporters;
import dev.pipgate.report.RuleInfo;
import dev.pipgate.review.ConfigChange;
import dev.pipgate.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every review-like command shares: config, output format and fail level. */
final class ReviewOptions {
  /** Where the container image keeps the conda-forge name mapping it downloads at build time. */
  static final String MAPPING_ENV = "PIPGATE_MAPPING_FILE";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file to use instead of .github/pipgate.yml from the repository.")
  String config;

  @Option(
      names = "--policy-file",
      paramLabel = "FILE",
      description =
          "The shared policy the config's extends: names (OWNER/REPO/PATH@REF), from a local copy"
              + " (the action reads it through GitHub's API).")
  String policyFile;

  @Option(
      names = "--env-file",
      paramLabel = "GLOB",
      description = "Env file pattern (repeatable; replaces the configured list).")
  List<String> envFiles;

  @Option(
      names = "--notes-file",
      paramLabel = "PATH",
      description = "Notes file path in the repository (default: requirements-notes.md).")
  String notesFile;

  @Option(
      names = "--mapping-file",
      paramLabel = "FILE",
      description = "conda-forge → PyPI name mapping (parselmouth compressed_mapping.json).")
  String mappingFile;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), markdown, json or sarif.")
  String format = "text";

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description = "error (default), warning or never.")
  String failOn;

  String configPath() {
    return Config.DEFAULT_PATH;
  }

  Optional<Map.Entry<String, byte[]>> explicitConfig(CliContext context) {
    return ReviewCommand.readFile(context, config);
  }

  /** Policies for the review: the --policy-file copy stands for the reference the config names. */
  PolicySource policies(CliContext context) {
    return policyFile(context, policyFile, PolicySource.NONE);
  }

  /**
   * A local copy of the shared policy ({@code --policy-file}) when given, else {@code otherwise}.
   */
  static PolicySource policyFile(CliContext context, String file, PolicySource otherwise) {
    if (file == null) {
      return otherwise;
    }
    byte[] bytes = ReviewCommand.readFile(context, file).orElseThrow().getValue();
    return ref -> bytes;
  }

  Map<String, String> overrides() {
    Map<String, String> out = new LinkedHashMap<>();
    if (envFiles != null) {
      out.put("env-files", String.join(",", envFiles));
    }
    if (notesFile != null) {
      out.put("notes-file", notesFile);
    }
    if (mappingFile != null) {
      out.put("mapping-file", mappingFile);
    }
    if (failOn != null) {
      out.put("fail-on", failOn);
    }
    return out;
  }

  Format format() {
    return Format.fromId(format)
        .orElseThrow(
            () ->
                InputException.general(
                    "--format must be text, markdown, json or sarif, not '" + format + "'"));
  }

  /** The name mapping: the configured file, else the image's, else the built-in exceptions. */
  CondaNames names(CliContext context, Config config) {
    String file =
        config.mappingFile() != null ? config.mappingFile() : context.env().get(MAPPING_ENV);
    if (file == null || file.isBlank()) {
      return CondaNames.builtIn();
    }
    Path p = context.resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new InputException(file, 0, "conda name mapping file not found");
    }
    return CondaNames.load(p, file);
  }

  /** What went wrong with a file, without the exception's class name or a repeated path. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way of a directory on its path";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }

  static List<RuleInfo> ruleInfos() {
    List<RuleInfo> out = new java.util.ArrayList<>();
    RuleSet.all().forEach(r -> out.add(new RuleInfo(r.id(), r.defaultSeverity(), r.summary())));
    out.add(new RuleInfo(ConfigChange.ID, ConfigChange.DEFAULT_SEVERITY, ConfigChange.SUMMARY));
    return List.copyOf(out);
  }

  /** Renders the report where asked and returns the exit code. */
  int emit(CliContext context, ReviewReport report) throws IOException {
    String text = Reporters.of(format(), ruleInfos(), "").render(report);
    if (output != null) {
      Path p = context.resolve(output);
      try {
        if (p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
        Files.writeString(p, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException(output, 0, "cannot write the report: " + reason(e));
      }
    } else {
      context.out().print(text);
      context.out().flush();
    }
    return report.passed() ? Main.PASS : Main.FINDINGS;
  }
}
