package dev.pipgate.cli;

import dev.pipgate.config.Config;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Question;
import dev.pipgate.names.PackageName;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.parse.NotesScaffold;
import dev.pipgate.parse.TextFiles;
import dev.pipgate.review.ConfigResolution;
import dev.pipgate.review.Review;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
      description =
          "Append a template section to the notes file for every pip entry that has none, and add"
              + " the questions a pip entry's section does not ask yet; never changes an answer.")
  static final class Scaffold implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Repository directory (default: the current directory).")
    String dir = ".";

    @Option(names = "--dry-run", description = "Print what would be appended; write nothing.")
    boolean dryRun;

    @Mixin final ReviewOptions options = new ReviewOptions();

    Scaffold(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Path root = context.resolve(dir);
      if (!Files.isDirectory(root)) {
        throw InputException.general("not a directory: " + dir);
      }
      DirectoryTree tree = new DirectoryTree(root);
      Config config =
          ConfigResolution.resolve(
              null,
              tree,
              options.configPath(),
              options.explicitConfig(context),
              options.overrides());
      Map<String, String> missing = new LinkedHashMap<>();
      Optional<byte[]> notesBytes = tree.read(config.notesFile());
      NotesFile notes =
          notesBytes
              .map(b -> new NotesParser(config.labels()).parse(config.notesFile(), b))
              .orElse(null);
      Set<String> justified =
          notes == null
              ? Set.of()
              : notes.sections().stream()
                  .flatMap(n -> Stream.of(n.packageName(), n.alsoNamed()))
                  .filter(n -> n != null)
                  .collect(Collectors.toSet());
      EnvFileParser parser = new EnvFileParser();
      Map<Integer, NotesSection> partial = new TreeMap<>();
      for (String path : Review.envPaths(tree, config.envFiles())) {
        EnvFile env = parser.parse(path, tree.read(path).orElseThrow(), tree);
        for (PipEntry e : env.pip()) {
          if (notes != null && e.name() != null) {
            notes.sections().stream()
                .filter(
                    n ->
                        n.names(e.name())
                            && !n.answers().isEmpty()
                            && n.answers().size() < Question.values().length)
                .findFirst()
                .ifPresent(n -> partial.putIfAbsent(n.line(), n));
          }
          String shown = e.displayName() == null ? e.name() : e.displayName();
          // A name no heading can carry (an '#egg=' fragment is taken as written) gets no
          // section rather than a crash; the review still reports the entry.
          if (e.name() != null
              && e.error() == null
              && !justified.contains(e.name())
              && PackageName.isValid(shown)) {
            missing.putIfAbsent(e.name(), shown);
          }
        }
      }
      if (missing.isEmpty() && partial.isEmpty()) {
        context
            .out()
            .println(
                "pipgate: every pip entry already has a section asking the four questions in "
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
