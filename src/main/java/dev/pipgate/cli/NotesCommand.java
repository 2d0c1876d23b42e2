package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.git.FileChange;
import dev.pipgate.git.GitRepo;
import dev.pipgate.model.InputException;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Question;
import dev.pipgate.names.CondaNames;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.parse.NotesScaffold;
import dev.pipgate.parse.TextFiles;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.review.Review;
import dev.pipgate.rules.SectionLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "notes",
    versionProvider = Main.Version.class,
    description = "Work on the notes file.",
    subcommands = {NotesCommand.Scaffold.class})
final class NotesCommand implements Callable<Integer> {
  private final CliContext context;

  NotesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("pipgate: notes: name a command: scaffold");
    return Main.BAD_INPUT;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "scaffold",
      versionProvider = Main.Version.class,
      description = {
        "Append a template section to the notes file for every pip entry new or changed in the"
            + " change (every pip entry with --all) that has none, and add the questions such an"
            + " entry's section does not ask yet; never changes an answer.",
        "The change runs from the base (--base REV, default the merge base of HEAD and the remote"
            + " default branch, as for review; or --base-dir DIR) to the files in --dir."
      })
  static final class Scaffold implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Repository directory (default: the current directory).")
    String dir = ".";

    @Option(names = "--dry-run", description = "Print what would be appended; write nothing.")
    boolean dryRun;

    @Option(
        names = "--base",
        paramLabel = "REV",
        description = "Base revision (default: merge-base of HEAD and the remote default branch).")
    String base;

    @Option(
        names = "--base-dir",
        paramLabel = "DIR",
        description = "Compare with this directory instead of a base revision (no git needed).")
    String baseDir;

    @Option(
        names = "--all",
        description = "Every pip entry counts, not only those new or changed in the change.")
    boolean all;

    @Mixin final ReviewOptions options = new ReviewOptions();

    Scaffold(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      if (all && (base != null || baseDir != null)) {
        throw InputException.general("--all cannot be combined with --base or --base-dir");
      }
      if (base != null && baseDir != null) {
        throw InputException.general("--base and --base-dir cannot be combined");
      }
      Path root = context.resolve(dir);
      if (!Files.isDirectory(root)) {
        throw InputException.general("not a directory: " + dir);
      }
      Review.Sides sides = sides(root);
      root = Path.of(sides.head().describe());
      DirectoryTree tree = new DirectoryTree(root);
      Config config =
          ConfigResolution.resolve(
              null,
              tree,
              options.configPath(),
              options.explicitConfig(context),
              options.overrides(),
              Optional.empty(),
              options.policies(context));
      // The review's own notion of the change: pip entries added or changed between the sides
      // (every entry at head with --all), in every env file it reviews.
      List<PipChange> changes =
          new Review(config, CondaNames.builtIn(), LocalDate.now()).run(sides, all).pipChanges();
      Set<String> inScope = new HashSet<>();
      Set<String> envPaths = new TreeSet<>(Review.envPaths(tree, config.envFiles()));
      for (PipChange c : changes) {
        if (c.change() != PipChange.Change.REMOVED && !c.unreadable()) {
          inScope.add(c.packageName());
          // An env file found by its content; an entry of a file that one follows with -r (a
          // requirements file, never YAML) is read with the env file that follows it.
          String lower = c.file().toLowerCase(Locale.ROOT);
          if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            envPaths.add(c.file());
          }
        }
      }
      Map<String, String> missing = new LinkedHashMap<>();
      Optional<byte[]> notesBytes = tree.read(config.notesFile());
      NotesFile notes =
          notesBytes
              .map(b -> new NotesParser(config.labels()).parse(config.notesFile(), b))
              .orElse(null);
      EnvFileParser parser = new EnvFileParser();
      List<PipEntry> entries = new ArrayList<>();
      for (String path : envPaths) {
        Optional<byte[]> bytes = tree.read(path);
        if (bytes.isPresent()) {
          entries.addAll(parser.parse(path, bytes.get(), tree).pip());
        }
      }
      // Sections as the review finds them: a heading that names two pip packages is about
      // neither, so each gets a section of its own.
      SectionLookup sections =
          SectionLookup.of(
              notes,
              entries.stream()
                  .map(PipEntry::name)
                  .filter(n -> n != null)
                  .collect(Collectors.toSet()));
      Map<Integer, NotesSection> partial = new TreeMap<>();
      for (PipEntry e : entries) {
        if (e.name() == null || e.error() != null || !inScope.contains(e.name())) {
          continue;
        }
        Optional<NotesSection> section = sections.section(e.name());
        section
            .filter(n -> !n.answers().isEmpty() && n.answers().size() < Question.values().length)
            .ifPresent(n -> partial.putIfAbsent(n.line(), n));
        String shown = e.displayName() == null ? e.name() : e.displayName();
        // A name no heading can carry (an '#egg=' fragment is taken as written) gets no
        // section rather than a crash; the review still reports the entry.
        if (section.isEmpty() && PackageName.isValid(shown)) {
          missing.putIfAbsent(e.name(), shown);
        }
      }
      if (inScope.isEmpty() && !all) {
        context
            .out()
            .println(
                "pipgate: no pip entry is new or changed between "
                    + sides.base().describe()
                    + " and "
                    + dir
                    + "; --all writes a section for every pip entry");
        return Main.PASS;
      }
      if (missing.isEmpty() && partial.isEmpty()) {
        context
            .out()
            .println(
                "pipgate: every pip entry "
                    + (all ? "" : "new or changed in the change ")
                    + "already has a section asking the four questions in "
                    + config.notesFile());
        return Main.PASS;
      }
      notesBytes.ifPresent(b -> TextFiles.decode(config.notesFile(), b)); // rejects binary files
      String existing = raw(notesBytes);
      List<String> names = new ArrayList<>(missing.values());
      String completed =
          NotesScaffold.complete(existing, List.copyOf(partial.values()), config.labels());
      String updated =
          names.isEmpty() ? completed : NotesScaffold.append(completed, names, config.labels());
      if (!partial.isEmpty()) {
        context
            .out()
            .println(
                "pipgate: asked the missing questions in "
                    + String.join(
                        ", ", partial.values().stream().map(NotesSection::heading).toList()));
      }
      if (names.isEmpty() && !dryRun) { // nothing to add: only completed sections
        write(root, config, notesBytes, updated);
        return Main.PASS;
      }
      if (dryRun) {
        // Completed sections change the middle of the file: then the whole new text is shown.
        context
            .out()
            .print(
                partial.isEmpty()
                    ? updated.substring(Math.min(existing.length(), updated.length()))
                    : updated);
        return Main.PASS;
      }
      write(root, config, notesBytes, updated);
      context
          .out()
          .println(
              "pipgate: added "
                  + names.size()
                  + " section"
                  + (names.size() == 1 ? "" : "s")
                  + " to "
                  + config.notesFile()
                  + ": "
                  + String.join(", ", names));
      return Main.PASS;
    }

    /**
     * Base and head of the change: the directory itself at head (what the command writes), and at
     * base another directory, a revision of its git repository, or nothing with --all. In a git
     * repository the head is the top of its work tree, wherever in it the command runs.
     */
    private Review.Sides sides(Path root) {
      if (all) {
        return new Review.Sides(null, new DirectoryTree(root), Map.of());
      }
      if (baseDir != null) {
        Path b = context.resolve(baseDir);
        if (!Files.isDirectory(b)) {
          throw InputException.general("not a directory: " + baseDir);
        }
        return new Review.Sides(new DirectoryTree(b), new DirectoryTree(root), Map.of());
      }
      GitRepo opened;
      try {
        opened = GitRepo.open(root);
      } catch (InputException e) {
        throw new InputException(
            dir,
            0,
            e.getMessage()
                + ": name the base as a directory (--base-dir DIR), or scaffold every pip entry"
                + " (--all)",
            e);
      }
      try (GitRepo git = opened) {
        ObjectId head = git.resolve("HEAD");
        ObjectId baseId = base != null ? git.resolve(base) : git.defaultBase(head);
        // As review --head WORKTREE: renames come from the commits, touched files from the bytes.
        return new Review.Sides(
            git.tree(baseId), git.worktree(), FileChange.renames(git.changes(baseId, head)));
      }
    }

    private static void write(Path root, Config config, Optional<byte[]> original, String text)
        throws IOException {
      Path notesPath = root.resolve(config.notesFile());
      if (notesPath.getParent() != null) {
        Files.createDirectories(notesPath.getParent());
      }
      Files.write(notesPath, encodeLike(original, text));
    }

    /**
     * The file's text as stored: its own line endings kept, so the appended part can match them
     * (TextFiles.decode, which checks the file, turns them into LF).
     */
    private static String raw(Optional<byte[]> bytes) {
      if (bytes.isEmpty()) {
        return "";
      }
      byte[] b = bytes.get();
      int bom = TextFiles.bomLength(b);
      return new String(b, bom, b.length - bom, TextFiles.charsetOf(b));
    }

    /** The new text in the original file's encoding, behind its original byte-order mark. */
    private static byte[] encodeLike(Optional<byte[]> original, String text) {
      if (original.isEmpty()) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
      byte[] o = original.get();
      byte[] body = text.getBytes(TextFiles.charsetOf(o));
      int bom = TextFiles.bomLength(o);
      byte[] out = new byte[bom + body.length];
      System.arraycopy(o, 0, out, 0, bom);
      System.arraycopy(body, 0, out, bom, body.length);
      return out;
    }
  }
}
