package dev.pipgate.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and broken env files: each is one InputException naming the file and, where known, line.
 */
class EnvFileBadInputTest {

  private static InputException fails(String text) {
    return fails(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputException fails(byte[] bytes) {
    Throwable t =
        catchThrowable(
            () -> new EnvFileParser().parse("env/environment.yml", bytes, new EnvFileTestTree()));
    assertThat(t).isInstanceOf(InputException.class);
    InputException e = (InputException) t;
    assertThat(e.file()).isEqualTo("env/environment.yml");
    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    return e;
  }

  @Test
  void aJinjaTemplateIsNamedAsOne() {
    // conda-devenv's environment.devenv.yml: a template conda cannot read as it is.
    InputException e =
        fails(
            "name: demo\ndependencies:\n  - python=3.10\n{% if os.environ.get('GPU') %}\n"
                + "  - cudatoolkit=11.2\n{% endif %}\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage())
        .startsWith("YAML: ")
        .endsWith(
            "(the file is a Jinja template, which conda cannot read unrendered; if it is not a"
                + " conda env file, add it to exclude: in the config)");
    assertThat(fails("dependencies: [\n").getMessage()).doesNotContain("Jinja");
  }

  @Test
  void billionLaughs() {
    StringBuilder y =
        new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char p = (char) (c - 1);
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(p);
      }
      y.append("]\n");
    }
    y.append("dependencies: *k\n");
    InputException e = fails(y.toString());
    assertThat(e.getMessage()).contains("aliases");
    assertThat(e.line()).isBetween(2, 12);
  }

  @Test
  void aliasFanOutIntoThePipListIsBounded() {
    // Few aliases, each expanding a large list: the entry budget stops it.
    StringBuilder y = new StringBuilder("big: &big\n");
    for (int i = 0; i < 3000; i++) {
      y.append("  - p").append(i).append('\n');
    }
    y.append("m: &m {pip: *big}\ndependencies: [");
    for (int i = 0; i < 40; i++) {
      y.append(i == 0 ? "" : ",").append("*m");
    }
    y.append("]\n");
    InputException e = fails(y.toString());
    assertThat(e.getMessage()).contains("dependency entries");
  }

  @Test
  void twentyMegabytes() {
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) 'a');
    InputException e = fails(big);
    assertThat(e.getMessage()).contains("bytes");
  }

  @Test
  void binaryFile() {
    InputException e = fails(new byte[] {'n', 'a', 'm', 'e', ':', '\n', 0, 1, 2});
    assertThat(e.getMessage()).contains("binary");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void invalidUtf8() {
    byte[] bytes = "name: x\ndependencies:\n  - caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    byte[] broken = Arrays.copyOf(bytes, bytes.length);
    broken[broken.length - 3] = (byte) 0xff;
    InputException e = fails(broken);
    assertThat(e.getMessage()).contains("UTF-8");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void duplicateKeysNameBothLines() {
    InputException e = fails("name: a\ndependencies:\n  - numpy\nname: b\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("duplicate key 'name'").contains("line 1");
  }

  @Test
  void duplicateKeysInsideThePipMapping() {
    InputException e = fails("dependencies:\n  - pip: [a]\n    pip: [b]\n");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void tabIndentation() {
    InputException e = fails("name: x\ndependencies:\n\t- numpy\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("tab");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dependencies:\\n  - pip: numpy\\n| 2| pip: is a string",
        "dependencies:\\n  - pip:\\n| 2| pip: is empty",
        "dependencies:\\n  - pip:\\n      a: b\\n| 3| pip: is a mapping",
        "dependencies:\\n  - pip:\\n    - [a, b]\\n| 3| a pip: item is a list",
        "dependencies: numpy\\n| 1| dependencies is a string",
        "- numpy\\n- scipy\\n| 1| top level is a list",
        "just text\\n| 1| top level is a string",
        "dependencies:\\n  - numpy\\n  - conda: [x]\\n| 3| only 'pip:'",
        "dependencies:\\n  - 3.9\\n| 2| is a number",
        "dependencies:\\n  - true\\n| 2| is a boolean",
        "dependencies:\\n  - pip:\\n    - 1.0\\n| 3| is a number",
        "dependencies:\\n  -\\n  - numpy\\n| 2| empty dependencies item",
        "dependencies:\\n  - [numpy]\\n| 2| nested list",
        "channels: conda-forge\\n| 1| channels is a string",
        "channels:\\n  - !!python/tuple [a]\\n| 2| python/tuple",
        "name: x\\nchannels: !!python/tuple\\n- defaults\\n| 2| !!python/tuple",
        "variables: [a]\\n| 1| variables is a list",
        "variables:\\n  A: [1]\\n| 2| variable A",
        "name: [x]\\n| 1| name is a list",
        "name: {{ env_name }}\\n| 1| YAML",
        "{% set x = 1 %}\\nname: x\\n| 1| YAML",
        "name: x\\n---\\nname: y\\n| 2| YAML",
        "dependencies:\\n  - pip:\\n    - \"unterminated\\n| 3| YAML",
        "name: !custom x\\n| 1| !custom",
        "''| 0| empty YAML document",
      })
  void structureErrorsNameTheLine(String yaml, int line, String message) {
    InputException e = fails(yaml.replace("\\n", "\n"));
    assertThat(e.line()).as(yaml).isEqualTo(line);
    assertThat(e.getMessage()).as(yaml).contains(message);
  }

  @Test
  void deepNestingFailsBeforeTheRecursiveComposer() {
    InputException e = fails("dependencies: " + "[".repeat(10_000));
    assertThat(e.getMessage()).contains("nested deeper");
    assertThat(e.line()).isEqualTo(1);
    InputException blocks = fails(deepBlockMapping(200));
    assertThat(blocks.getMessage()).contains("nested deeper");
  }

  private static String deepBlockMapping(int depth) {
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      y.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    return y.toString();
  }

  @Test
  void recursiveAliasIsNotFollowedForever() {
    InputException e = fails("dependencies: &d\n  - pip: *d\n");
    assertThat(e.getMessage()).contains("pip: item is a mapping");
  }

  @Test
  void controlCharactersAndLoneSurrogatesAreRejected() {
    fails("name: \u0007bell\n");
    fails(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'});
  }
}
