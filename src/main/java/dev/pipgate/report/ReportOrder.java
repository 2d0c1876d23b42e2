package dev.pipgate.report;

import dev.pipgate.model.Finding;
import dev.pipgate.model.PipChange;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The one order every reporter lists things in, so that output never depends on rule order. */
final class ReportOrder {
  private ReportOrder() {}

  static final Comparator<Finding> FINDINGS =
      Comparator.comparing((Finding f) -> f.location().file())
          .thenComparingInt(f -> f.location().line())
          .thenComparing(Finding::ruleId)
          .thenComparing(f -> Objects.toString(f.packageName(), ""))
          .thenComparing(Finding::message)
          .thenComparing(Finding::severity);

  static final Comparator<PipChange> PIP_CHANGES =
      Comparator.comparing(PipChange::file)
          .thenComparing(PipChange::packageName)
          .thenComparingInt(PipChange::line)
          .thenComparing(PipChange::change);

  static List<Finding> findings(List<Finding> findings) {
    return findings.stream().sorted(FINDINGS).toList();
  }

  static List<PipChange> pipChanges(List<PipChange> changes) {
    return changes.stream().sorted(PIP_CHANGES).toList();
  }
}
