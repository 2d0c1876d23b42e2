package dev.pipgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.DiffMark;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.InputException;
import dev.pipgate.model.Location;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.ReviewScope;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a review back from the JSON pipgate wrote ({@code --format json}): the fork-safe pair saves
 * the result on the untrusted side and publishes it from the trusted one, so every field is
 * checked, and anything malformed is an input error rather than a half-published review.
 */
public final class ReportJsonReader {
  private final String file;

  private ReportJsonReader(String file) {
    this.file = file;
  }

  public static ReviewReport read(String file, byte[] json) {
    return new ReportJsonReader(file).report(parse(file, json));
  }

  static JsonNode parse(String file, byte[] json) {
    try {
      JsonNode root = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        throw new InputException(file, 0, "not a pipgate JSON report (expected an object)");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new InputException(file, line, "not JSON: " + e.getOriginalMessage());
    }
  }

  ReviewReport report(JsonNode root) {
    FailLevel failOn =
        FailLevel.fromId(text(root, "failOn"))
            .orElseThrow(() -> bad("failOn must be error, warning or never"));
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : array(root, "findings")) {
      Severity severity =
          Severity.fromId(text(f, "severity")).orElseThrow(() -> bad("unknown severity"));
      DiffMark mark;
      try {
        mark = DiffMark.valueOf(text(f, "diffMark").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad("unknown diffMark '" + text(f, "diffMark") + "'");
      }
      JsonNode suggestion = f.path("suggestion");
      Optional<Suggestion> fix = Optional.empty();
      if (suggestion.isTextual()) {
        try {
          fix = Optional.of(new Suggestion(suggestion.asText()));
        } catch (IllegalArgumentException e) {
          throw bad("a suggestion must be one line");
        }
      }
      try {
        findings.add(
            new Finding(
                text(f, "rule"),
                severity,
                new Location(text(f, "file"), number(f, "line")),
                f.path("package").isTextual() ? f.path("package").asText() : null,
                text(f, "message"),
                text(f, "help"),
                fix,
                mark));
      } catch (IllegalArgumentException e) {
        throw bad("invalid finding: " + e.getMessage());
      }
    }
    List<PipChange> changes = new ArrayList<>();
    for (JsonNode c : array(root, "pipChanges")) {
      PipChange.Change change;
      try {
        change = PipChange.Change.valueOf(text(c, "change").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad("unknown change '" + text(c, "change") + "'");
      }
      changes.add(
          new PipChange(
              text(c, "file"),
              text(c, "package"),
              text(c, "displayName"),
              change,
              text(c, "before"),
              text(c, "after"),
              number(c, "line"),
              c.path("unreadable").asBoolean(false),
              justification(c)));
    }
    Optional<ReviewScope> scope = Optional.empty();
    JsonNode sc = root.path("scope");
    if (!sc.isMissingNode()) {
      scope =
          Optional.of(
              new ReviewScope(
                  number(sc, "envFiles"),
                  number(sc, "yamlFiles"),
                  sc.path("wholeTree").asBoolean(false)));
    }
    return new ReviewReport(
        text(root, "base"),
        text(root, "head"),
        text(root, "notesFile"),
        findings,
        changes,
        failOn,
        scope);
  }

  /** The justification object; a report without one (older pipgate) has only {@code justified}. */
  private PipChange.Justification justification(JsonNode change) {
    JsonNode j = change.path("justification");
    if (j.isMissingNode() || j.isNull()) {
      return change.path("justified").asBoolean(false)
          ? new PipChange.Justification(
              PipChange.Justification.State.JUSTIFIED, List.of(), null, 0, "")
          : PipChange.Justification.noSection();
    }
    PipChange.Justification.State state = null;
    for (PipChange.Justification.State s : PipChange.Justification.State.values()) {
      if (s.id().equals(text(j, "state"))) {
        state = s;
      }
    }
    if (state == null) {
      throw bad("unknown justification state '" + text(j, "state") + "'");
    }
    List<Question> missing = new ArrayList<>();
    for (JsonNode q : array(j, "missing")) {
      Question question = null;
      for (Question candidate : Question.values()) {
        if (JsonReporter.questionId(candidate).equals(q.asText())) {
          question = candidate;
        }
      }
      if (question == null || !q.isTextual()) {
        throw bad("unknown question '" + q.asText() + "'");
      }
      missing.add(question);
    }
    LocalDate until = null;
    if (j.path("allowedUntil").isTextual()) {
      try {
        until = LocalDate.parse(j.path("allowedUntil").asText());
      } catch (DateTimeParseException e) {
        throw bad("allowedUntil must be a date (YYYY-MM-DD)");
      }
    }
    JsonNode section = j.path("section");
    boolean hasSection = section.isObject();
    return new PipChange.Justification(
        state,
        missing,
        until,
        hasSection ? Math.max(1, number(section, "line")) : 0,
        hasSection ? text(section, "anchor") : "");
  }

  private String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    if (!v.isTextual()) {
      throw bad("'" + key + "' must be a string");
    }
    return v.asText();
  }

  private int number(JsonNode n, String key) {
    JsonNode v = n.path(key);
    if (!v.canConvertToInt() || v.asInt() < 0) {
      throw bad("'" + key + "' must be a whole number ≥ 0");
    }
    return v.asInt();
  }

  private List<JsonNode> array(JsonNode n, String key) {
    JsonNode v = n.path(key);
    if (!v.isArray()) {
      throw bad("'" + key + "' must be a list");
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  private InputException bad(String message) {
    return new InputException(file, 0, "not a valid pipgate report: " + message);
  }
}
