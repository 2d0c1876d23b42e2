package dev.pipgate.rules;

import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;
import java.util.List;

/** One check with a stable id. A rule produces findings; it knows nothing of how they are shown. */
public interface Rule {
  String id();

  Severity defaultSeverity();

  /** One sentence: when the rule fires. */
  String summary();

  List<Finding> check(ReviewContext context);
}
