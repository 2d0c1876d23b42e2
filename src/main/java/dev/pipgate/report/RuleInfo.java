package dev.pipgate.report;

import dev.pipgate.model.Severity;
import java.util.Objects;

/**
 * What a reporter needs to know about a rule it has not seen fire: its id, the severity it has
 * unless configured otherwise, and a one-sentence summary.
 */
public record RuleInfo(String id, Severity defaultSeverity, String summary) {
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    Objects.requireNonNull(summary, "summary");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a rule needs an id");
    }
  }
}
