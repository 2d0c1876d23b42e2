package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML side of an env file: keys, lists, anchors, encodings, line numbers. */
class EnvFileParserTest {

  private static EnvFile parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static EnvFile parse(byte[] bytes) {
    return new EnvFileParser().parse("environment.yml", bytes, new EnvFileTestTree());
  }

  @Test
  void everyTopLevelKey() {
    EnvFile env =
        parse(
            """
            name: tf29
            channels:
              - conda-forge
              - nodefaults
            dependencies:
              - python=3.9
              - conda-forge::numpy>=1.20,<1.24
              - cudatoolkit=11.2.2=hbe64b41_10
              - pip
              - pip:
                  - tensorflow==2.9.1
            variables:
              TF_CPP_MIN_LOG_LEVEL: 2
              EMPTY:
              FLAG: true
            prefix: /opt/conda/envs/tf29
            platforms: [linux-64]
            """);
    assertThat(env.path()).isEqualTo("environment.yml");
    assertThat(env.name()).isEqualTo("tf29");
    assertThat(env.channels()).containsExactly("conda-forge", "nodefaults");
    assertThat(env.conda())
        .extracting(CondaDep::name, CondaDep::channel, CondaDep::version, CondaDep::build)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("python", "", "3.9", ""),
            org.assertj.core.groups.Tuple.tuple("numpy", "conda-forge", ">=1.20,<1.24", ""),
            org.assertj.core.groups.Tuple.tuple("cudatoolkit", "", "11.2.2", "hbe64b41_10"),
            org.assertj.core.groups.Tuple.tuple("pip", "", "", ""));
    assertThat(env.conda()).extracting(CondaDep::line).containsExactly(6, 7, 8, 9);
    assertThat(env.conda()).allSatisfy(d -> assertThat(d.error()).isNull());
    assertThat(env.pipListLine()).isEqualTo(10);
    assertThat(env.hasPipList()).isTrue();
    assertThat(env.pip())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("tensorflow");
              assertThat(p.line()).isEqualTo(11);
            });
    assertThat(env.variables())
        .isEqualTo(Map.of("TF_CPP_MIN_LOG_LEVEL", "2", "EMPTY", "", "FLAG", "true"));
    assertThat(env.prefix()).isEqualTo("/opt/conda/envs/tf29");
    assertThat(env.followedFiles()).isEmpty();
  }

  @Test
  void noPipListAndNoDependencies() {
    EnvFile env = parse("name: x\nchannels: [defaults]\n");
    assertThat(env.conda()).isEmpty();
    assertThat(env.pip()).isEmpty();
    assertThat(env.pipListLine()).isZero();
    assertThat(env.hasPipList()).isFalse();
    assertThat(env.name()).isEqualTo("x");
    assertThat(parse("dependencies:\n").conda()).isEmpty();
    assertThat(parse("dependencies: []\n").conda()).isEmpty();
  }

  @Test
  void invalidCondaSpecIsAnEntryWithAnError() {
    EnvFile env = parse("dependencies:\n  - numpy > =1.20\n  - scipy\n");
    CondaDep bad = env.conda().get(0);
    assertThat(bad.raw()).isEqualTo("numpy > =1.20");
    assertThat(bad.name()).isNull();
    assertThat(bad.error()).contains("space inside the operator");
    assertThat(bad.line()).isEqualTo(2);
    assertThat(env.conda().get(1).error()).isNull();
  }

  @Test
  void severalPipSectionsAreConcatenated() {
    EnvFile env =
        parse(
            """
            dependencies:
              - pip:
                - a
              - numpy
              - pip:
                - b
                - c
            """);
    assertThat(env.pipListLine()).isEqualTo(2);
    assertThat(env.pip()).extracting(PipEntry::name).containsExactly("a", "b", "c");
    assertThat(env.pip()).extracting(PipEntry::line).containsExactly(3, 6, 7);
  }

  @Test
  void anchorsAliasesAndMergeKeys() {
    EnvFile env =
        parse(
            """
            base: &base
              name: from-base
              channels: [conda-forge]
            shared: &pins
              - numpy=1.23
            <<: *base
            name: own
            dependencies:
              - scipy
              - pip:
                - &req requests
                - *req
            """);
    assertThat(env.name()).isEqualTo("own");
    assertThat(env.channels()).containsExactly("conda-forge");
    assertThat(env.pip()).extracting(PipEntry::raw).containsExactly("requests", "requests");

    EnvFile listAlias = parse("pins: &p\n  - numpy\n  - scipy\ndependencies: *p\n");
    assertThat(listAlias.conda()).extracting(CondaDep::name).containsExactly("numpy", "scipy");
    assertThat(listAlias.conda()).extracting(CondaDep::line).containsExactly(2, 3);
  }

  @Test
  void flowStyleAndQuotedItems() {
    EnvFile env =
        parse("{name: x, dependencies: ['numpy>=1', \"pip\", {pip: ['a # not yaml comment']}]}");
    assertThat(env.conda()).extracting(CondaDep::raw).containsExactly("numpy>=1", "pip");
    assertThat(env.pip()).extracting(PipEntry::raw).containsExactly("a");
  }

  @Test
  void crlfAndBomsKeepLineNumbers() {
    String text = "name: x\r\ndependencies:\r\n  - numpy\r\n  - pip:\r\n    - rich\r\n";
    byte[] utf16 = withBom(new byte[] {(byte) 0xff, (byte) 0xfe}, text, StandardCharsets.UTF_16LE);
    byte[] utf8 =
        withBom(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text, StandardCharsets.UTF_8);
    for (byte[] bytes : new byte[][] {utf16, utf8}) {
      EnvFile env = parse(bytes);
      assertThat(env.name()).isEqualTo("x");
      assertThat(env.conda().get(0).line()).isEqualTo(3);
      assertThat(env.pip().get(0).line()).isEqualTo(5);
      assertThat(env.pip().get(0).raw()).isEqualTo("rich");
    }
  }

  private static byte[] withBom(byte[] bom, String text, java.nio.charset.Charset cs) {
    byte[] body = text.getBytes(cs);
    byte[] out = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, out, 0, bom.length);
    System.arraycopy(body, 0, out, bom.length, body.length);
    return out;
  }

  @Test
  void blockScalarItemsSplitIntoLines() {
    EnvFile env = parse("dependencies:\n  - pip:\n    - |\n      numpy\n      scipy\n");
    assertThat(env.pip()).extracting(PipEntry::raw).containsExactly("numpy", "scipy");
    assertThat(env.pip()).extracting(PipEntry::line).containsExactly(4, 5);
  }

  @Test
  void unknownTopLevelKeysAreIgnored() {
    EnvFile env = parse("name: x\ncategory: main\nplatforms: [linux-64, osx-64]\n");
    assertThat(env.name()).isEqualTo("x");
  }
}
