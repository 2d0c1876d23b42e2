package dev.pipgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only the {@code github} package talks HTTP: every other class knows GitHub by its records. */
class LayeringTest {
  private static final Pattern HTTP =
      Pattern.compile(
          "^import (java\\.net\\.http\\.|java\\.net\\.HttpURLConnection|org\\.kohsuke\\.)",
          Pattern.MULTILINE);

  @Test
  void noClassOutsideGithubKnowsAboutHttp() throws IOException {
    Path main = Path.of("src/main/java/dev/pipgate");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !main.relativize(f).startsWith("github"))
              .filter(f -> HTTP.matcher(read(f)).find())
              .map(f -> main.relativize(f).toString())
              .toList();
    }
    assertThat(offenders).isEmpty();
    // The check can fail: the github package itself does import them.
    assertThat(HTTP.matcher(read(main.resolve("github/GitHubConnection.java"))).find()).isTrue();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
