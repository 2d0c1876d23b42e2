package dev.pipgate.parse;

// Fuzz test for environment.yml reading, -r/-c following included. `mvn test` replays the
// hand-written inputs under src/test/resources/dev/pipgate/parse/EnvFileParserFuzzTestInputs/parse/
// and every env file of the test data's corpus (skipped without it). To fuzz:
//
//   JAZZER_FUZZ=1 mvn -o test -Dpipgate.shared=DIR -Dtest='EnvFileParserFuzzTest' \
//     -Djazzer.max_duration=60s
//
// A crashing input is saved into that inputs directory and replays from then on.

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.NeedsTestData;
import dev.pipgate.SharedCorpus;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EnvFileParser#parse} on hostile bytes: an {@link EnvFile}, or {@link InputException}.
 * Anything else escaping is a bug.
 *
 * <p>One input holds the env file and the repository files its pip lines may name: everything up to
 * the first line {@code #>>> path} is {@code envs/environment.yml}, and each such line starts the
 * file at {@code path} (a YAML comment, so a corpus env file is a valid input as it is).
 */
class EnvFileParserFuzzTest {
  static final String ENV_PATH = "envs/environment.yml";
  private static final String FILE_MARK = "\n#>>> ";

  @NeedsTestData("corpus/envfiles")
  @MethodSource("corpusEnvFiles")
  // Jazzer writes dictionary entries without escaping line breaks, so none holds one.
  @DictionaryEntries({"#>>> ", "- pip:", "-r ", "-c ", "--requirement=", "../", "dependencies:"})
  @FuzzTest
  void parse(byte[] input) {
    // ISO-8859-1 maps each byte to one char and back, so file contents keep their exact bytes.
    String[] parts = new String(input, StandardCharsets.ISO_8859_1).split(FILE_MARK, -1);
    EnvFileTestTree tree = new EnvFileTestTree();
    byte[] env = parts[0].getBytes(StandardCharsets.ISO_8859_1);
    tree.put(ENV_PATH, env);
    for (int i = 1; i < parts.length; i++) {
      int nl = parts[i].indexOf('\n');
      String path = nl < 0 ? parts[i] : parts[i].substring(0, nl);
      String content = nl < 0 ? "" : parts[i].substring(nl + 1);
      if (!path.isEmpty() && !path.equals(ENV_PATH)) {
        tree.put(path, content.getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    try {
      new EnvFileParser().parse(ENV_PATH, env, tree);
    } catch (InputException expected) {
      // the documented failure
    }
  }

  static Stream<Arguments> corpusEnvFiles() {
    return SharedCorpus.files("envfiles", name -> true);
  }
}
