package dev.pipgate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: the environment variables, the two output streams
 * and the working directory. Commands never read {@code System.getenv()} or {@code System.out}
 * themselves, so tests run them in-process.
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err, Path cwd) {
  public CliContext {
    env = Map.copyOf(env);
  }

  /** A path given on the command line, resolved against the working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path).normalize();
  }
}
