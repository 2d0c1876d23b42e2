package dev.pipgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The defaults the configuration page shows are the ones in {@link Config}, in the same order. */
class DocumentedDefaultsTest {
  private static final Path PAGE = Path.of("docs", "configuration.md");

  private static String defaultsParagraph() throws IOException {
    String readme = Files.readString(PAGE, StandardCharsets.UTF_8);
    int at = readme.indexOf("\nDefaults: env files ");
    assertThat(at).as("the page has a 'Defaults: env files' paragraph").isPositive();
    int end = readme.indexOf("\n\n", at + 1);
    return readme.substring(at, end < 0 ? readme.length() : end).replace('\n', ' ');
  }

  /** The `quoted` items between {@code from} and the next {@code ;} (or the sentence's end). */
  private static List<String> listAfter(String paragraph, String from) {
    int at = paragraph.indexOf(from);
    assertThat(at).as("the page's defaults name '%s'", from).isNotNegative();
    int end = paragraph.indexOf(';', at);
    if (end < 0) {
      end = paragraph.indexOf(". ", at);
    }
    Matcher m = Pattern.compile("`([^`]*)`").matcher(paragraph.substring(at, end));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void envFileGlobsExcludeAndDiscoveryMatchTheCode() throws IOException {
    String p = defaultsParagraph();
    assertThat(listAfter(p, "Defaults: env files")).isEqualTo(Config.DEFAULT_ENV_FILES);
    assertThat(listAfter(p, "exclude")).isEqualTo(Config.DEFAULT_EXCLUDE);
    assertThat(listAfter(p, "discovery")).containsExactly(Config.Discovery.CONTENT.id());
  }

  @Test
  void coreStackMatchesTheCode() throws IOException {
    assertThat(listAfter(defaultsParagraph(), "the core stack"))
        .isEqualTo(Config.DEFAULT_CORE_PACKAGES);
  }

  @Test
  void configExampleDoesNotShowTheOldCoreGlobs() throws IOException {
    String readme = Files.readString(PAGE, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("(?m)^core-packages: (.*)$").matcher(readme);
    assertThat(m.find()).as("the page's config example has core-packages").isTrue();
    // "tensorflow-*" would make add-ons core; "nvidia-*" catches nvidia-pyindex.
    assertThat(m.group(1)).doesNotContain("\"tensorflow-*\"", "\"nvidia-*\"");
  }
}
