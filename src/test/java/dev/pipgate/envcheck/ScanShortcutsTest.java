package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.NeedsTestData;
import dev.pipgate.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcuts that keep the scan fast read what the plain way reads: conda records through the
 * streaming parser, metadata up to the first empty line, RECORD paths joined without {@link Path}
 * normalisation, RECORD read only when asked for.
 */
class ScanShortcutsTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  @TempDir Path tmp;

  static Stream<Path> corpusRecords() throws Exception {
    return Files.list(TestData.path("corpus/conda-meta"))
        .filter(p -> p.getFileName().toString().endsWith(".json"))
        .sorted();
  }

  @ParameterizedTest
  @NeedsTestData("corpus/conda-meta")
  @MethodSource("corpusRecords")
  void streamingReaderAgreesWithAJsonTreeOnEveryCorpusRecord(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode tree;
    try {
      tree = TREE.readTree(bytes);
    } catch (JacksonException e) {
      assertThatThrownBy(() -> CondaMetaJson.read(bytes)).isInstanceOf(JacksonException.class);
      return;
    }
    CondaMetaJson json = CondaMetaJson.read(bytes);
    if (tree == null || !tree.isObject()) {
      assertThat(json).isNull();
      return;
    }
    for (String field :
        List.of("name", "version", "build", "channel", "subdir", "requested_spec", "noarch")) {
      JsonNode v = tree.get(field);
      String expected = v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
      assertThat(json.text(field)).as(field).isEqualTo(expected);
    }
    assertThat(json.files()).isEqualTo(strings(tree.get("files")));
    assertThat(json.depends()).isEqualTo(strings(tree.get("depends")));
    List<String> paths = new ArrayList<>();
    tree.path("paths_data").path("paths").forEach(p -> paths.add(p.path("_path").asText("")));
    assertThat(json.pathsData()).isEqualTo(paths);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(
          n -> {
            if (n.isTextual()) {
              out.add(n.asText());
            }
          });
    }
    return out;
  }

  @Test
  void streamingReaderKeepsTheLastOfRepeatedKeysAndSkipsOtherShapes() throws Exception {
    CondaMetaJson json =
        CondaMetaJson.read(
            """
            {"name": "a", "name": "b", "version": 1.5, "build": null, "channel": {"x": [1]},
             "files": ["x", 3, {"y": 1}, "z"], "depends": "numpy",
             "paths_data": {"paths": [{"_path": "p", "sha": [1]}, {"other": 1}, 7]}}
            """
                .getBytes(StandardCharsets.UTF_8));

    assertThat(json.text("name")).isEqualTo("b");
    assertThat(json.text("version")).isEqualTo("1.5");
    assertThat(json.text("build")).isEmpty();
    assertThat(json.text("channel")).isEmpty();
    assertThat(json.files()).containsExactly("x", "z");
    assertThat(json.depends()).isEmpty();
    assertThat(json.pathsData()).containsExactly("p", "");
    assertThat(CondaMetaJson.read("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(CondaMetaJson.read(new byte[0])).isNull();
    assertThatThrownBy(() -> CondaMetaJson.read("{\"name\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void metadataIsReadUpToItsFirstEmptyLineWhateverTheBodyHolds() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("env/lib/python3.11/site-packages"));
    Files.writeString(tmp.resolve("env/pyvenv.cfg"), "version = 3.11.4\n");
    Path crlf = Files.createDirectories(site.resolve("crlf-1.0.dist-info"));
    Files.writeString(
        crlf.resolve("METADATA"),
        "Metadata-Version: 2.1\r\nName: crlf\r\nVersion: 1.0\r\nRequires-Dist: a\r\n\r\n"
            + "Requires-Dist: not-a-header\r\n");
    Path binary = Files.createDirectories(site.resolve("binary-2.0.dist-info"));
    byte[] head =
        "Name: binary\nVersion: 2.0\nRequires-Dist: b>=1\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = {0, (byte) 0xff, (byte) 0xfe, 'x', '\n'};
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    Files.write(binary.resolve("METADATA"), all);

    PrefixScan scan = PrefixScan.scan(tmp.resolve("env"), null, null);

    assertThat(scan.notes()).isEmpty();
    assertThat(scan.distributions())
        .extracting(
            d -> d.name() + " " + d.requires().get(0).text() + " @" + d.requires().get(0).line())
        .containsExactlyInAnyOrder("binary b>=1 @3", "crlf a @4");
    assertThat(PrefixScan.headerBlock("\nName: x\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(new String(PrefixScan.headerBlock("A: 1\rB: 2\r\rC: 3".getBytes())))
        .isEqualTo("A: 1\rB: 2\r");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pkg/mod.py",
        "pkg/sub/data.json",
        "../../../bin/tool",
        "./pkg/x.py",
        "pkg/./x.py",
        "pkg//x.py",
        "pkg/../other.py",
        "/abs/path/x.py",
        "pkg\\win.py",
        "C:/x.py",
        "..",
        ".hidden/x",
        "pkg/x..py"
      })
  void recordPathsJoinedAsPathNormalisationWould(String line) throws Exception {
    Path prefix = tmp.resolve("env");
    Path site = Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
    Path info = Files.createDirectories(site.resolve("pkg-1.0.dist-info"));
    Files.writeString(info.resolve("METADATA"), "Name: pkg\nVersion: 1.0\n");
    Files.writeString(info.resolve("RECORD"), line + ",sha256=x,1\n");
    Files.writeString(prefix.resolve("pyvenv.cfg"), "version = 3.11.4\n");

    List<String> paths = PrefixScan.scan(prefix, null, null).distributions().get(0).recordPaths();

    Path root = prefix.toAbsolutePath().normalize();
    Path expected = site.resolve(line.replace('\\', '/')).toAbsolutePath().normalize();
    String rel =
        expected.startsWith(root) ? root.relativize(expected).toString() : expected.toString();
    assertThat(paths).containsExactly(rel);
  }

  @Test
  void recordIsReadTheFirstTimeItIsAskedFor() throws Exception {
    Path prefix = tmp.resolve("env");
    Path info =
        Files.createDirectories(prefix.resolve("lib/python3.11/site-packages/pkg-1.0.dist-info"));
    Files.writeString(info.resolve("METADATA"), "Name: pkg\nVersion: 1.0\n");
    Files.writeString(prefix.resolve("pyvenv.cfg"), "version = 3.11.4\n");
    Files.writeString(info.resolve("RECORD"), "pkg/a.py,,\n");

    Distribution d = PrefixScan.scan(prefix, null, null).distributions().get(0);
    Files.writeString(info.resolve("RECORD"), "pkg/b.py,,\n");

    assertThat(d.recordPaths()).containsExactly("lib/python3.11/site-packages/pkg/b.py");
    Files.writeString(info.resolve("RECORD"), "pkg/c.py,,\n");
    assertThat(d.recordPaths()).containsExactly("lib/python3.11/site-packages/pkg/b.py");
  }
}
