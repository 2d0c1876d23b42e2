package dev.pipgate.envcheck;

import dev.pipgate.names.PackageName;
import dev.pipgate.spec.Requirement;
import dev.pipgate.spec.SpecSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which requested package of a pip report brings each package the report would install. */
public final class PlannedInstall {
  private PlannedInstall() {}

  /**
   * For each package key in the report, the key of the first requested item (in report order) whose
   * requirements reach it through other items of the report. Markers and extras are not evaluated:
   * a package any requested item can reach is attributed to the first one that can. Requested items
   * are their own origin; a package nothing reaches is left out.
   */
  public static Map<String, String> origins(PipReport report) {
    Map<String, List<String>> edges = new HashMap<>();
    for (PipReport.Item item : report.install()) {
      edges.put(item.key(), item.requiresDist().stream().map(PlannedInstall::nameOf).toList());
    }
    Map<String, String> origin = new LinkedHashMap<>();
    for (PipReport.Item item : report.install()) {
      if (item.requested()) {
        origin.put(item.key(), item.key());
      }
    }
    for (PipReport.Item root : report.install()) {
      if (!root.requested()) {
        continue;
      }
      Deque<String> queue = new ArrayDeque<>(List.of(root.key()));
      while (!queue.isEmpty()) {
        for (String dep : edges.getOrDefault(queue.poll(), List.of())) {
          if (edges.containsKey(dep) && !origin.containsKey(dep)) {
            origin.put(dep, root.key());
            queue.add(dep);
          }
        }
      }
    }
    return origin;
  }

  private static String nameOf(String requirement) {
    try {
      return PackageName.normalize(Requirement.parse(requirement).name());
    } catch (SpecSyntaxException e) {
      return "";
    }
  }
}
