package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The two actions users reference, {@code pipgate/pipgate} (action.yml) and {@code
 * pipgate/pipgate/tf29} (tf29/action.yml): the same inputs and outputs, one image each.
 */
class ActionMetadataTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String file) throws IOException {
    return (Map<String, Object>)
        new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> section(Map<String, Object> action, String key) {
    return (Map<String, Map<String, Object>>) action.get(key);
  }

  @Test
  void tf29HasTheGateInputsAndOutputsWithEnvCheckOn() throws IOException {
    Map<String, Object> gate = load("action.yml");
    Map<String, Object> tf29 = load("tf29/action.yml");

    assertThat(section(tf29, "outputs")).isEqualTo(section(gate, "outputs"));
    assertThat(section(tf29, "inputs").keySet())
        .containsExactlyElementsOf(section(gate, "inputs").keySet());
    section(gate, "inputs")
        .forEach(
            (name, input) -> {
              Map<String, Object> other = new LinkedHashMap<>(section(tf29, "inputs").get(name));
              Map<String, Object> same = new LinkedHashMap<>(input);
              if (name.equals("env-check")) {
                assertThat(same).doesNotContainKey("default");
                assertThat(other.remove("default")).isEqualTo("true");
                other.remove("description");
                same.remove("description");
              }
              assertThat(other).as(name).isEqualTo(same);
            });
  }

  @Test
  void eachActionRunsItsImageWithTheActionCommand() throws IOException {
    Map<String, Object> gate = load("action.yml");
    Map<String, Object> tf29 = load("tf29/action.yml");
    // The default branch builds the gate image from the checkout; tf29 is never built on a runner.
    assertThat(gate.get("runs"))
        .isEqualTo(Map.of("using", "docker", "image", "Dockerfile", "args", List.of("action")));
    assertThat(tf29.get("runs"))
        .isEqualTo(
            Map.of(
                "using",
                "docker",
                "image",
                "docker://ghcr.io/pipgate/pipgate-tf29:1",
                "args",
                List.of("action")));
  }
}
