package dev.pipgate.parse;

import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Tells a conda env file from any other YAML file by its content: the top level is a mapping whose
 * {@code dependencies} is a list of strings (conda match specs) and/or mappings with a {@code pip}
 * key. A Helm chart's dependencies are mappings of name and version, a pubspec's a mapping, a conda
 * recipe has {@code requirements:}; none of them is an env file.
 *
 * <p>Loading is {@link EnvFileYaml}'s, with its bounds. A file that cannot be loaded (a template, a
 * YAML error, an alias bomb, not text) counts as an env file when a line starts with a top-level
 * {@code dependencies:} key: a broken env file must reach the parser and fail the review with its
 * error, not drop out of it.
 */
public final class EnvFileSniff {
  private static final Pattern TOP_LEVEL_DEPENDENCIES =
      Pattern.compile("(?m)^(?:dependencies|\"dependencies\"|'dependencies')[ \\t]*:");

  private EnvFileSniff() {}

  /** True when {@code bytes} are an env file, or a broken file that claims to be one. */
  public static boolean isEnvFile(String path, byte[] bytes) {
    String text;
    try {
      text = TextFiles.decode(path, bytes);
    } catch (InputException e) {
      return claims(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    try {
      Node root = EnvFileYaml.loadOrEmpty(path, text).orElse(null);
      if (!(root instanceof MappingNode top)) {
        return false;
      }
      NodeTuple deps = EnvFileYaml.entries(path, top).get("dependencies");
      return deps != null && isCondaDependencies(path, deps.getValueNode());
    } catch (InputException e) {
      return claims(text);
    }
  }

  private static boolean isCondaDependencies(String path, Node value) {
    if (!(value instanceof SequenceNode list)) {
      return false;
    }
    for (Node item : list.getValue()) {
      if (item instanceof ScalarNode) {
        return true;
      }
      if (item instanceof MappingNode map) {
        Map<String, NodeTuple> keys = EnvFileYaml.entries(path, map);
        if (keys.containsKey("pip")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean claims(String text) {
    return TOP_LEVEL_DEPENDENCIES.matcher(text).find();
  }
}
