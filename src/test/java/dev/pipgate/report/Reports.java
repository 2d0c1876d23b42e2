package dev.pipgate.report;

import dev.pipgate.model.DiffMark;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Review reports built by hand, with repository text chosen to break naive output. */
final class Reports {
  private Reports() {}

  static final String BASE = "0123456789abcdef0123456789abcdef01234567";
  static final String HEAD = "fedcba9876543210fedcba9876543210fedcba98";
  static final String NOTES = "docs/requirements notes.md";

  static final Finding UNJUSTIFIED =
      Finding.of(
              "unjustified-pip",
              Severity.ERROR,
              new Location("environment.yml", 12),
              "requests",
              "pip package `requests` is not justified in docs/requirements notes.md",
              "Add a section for requests answering the four questions.")
          .withMark(DiffMark.ADDED);

  static final Finding HOSTILE =
      Finding.of(
              "incomplete-justification",
              Severity.ERROR,
              new Location("envs/<script>alert(1)</script>.yml", 3),
              "org-team",
              "@org/team <script>alert(1)</script> | ``` x ``` [link](http://evil)",
              "ask @org/team | <b>now</b>")
          .withMark(DiffMark.OUTSIDE);

  static final Finding WHOLE_FILE =
      Finding.of(
              "pip-without-pip-dep",
              Severity.WARNING,
              Location.file("environment.yml"),
              null,
              "the env file has a pip: list but pip is not a conda dependency",
              "Add pip to dependencies.")
          .withFix(new Suggestion("  - pip"));

  static final Finding DELETE_FIX =
      Finding.of(
              "duplicate-pip",
              Severity.WARNING,
              new Location("environment.yml", 20),
              "numpy",
              "numpy is listed twice\nsecond line",
              "")
          .withFix(new Suggestion(""))
          .withMark(DiffMark.CONTEXT);

  static final Finding NOTE =
      Finding.of(
          "unpinned-pip",
          Severity.NOTE,
          new Location("a/env.yml", 7),
          "tqdm",
          "tqdm is not pinned",
          "Pin an exact version.");

  static List<Finding> findings() {
    return List.of(UNJUSTIFIED, HOSTILE, WHOLE_FILE, DELETE_FIX, NOTE);
  }

  static List<PipChange> pipChanges() {
    return List.of(
        new PipChange(
            "environment.yml",
            "requests",
            "Requests",
            PipChange.Change.ADDED,
            "",
            ">=2.31",
            12,
            false,
            PipChange.Justification.noSection()),
        new PipChange(
            "environment.yml",
            "numpy",
            "numpy",
            PipChange.Change.CHANGED,
            "==1.21",
            "==1.23",
            20,
            false,
            new PipChange.Justification(
                PipChange.Justification.State.JUSTIFIED, List.of(), null, 5, "numpy")),
        new PipChange(
            "envs/<script>alert(1)</script>.yml",
            "org-team",
            "@org/team|`x`",
            PipChange.Change.REMOVED,
            "==1",
            "",
            3,
            false,
            PipChange.Justification.noSection()));
  }

  static ReviewReport failing() {
    return new ReviewReport(BASE, HEAD, NOTES, findings(), pipChanges(), FailLevel.ERROR);
  }

  static ReviewReport with(List<Finding> findings, FailLevel failOn) {
    return new ReviewReport(BASE, HEAD, NOTES, findings, List.of(), failOn);
  }

  static ReviewReport empty() {
    return new ReviewReport(BASE, HEAD, NOTES, List.of(), List.of(), FailLevel.ERROR);
  }

  /** The same report with its lists in another order. */
  static ReviewReport shuffled(ReviewReport r, long seed) {
    List<Finding> f = new ArrayList<>(r.findings());
    List<PipChange> c = new ArrayList<>(r.pipChanges());
    Collections.shuffle(f, new Random(seed));
    Collections.shuffle(c, new Random(seed));
    return new ReviewReport(r.base(), r.head(), r.notesFile(), f, c, r.failOn());
  }
}
