package dev.pipgate.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.config.Config;
import dev.pipgate.config.Glob;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvPathsTest {
  static final List<String> PATHS =
      List.of(
          "environment.yml",
          "environment.yml.bak",
          "environment-gpu.yml",
          "tf2.yml",
          "src/environment.yml",
          "env/gpu.yml",
          "env/gpu.yaml",
          "env/sub/deep.yml",
          "envs/a.yml",
          "conda/x.yaml",
          "conda/x.yml~",
          "ci/envs/test-3.9.yaml",
          "ci/envs/test-3.10.yaml",
          "docs/readme.md",
          "tools/env",
          "tools/env1");

  @TempDir Path dir;

  private SourceTree tree() throws IOException {
    for (String p : PATHS) {
      Path file = dir.resolve(p);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "name: x\n");
    }
    return new DirectoryTree(dir);
  }

  /** What each glob selects on its own, as {@link Glob#matches} defines it. */
  private static Set<String> oneByOne(List<String> globs) {
    Set<String> out = new TreeSet<>();
    for (String p : PATHS) {
      if (globs.stream().anyMatch(g -> Glob.matches(g, p))) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void defaultGlobsSelectWhatEachGlobMatches() throws IOException {
    SourceTree tree = tree();
    assertThat(Review.envPaths(tree, Config.DEFAULT_ENV_FILES))
        .isEqualTo(oneByOne(Config.DEFAULT_ENV_FILES))
        .containsExactly(
            "env/gpu.yaml",
            "env/gpu.yml",
            "environment-gpu.yml",
            "environment.yml",
            "envs/a.yml",
            "src/environment.yml");
  }

  @Test
  void globsEndingInWildcardsOrWithoutTailStillMatch() throws IOException {
    SourceTree tree = tree();
    List<String> globs = List.of("ci/envs/test-3.?.yaml", "tools/env*", "docs/*");
    assertThat(Review.envPaths(tree, globs))
        .isEqualTo(oneByOne(globs))
        .containsExactly("ci/envs/test-3.9.yaml", "docs/readme.md", "tools/env", "tools/env1");
  }

  @Test
  void noGlobsSelectNothing() throws IOException {
    assertThat(Review.envPaths(tree(), List.of())).isEmpty();
  }
}
