package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.git.FileChange;
import dev.pipgate.git.GitRepo;
import dev.pipgate.model.InputException;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.SourceTree;
import dev.pipgate.names.CondaNames;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.review.Review;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "review",
    versionProvider = Main.Version.class,
    description = {
      "Review the env files and notes between two revisions (or two directories) and gate every"
          + " new pip entry.",
      "Exit codes: 0 pass, 1 findings at or above --fail-on, 2 usage or unreadable input."
    },
    sortOptions = false)
final class ReviewCommand implements Callable<Integer> {
  /** The {@code --head} value that reads the working tree instead of a commit. */
  static final String WORKTREE = "WORKTREE";

  private final CliContext context;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Git repository (default: the current directory).")
  String repo;

  @Option(
      names = "--base",
      paramLabel = "REV",
      description = "Base revision (default: merge-base of head and the remote default branch).")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "Head revision (default: HEAD; WORKTREE reads the working tree).")
  String head;

  @Option(
      names = "--base-dir",
      paramLabel = "DIR",
      description = "Review between two directories instead of two revisions: the base side.")
  String baseDir;

  @Option(
      names = "--head-dir",
      paramLabel = "DIR",
      description = "The head side of a directory review.")
  String headDir;

  @Option(
      names = "--all",
      description =
          "Every pip entry at head counts as new (adopting pipgate in a repo that already has pip entries).")
  boolean all;

  @Mixin final ReviewOptions options = new ReviewOptions();

  ReviewCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    ReviewReport report = run();
    return options.emit(context, report);
  }

  ReviewReport run() {
    Review.Sides sides = sides();
    Config config =
        ConfigResolution.resolve(
            sides.base(),
            sides.head(),
            options.configPath(),
            options.explicitConfig(context),
            options.overrides(),
            Optional.empty(),
            options.policies(context));
    CondaNames names = options.names(context, config);
    return new Review(config, names, LocalDate.now()).run(sides, all);
  }

  private Review.Sides sides() {
    if (baseDir != null || headDir != null) {
      if (baseDir == null && !all || headDir == null) {
        throw InputException.general(
            "--base-dir and --head-dir go together (or --head-dir with --all)");
      }
      if (repo != null || base != null || head != null) {
        throw InputException.general(
            "--base-dir/--head-dir cannot be combined with --repo, --base or --head");
      }
      SourceTree headTree = directory(headDir);
      SourceTree baseTree = baseDir == null ? null : directory(baseDir);
      return new Review.Sides(baseTree, headTree, Map.of());
    }
    Path dir = context.resolve(repo == null ? "." : repo);
    try (GitRepo git = GitRepo.open(dir)) {
      boolean worktree = WORKTREE.equals(head);
      var headId = git.resolve(worktree || head == null ? "HEAD" : head);
      SourceTree headTree = worktree ? git.worktree() : git.tree(headId);
      if (all && base == null) {
        return new Review.Sides(null, headTree, Map.of());
      }
      var baseId = base != null ? git.resolve(base) : git.defaultBase(headId);
      List<FileChange> changes = git.changes(baseId, headId);
      // The working tree may differ from HEAD anywhere: there, a path is touched when its bytes
      // differ from the base's.
      return new Review.Sides(
          git.tree(baseId),
          headTree,
          FileChange.renames(changes),
          worktree ? Optional.empty() : Optional.of(FileChange.paths(changes)));
    }
  }

  private SourceTree directory(String d) {
    Path p = context.resolve(d);
    if (!Files.isDirectory(p)) {
      throw InputException.general("not a directory: " + d);
    }
    return new AsGiven(new DirectoryTree(p), d);
  }

  /**
   * A directory side described in reports as the user wrote it: the resolved absolute path would
   * put the runner's file layout into pull request comments and make reports differ per machine.
   */
  private record AsGiven(SourceTree tree, String given) implements SourceTree {
    @Override
    public Optional<byte[]> read(String path) {
      return tree.read(path);
    }

    @Override
    public List<String> list() {
      return tree.list();
    }

    @Override
    public String describe() {
      return given;
    }
  }

  static Optional<Map.Entry<String, byte[]>> readFile(CliContext context, String path) {
    if (path == null) {
      return Optional.empty();
    }
    Path p = context.resolve(path);
    if (Files.isDirectory(p)) {
      throw new InputException(path, 0, "is a directory, not a file");
    }
    if (!Files.exists(p)) {
      throw new InputException(path, 0, "no such file");
    }
    try {
      if (Files.size(p) > SourceTree.MAX_FILE_BYTES) {
        throw new InputException(path, 0, "file is too large");
      }
      return Optional.of(new AbstractMap.SimpleEntry<>(path, Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read: " + e.getMessage());
    }
  }
}
