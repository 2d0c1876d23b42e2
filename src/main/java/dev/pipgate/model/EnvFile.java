package dev.pipgate.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code environment.yml} as conda reads it, with line numbers.
 *
 * @param path repository path of the env file
 * @param name the {@code name:} value, or null
 * @param channels the {@code channels:} list, in order
 * @param conda the string items of {@code dependencies}
 * @param pip the {@code pip:} lines, and the lines of files they follow with {@code -r} / {@code
 *     -c}, in reading order
 * @param pipListLine line of the {@code pip:} key, or 0 when the file has no pip list
 * @param variables the {@code variables:} mapping
 * @param prefix the {@code prefix:} value, or null
 * @param followedFiles repository paths read through {@code -r} / {@code -c}
 */
public record EnvFile(
    String path,
    String name,
    List<String> channels,
    List<CondaDep> conda,
    List<PipEntry> pip,
    int pipListLine,
    Map<String, String> variables,
    String prefix,
    List<String> followedFiles) {
  public EnvFile {
    Objects.requireNonNull(path, "path");
    channels = List.copyOf(channels);
    conda = List.copyOf(conda);
    pip = List.copyOf(pip);
    variables = Map.copyOf(variables);
    followedFiles = List.copyOf(followedFiles);
  }

  public boolean hasPipList() {
    return pipListLine > 0;
  }
}
