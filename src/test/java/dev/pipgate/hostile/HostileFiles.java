package dev.pipgate.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** The hostile inputs, written to disk, shared by the in-process and the subprocess suites. */
public final class HostileFiles {
  private HostileFiles() {}

  static final int MB = 1024 * 1024;

  /** Nine levels of nine aliases: 9^9 strings once expanded. */
  public static final String BILLION_LAUGHS =
      """
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
      """;

  static Path write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An env file of {@code megabytes} MB: a valid head, then comment lines. */
  static Path hugeEnv(Path file, int megabytes) {
    byte[] line =
        "# padding padding padding padding padding padding padding padding pad\n"
            .getBytes(StandardCharsets.US_ASCII);
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(Texts.env("requests==2.31.0").getBytes(StandardCharsets.UTF_8));
        long left = (long) megabytes * MB - Files.size(file);
        for (; left > 0; left -= line.length) {
          out.write(line, 0, (int) Math.min(line.length, left));
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code requests} plus {@code n} pinned packages pkg-00000 … in one pip list. */
  static String envWithEntries(int n) {
    String[] lines = new String[n + 1];
    lines[0] = "requests==2.31.0";
    for (int i = 0; i < n; i++) {
      lines[i + 1] = "pkg-%05d==1.0".formatted(i);
    }
    return Texts.env(lines);
  }

  /**
   * Notes with {@code n} empty sections pkg-00000 … (headings only), then a complete section for
   * rich.
   */
  static String notesWithHeadings(int n) {
    StringBuilder b = new StringBuilder("# Notes\n");
    for (int i = 0; i < n; i++) {
      b.append("\n## pkg-%05d\n".formatted(i));
    }
    return b.append(Texts.section("rich")).toString();
  }

  /** Random bytes with a NUL early on, as a binary file has. */
  static byte[] noise(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    bytes[3] = 0;
    return bytes;
  }

  /** A JSON object of {@code megabytes} MB of distinct conda → PyPI entries. */
  static Path mappingWithManyKeys(Path file, int megabytes) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write('{');
        long written = 1;
        for (int i = 0; written < (long) megabytes * MB; i++) {
          byte[] entry =
              ((i == 0 ? "" : ",") + "\"conda-pkg-" + i + "\":\"pypi-pkg-" + i + "\"")
                  .getBytes(StandardCharsets.US_ASCII);
          out.write(entry);
          written += entry.length;
        }
        out.write('}');
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }
}
