package dev.pipgate.rules;

import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.Objects;

/** A rule's identity: its stable id, default severity and one-sentence summary. */
abstract class RuleBase implements Rule {
  private final String id;
  private final Severity defaultSeverity;
  private final String summary;

  RuleBase(String id, Severity defaultSeverity, String summary) {
    this.id = Objects.requireNonNull(id, "id");
    this.defaultSeverity = Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    this.summary = Objects.requireNonNull(summary, "summary");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Severity defaultSeverity() {
    return defaultSeverity;
  }

  @Override
  public final String summary() {
    return summary;
  }

  /** A finding of this rule at its default severity, on a pip entry's line. */
  final Finding finding(PipEntry entry, String message, String help) {
    return Finding.of(id, defaultSeverity, entry.location(), entry.name(), message, help);
  }
}
