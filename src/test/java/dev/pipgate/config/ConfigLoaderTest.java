package dev.pipgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import dev.pipgate.parse.NotesParser;
import dev.pipgate.review.ConfigResolution;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String PATH = ".github/pipgate.yml";
  private static final Config DEFAULTS = Config.defaults(NotesParser.defaultLabels());

  private final ConfigLoader loader = new ConfigLoader(ConfigResolution.ruleIds());

  private Config load(String yaml) {
    return loader.loadFile(PATH, yaml.getBytes(StandardCharsets.UTF_8), DEFAULTS);
  }

  /** The one-line message of the error loading {@code yaml} raises. */
  private String error(String yaml) {
    try {
      load(yaml);
    } catch (InputException e) {
      assertThat(e.file()).isEqualTo(PATH);
      return e.getMessage();
    }
    throw new AssertionError("no error for:\n" + yaml);
  }

  @Test
  void theRuleIdsAreTheRealOnes() {
    assertThat(ConfigResolution.ruleIds())
        .contains(
            "unjustified-pip", "incomplete-justification", "unpinned-pip", "pip-core-package");
  }

  @Test
  void defaults() {
    assertThat(ConfigResolution.defaults()).isEqualTo(DEFAULTS);
    assertThat(DEFAULTS.envFiles()).contains("**/environment*.yml", "envs/*.yml");
    assertThat(DEFAULTS.exclude()).contains("node_modules/", ".git/");
    assertThat(DEFAULTS.discovery()).isEqualTo(Config.Discovery.CONTENT);
    assertThat(DEFAULTS.notesFile()).isEqualTo("requirements-notes.md");
    assertThat(DEFAULTS.failOn()).isEqualTo(FailLevel.ERROR);
    assertThat(DEFAULTS.corePackages())
        .contains("tensorflow", "numpy", "protobuf", "nvidia-*-cu12*", "nvidia-cudnn");
    assertThat(DEFAULTS.severities()).isEmpty();
    assertThat(DEFAULTS.allow()).isEmpty();
    assertThat(DEFAULTS.placeholders()).contains("todo", "tbd", "n/a", "-");
    assertThat(DEFAULTS.minAnswerLength()).isEqualTo(3);
    assertThat(DEFAULTS.labels()).isEqualTo(NotesParser.defaultLabels());
    assertThat(DEFAULTS.mappingFile()).isNull();
    assertThat(DEFAULTS.severityOf("unpinned-pip", Severity.WARNING)).contains(Severity.WARNING);
  }

  @Test
  void anEmptyFileOrOnlyCommentsChangesNothing() {
    assertThat(load("")).isEqualTo(DEFAULTS);
    assertThat(load("# nothing configured yet\n")).isEqualTo(DEFAULTS);
  }

  @Test
  void everyKey() {
    Config c =
        load(
            """
            env-files:
              - conda/*.yml
              - environment.yml
            notes-file: docs/pip-notes.md
            fail-on: warning
            core-packages: [TensorFlow, Tensorflow_Estimator, "nvidia_*"]
            rules:
              unpinned-pip: error
              pip-core-package: warning
              incomplete-justification: note
              duplicate-entry: off
            allow:
              - package: Torch
                reason: GPU team owns this exception
                rules: [cuda-runtime-conflict, unjustified-pip]
                expires: 2030-01-31
            placeholders: [todo, later]
            min-answer-length: 12
            labels:
              why-not-conda: [Why pip, Pourquoi pip]
            mapping-file: /opt/mapping.json
            """);
    assertThat(c.envFiles()).containsExactly("conda/*.yml", "environment.yml");
    assertThat(c.notesFile()).isEqualTo("docs/pip-notes.md");
    assertThat(c.failOn()).isEqualTo(FailLevel.WARNING);
    assertThat(c.corePackages()).containsExactly("tensorflow", "tensorflow-estimator", "nvidia-*");
    assertThat(c.severities())
        .containsEntry("unpinned-pip", Optional.of(Severity.ERROR))
        .containsEntry("pip-core-package", Optional.of(Severity.WARNING))
        .containsEntry("incomplete-justification", Optional.of(Severity.NOTE))
        .containsEntry("duplicate-entry", Optional.empty())
        .hasSize(4);
    assertThat(c.severityOf("duplicate-entry", Severity.ERROR)).isEmpty();
    assertThat(c.severityOf("unjustified-pip", Severity.ERROR)).contains(Severity.ERROR);
    assertThat(c.allow()).hasSize(1);
    AllowEntry torch = c.allow().get(0);
    assertThat(torch.packageName()).isEqualTo("torch");
    assertThat(torch.reason()).isEqualTo("GPU team owns this exception");
    assertThat(torch.rules()).containsExactlyInAnyOrder("cuda-runtime-conflict", "unjustified-pip");
    assertThat(torch.expires()).isEqualTo(LocalDate.of(2030, 1, 31));
    assertThat(torch.line()).isEqualTo(13);
    assertThat(c.placeholders()).containsExactly("todo", "later");
    assertThat(c.minAnswerLength()).isEqualTo(12);
    assertThat(c.labels().get(Question.WHY_NOT_CONDA)).containsExactly("Why pip", "Pourquoi pip");
    assertThat(c.mappingFile()).isEqualTo("/opt/mapping.json");
  }

  @Test
  void aListMayBeWrittenAsOneCommaSeparatedString() {
    Config c = load("env-files: 'a/*.yml, b/environment.yml'\nplaceholders: todo\n");
    assertThat(c.envFiles()).containsExactly("a/*.yml", "b/environment.yml");
    assertThat(c.placeholders()).containsExactly("todo");
  }

  @Test
  void levelsAndFailOnIgnoreCase() {
    Config c = load("fail-on: Never\nrules:\n  unpinned-pip: OFF\n  unjustified-pip: Warning\n");
    assertThat(c.failOn()).isEqualTo(FailLevel.NEVER);
    assertThat(c.severities())
        .containsEntry("unpinned-pip", Optional.empty())
        .containsEntry("unjustified-pip", Optional.of(Severity.WARNING));
  }

  @Test
  void unsetKeysKeepTheBase() {
    Config base = load("fail-on: warning\nmin-answer-length: 20\nrules: {unpinned-pip: off}\n");
    Config c =
        loader.loadFile("second.yml", "notes-file: n.md\n".getBytes(StandardCharsets.UTF_8), base);
    assertThat(c.notesFile()).isEqualTo("n.md");
    assertThat(c.failOn()).isEqualTo(FailLevel.WARNING);
    assertThat(c.minAnswerLength()).isEqualTo(20);
    assertThat(c.severities()).containsEntry("unpinned-pip", Optional.empty());
  }

  @Test
  void allowEntriesWithAndWithoutExpiry() {
    Config c =
        load(
            """
            allow:
              - package: opencv_python
                reason: no conda build with our codecs
              - package: torch
                reason: until the conda migration
                rule: cuda-runtime-conflict
                expires: 2025-06-30
            """);
    AllowEntry opencv = c.allow().get(0);
    assertThat(opencv.packageName()).isEqualTo("opencv-python");
    assertThat(opencv.expires()).isNull();
    assertThat(opencv.rules()).isEmpty();
    assertThat(opencv.covers("unpinned-pip", "opencv-python")).isTrue();
    assertThat(opencv.covers("unpinned-pip", "opencv-contrib-python")).isFalse();
    assertThat(opencv.expiredOn(LocalDate.of(2999, 1, 1))).isFalse();

    AllowEntry torch = c.allow().get(1);
    assertThat(torch.rules()).containsExactly("cuda-runtime-conflict");
    assertThat(torch.covers("cuda-runtime-conflict", "torch")).isTrue();
    assertThat(torch.covers("unjustified-pip", "torch")).isFalse();
    assertThat(torch.expiredOn(LocalDate.of(2025, 6, 30))).isFalse();
    assertThat(torch.expiredOn(LocalDate.of(2025, 7, 1))).isTrue();
    assertThat(torch.line()).isEqualTo(4);
  }

  @Test
  void labelsOverrideOnlyTheQuestionsTheyName() {
    Config c = load("labels:\n  alternatives: [Other options, 其他方案]\n");
    assertThat(c.labels().get(Question.ALTERNATIVES)).containsExactly("Other options", "其他方案");
    for (Question q : List.of(Question.WHY_NOT_CONDA, Question.CONDA_FORGE_CHECKED)) {
      assertThat(c.labels().get(q)).isEqualTo(NotesParser.defaultLabels().get(q));
    }
    assertThat(c.labels()).hasSize(4);
  }

  @Test
  void labelsTheNotesParserCannotUse() {
    assertThat(error("labels:\n  why-not-conda: [Why pip, Alternatives?]\n"))
        .startsWith("1 config error: line 2: labels: label '")
        .contains("given for both")
        .contains("alternatives")
        .contains("why-not-conda")
        .doesNotContain("WHY_NOT_CONDA");
    assertThat(error("labels:\n  no-deps-tested: ['**']\n"))
        .startsWith("1 config error: line 2: labels: empty label for no-deps-tested");
  }

  @Test
  void excludeAndDiscovery() {
    Config c = load("exclude: [build/, 'docs/**']\ndiscovery: GLOBS\n");
    assertThat(c.exclude()).containsExactly("build/", "docs/**");
    assertThat(c.discovery()).isEqualTo(Config.Discovery.GLOBS);
    assertThat(load("").discovery()).isEqualTo(Config.Discovery.CONTENT);
    assertThat(error("discovery: names\n"))
        .isEqualTo("1 config error: line 1: discovery must be content or globs, not 'names'");
    assertThat(error("exclude: ['**']\n")).contains("line 1: exclude: '**' would take");
  }

  @Test
  void anEmptyNotesFileName() {
    assertThat(error("notes-file: ''\n"))
        .isEqualTo("1 config error: line 1: notes-file must name a file");
    assertThatThrownBy(() -> loader.applyOverrides("flags", Map.of("notes-file", "  "), DEFAULTS))
        .hasMessage("1 config error: notes-file must name a file");
  }

  @Test
  void everyErrorAtOnce() {
    String message =
        error(
            """
            env-files: {a: b}
            fail-on: sometimes
            rules:
              no-such-rule: error
              unpinned-pip: loud
            colour: blue
            min-answer-length: three
            allow:
              - package: torch
              - reason: forgot the package
              - package: tf
                reason: ok
                expires: next year
                rules: [not-a-rule]
                owner: me
              - just a string
            labels:
              why-not-conda: []
              why-ask: [x]
            """);
    assertThat(message)
        .startsWith("14 config errors: ")
        .contains("line 1: 'env-files' must be a list of strings")
        .contains("line 2: fail-on must be error, warning or never, not 'sometimes'")
        .contains("line 4: unknown rule 'no-such-rule'")
        .contains(
            "line 5: rule 'unpinned-pip': level must be error, warning, note or off, not 'loud'")
        .contains("line 6: unknown key 'colour'")
        .contains("line 7: min-answer-length must be a whole number ≥ 0, not 'three'")
        .contains("line 9: allow entry for 'torch' needs a 'reason'")
        .contains("line 10: allow entry without 'package'")
        .contains("line 13: expires must be a date like 2027-01-31, not 'next year'")
        .contains("line 14: allow entry names unknown rule 'not-a-rule'")
        .contains("line 15: unknown allow key 'owner'")
        .contains("line 16: an allow entry must be a mapping")
        .contains("line 18: labels.why-not-conda must not be empty")
        .contains("line 19: unknown label key 'why-ask'");
    assertThat(message).doesNotContain("\n");
  }

  @Test
  void oneErrorIsSingular() {
    assertThat(error("fail-on: soon\n")).startsWith("1 config error: line 1: ");
  }

  @Test
  void unknownKeysNameTheKnownOnes() {
    assertThat(error("fail_on: warning\n"))
        .contains("unknown key 'fail_on'")
        .contains("fail-on")
        .contains("env-files")
        .contains("mapping-file");
  }

  @Test
  void valuesOfTheWrongShape() {
    assertThat(error("notes-file: [a.md, b.md]\n"))
        .contains("line 1: notes-file must be a single value");
    assertThat(error("rules: [unpinned-pip]\n")).contains("line 1: 'rules' must map rule ids");
    assertThat(error("allow: {package: torch}\n")).contains("line 1: 'allow' must be a list");
    assertThat(error("labels: [a]\n")).contains("line 1: 'labels' must map");
    assertThat(error("min-answer-length: -1\n")).contains("not '-1'");
    assertThat(error("min-answer-length: 99999999999\n")).contains("not '99999999999'");
    assertThat(error("? [a, b]\n: c\n")).contains("mapping key is itself a list");
  }

  @Test
  void malformedYamlNamesTheLine() {
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class, () -> load("fail-on: warning\nrules:\n  a: [b\n"));
    assertThat(e.file()).isEqualTo(PATH);
    assertThat(e.line()).isPositive();
    assertThat(e.getMessage()).startsWith("YAML: ");
    assertThat(error("- a\n- b\n")).contains("mapping");
  }

  @Test
  void duplicateKeysAtEveryLevel() {
    assertThat(
            error(
                """
                fail-on: error
                rules:
                  unpinned-pip: off
                  unpinned-pip: error
                allow:
                  - package: torch
                    reason: a
                    reason: b
                labels:
                  alternatives: [x]
                  alternatives: [y]
                fail-on: warning
                """))
        // The YAML reader refuses repeated keys before any value is read, naming the first.
        .isEqualTo("duplicate key 'fail-on' (first at line 1)");
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () -> load("rules:\n  unpinned-pip: off\n  unpinned-pip: error\n"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("duplicate key 'unpinned-pip'");
  }

  @Test
  void binaryConfigIsRejected() {
    assertThatThrownBy(() -> loader.loadFile(PATH, new byte[] {'a', ':', 0, 1, '\n'}, DEFAULTS))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).file()).isEqualTo(PATH));
  }

  @Test
  void aLoaderForgetsTheErrorsOfTheLastFile() {
    assertThat(error("colour: blue\n")).startsWith("1 config error");
    assertThat(load("fail-on: never\n").failOn()).isEqualTo(FailLevel.NEVER);
  }

  @Test
  void overridesFromActionInputs() {
    Config file = load("fail-on: warning\nmin-answer-length: 9\n");
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("env-files", "envs/*.yml,\n conda/base.yml\n\n");
    inputs.put("notes-file", "  docs/notes.md ");
    inputs.put("fail-on", "NEVER");
    inputs.put("mapping-file", "/data/mapping.json");

    Config c = loader.applyOverrides("action inputs", inputs, file);

    assertThat(c.envFiles()).containsExactly("envs/*.yml", "conda/base.yml");
    assertThat(c.notesFile()).isEqualTo("docs/notes.md");
    assertThat(c.failOn()).isEqualTo(FailLevel.NEVER);
    assertThat(c.mappingFile()).isEqualTo("/data/mapping.json");
    assertThat(c.minAnswerLength()).isEqualTo(9);
  }

  @Test
  void noOverridesChangeNothing() {
    Config file = load("fail-on: warning\n");
    assertThat(loader.applyOverrides("inputs", Map.of(), file)).isEqualTo(file);
  }

  @Test
  void overrideErrorsAllAtOnceNamingTheirSource() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("fail-on", "loud");
    inputs.put("core-packages", "numpy");
    inputs.put("colour", "blue");
    assertThatThrownBy(() -> loader.applyOverrides("action inputs", inputs, DEFAULTS))
        .isInstanceOfSatisfying(
            InputException.class,
            e -> {
              assertThat(e.file()).isEqualTo("action inputs");
              assertThat(e.getMessage())
                  .startsWith("3 config errors: ")
                  .contains("fail-on must be error, warning or never, not 'loud'")
                  .contains("unknown setting 'core-packages'")
                  .contains("unknown setting 'colour'");
            });
  }

  @Test
  void ruleIdsComeFromTheLoadersOwnSet() {
    ConfigLoader narrow = new ConfigLoader(Set.of("only-rule"));
    Config c =
        narrow.loadFile(
            "x.yml", "rules: {only-rule: off}\n".getBytes(StandardCharsets.UTF_8), DEFAULTS);
    assertThat(c.severities()).containsEntry("only-rule", Optional.empty());
    assertThatThrownBy(
            () ->
                narrow.loadFile(
                    "x.yml",
                    "rules: {unpinned-pip: off}\n".getBytes(StandardCharsets.UTF_8),
                    DEFAULTS))
        .hasMessageContaining("unknown rule 'unpinned-pip'");
  }
}
