package dev.pipgate.github;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Workflow commands and environment files (docs: "Workflow commands for GitHub Actions"). Escaping
 * follows the runner's rules as implemented by {@code @actions/core}: in a message {@code %}, CR
 * and LF become {@code %25}, {@code %0D}, {@code %0A}; in a property value also {@code :} and
 * {@code ,} become {@code %3A} and {@code %2C}.
 */
public final class ActionCommands {
  /** "GITHUB_STEP_SUMMARY ... can be up to 1MiB per step" (docs: adding a job summary). */
  public static final int MAX_STEP_SUMMARY_BYTES = 1024 * 1024;

  public enum Level {
    ERROR("error"),
    WARNING("warning"),
    NOTICE("notice");

    private final String command;

    Level(String command) {
      this.command = command;
    }
  }

  private final PrintStream out;

  public ActionCommands(PrintStream out) {
    this.out = out;
  }

  /** Hides {@code secret} in all later log output; call before anything could print it. */
  public void mask(String secret) {
    if (secret != null && !secret.isEmpty()) {
      for (String line : secret.split("\\R")) {
        if (!line.isEmpty()) {
          out.println("::add-mask::" + escapeData(line));
        }
      }
    }
  }

  /**
   * An annotation on a file line ({@code ::error file=,line=,title=::message}); {@code line} 0
   * annotates the file, {@code file} null the run.
   */
  public void annotate(Level level, String file, int line, String title, String message) {
    Map<String, String> props = new LinkedHashMap<>();
    if (file != null && !file.isEmpty()) {
      props.put("file", file);
      if (line > 0) {
        props.put("line", Integer.toString(line));
      }
    }
    if (title != null && !title.isEmpty()) {
      props.put("title", title);
    }
    command(level.command, props, message);
  }

  public void error(String message) {
    annotate(Level.ERROR, null, 0, null, message);
  }

  public void warning(String message) {
    annotate(Level.WARNING, null, 0, null, message);
  }

  public void notice(String message) {
    annotate(Level.NOTICE, null, 0, null, message);
  }

  private void command(String name, Map<String, String> props, String message) {
    StringBuilder b = new StringBuilder("::").append(name);
    String sep = " ";
    for (Map.Entry<String, String> p : props.entrySet()) {
      b.append(sep).append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
      sep = ",";
    }
    out.println(b.append("::").append(escapeData(message == null ? "" : message)));
  }

  static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * Appends {@code name} to {@code GITHUB_OUTPUT} in the multi-line form {@code name<<DELIM}, with
   * a random delimiter that does not occur in the value (so the value cannot end the block and set
   * other outputs).
   */
  public static void setOutput(Path outputFile, String name, String value) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException("not an output name: " + name);
    }
    String delimiter;
    do {
      delimiter = "ghadelimiter_" + UUID.randomUUID();
    } while (value.contains(delimiter));
    append(outputFile, name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n");
  }

  /**
   * Appends Markdown to {@code GITHUB_STEP_SUMMARY}, cut at a line so that the step's summary stays
   * within {@link #MAX_STEP_SUMMARY_BYTES}.
   */
  public static void appendStepSummary(Path summaryFile, String markdown) {
    long existing;
    try {
      existing = Files.exists(summaryFile) ? Files.size(summaryFile) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = markdown.endsWith("\n") ? markdown : markdown + "\n";
    long room = MAX_STEP_SUMMARY_BYTES - existing;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > room) {
      String note = "\n_(cut: the job summary is limited to 1 MiB)_\n";
      long keep = room - note.getBytes(StandardCharsets.UTF_8).length;
      if (keep <= 0) {
        return;
      }
      StringBuilder kept = new StringBuilder();
      long used = 0;
      for (String line : text.split("(?<=\n)")) {
        int n = line.getBytes(StandardCharsets.UTF_8).length;
        if (used + n > keep) {
          break;
        }
        kept.append(line);
        used += n;
      }
      text = kept + note;
    }
    append(summaryFile, text);
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
