package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.PipEntry.Kind;
import org.junit.jupiter.api.Test;

/** {@code -r} and {@code -c} lines, followed in the same revision as pip would. */
class EnvFileFollowTest {

  private static final String ENV =
      """
      name: dev
      dependencies:
        - python=3.9
        - pip
        - pip:
          - -r ../requirements.txt
          - -c constraints.txt
          - tqdm
      """;

  private static EnvFile parse(EnvFileTestTree tree, String path) {
    return new EnvFileParser().parse(path, tree.bytes(path), tree);
  }

  @Test
  void requirementsFileIsFollowedRelativeToTheEnvFile() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put("env/dev.yml", ENV)
            .put(
                "requirements.txt",
                """
                # pinned for tf 2.9
                protobuf<3.20

                -r more/extra.txt
                """)
            .put("more/extra.txt", "rich==13.0  # pretty output\n")
            .put("env/constraints.txt", "numpy<1.24\n");
    EnvFile env = parse(tree, "env/dev.yml");

    assertThat(env.pip())
        .extracting(PipEntry::file, PipEntry::line, PipEntry::kind, PipEntry::raw)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "env/dev.yml", 6, Kind.REQUIREMENTS_FILE, "-r ../requirements.txt"),
            org.assertj.core.groups.Tuple.tuple(
                "requirements.txt", 2, Kind.REQUIREMENT, "protobuf<3.20"),
            org.assertj.core.groups.Tuple.tuple(
                "requirements.txt", 4, Kind.REQUIREMENTS_FILE, "-r more/extra.txt"),
            org.assertj.core.groups.Tuple.tuple(
                "more/extra.txt", 1, Kind.REQUIREMENT, "rich==13.0"),
            org.assertj.core.groups.Tuple.tuple(
                "env/dev.yml", 7, Kind.CONSTRAINTS_FILE, "-c constraints.txt"),
            org.assertj.core.groups.Tuple.tuple("env/dev.yml", 8, Kind.REQUIREMENT, "tqdm"));
    assertThat(env.pip()).allSatisfy(e -> assertThat(e.error()).isNull());
    // Constraints are recorded as a followed file, but their lines install nothing.
    assertThat(env.followedFiles())
        .containsExactly("requirements.txt", "more/extra.txt", "env/constraints.txt");
    assertThat(env.pip()).noneMatch(e -> "numpy".equals(e.name()));
    assertThat(env.pipListLine()).isEqualTo(5);
  }

  @Test
  void missingFilesAreEntriesWithAnError() {
    EnvFileTestTree tree = new EnvFileTestTree().put("env/dev.yml", ENV);
    EnvFile env = parse(tree, "env/dev.yml");
    assertThat(env.pip()).hasSize(3);
    assertThat(env.pip().get(0).error()).contains("requirements.txt does not exist");
    assertThat(env.pip().get(1).error()).contains("env/constraints.txt does not exist");
    assertThat(env.pip().get(2).error()).isNull();
    assertThat(env.followedFiles()).isEmpty();
  }

  @Test
  void cyclesAreDetected() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put("environment.yml", "dependencies:\n  - pip:\n    - -r a.txt\n")
            .put("a.txt", "six\n-r sub/b.txt\n")
            .put("sub/b.txt", "-r ../a.txt\nattrs\n");
    EnvFile env = parse(tree, "environment.yml");
    assertThat(env.pip())
        .extracting(PipEntry::raw)
        .containsExactly("-r a.txt", "six", "-r sub/b.txt", "-r ../a.txt", "attrs");
    PipEntry cycle = env.pip().get(3);
    assertThat(cycle.file()).isEqualTo("sub/b.txt");
    assertThat(cycle.line()).isEqualTo(1);
    assertThat(cycle.error()).contains("a.txt -> sub/b.txt -> a.txt");
    assertThat(env.followedFiles()).containsExactly("a.txt", "sub/b.txt");
  }

  @Test
  void selfInclusionIsACycle() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put("environment.yml", "dependencies:\n  - pip:\n    - -r r.txt\n")
            .put("r.txt", "-r ./r.txt\n");
    EnvFile env = parse(tree, "environment.yml");
    assertThat(env.pip().get(1).error()).contains("r.txt -> r.txt");
  }

  @Test
  void pathsLeavingTheRepositoryAreErrors() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put(
                "env/dev.yml",
                "dependencies:\n  - pip:\n    - -r ../../outside.txt\n    - -c /etc/c.txt\n");
    EnvFile env = parse(tree, "env/dev.yml");
    assertThat(env.pip()).hasSize(2);
    assertThat(env.pip().get(0).error()).contains("outside the repository");
    assertThat(env.pip().get(1).error()).contains("outside the repository");
  }

  @Test
  void remoteRequirementsFilesAreLeftToPip() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put(
                "environment.yml",
                "dependencies:\n  - pip:\n    - -r https://example.com/requirements.txt\n");
    EnvFile env = parse(tree, "environment.yml");
    assertThat(env.pip())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REQUIREMENTS_FILE);
              assertThat(e.error()).isNull();
            });
    assertThat(env.followedFiles()).isEmpty();
  }

  @Test
  void unreadableFollowedFilesAreEntriesWithAnError() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put("environment.yml", "dependencies:\n  - pip:\n    - -r bin.txt\n    - -r dir\n")
            .put("bin.txt", new byte[] {'a', 0, 'b'})
            .put("dir/x.txt", "x\n");
    EnvFile env = parse(tree, "environment.yml");
    assertThat(env.pip()).hasSize(2);
    assertThat(env.pip().get(0).error()).contains("cannot read bin.txt");
    assertThat(env.pip().get(1).error()).contains("cannot read dir");
  }

  @Test
  void followedFilesKeepTheirOwnProblemsPerLine() {
    EnvFileTestTree tree =
        new EnvFileTestTree()
            .put("environment.yml", "dependencies:\n  - pip:\n    - -r r.txt\n")
            .put("r.txt", "torch --no-deps\r\nnumpy\r\n");
    EnvFile env = parse(tree, "environment.yml");
    assertThat(env.pip()).hasSize(3);
    assertThat(env.pip().get(1).file()).isEqualTo("r.txt");
    assertThat(env.pip().get(1).error()).contains("--no-deps");
    assertThat(env.pip().get(2).line()).isEqualTo(2);
  }

  @Test
  void resolveNormalisesPaths() {
    assertThat(EnvFileParser.resolve("env/dev.yml", "../requirements.txt"))
        .isEqualTo("requirements.txt");
    assertThat(EnvFileParser.resolve("environment.yml", "./a//b/../c.txt")).isEqualTo("a/c.txt");
    assertThat(EnvFileParser.resolve("environment.yml", "../x.txt")).isNull();
    assertThat(EnvFileParser.resolve("a/b.yml", "/abs.txt")).isNull();
    assertThat(EnvFileParser.resolve("a/b.yml", "..")).isNull();
  }
}
