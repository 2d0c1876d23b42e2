package dev.pipgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipChange;
import dev.pipgate.model.Question;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import java.util.Locale;

/**
 * The review as JSON for scripts. The field names {@code verdict, base, head, findings[rule,
 * severity, file, line, package, message, inDiff], pipChanges[file, package, change, before, after,
 * justified, unreadable, justification]} are a public contract: add fields, never rename or remove
 * them. {@code scope} (a review of a change only) says how many env files the change touched and
 * how many YAML files were looked at, with the sentence shown when there was no env file.
 */
final class JsonReporter implements Reporter {
  @Override
  public String render(ReviewReport report) {
    ObjectNode root = JsonOutput.object();
    root.put("verdict", report.verdict());
    root.put("base", report.base());
    root.put("head", report.head());
    root.put("notesFile", report.notesFile());
    root.put("failOn", report.failOn().id());
    root.put("blockingCount", report.blockingCount());
    report
        .scope()
        .ifPresent(
            scope -> {
              ObjectNode o = root.putObject("scope");
              o.put("envFiles", scope.envFiles());
              o.put("yamlFiles", scope.yamlFiles());
              o.put("wholeTree", scope.wholeTree());
              report.nothingReviewed().ifPresent(n -> o.put("message", n));
            });
    ObjectNode counts = root.putObject("counts");
    for (Severity s : Severity.values()) {
      counts.put(s.id(), FindingCounts.count(report.findings(), s));
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : ReportOrder.findings(report.findings())) {
      findings.add(finding(f, report.failOn()));
    }
    ArrayNode changes = root.putArray("pipChanges");
    ReportOrder.pipChanges(report.pipChanges())
        .forEach(
            c -> {
              ObjectNode o = changes.addObject();
              o.put("file", c.file());
              o.put("package", c.packageName());
              o.put("displayName", c.displayName());
              o.put("change", c.change().id());
              o.put("before", c.before());
              o.put("after", c.after());
              o.put("line", c.line());
              o.put("justified", c.justified());
              o.put("unreadable", c.unreadable());
              o.set("justification", justification(c.justification()));
            });
    return JsonOutput.write(root);
  }

  /**
   * The notes' verdict on one package: {@code state} (no-section, incomplete, justified, allowed),
   * the {@code missing} questions by id, {@code allowedUntil} (a date or null), and the {@code
   * section} heading's {@code line} and GitHub {@code anchor}, or null without a section.
   */
  static ObjectNode justification(PipChange.Justification j) {
    ObjectNode o = JsonOutput.object();
    o.put("state", j.state().id());
    ArrayNode missing = o.putArray("missing");
    j.missing().forEach(q -> missing.add(questionId(q)));
    o.put("allowedUntil", j.allowedUntil() == null ? null : j.allowedUntil().toString());
    if (j.hasSection()) {
      ObjectNode section = o.putObject("section");
      section.put("line", j.sectionLine());
      section.put("anchor", j.anchor());
    } else {
      o.putNull("section");
    }
    return o;
  }

  /** {@code WHY_NOT_CONDA} → {@code why-not-conda}. */
  static String questionId(Question q) {
    return q.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** One finding: the shape every pipgate JSON output shares (review and environment check). */
  static ObjectNode finding(Finding f, FailLevel failOn) {
    ObjectNode o = JsonOutput.object();
    o.put("rule", f.ruleId());
    o.put("severity", f.severity().id());
    o.put("file", f.location().file());
    o.put("line", f.location().line());
    o.put("package", f.packageName());
    o.put("message", f.message());
    o.put("help", f.help());
    o.put("inDiff", f.mark().commentable());
    o.put("diffMark", f.mark().name().toLowerCase(Locale.ROOT));
    o.put("blocking", failOn.fails(f.severity()));
    o.put("fingerprint", f.fingerprint());
    o.put("suggestion", f.fix().map(s -> s.replacement()).orElse(null));
    return o;
  }
}
