package dev.pipgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.config.Config;
import dev.pipgate.config.PolicyRef;
import dev.pipgate.config.PolicySource;
import dev.pipgate.envcheck.PipDryRun;
import dev.pipgate.git.FileChange;
import dev.pipgate.git.GitRepo;
import dev.pipgate.github.ActionCommands;
import dev.pipgate.github.ActionEnvironment;
import dev.pipgate.github.EventPayload;
import dev.pipgate.github.FindingComments;
import dev.pipgate.github.GitHubPublisher;
import dev.pipgate.github.Publication;
import dev.pipgate.github.PublishResult;
import dev.pipgate.model.Finding;
import dev.pipgate.model.InputException;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import dev.pipgate.names.CondaNames;
import dev.pipgate.report.Format;
import dev.pipgate.report.MarkdownReporter;
import dev.pipgate.report.ReportJsonReader;
import dev.pipgate.report.Reporters;
import dev.pipgate.report.RuleInfo;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.review.Review;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;

/**
 * The GitHub Action: reads the workflow's environment and event, reviews the change, publishes the
 * result on the pull request, and exits with the verdict so branch protection can block the merge.
 * It only ever reads the repository's files; it never runs code from the pull request.
 *
 * <p>Modes (input {@code mode}): {@code full} reviews and publishes; {@code compute} reviews and
 * saves the result to a file (the untrusted {@code pull_request} half of the fork-safe pair);
 * {@code publish} publishes a saved result (the {@code workflow_run} half, with a write token).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "action",
    description =
        "Run as a GitHub Action: read GITHUB_* and INPUT_* variables and the event, review the"
            + " change and publish the result.")
final class ActionCommand implements Callable<Integer> {
  /** Inputs this action declares (action.yml), without the {@code INPUT_} prefix. */
  static final Set<String> INPUTS =
      Set.of(
          "github-token",
          "env-files",
          "notes-file",
          "config",
          "fail-on",
          "comment-mode",
          "review-event",
          "check-run",
          "env-check",
          "env-prefix",
          "sarif-file",
          "report-file",
          "mode",
          "mapping-file",
          "policy-token",
          "all");

  static final String DEFAULT_REPORT_FILE = "pipgate-report.json";
  static final String DEFAULT_ENV_PREFIX = "/opt/conda";
  static final String RESULT_VERSION = "1";

  private final CliContext context;
  private GitHubPublisher github;

  ActionCommand(CliContext context) {
    this.context = context;
  }

  /** The validated inputs; every problem is collected and reported at once. */
  record Inputs(
      String mode,
      Publication.CommentMode commentMode,
      Publication.ReviewEvent reviewEvent,
      boolean checkRun,
      boolean envCheck,
      String envPrefix,
      boolean all,
      String configPath,
      String sarifFile,
      String reportFile,
      Map<String, String> overrides,
      Optional<PolicyRef> policy,
      Optional<String> policyToken) {}

  @Override
  public Integer call() throws IOException {
    ActionEnvironment env = ActionEnvironment.from(context.env());
    ActionCommands commands = new ActionCommands(context.out());
    env.token().ifPresent(commands::mask);
    Inputs inputs = inputs(env);
    inputs.policyToken().ifPresent(commands::mask);
    if (inputs.mode().equals("publish")) {
      return publishSaved(env, commands, inputs);
    }
    Path workspace =
        env.workspace()
            .orElseThrow(
                () ->
                    InputException.general(
                        "GITHUB_WORKSPACE is not set: run pipgate as a GitHub Action step after actions/checkout"));
    EventPayload event = env.event();
    Change change = change(env, event, workspace, inputs);
    ReviewReport report = change.report();

    List<String> warnings = new ArrayList<>();
    writeLocalResults(env, commands, inputs, workspace, change.headSha(), report);
    if (inputs.mode().equals("compute")) {
      writeResult(workspace, inputs, env, change, report);
    } else {
      warnings.addAll(publish(env, inputs, change.pullRequest(), change.headSha(), report));
    }
    for (String w : warnings) {
      commands.warning(w);
    }
    return report.passed() ? Main.PASS : Main.FINDINGS;
  }

  /** What is compared, and the review of it. */
  record Change(OptionalInt pullRequest, String headSha, ReviewReport report) {}

  private Change change(ActionEnvironment env, EventPayload event, Path workspace, Inputs inputs) {
    try (GitRepo git = GitRepo.open(workspace)) {
      ObjectId head;
      ObjectId base;
      OptionalInt pr = OptionalInt.empty();
      if (event instanceof EventPayload.PullRequest p) {
        head = git.resolve(p.headSha());
        // GitHub shows a pull request's diff against the merge base (three dots): so does pipgate.
        base = git.mergeBase(git.resolve(p.baseSha()), head);
        pr = OptionalInt.of(p.number());
      } else if (event instanceof EventPayload.MergeGroup m) {
        head = git.resolve(m.headSha());
        base = git.resolve(m.baseSha());
      } else if (event instanceof EventPayload.Push p) {
        head = git.resolve(p.after());
        base = p.newBranch() ? git.defaultBase(head) : git.resolve(p.before());
      } else if (event instanceof EventPayload.WorkflowDispatch) {
        head = git.resolve(env.sha().orElse("HEAD"));
        base = git.defaultBase(head);
      } else {
        throw InputException.general(
            "a workflow_run event publishes a saved result: set the input mode: publish");
      }
      List<FileChange> changes = git.changes(base, head);
      Review.Sides sides =
          new Review.Sides(
              git.tree(base),
              git.tree(head),
              FileChange.renames(changes),
              Optional.of(FileChange.paths(changes)));
      Config config =
          ConfigResolution.resolve(
              sides.base(),
              sides.head(),
              inputs.configPath(),
              Optional.empty(),
              inputs.overrides(),
              inputs.policy(),
              ref -> policies(env, inputs).read(ref));
      CondaNames names = new ReviewOptions().names(context, config);
      ReviewReport report =
          new Review(config, names, LocalDate.now(), inputs.configPath())
              .withPolicies(ref -> policies(env, inputs).read(ref))
              .run(sides, inputs.all());
      if (inputs.envCheck()) {
        report = withEnvCheck(report, config, sides, inputs.envPrefix());
      }
      return new Change(pr, head.name(), report);
    }
  }

  /**
   * The review with the environment check's findings added: the installed prefix's own, and what
   * the change's new pip entries would do to it (a pip dry run), so they share one summary, check
   * run and exit code.
   */
  private ReviewReport withEnvCheck(
      ReviewReport report, Config config, Review.Sides sides, String prefix) {
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.addAll(
        ActionEnvCheck.findings(
            context.resolve(prefix),
            prefix,
            config,
            sides,
            report.pipChanges(),
            context.env(),
            PipDryRun.DEFAULT_TIMEOUT));
    return new ReviewReport(
        report.base(),
        report.head(),
        report.notesFile(),
        findings,
        report.pipChanges(),
        report.failOn(),
        report.scope());
  }

  /** Job summary, annotations, report files and step outputs: written whatever GitHub allows. */
  private void writeLocalResults(
      ActionEnvironment env,
      ActionCommands commands,
      Inputs inputs,
      Path workspace,
      String headSha,
      ReviewReport report)
      throws IOException {
    for (Finding f : report.findings()) {
      ActionCommands.Level level =
          report.failOn().fails(f.severity())
              ? ActionCommands.Level.ERROR
              : f.severity() == Severity.NOTE
                  ? ActionCommands.Level.NOTICE
                  : ActionCommands.Level.WARNING;
      commands.annotate(
          level, f.location().file(), f.location().line(), "pipgate " + f.ruleId(), f.message());
    }
    // The job summary's links resolve against the run's page, not the repository: absolute ones.
    String markdown = new MarkdownReporter(notesLinkBase(env, headSha)).render(report);
    Optional<Path> summary = env.stepSummaryFile();
    if (summary.isPresent()) {
      ActionCommands.appendStepSummary(summary.get(), markdown);
    }
    writeFile(workspace.resolve(inputs.reportFile()), Reporters.of(Format.JSON).render(report));
    if (!inputs.sarifFile().isEmpty()) {
      writeFile(
          workspace.resolve(inputs.sarifFile()),
          Reporters.of(Format.SARIF, ruleInfos(inputs), "").render(report));
    }
    Optional<Path> out = env.outputFile();
    if (out.isPresent()) {
      ActionCommands.setOutput(out.get(), "verdict", report.verdict());
      ActionCommands.setOutput(out.get(), "blocking-count", Long.toString(report.blockingCount()));
      ActionCommands.setOutput(out.get(), "unjustified", unjustified(report));
      ActionCommands.setOutput(out.get(), "report-json", inputs.reportFile());
      ActionCommands.setOutput(out.get(), "sarif-file", inputs.sarifFile());
    }
  }

  /** The review's rules, and the environment check's when it runs. */
  private static List<RuleInfo> ruleInfos(Inputs inputs) {
    List<RuleInfo> rules = new ArrayList<>(ReviewOptions.ruleInfos());
    if (inputs.envCheck()) {
      rules.addAll(EnvCheckCommand.ruleInfos());
    }
    return rules;
  }

  static String unjustified(ReviewReport report) {
    return report.findings().stream()
        .filter(
            f ->
                f.ruleId().equals("unjustified-pip")
                    || f.ruleId().equals("incomplete-justification"))
        .filter(f -> f.packageName() != null && report.failOn().fails(f.severity()))
        .map(Finding::packageName)
        .distinct()
        .sorted()
        .collect(Collectors.joining(","));
  }

  /** Publishes on GitHub; returns the warnings to show. Never throws for GitHub's answers. */
  private List<String> publish(
      ActionEnvironment env, Inputs inputs, OptionalInt pr, String headSha, ReviewReport report) {
    Optional<String> token = env.token();
    if (token.isEmpty()) {
      return List.of(
          "no GitHub token (input github-token): the result is only in the job summary,"
              + " annotations and exit code");
    }
    if (!inputs.checkRun()
        && (pr.isEmpty() || inputs.commentMode() == Publication.CommentMode.OFF)) {
      return List.of();
    }
    MarkdownReporter markdown = new MarkdownReporter(notesLinkBase(env, headSha));
    boolean inline = pr.isPresent() && inputs.commentMode() == Publication.CommentMode.REVIEW;
    MarkdownReporter.Summary summary =
        markdown.pullRequestSummary(
            report, f -> inline && f.mark().commentable() && f.location().line() > 0);
    // Blocking findings fail the check; findings below the fail level make it neutral (branch
    // protection accepts neutral), none at all (or notes only) make it a success.
    boolean noticeable =
        report.findings().stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING));
    Publication.Conclusion conclusion =
        !report.passed()
            ? Publication.Conclusion.FAILURE
            : noticeable ? Publication.Conclusion.NEUTRAL : Publication.Conclusion.SUCCESS;
    String title =
        !report.passed()
            ? "fail: " + report.blockingCount() + " blocking finding(s)"
            : report.findings().isEmpty()
                ? "pass: " + report.nothingReviewed().orElse("no findings")
                : "pass: " + report.findings().size() + " finding(s) below the fail level";
    Publication publication =
        new Publication(
            env.owner(),
            env.repositoryName(),
            inputs.commentMode() == Publication.CommentMode.OFF ? OptionalInt.empty() : pr,
            headSha,
            inline ? FindingComments.inlineComments(report) : List.of(),
            new Publication.SummaryComment(summary.head(), summary.entries()),
            new Publication.CheckOutcome(
                conclusion,
                title,
                summary.head(),
                markdown.render(report),
                FindingComments.annotations(report)),
            inputs.reviewEvent() == Publication.ReviewEvent.REQUEST_CHANGES && !report.passed()
                ? Publication.ReviewEvent.REQUEST_CHANGES
                : Publication.ReviewEvent.COMMENT,
            inputs.commentMode(),
            inputs.checkRun());
    PublishResult result = github(env, token.get()).publish(publication);
    // The warnings already say what failed (a read-only token in one fork-safe warning); the
    // requests GitHub refused go to the log only, or a fork run would show four warnings.
    for (String line : result.notPosted()) {
      context.out().println("pipgate: not posted: " + line.replaceAll("[\\r\\n]+", " "));
    }
    return result.warnings();
  }

  /**
   * Where shared policies are read: with policy-token when given (a private policy repository),
   * else through the run's connection and its token.
   */
  private PolicySource policies(ActionEnvironment env, Inputs inputs) {
    if (inputs.policyToken().isPresent()) {
      if (policyReader == null) {
        policyReader = GitHubPublisher.connect(env.apiUrl(), inputs.policyToken().get());
      }
      return policyReader.policySource();
    }
    String token =
        env.token()
            .orElseThrow(
                () ->
                    InputException.general(
                        "a shared policy is read through GitHub's API: give input github-token or"
                            + " policy-token (with 'contents: read' on the policy's repository)"));
    return github(env, token).policySource();
  }

  private GitHubPublisher policyReader;

  /** The run's one connection to GitHub: the pull request check and the publication share it. */
  private GitHubPublisher github(ActionEnvironment env, String token) {
    if (github == null) {
      github = GitHubPublisher.connect(env.apiUrl(), token);
    }
    return github;
  }

  /** Links to the notes at the reviewed commit; GITHUB_SERVER_URL makes them work on GHES. */
  private static String notesLinkBase(ActionEnvironment env, String headSha) {
    return env.serverUrl()
        .map(server -> server + "/" + env.repository() + "/blob/" + headSha + "/")
        .orElse("");
  }

  /** The compute half of the fork-safe pair: saves what the publish half needs. */
  private void writeResult(
      Path workspace, Inputs inputs, ActionEnvironment env, Change change, ReviewReport report)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("pipgateResult", RESULT_VERSION);
    root.put("repository", env.repository());
    if (change.pullRequest().isPresent()) {
      root.put("pullRequest", change.pullRequest().getAsInt());
    }
    root.put("headSha", change.headSha());
    root.set("report", json.readTree(Reporters.of(Format.JSON).render(report)));
    writeFile(
        workspace.resolve(resultFile(inputs)),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** Report inputs may name a folder ({@code reports/pipgate.json}) the checkout does not have. */
  private static void writeFile(Path file, String text) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String resultFile(Inputs inputs) {
    return inputs.reportFile().replaceAll("\\.json$", "") + "-result.json";
  }

  /**
   * The publish half: the saved result came from a run on untrusted code, so it is read as hostile
   * input, and it is published only on the pull request whose head is the commit GitHub says that
   * run reviewed.
   */
  private int publishSaved(ActionEnvironment env, ActionCommands commands, Inputs inputs)
      throws IOException {
    if (!(env.event() instanceof EventPayload.WorkflowRun run)) {
      throw InputException.general("mode: publish runs on workflow_run events only");
    }
    Path workspace = env.workspace().orElse(context.cwd());
    String file = resultFile(inputs);
    Path path = workspace.resolve(file);
    if (!Files.isRegularFile(path) || Files.size(path) > 50L * 1024 * 1024) {
      throw new InputException(
          file,
          0,
          "saved pipgate result not found (download the artifact of the pull_request run first)");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new InputException(file, 0, "saved result is not JSON");
    }
    if (root == null || !RESULT_VERSION.equals(root.path("pipgateResult").asText())) {
      throw new InputException(file, 0, "not a pipgate result (version " + RESULT_VERSION + ")");
    }
    String headSha = root.path("headSha").asText("");
    if (!headSha.equals(run.headSha())) {
      throw new InputException(
          file,
          0,
          "saved result is for commit "
              + abbreviate(headSha)
              + ", but the workflow run reviewed "
              + abbreviate(run.headSha()));
    }
    if (!root.path("repository").asText("").equalsIgnoreCase(env.repository())) {
      throw new InputException(file, 0, "saved result is for another repository");
    }
    byte[] reportJson = new ObjectMapper().writeValueAsBytes(root.path("report"));
    ReviewReport report = ReportJsonReader.read(file, reportJson);
    OptionalInt pr = OptionalInt.empty();
    if (root.path("pullRequest").canConvertToInt()) {
      int number = root.path("pullRequest").asInt();
      String token =
          env.token()
              .orElseThrow(
                  () ->
                      InputException.general(
                          "mode: publish needs input github-token with write permission"));
      Optional<String> actual =
          github(env, token).pullRequestHeadSha(env.owner(), env.repositoryName(), number);
      if (actual.isEmpty() || !actual.get().equals(headSha)) {
        throw new InputException(
            file,
            0,
            "pull request #"
                + number
                + " is not at the reviewed commit "
                + abbreviate(headSha)
                + ": not publishing");
      }
      pr = OptionalInt.of(number);
    }
    // The same local results as a full run: annotations, job summary, report files, outputs.
    writeLocalResults(env, commands, inputs, workspace, headSha, report);
    for (String w : publish(env, inputs, pr, headSha, report)) {
      commands.warning(w);
    }
    return report.passed() ? Main.PASS : Main.FINDINGS;
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  Inputs inputs(ActionEnvironment env) {
    List<String> errors = new ArrayList<>();
    Map<String, String> in = new HashMap<>();
    env.inputs().forEach((k, v) -> in.put(k.toLowerCase(Locale.ROOT).replace('_', '-'), v));
    String mode = choice(in, "mode", "full", Set.of("full", "compute", "publish"), errors);
    Publication.CommentMode commentMode =
        Publication.CommentMode.valueOf(
            choice(in, "comment-mode", "review", Set.of("review", "summary", "off"), errors)
                .toUpperCase(Locale.ROOT));
    Publication.ReviewEvent reviewEvent =
        choice(in, "review-event", "comment", Set.of("comment", "request-changes"), errors)
                .equals("request-changes")
            ? Publication.ReviewEvent.REQUEST_CHANGES
            : Publication.ReviewEvent.COMMENT;
    boolean checkRun = bool(in, "check-run", true, errors);
    boolean envCheck = bool(in, "env-check", false, errors);
    // The image's environment unless told otherwise: conda sets CONDA_PREFIX when one is active,
    // and the TensorFlow image installs into /opt/conda.
    String envPrefix =
        nonBlank(in, "env-prefix")
            .or(
                () ->
                    Optional.ofNullable(context.env().get("CONDA_PREFIX"))
                        .filter(p -> !p.isBlank()))
            .orElse(DEFAULT_ENV_PREFIX);
    boolean all = bool(in, "all", false, errors);
    // config is the repository's file, or a shared policy in another repository
    // (OWNER/REPO/PATH@REF) over which the repository's own .github/pipgate.yml is read.
    String configPath = nonBlank(in, "config").orElse(Config.DEFAULT_PATH);
    Optional<PolicyRef> policy = Optional.empty();
    if (configPath.contains("@")) {
      try {
        policy = Optional.of(PolicyRef.parse(configPath));
      } catch (IllegalArgumentException e) {
        errors.add("input config: " + e.getMessage());
      }
      configPath = Config.DEFAULT_PATH;
    }
    String sarif = nonBlank(in, "sarif-file").orElse("");
    String report = nonBlank(in, "report-file").orElse(DEFAULT_REPORT_FILE);
    for (String f : List.of(sarif, report, configPath)) {
      if (f.startsWith("/") || f.contains("..")) {
        errors.add("file inputs are paths inside the workspace: '" + f + "'");
      }
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : List.of("env-files", "notes-file", "fail-on", "mapping-file")) {
      nonBlank(in, key).ifPresent(v -> overrides.put(key, v));
    }
    if (overrides.containsKey("fail-on")
        && !Set.of("error", "warning", "never").contains(overrides.get("fail-on"))) {
      errors.add(
          "input fail-on must be error, warning or never, not '" + overrides.get("fail-on") + "'");
    }
    for (String key : in.keySet()) {
      if (!INPUTS.contains(key)) {
        errors.add("unknown input '" + key + "'");
      }
    }
    if (!errors.isEmpty()) {
      throw InputException.general(
          errors.size()
              + (errors.size() == 1 ? " input error: " : " input errors: ")
              + String.join("; ", errors));
    }
    return new Inputs(
        mode,
        commentMode,
        reviewEvent,
        checkRun,
        envCheck,
        envPrefix,
        all,
        configPath,
        sarif,
        report,
        overrides,
        policy,
        nonBlank(in, "policy-token"));
  }

  private static Optional<String> nonBlank(Map<String, String> in, String key) {
    String v = in.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static String choice(
      Map<String, String> in, String key, String dflt, Set<String> allowed, List<String> errors) {
    String v = nonBlank(in, key).map(s -> s.toLowerCase(Locale.ROOT)).orElse(dflt);
    if (!allowed.contains(v)) {
      errors.add(
          "input "
              + key
              + " must be one of "
              + String.join(", ", new java.util.TreeSet<>(allowed))
              + ", not '"
              + v
              + "'");
      return dflt;
    }
    return v;
  }

  private static boolean bool(
      Map<String, String> in, String key, boolean dflt, List<String> errors) {
    String v = nonBlank(in, key).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    if (v == null) {
      return dflt;
    }
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    errors.add("input " + key + " must be true or false, not '" + v + "'");
    return dflt;
  }
}
