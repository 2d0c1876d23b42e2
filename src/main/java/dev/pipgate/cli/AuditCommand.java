package dev.pipgate.cli;

import dev.pipgate.config.PolicySource;
import dev.pipgate.git.GitRepo;
import dev.pipgate.github.GitHubOrganisation;
import dev.pipgate.model.AuditReport;
import dev.pipgate.model.InputException;
import dev.pipgate.names.CondaNames;
import dev.pipgate.report.AuditFormats;
import dev.pipgate.review.Audit;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "audit",
    versionProvider = Main.Version.class,
    description = {
      "List every pip entry at the default branch's head of many repositories, with the state of"
          + " its justification (justified, incomplete, missing, allowed), per-repository totals"
          + " and a roll-up.",
      "Read local clones (--repos DIR...) or an organisation through GitHub's API (--org NAME,"
          + " read-only: GITHUB_TOKEN, a GitHub App installation token; GITHUB_API_URL for GitHub"
          + " Enterprise Server). A repository that cannot be read is a row with the reason."
    },
    subcommands = {AuditCommand.Merge.class})
final class AuditCommand implements Callable<Integer> {
  static final int MAX_SHARDS = 256;

  private final CliContext context;

  @Option(
      names = "--repos",
      arity = "1..*",
      paramLabel = "DIR",
      description = "Local clones, each audited at --ref.")
  List<String> repos;

  @Option(
      names = "--org",
      paramLabel = "NAME",
      description = "An organisation, read through the API.")
  String org;

