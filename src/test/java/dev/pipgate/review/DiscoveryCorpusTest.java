package dev.pipgate.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.NeedsTestData;
import dev.pipgate.TestData;
import dev.pipgate.git.DirectoryTree;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import dev.pipgate.model.PipEntry;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.testing.CliRun;
import dev.pipgate.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real env files at their real names: each file of the shared corpus is added, at the path it has
 * in its own repository, by a pull request with no notes file. Whatever the name ({@code tf2.yml},
 * {@code conda-environments/DLC-GPU.yaml}), a default review must find it and report every valid
 * pip entry as unjustified.
 */
class DiscoveryCorpusTest {
  @TempDir Path tmp;

  @Test
  @NeedsTestData("corpus/envfiles")
  void everyRealEnvFileAddedAtItsOwnPathIsReviewed() throws Exception {
    Path corpus = TestData.path("corpus/envfiles");
    // One pull request per source repository: paths such as environment.yml recur across them.
    Map<String, Map<String, Path>> byRepo = new TreeMap<>();
    List<String> sources = Files.readAllLines(corpus.resolve("SOURCES.tsv"));
    for (String line : sources.subList(1, sources.size())) {
      String[] col = line.split("\t");
      byRepo.computeIfAbsent(col[1], r -> new TreeMap<>()).put(col[2], corpus.resolve(col[0]));
    }
    int files = 0;
    int entries = 0;
    int repoIndex = 0;
    for (Map.Entry<String, Map<String, Path>> repoFiles : byRepo.entrySet()) {
      Path dir = tmp.resolve("r" + repoIndex++);
      Set<String> expected = new TreeSet<>();
      try (TestRepo repo = TestRepo.init(dir)) {
        RevCommit base = repo.write("README.md", "a project\n").commit("base");
        for (Map.Entry<String, Path> f : repoFiles.getValue().entrySet()) {
          repo.write(f.getKey(), Files.readAllBytes(f.getValue()));
        }
        for (Map.Entry<String, Path> f : repoFiles.getValue().entrySet()) {
          Set<String> valid = validPip(f.getKey(), dir);
          if (valid == null) {
            // The parser rejects the file: the review stops with its error (checked below).
            expected = null;
            break;
          }
          expected.addAll(valid);
        }
        RevCommit head = repo.commit("add env files");
        CliRun run =
            CliRun.in(
                tmp,
                "review",
                "--repo",
                dir.toString(),
                "--base",
                base.name(),
                "--head",
                head.name(),
                "--format",
                "json");
        if (expected == null) {
          assertThat(run.code()).as("a rejected env file in %s", repoFiles.getKey()).isEqualTo(2);
          continue;
        }
        assertThat(run.err()).as("stderr for %s", repoFiles.getKey()).isEmpty();
        Set<String> reported = new TreeSet<>();
        for (JsonNode finding : run.json().get("findings")) {
          if (finding.get("rule").asText().equals("unjustified-pip")) {
            reported.add(finding.get("file").asText() + " " + finding.get("package").asText());
          }
        }
        assertThat(reported)
            .as("unjustified pip entries of %s", repoFiles.getKey())
            .containsAll(expected);
        files += repoFiles.getValue().size();
        entries += expected.size();
      }
    }
    assertThat(files).as("env files reviewed").isGreaterThan(100);
    assertThat(entries).as("pip entries reported").isGreaterThan(300);
  }

  /** "file name" of each pip entry with a valid name, or null when the parser rejects the file. */
  private static Set<String> validPip(String path, Path dir) throws IOException {
    EnvFile env;
    try {
      env =
          new EnvFileParser()
              .parse(path, Files.readAllBytes(dir.resolve(path)), new DirectoryTree(dir));
    } catch (InputException e) {
      return null;
    }
    Set<String> out = new TreeSet<>();
    for (PipEntry e : env.pip()) {
      if (e.name() != null && e.error() == null) {
        out.add(e.file() + " " + e.name());
      }
    }
    return out;
  }
}
