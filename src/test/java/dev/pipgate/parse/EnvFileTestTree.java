package dev.pipgate.parse;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A revision held in memory: path to bytes, refusing what a real tree refuses. */
final class EnvFileTestTree implements SourceTree {
  private final Map<String, byte[]> files = new TreeMap<>();

  EnvFileTestTree put(String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  EnvFileTestTree put(String path, byte[] bytes) {
    files.put(path, bytes);
    return this;
  }

  byte[] bytes(String path) {
    return files.get(path);
  }

  @Override
  public Optional<byte[]> read(String path) {
    if (files.keySet().stream().anyMatch(p -> p.startsWith(path + "/"))) {
      throw new InputException(path, 0, "is a directory");
    }
    byte[] b = files.get(path);
    if (b != null && b.length > MAX_FILE_BYTES) {
      throw new InputException(path, 0, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    return Optional.ofNullable(b);
  }

  @Override
  public List<String> list() {
    return new ArrayList<>(files.keySet());
  }

  @Override
  public String describe() {
    return "memory";
  }
}