  @Option(
      names = "--ref",
      paramLabel = "REV",
      description =
          "With --repos: the revision to audit (default HEAD, the clone's checked-out branch).")
  String ref = "HEAD";

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description = "Only the K-th of N shares of the repositories, by name (1 <= K <= N <= 256).")
  String shard;

  @Option(
      names = "--policy-file",
      paramLabel = "FILE",
      description = "The shared policy the repositories extend, from a local copy.")
  String policyFile;

  @Mixin final Output out = new Output();

  AuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Function<AuditReport, String> writer = out.writer();
    if ((repos == null) == (org == null)) {
      throw InputException.general("audit: give either --repos DIR... or --org NAME");
    }
    int[] share = shard == null ? new int[] {1, 1} : shard(shard);
    List<AuditReport.Repository> rows = new ArrayList<>();
    if (repos != null) {
      Audit audit = new Audit(CondaNames.builtIn(), LocalDate.now(), policies(PolicySource.NONE));
      List<String> mine = share(repos, d -> d, share);
      for (String dir : mine) {
        rows.add(local(audit, dir));
      }
      rows = distinctNames(rows, mine);
    } else {
      String token = context.env().get("GITHUB_TOKEN");
      if (token == null || token.isBlank()) {
        throw InputException.general(
            "audit --org reads the organisation through GitHub's API: set GITHUB_TOKEN to a GitHub"
                + " App installation token (or one with 'contents: read' on its repositories)");
      }
      URI api = URI.create(context.env().getOrDefault("GITHUB_API_URL", "https://api.github.com"));
      GitHubOrganisation gh = GitHubOrganisation.connect(api, token.strip());
      Audit audit = new Audit(CondaNames.builtIn(), LocalDate.now(), policies(gh.policySource()));
      List<GitHubOrganisation.Repository> all = gh.repositories(org);
      for (GitHubOrganisation.Repository r :
          share(all, GitHubOrganisation.Repository::fullName, share)) {
        try {
          rows.add(audit.repository(r.fullName(), gh.defaultBranch(r)));
        } catch (GitHubOrganisation.Unavailable e) {
          rows.add(AuditReport.Repository.skipped(r.fullName(), e.getMessage()));
        }
      }
      context
          .err()
          .println(
              "pipgate: audit: "
                  + gh.requests()
                  + " API requests for "
                  + rows.size()
                  + " repositories");
    }
    out.write(context, writer, new AuditReport(rows));
    return Main.PASS;
  }

  private PolicySource policies(PolicySource otherwise) {
    return ReviewOptions.policyFile(context, policyFile, otherwise);
  }

  /**
   * One clone, named by its {@code origin} remote ({@code owner/name}) when it has one, else by the
   * directory as given. Its own directory must be the repository, not a folder inside another one.
   */
  private AuditReport.Repository local(Audit audit, String given) {
    Path dir = context.resolve(given);
    String shown = given.replaceAll("(/\\.git)?/+$", "");
    if (!Files.isDirectory(dir)) {
      return AuditReport.Repository.skipped(shown, "no such directory");
    }
    if (!Files.exists(dir.resolve(".git"))
        && !(Files.isRegularFile(dir.resolve("HEAD"))
            && Files.isDirectory(dir.resolve("objects")))) {
      return AuditReport.Repository.skipped(shown, "not a git repository");
    }
    try (GitRepo git = GitRepo.open(dir)) {
      String name = git.originUrl().flatMap(AuditCommand::ownerAndName).orElse(shown);
      if (!git.hasCommits()) {
        return AuditReport.Repository.skipped(name, "empty repository (no commits)");
      }
      try {
        return audit.repository(name, git.tree(git.resolve(ref)));
      } catch (InputException e) {
        return AuditReport.Repository.skipped(name, e.oneLine());
      }
    } catch (InputException e) {
      return AuditReport.Repository.skipped(shown, e.oneLine());
    }
  }

  /** A remote on a server: scheme://host/PATH or user@host:PATH. */
  private static final java.util.regex.Pattern REMOTE =
      java.util.regex.Pattern.compile(
          "(?:[A-Za-z][A-Za-z0-9+.-]*://[^/]+/|[^@/\\s]+@[^:/\\s]+:)(.*?)(?:\\.git)?/*");

  /** {@code owner/name} of a remote on a server (https, ssh or scp-like), if it reads as one. */
  static Optional<String> ownerAndName(String url) {
    java.util.regex.Matcher m = REMOTE.matcher(url.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String[] parts = m.group(1).split("/");
    return parts.length < 2
            || parts[parts.length - 2].isEmpty()
            || parts[parts.length - 1].isEmpty()
        ? Optional.empty()
        : Optional.of(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
  }

  /** Two clones of one repository keep apart: each is named also by where it is. */
  private static List<AuditReport.Repository> distinctNames(
      List<AuditReport.Repository> rows, List<String> dirs) {
    Map<String, Integer> count = new java.util.HashMap<>();
    rows.forEach(r -> count.merge(r.name(), 1, Integer::sum));
    List<AuditReport.Repository> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      AuditReport.Repository r = rows.get(i);
      out.add(
          count.get(r.name()) == 1
              ? r
              : new AuditReport.Repository(
                  r.name() + " (" + dirs.get(i) + ")", r.revision(), r.reason(), r.entries()));
    }
    return out;
  }

  static int[] shard(String text) {
    String[] p = text.split("/", -1);
    try {
      int k = Integer.parseInt(p[0].strip());
      int n = Integer.parseInt(p[1].strip());
      if (p.length == 2 && k >= 1 && k <= n && n <= MAX_SHARDS) {
        return new int[] {k, n};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // the message below
    }
    throw InputException.general(
        "--shard must be K/N with 1 <= K <= N <= "
            + MAX_SHARDS
            + " (GitHub runs at most 256 jobs of a matrix), not '"
            + text
            + "'");
  }

  /** The K-th share: every N-th item in name order, from the K-th. */
  static <T> List<T> share(List<T> items, Function<T, String> name, int[] kn) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(
        java.util.Comparator.comparing((T t) -> name.apply(t).toLowerCase(Locale.ROOT))
            .thenComparing(name));
    List<T> out = new ArrayList<>();
    for (int i = kn[0] - 1; i < sorted.size(); i += kn[1]) {
      out.add(sorted.get(i));
    }
    return out;
  }

  /** The report's form and where it goes, for {@code audit} and {@code audit merge} alike. */
  static final class Output {
    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "markdown (default), json or csv.")
    String format = "markdown";

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "Write to FILE instead of standard output.")
    String output;

    /** Checked before any work, so that a wrong format costs nothing. */
    Function<AuditReport, String> writer() {
      return switch (format) {
        case "json" -> AuditFormats::json;
        case "markdown" -> AuditFormats::markdown;
        case "csv" -> AuditFormats::csv;
        default ->
            throw InputException.general(
                "--format must be markdown, json or csv, not '" + format + "'");
      };
    }

    void write(CliContext context, Function<AuditReport, String> writer, AuditReport report)
        throws IOException {
      String text = writer.apply(report);
      if (output == null) {
        context.out().print(text);
        context.out().flush();
        return;
      }
      try {
        Files.writeString(context.resolve(output), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException(output, 0, "cannot write: " + e.getMessage());
      }
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "merge",
      versionProvider = Main.Version.class,
      description =
          "Merge shard reports (audit --format json) into one: the same shards in any order give"
              + " the same report.")
  static final class Merge implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Shard reports (JSON).")
    List<String> files;

    @Mixin final Output out = new Output();

    Merge(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Function<AuditReport, String> writer = out.writer();
      Map<String, AuditReport> shards = new LinkedHashMap<>();
      List<String> sorted = new ArrayList<>(files);
      sorted.sort(null);
      for (String f : sorted) {
        byte[] bytes = ReviewCommand.readFile(context, f).orElseThrow().getValue();
        shards.put(f, AuditFormats.readJson(f, bytes));
      }
      out.write(context, writer, AuditReport.merge(shards));
      return Main.PASS;
    }
  }
}
