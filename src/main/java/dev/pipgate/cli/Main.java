package dev.pipgate.cli;

import dev.pipgate.model.InputException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Exit codes: 0 pass, 1 findings at or above the fail level, 2 usage or
 * unreadable input (one line naming file and line, never a stack trace).
 */
@Command(
    name = "pipgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Guards conda environments against unjustified and risky pip packages.")
public final class Main implements Callable<Integer> {
  public static final int PASS = 0;
  public static final int FINDINGS = 1;
  public static final int BAD_INPUT = 2;

  private final CliContext context;

  private Main(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("pipgate: name a command; " + usage(spec.commandLine()));
    return BAD_INPUT;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err, Path.of("").toAbsolutePath());
    System.out.flush();
    System.exit(code);
  }

  public static int run(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, Path cwd) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered without picocli, whose command model would be most of this run's time.
      for (String line : new Version().getVersion()) {
        out.println(line);
      }
      return PASS;
    }
    CliContext context = new CliContext(env, out, err, cwd);
    CommandLine cli = new CommandLine(new Main(context));
    Subcommands.addTo(cli, context, args);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println(
              "pipgate: "
                  + ex.getMessage().replaceAll("[\\r\\n]+", " ")
                  + "; "
                  + usage(ex.getCommandLine()));
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof InputException input) {
            err.println("pipgate: " + input.oneLine());
          } else {
            err.println(
                "pipgate: internal error: "
                    + ex.getClass().getSimpleName()
                    + ": "
                    + String.valueOf(ex.getMessage()).replaceAll("[\\r\\n]+", " "));
          }
          return BAD_INPUT;
        });
    return cli.execute(args);
  }

  /**
   * The short usage line a usage error ends with: {@code usage: pipgate parse [OPTIONS] FILE (see
   * 'pipgate help parse')}, or the commands to choose from where a command has subcommands.
   */
  static String usage(CommandLine c) {
    String path = ("pipgate " + commandPath(c)).trim();
    StringBuilder line = new StringBuilder("usage: ").append(path);
    List<String> commands =
        c.getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    if (!commands.isEmpty()) {
      line.append(" COMMAND (").append(String.join(", ", commands)).append(')');
    } else {
      if (!c.getCommandSpec().options().isEmpty()) {
        line.append(" [OPTIONS]");
      }
      for (CommandLine.Model.PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
        boolean optional = p.arity().min() == 0;
        line.append(optional ? " [" : " ").append(p.paramLabel()).append(optional ? "]" : "");
      }
    }
    String helpPath =
        path.equals("pipgate") ? "pipgate help" : "pipgate help " + c.getCommandName();
    if (c.getParent() != null && c.getParent().getParent() != null) {
      helpPath = path + " --help"; // help knows the top-level commands; nested ones have --help
    }
    return line.append(" (see '").append(helpPath).append("')").toString();
  }

  private static String commandPath(CommandLine c) {
    StringBuilder path = new StringBuilder();
    for (CommandLine at = c; at != null && at.getParent() != null; at = at.getParent()) {
      path.insert(0, at.getCommandName() + " ");
    }
    return path.toString();
  }

  /**
   * "pipgate 1.0.0 (commit abc1234)": the version and commit the build wrote into the jar's
   * manifest; "dev" and "unknown" for classes not run from a jar or built without git.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        line(Main.class.getPackage().getImplementationVersion(), manifestCommit())
      };
    }

    static String line(String version, String commit) {
      boolean known = commit != null && !commit.isBlank() && !commit.startsWith("${");
      return "pipgate "
          + (version == null ? "dev" : version)
          + " (commit "
          + (known ? commit.strip() : "unknown")
          + ")";
    }

    /** Pipgate-Commit from the manifest of the jar this class was loaded from, if any. */
    private static String manifestCommit() {
      URL self = Main.class.getResource("Main.class");
      try {
        if (self != null && self.openConnection() instanceof JarURLConnection jar) {
          jar.setUseCaches(false);
          Manifest manifest = jar.getManifest();
          return manifest == null ? null : manifest.getMainAttributes().getValue("Pipgate-Commit");
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    }
  }
}
