package dev.pipgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.model.AuditReport;
import dev.pipgate.model.AuditReport.Entry;
import dev.pipgate.model.AuditReport.Repository;
import dev.pipgate.model.AuditReport.State;
import dev.pipgate.model.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit in its three forms: JSON (what {@code audit merge} reads: {@code "schema": 1}, no
 * timestamps, so that equal audits are equal bytes), Markdown for a job summary or an issue, and
 * CSV with one row per pip entry.
 */
public final class AuditFormats {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Where the Markdown's per-repository details stop: under an issue body's 65,536 characters (a
   * job summary holds 1 MiB). The totals table always holds every repository.
   */
  static final int MARKDOWN_DETAIL_LIMIT = 60_000;

  private AuditFormats() {}

  public static String json(AuditReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", AuditReport.SCHEMA);
    ObjectNode totals = root.putObject("totals");
    totals.put("repositories", report.repositories().size());
    totals.put("audited", report.audited());
    report.totals().forEach((s, n) -> totals.put(s.id(), n));
    ArrayNode repos = root.putArray("repositories");
    for (Repository r : report.repositories()) {
      ObjectNode o = repos.addObject();
      o.put("name", r.name()).put("revision", r.revision()).put("reason", r.reason());
      ObjectNode t = o.putObject("totals");
      r.totals().forEach((s, n) -> t.put(s.id(), n));
      ArrayNode entries = o.putArray("entries");
      for (Entry e : r.entries()) {
        entries
            .addObject()
            .put("file", e.file())
            .put("line", e.line())
            .put("package", e.packageName())
            .put("spec", e.spec())
            .put("state", e.state().id())
            .put("detail", e.detail());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON report read back; anything else is an error naming the file. */
  public static AuditReport readJson(String file, byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new InputException(file, 0, "not a pipgate audit report (invalid JSON)");
    }
    if (root == null || !root.isObject() || root.path("schema").asInt(-1) != AuditReport.SCHEMA) {
      throw new InputException(
          file,
          0,
          "not a pipgate audit report of schema "
              + AuditReport.SCHEMA
              + " (pipgate audit --format json)");
    }
    List<Repository> repos = new ArrayList<>();
    for (JsonNode r : root.path("repositories")) {
      List<Entry> entries = new ArrayList<>();
      for (JsonNode e : r.path("entries")) {
        try {
          entries.add(
              new Entry(
                  text(file, e, "file"),
                  e.path("line").asInt(),
                  text(file, e, "package"),
                  text(file, e, "spec"),
                  State.fromId(text(file, e, "state")),
                  text(file, e, "detail")));
        } catch (IllegalArgumentException ex) {
          throw new InputException(file, 0, ex.getMessage());
        }
      }
      repos.add(
          new Repository(
              text(file, r, "name"), text(file, r, "revision"), text(file, r, "reason"), entries));
    }
    return new AuditReport(repos);
  }

  private static String text(String file, JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new InputException(
          file, 0, "audit report field '" + field + "' is missing or not text");
    }
    return v.asText();
  }

  public static String csv(AuditReport report) {
    StringBuilder b = new StringBuilder("repository,file,line,package,spec,state,detail,reason\n");
    for (Repository r : report.repositories()) {
      if (!r.audited()) {
        b.append(String.join(",", cell(r.name()), "", "", "", "", "", "", cell(r.reason())))
            .append('\n');
        continue;
      }
      for (Entry e : r.entries()) {
        b.append(
                String.join(
                    ",",
                    cell(r.name()),
                    cell(e.file()),
                    Integer.toString(e.line()),
                    cell(e.packageName()),
                    cell(e.spec()),
                    e.state().id(),
                    cell(e.detail()),
                    ""))
            .append('\n');
      }
    }
    return b.toString();
  }

  /** RFC 4180, and no cell a spreadsheet would run as a formula. */
  private static String cell(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  public static String markdown(AuditReport report) {
    StringBuilder b = new StringBuilder("## pipgate audit\n\n");
    Map<State, Integer> t = report.totals();
    b.append(report.repositories().size())
        .append(" repositories, ")
        .append(report.audited())
        .append(" audited; pip entries: ")
        .append(t.get(State.JUSTIFIED))
        .append(" justified, ")
        .append(t.get(State.INCOMPLETE))
        .append(" incomplete, ")
        .append(t.get(State.MISSING))
        .append(" missing, ")
        .append(t.get(State.ALLOWED))
        .append(" allowed.\n\n");
    b.append("| Repository | Justified | Incomplete | Missing | Allowed | Note |\n");
    b.append("| --- | --: | --: | --: | --: | --- |\n");
    for (Repository r : report.repositories()) {
      Map<State, Integer> rt = r.totals();
      b.append("| ")
          .append(MarkdownText.code(r.name()))
          .append(" | ")
          .append(r.audited() ? rt.get(State.JUSTIFIED) : "")
          .append(" | ")
          .append(r.audited() ? rt.get(State.INCOMPLETE) : "")
          .append(" | ")
          .append(r.audited() ? rt.get(State.MISSING) : "")
          .append(" | ")
          .append(r.audited() ? rt.get(State.ALLOWED) : "")
          .append(" | ")
          .append(r.audited() ? "" : MarkdownText.escape("not audited: " + r.reason()))
          .append(" |\n");
    }
    int left = 0;
    for (Repository r : report.repositories()) {
      List<Entry> open =
          r.entries().stream()
              .filter(e -> e.state() == State.MISSING || e.state() == State.INCOMPLETE)
              .toList();
      if (open.isEmpty()) {
        continue;
      }
      StringBuilder d =
          new StringBuilder("\n### ").append(MarkdownText.code(r.name())).append("\n\n");
      for (Entry e : open) {
        d.append("- ")
            .append(MarkdownText.code(e.file() + ":" + e.line()))
            .append(' ')
            .append(MarkdownText.code(e.packageName()))
            .append(": ")
            .append(e.state().id())
            .append(e.detail().isEmpty() ? "" : " (" + MarkdownText.escape(e.detail()) + ")")
            .append('\n');
      }
      if (left > 0 || b.length() + d.length() > MARKDOWN_DETAIL_LIMIT) {
        left++;
      } else {
        b.append(d);
      }
    }
    if (left > 0) {
      b.append("\n… and ")
          .append(left)
          .append(
              " more repositories with open entries: the JSON and CSV forms list every entry.\n");
    }
    return b.toString();
  }
}
