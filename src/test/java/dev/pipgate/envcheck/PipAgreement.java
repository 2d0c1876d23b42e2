package dev.pipgate.envcheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.names.PackageName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts pipgate's view of a prefix and pip's own answers into one comparable shape. */
final class PipAgreement {
  private PipAgreement() {}

  record Installed(String name, String version, String installer, boolean requested) {}

  /** One entry per normalised name, the first found winning (as pip's finder does). */
  static List<Installed> views(PrefixScan scan) {
    Map<String, Installed> out = new LinkedHashMap<>();
    for (Distribution d : scan.distributions()) {
      out.putIfAbsent(d.key(), new Installed(d.key(), d.version(), d.installer(), d.requested()));
    }
    return new ArrayList<>(out.values());
  }

  /** {@code pip inspect}'s installed items whose metadata lies inside {@code prefix}. */
  static List<Installed> inspected(JsonNode inspect, Path prefix) throws java.io.IOException {
    Path root = prefix.toRealPath();
    List<Installed> out = new ArrayList<>();
    for (JsonNode item : inspect.path("installed")) {
      Path location = Path.of(item.path("metadata_location").asText());
      Path real;
      try {
        real = location.toRealPath();
      } catch (java.io.IOException e) {
        real = location.toAbsolutePath().normalize();
      }
      if (!real.startsWith(root)) {
        continue;
      }
      out.add(
          new Installed(
              PackageName.normalize(item.path("metadata").path("name").asText()),
              item.path("metadata").path("version").asText(),
              item.path("installer").asText(""),
              item.path("requested").asBoolean(false)));
    }
    return out;
  }
}
