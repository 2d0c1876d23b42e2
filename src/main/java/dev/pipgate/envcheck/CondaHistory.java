package dev.pipgate.envcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code conda-meta/history}: conda's log of transactions ({@code ==> date <==}, {@code # cmd:},
 * then {@code +channel::name-version-build} / {@code -...} lines). Replaying it gives what conda
 * believes it installed, even when a package record was later dropped as stale.
 */
public record CondaHistory(Map<String, Entry> installed) {
  public static final String FILE = "conda-meta/history";

  public CondaHistory {
    installed = Map.copyOf(installed);
  }

  public static CondaHistory empty() {
    return new CondaHistory(Map.of());
  }

  /** One package conda's history says is installed, with the line that installed it last. */
  public record Entry(String name, String version, String build, String channel, int line) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(build, "build");
      Objects.requireNonNull(channel, "channel");
    }
  }

  static CondaHistory parse(String text) {
    Map<String, Entry> net = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.length() < 2 || (line.charAt(0) != '+' && line.charAt(0) != '-')) {
        continue;
      }
      Entry entry = parseDist(line.substring(1), i + 1);
      if (entry == null) {
        continue;
      }
      if (line.charAt(0) == '+') {
        net.put(entry.name(), entry);
      } else {
        net.remove(entry.name());
      }
    }
    return new CondaHistory(net);
  }

  /** {@code [channel[/subdir]::]name-version-build}; the name itself may contain dashes. */
  private static Entry parseDist(String dist, int line) {
    String channel = "";
    int sep = dist.lastIndexOf("::");
    if (sep >= 0) {
      channel = dist.substring(0, sep);
      dist = dist.substring(sep + 2);
    }
    int b = dist.lastIndexOf('-');
    if (b <= 0) {
      return null;
    }
    int v = dist.lastIndexOf('-', b - 1);
    if (v <= 0) {
      return null;
    }
    return new Entry(
        dist.substring(0, v), dist.substring(v + 1, b), dist.substring(b + 1), channel, line);
  }
}
