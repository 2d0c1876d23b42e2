package dev.pipgate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * Where the tests find material the repository does not hold: the real-world corpus, GitHub's API
 * description and recordings, the name mappings. One system property names the folder ({@code
 * -Dpipgate.shared=DIR}, laid out as {@code scripts/fetch-testdata.sh DIR} writes it); there is no
 * default, so a fresh clone skips these tests with a reason instead of reading whatever sits beside
 * it. {@code -Dpipgate.shared.required=true} turns such a skip into a failure.
 */
public final class TestData {
  static final String PROPERTY = "pipgate.shared";
  static final String REQUIRED = PROPERTY + ".required";

  private static final String HOW = "scripts/fetch-testdata.sh DIR downloads it";
  private static final Pattern REASON = Pattern.compile("^needs (\\S+) \\(");

  private TestData() {}

  /**
   * {@code what} (a path under the folder, such as {@code corpus/envfiles}); a test without it is
   * skipped, or fails when the material is required.
   */
  public static Path path(String what) {
    Optional<String> missing = missing(what);
    if (missing.isPresent()) {
      if (required()) {
        throw new AssertionError(requiredMessage(missing.get()));
      }
      throw new TestAbortedException(missing.get());
    }
    return Path.of(System.getProperty(PROPERTY)).resolve(what);
  }

  /** Why {@code what} cannot be read, as a skip reason; empty when it can. */
  static Optional<String> missing(String what) {
    String dir = System.getProperty(PROPERTY, "");
    if (dir.isBlank()) {
      return Optional.of("needs " + what + " (set -D" + PROPERTY + "=DIR; " + HOW + ")");
    }
    Path p = Path.of(dir).resolve(what);
    if (Files.exists(p)) {
      return Optional.empty();
    }
    return Optional.of("needs " + what + " (" + p.toAbsolutePath() + " is missing; " + HOW + ")");
  }

  static boolean required() {
    return Boolean.getBoolean(REQUIRED);
  }

  static String requiredMessage(String reason) {
    return "-D" + REQUIRED + "=true, but a test " + reason;
  }

  /** The material a skip reason of {@link #missing} names; empty for any other reason. */
  static Optional<String> neededIn(String reason) {
    Matcher m = REASON.matcher(reason == null ? "" : reason);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
