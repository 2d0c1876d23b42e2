package dev.pipgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Real-world files of the corpus in the test data ({@link TestData}), read at test time and handed
 * to fuzz tests as seeds: a {@code @MethodSource} on a {@code @FuzzTest} replays them in normal
 * runs, and Jazzer starts mutating from them when fuzzing. They are third-party files, so they are
 * never copied into the project's own inputs directories.
 */
public final class SharedCorpus {
  private SharedCorpus() {}

  /**
   * The files of {@code corpus/<folder>} whose names match, each as one {@code byte[]} argument.
   */
  public static Stream<Arguments> files(String folder, Predicate<String> fileName) {
    return paths(folder, fileName).stream()
        .map(p -> Arguments.of(Named.of(folder + "/" + p.getFileName(), bytes(p))));
  }

  public static List<Path> paths(String folder, Predicate<String> fileName) {
    Path dir = TestData.path("corpus/" + folder);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("SOURCES.tsv"))
          .filter(p -> fileName.test(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
