package dev.pipgate.config;

// Fuzz test for .github/pipgate.yml reading. `mvn test` replays the hand-written inputs under
// src/test/resources/dev/pipgate/config/ConfigLoaderFuzzTestInputs/loadFile/. To fuzz:
//
//   JAZZER_FUZZ=1 mvn -o test -Dtest='ConfigLoaderFuzzTest' -Djazzer.max_duration=60s
//
// A crashing input is saved into that inputs directory and replays from then on.

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pipgate.model.InputException;
import dev.pipgate.review.ConfigResolution;
import java.util.Set;

/**
 * {@link ConfigLoader#loadFile} on hostile bytes: a config, or {@link InputException}. Anything
 * else escaping (a glob that does not compile, a date out of range, a number too large) is a bug.
 */
class ConfigLoaderFuzzTest {
  private static final Set<String> RULE_IDS = ConfigResolution.ruleIds();
  private static final Config DEFAULTS = ConfigResolution.defaults();

  @DictionaryEntries({
    "env-files:",
    "notes-file:",
    "fail-on:",
    "core-packages:",
    "rules:",
    "allow:",
    "placeholders:",
    "min-answer-length:",
    "labels:",
    "mapping-file:",
    "expires:",
    "why-not-conda:",
    "**"
  })
  @FuzzTest
  void loadFile(byte[] input) {
    try {
      new ConfigLoader(RULE_IDS).loadFile(".github/pipgate.yml", input, DEFAULTS);
    } catch (InputException expected) {
      // the documented failure
    }
  }
}
