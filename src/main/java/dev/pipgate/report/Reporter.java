package dev.pipgate.report;

import dev.pipgate.model.ReviewReport;

/** Shows a whole review in one format. Output is deterministic: same report, same text. */
public interface Reporter {
  String render(ReviewReport report);
}
