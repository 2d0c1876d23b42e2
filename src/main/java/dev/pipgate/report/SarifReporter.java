package dev.pipgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.model.Finding;
import dev.pipgate.model.ReviewReport;
import dev.pipgate.model.Severity;
import dev.pipgate.model.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The review as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), the
 * format GitHub code scanning uploads. One run; the driver lists every known rule, then any rule
 * that fired without being known, so each result's {@code ruleIndex} points into it. Paths are
 * relative to {@code %SRCROOT%}, the base GitHub resolves against the repository root.
 */
public final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The project's address. */
  public static final String DEFAULT_INFORMATION_URI = "https://github.com/pipgate/pipgate";

  /** The rules' page under the project's address; each rule's helpUri is a heading anchor in it. */
  static final String RULES_PAGE = "/blob/main/docs/rules.md";

  /** Key of the line-independent identity in partialFingerprints (SARIF §3.27.17). */
  static final String FINGERPRINT_KEY = "pipgate/v1";

  static final String SRCROOT = "%SRCROOT%";

  private final List<RuleInfo> rules;
  private final String toolVersion;
  private final String informationUri;

  /** With the version from the jar's manifest and the default documentation address. */
  public SarifReporter(List<RuleInfo> rules) {
    this(rules, manifestVersion(), DEFAULT_INFORMATION_URI);
  }

  /**
   * @param rules rule metadata in the order to list it; later duplicates of an id are ignored
   * @param toolVersion pipgate's semantic version
   * @param informationUri the project's address (its README; the rules page is under it)
   */
  public SarifReporter(List<RuleInfo> rules, String toolVersion, String informationUri) {
    this.rules = List.copyOf(rules);
    this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
    this.informationUri = Objects.requireNonNull(informationUri, "informationUri");
  }

  private static String manifestVersion() {
    String v = SarifReporter.class.getPackage().getImplementationVersion();
    return v == null ? "0.0.0-dev" : v;
  }

  @Override
  public String render(ReviewReport report) {
    List<Finding> findings = ReportOrder.findings(report.findings());
    Map<String, RuleInfo> driverRules = new LinkedHashMap<>();
    for (RuleInfo r : rules) {
      driverRules.putIfAbsent(r.id(), r);
    }
    findings.stream()
        .filter(f -> !driverRules.containsKey(f.ruleId()))
        .sorted(Comparator.comparing(Finding::ruleId).thenComparing(Finding::severity))
        .forEach(
            f ->
                driverRules.putIfAbsent(
                    f.ruleId(), new RuleInfo(f.ruleId(), f.severity(), f.ruleId())));
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (String id : driverRules.keySet()) {
      ruleIndex.put(id, ruleIndex.size());
    }

    ObjectNode root = JsonOutput.object();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "pipgate");
    driver.put("informationUri", informationUri);
    driver.put("semanticVersion", toolVersion);
    ArrayNode ruleArray = driver.putArray("rules");
    for (RuleInfo r : driverRules.values()) {
      ObjectNode o = ruleArray.addObject();
      o.put("id", r.id());
      o.put("name", pascalCase(r.id()));
      o.putObject("shortDescription").put("text", r.summary());
      o.putObject("fullDescription").put("text", r.summary());
      o.put(
          "helpUri", informationUri + RULES_PAGE + "#" + UriPath.encode(HeadingAnchor.of(r.id())));
      o.putObject("defaultConfiguration").put("level", level(r.defaultSeverity()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : findings) {
      results.add(result(f, ruleIndex.get(f.ruleId())));
    }
    report
        .nothingReviewed()
        .ifPresent(
            text -> {
              // A run with no results reads as "clean"; the notification says nothing was there.
              ObjectNode invocation = run.putArray("invocations").addObject();
              invocation.put("executionSuccessful", true);
              ObjectNode note = invocation.putArray("toolExecutionNotifications").addObject();
              note.put("level", "note");
              note.putObject("message").put("text", text);
            });
    run.put("columnKind", "utf16CodeUnits");
    return JsonOutput.write(root);
  }

  private static ObjectNode result(Finding f, int index) {
    ObjectNode o = JsonOutput.object();
    o.put("ruleId", f.ruleId());
    o.put("ruleIndex", index);
    o.put("level", level(f.severity()));
    String text = f.help().isBlank() ? f.message() : f.message() + "\n" + f.help().strip();
    o.putObject("message").put("text", text);
    ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
    artifact(physical, f);
    if (f.location().line() > 0) {
      physical.putObject("region").put("startLine", f.location().line());
    }
    o.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    if (f.location().line() > 0) {
      f.fix().ifPresent(s -> fix(o, f, s));
    }
    ObjectNode properties = o.putObject("properties");
    if (f.packageName() != null) {
      properties.put("package", f.packageName());
    }
    properties.put("inDiff", f.mark().commentable());
    return o;
  }

  private static void artifact(ObjectNode parent, Finding f) {
    ObjectNode a = parent.putObject("artifactLocation");
    a.put("uri", UriPath.encode(f.location().file()));
    a.put("uriBaseId", SRCROOT);
  }

  /**
   * The suggestion replaces the whole line, its line end included (SARIF §3.57: a region from
   * column 1 of the line to column 1 of the next), so an empty replacement deletes the line.
   */
  private static void fix(ObjectNode result, Finding f, Suggestion s) {
    ObjectNode fix = result.putArray("fixes").addObject();
    fix.putObject("description")
        .put(
            "text",
            s.replacement().isEmpty() ? "Delete this line." : "Replace this line with the fix.");
    ObjectNode change = fix.putArray("artifactChanges").addObject();
    artifact(change, f);
    ObjectNode replacement = change.putArray("replacements").addObject();
    int line = f.location().line();
    replacement
        .putObject("deletedRegion")
        .put("startLine", line)
        .put("startColumn", 1)
        .put("endLine", line + 1)
        .put("endColumn", 1);
    if (!s.replacement().isEmpty()) {
      replacement.putObject("insertedContent").put("text", s.replacement() + "\n");
    }
  }

  static String level(Severity severity) {
    return severity.id(); // SARIF's levels are the same three words
  }

  /** {@code unjustified-pip} → {@code UnjustifiedPip}: SARIF's rule name is an identifier. */
  static String pascalCase(String id) {
    List<String> words = new ArrayList<>();
    for (String w : id.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        words.add(Character.toUpperCase(w.charAt(0)) + w.substring(1));
      }
    }
    return String.join("", words);
  }
}
