package dev.pipgate.review;

import dev.pipgate.config.Config;
import dev.pipgate.config.PolicySource;
import dev.pipgate.model.AuditReport;
import dev.pipgate.model.AuditReport.Entry;
import dev.pipgate.model.AuditReport.State;
import dev.pipgate.model.InputException;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.SourceTree;
import dev.pipgate.names.CondaNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One repository's audit: the review of its default branch's head as if every pip entry were new
 * ({@code review --all} on one tree), with the repository's own config (and the policy it extends),
 * reduced to each entry's justification state. A repository whose files or config cannot be read is
 * a row with the reason, never an error of the whole audit.
 */
public final class Audit {
  private final CondaNames names;
  private final LocalDate today;
  private final PolicySource policies;

  public Audit(CondaNames names, LocalDate today, PolicySource policies) {
    this.names = names;
    this.today = today;
    this.policies = policies;
  }

  public AuditReport.Repository repository(String name, SourceTree head) {
    try {
      Config config =
          ConfigResolution.resolve(
              null,
              head,
              Config.DEFAULT_PATH,
              Optional.empty(),
              Map.of(),
              Optional.empty(),
              policies);
      ReviewReport report =
          new Review(config, names, today)
              .run(new Review.Sides(null, head, Map.of(), Optional.empty()), true);
      List<Entry> entries = new ArrayList<>();
      for (PipChange c : report.pipChanges()) {
        if (c.change() != PipChange.Change.REMOVED) {
          entries.add(entry(c));
        }
      }
      return new AuditReport.Repository(name, head.describe(), "", entries);
    } catch (InputException e) {
      return AuditReport.Repository.skipped(name, e.oneLine());
    }
  }

  private static Entry entry(PipChange c) {
    PipChange.Justification j = c.justification();
    State state =
        switch (j.state()) {
          case JUSTIFIED -> State.JUSTIFIED;
          case INCOMPLETE -> State.INCOMPLETE;
          case NO_SECTION -> State.MISSING;
          case ALLOWED -> State.ALLOWED;
        };
    String detail =
        switch (state) {
          case INCOMPLETE ->
              "missing: "
                  + j.missing().stream().map(Question::label).collect(Collectors.joining(", "));
          case ALLOWED -> j.allowedUntil() == null ? "" : j.allowedUntil().toString();
          default -> "";
        };
    return new Entry(c.file(), c.line(), c.packageName(), c.after(), state, detail);
  }
}
