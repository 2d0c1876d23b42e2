package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.NeedsTestData;
import dev.pipgate.TestData;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import dev.pipgate.model.PipEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every env file of the shared corpus (real files from public repositories) either parses or fails
 * with an InputException; what parses agrees with independent readings of the same YAML.
 */
@NeedsTestData("corpus/envfiles")
class EnvFileCorpusTest {
  private static Path corpus;
  private static final Map<String, Outcome> OUTCOMES = new LinkedHashMap<>();

  private record Outcome(byte[] bytes, EnvFile env, InputException error) {}

  /** The conda strings and pip lines of one file, as another reader sees them. */
  private record Plain(List<String> conda, List<String> pip) {}

  @BeforeAll
  static void parseAll() throws IOException {
    corpus = TestData.path("corpus/envfiles");
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".yml") && !name.endsWith(".yaml")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        try {
          EnvFile env = new EnvFileParser().parse(name, bytes, new EnvFileTestTree());
          OUTCOMES.put(name, new Outcome(bytes, env, null));
        } catch (InputException e) {
          OUTCOMES.put(name, new Outcome(bytes, null, e));
        }
        // Any other exception escapes and fails the whole class: that is the point.
      }
    }
  }

  @Test
  void everyFileParsesOrFailsCleanly() {
    assertThat(OUTCOMES).hasSizeGreaterThan(100);
    long failed = OUTCOMES.values().stream().filter(o -> o.error() != null).count();
    // Only a handful of corpus files are not plain env files (templates, old tags).
    assertThat(failed).isLessThan(OUTCOMES.size() / 10);
    OUTCOMES.forEach(
        (name, o) -> {
          if (o.error() != null) {
            assertThat(o.error().file()).isEqualTo(name);
            assertThat(o.error().oneLine()).startsWith(name + ":");
          }
        });
  }

  @Test
  void knownNonConformingFilesFailWithTheirLine() {
    assertFailsAt("BDehapiot__ETH-ScopeM_Bruderer__utils__environment.yml", 1);
    assertFailsAt("CadQuery__OCP__environment.devenv.yml", 10);
    assertFailsAt("biocore__gneiss__ci__environment.yml", 2);
  }

  private static void assertFailsAt(String name, int line) {
    Outcome o = OUTCOMES.get(name);
    assertThat(o).as(name).isNotNull();
    assertThat(o.error()).as(name).isNotNull();
    assertThat(o.error().line()).as(name).isEqualTo(line);
  }

  @Test
  void notableEncodingsParse() {
    // SOURCES.tsv: UTF-16LE with BOM from a PowerShell redirect, CRLF, UTF-8 BOM.
    for (String name :
        List.of(
            "jeffheaton__t81_558_deep_learning__environment.yml",
            "AlexSath__FLAME-CARE__environment_windows.yml",
            "BlackArbsCEO__aws_algo_trading__environment_windows.yml")) {
      Outcome o = OUTCOMES.get(name);
      assertThat(o).as(name).isNotNull();
      assertThat(o.error()).as(name).isNull();
      assertThat(o.env().conda()).as(name).isNotEmpty();
    }
  }

  @Test
  void agreesWithSnakeyamlLoad() {
    for (Map.Entry<String, Outcome> e : OUTCOMES.entrySet()) {
      Outcome o = e.getValue();
      if (o.env() == null) {
        continue;
      }
      Object doc =
          new Load(LoadSettings.builder().build())
              .loadFromString(TextFiles.decode(e.getKey(), o.bytes()));
      assertAgrees(e.getKey(), o.env(), plain(doc));
    }
  }

  @Test
  void agreesWithPyYaml() throws Exception {
    assumeThat(pythonHasYaml()).as("python3 with PyYAML").isTrue();
    Path script = Files.createTempFile("envfiles", ".py");
    Files.writeString(script, PY_READER);
    Process p =
        new ProcessBuilder("python3", script.toString(), corpus.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Files.delete(script);
    JsonNode all = new ObjectMapper().readTree(out);
    int compared = 0;
    for (Map.Entry<String, Outcome> e : OUTCOMES.entrySet()) {
      JsonNode py = all.get(e.getKey());
      if (e.getValue().env() == null || py == null || py.has("error")) {
        continue;
      }
      List<String> conda = new ArrayList<>();
      py.get("conda").forEach(n -> conda.add(n.asText()));
      List<String> pip = new ArrayList<>();
      py.get("pip").forEach(n -> pip.add(n.asText()));
      assertAgrees(e.getKey(), e.getValue().env(), new Plain(conda, pip));
      compared++;
    }
    assertThat(compared).isGreaterThan(100);
  }

  private static void assertAgrees(String name, EnvFile env, Plain other) {
    assertThat(env.conda()).as(name).extracting(CondaDep::raw).isEqualTo(other.conda());
    List<String> pipLines = new ArrayList<>();
    for (String item : other.pip()) {
      String stripped = PipLines.stripComment(item).strip();
      if (!stripped.isEmpty()) {
        pipLines.add(stripped);
      }
    }
    List<String> ours =
        env.pip().stream().filter(p -> p.file().equals(name)).map(PipEntry::raw).toList();
    assertThat(ours).as(name).isEqualTo(pipLines);
  }

  @SuppressWarnings("unchecked")
  private static Plain plain(Object doc) {
    List<String> conda = new ArrayList<>();
    List<String> pip = new ArrayList<>();
    Object deps = ((Map<String, Object>) doc).get("dependencies");
    if (deps instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          for (Object line : (List<Object>) m.get("pip")) {
            pip.add((String) line);
          }
        } else {
          conda.add((String) item);
        }
      }
    }
    return new Plain(conda, pip);
  }

  @Test
  void mutatedCorpusFilesStillFailCleanly() {
    // Seeded byte and line mutations of real files: whatever comes out, only InputException.
    java.util.Random random = new java.util.Random(20240601L);
    List<byte[]> sources = OUTCOMES.values().stream().map(Outcome::bytes).toList();
    byte[] alphabet =
        "-:[]{}&*!|>'\"#% \t\n=<@,.\\".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int parsed = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] bytes = sources.get(random.nextInt(sources.size())).clone();
      if (bytes.length == 0) {
        continue;
      }
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      try {
        new EnvFileParser().parse("m.yml", bytes, new EnvFileTestTree());
        parsed++;
      } catch (InputException e) {
        assertThat(e.file()).isEqualTo("m.yml");
      }
    }
    assertThat(parsed).isPositive();
  }

  @Test
  void condaSpecsOfTheCorpusAreReadable() {
    List<String> bad = new ArrayList<>();
    int total = 0;
    for (Outcome o : OUTCOMES.values()) {
      if (o.env() == null) {
        continue;
      }
      for (CondaDep d : o.env().conda()) {
        total++;
        if (d.error() != null) {
          bad.add(d.raw() + " -> " + d.error());
        }
      }
    }
    assertThat(total).isGreaterThan(1000);
    assertThat(bad).isEmpty();
  }

  private static boolean pythonHasYaml() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import yaml")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** PyYAML's reading, with Python's own decoding: a separate YAML implementation entirely. */
  private static final String PY_READER =
      """
      import codecs, json, os, sys, yaml
      out = {}
      d = sys.argv[1]
      for f in sorted(os.listdir(d)):
          if not f.endswith(('.yml', '.yaml')):
              continue
          b = open(os.path.join(d, f), 'rb').read()
          try:
              if b.startswith(codecs.BOM_UTF16_LE):
                  t = b[2:].decode('utf-16-le')
              elif b.startswith(codecs.BOM_UTF16_BE):
                  t = b[2:].decode('utf-16-be')
              elif b.startswith(codecs.BOM_UTF8):
                  t = b[3:].decode('utf-8')
              else:
                  t = b.decode('utf-8')
              doc = yaml.safe_load(t)
              conda, pip = [], []
              for item in (doc.get('dependencies') or []):
                  if isinstance(item, dict):
                      pip.extend(item['pip'])
                  else:
                      conda.append(item)
              out[f] = {'conda': conda, 'pip': pip}
          except Exception as e:
              out[f] = {'error': type(e).__name__}
      json.dump(out, sys.stdout)
      """;
}
