package dev.pipgate.cli;

import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import dev.pipgate.model.PipEntry;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.report.EnvFileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "parse",
    versionProvider = Main.Version.class,
    description = "Print an env file as pipgate reads it: conda specs and pip entries with lines.")
final class ParseCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "FILE", description = "The env file.")
  String file;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json (default) or text.")
  String format = "json";

  ParseCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("json") && !format.equals("text")) {
      throw InputException.general("--format must be json or text, not '" + format + "'");
    }
    Path p = context.resolve(file);
    if (!Files.exists(p)) {
      throw new InputException(file, 0, "no such file");
    }
    if (Files.isDirectory(p)) {
      throw new InputException(file, 0, "is a directory, not a file");
    }
    if (!Files.isRegularFile(p)) {
      throw new InputException(file, 0, "is not a regular file");
    }
    // -r / -c lines resolve relative to the env file, within the current directory when the
    // file is inside it (as in a repository), else within the file's own directory.
    Path root = p.startsWith(context.cwd()) ? context.cwd() : p.getParent();
    String rel = root.relativize(p).toString().replace('\\', '/');
    DirectoryTree tree = new DirectoryTree(root);
    byte[] bytes = tree.read(rel).orElseThrow(() -> new InputException(file, 0, "no such file"));
    EnvFile env = new EnvFileParser().parse(rel, bytes, tree);
    if (format.equals("json")) {
      context.out().println(EnvFileJson.render(env));
    } else {
      env.conda()
          .forEach(d -> context.out().println(d.file() + ":" + d.line() + ": conda " + d.raw()));
      for (PipEntry e : env.pip()) {
        context
            .out()
            .println(
                e.file()
                    + ":"
                    + e.line()
                    + ": pip "
                    + e.kind().id()
                    + " "
                    + e.raw()
                    + (e.error() == null ? "" : "  (invalid: " + e.error() + ")"));
      }
    }
    return Main.PASS;
  }
}
