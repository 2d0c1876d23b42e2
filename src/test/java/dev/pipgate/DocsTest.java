package dev.pipgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.report.HeadingAnchor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays a short front door, and every relative link of the docs leads somewhere. */
class DocsTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");

  @Test
  void readmeIsShort() throws IOException {
    assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThan(200);
  }

  @Test
  void relativeLinksPointAtFilesAndHeadingsThatExist() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CHANGELOG.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      String text = withoutCode(Files.readString(page, StandardCharsets.UTF_8));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("requirements-notes.md")) {
          continue; // absolute addresses, and the example summary's links into a user's notes
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(page + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(page + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static List<String> anchors(Path page) throws IOException {
    if (!page.toString().endsWith(".md")) {
      return List.of();
    }
    List<String> headings = new ArrayList<>();
    for (String line : withoutCode(Files.readString(page, StandardCharsets.UTF_8)).split("\n")) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        headings.add(h.group(1).replaceAll("<!--.*?-->", "").trim());
      }
    }
    return HeadingAnchor.ofDocument(headings);
  }

  /** The text outside fenced code blocks, where a line starting with {@code #} is no heading. */
  private static String withoutCode(String text) {
    StringBuilder out = new StringBuilder();
    boolean fence = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (!fence) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
