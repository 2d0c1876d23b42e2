package dev.pipgate.report;

import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** "3 errors, 1 warning": how many findings of each severity, zero counts left out. */
final class FindingCounts {
  private FindingCounts() {}

  static long count(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** The phrase, or "no findings". */
  static String phrase(List<Finding> findings) {
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      long n = count(findings, s);
      if (n > 0) {
        parts.add(n + " " + s.id() + (n == 1 ? "" : "s"));
      }
    }
    return parts.isEmpty() ? "no findings" : String.join(", ", parts);
  }
}
