package dev.pipgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.envcheck.DistributionView;
import dev.pipgate.envcheck.EnvCheckResult;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.Severity;

/**
 * The environment check as JSON. The field names {@code verdict, prefix, python, userSite,
 * distributions[name, version, installer, requested, conda, location], findings[...]} are a public
 * contract (add fields, never rename or remove them); each finding has exactly the review JSON's
 * shape.
 */
public final class EnvCheckJson {
  private EnvCheckJson() {}

  public static String render(EnvCheckResult result, FailLevel failOn) {
    ObjectNode root = JsonOutput.object();
    root.put("verdict", result.verdict(failOn));
    root.put("prefix", result.prefix());
    root.put("python", result.python());
    root.put("userSite", result.userSite());
    root.put("failOn", failOn.id());
    root.put("blockingCount", result.blockingCount(failOn));
    ObjectNode counts = root.putObject("counts");
    for (Severity s : Severity.values()) {
      counts.put(s.id(), FindingCounts.count(result.findings(), s));
    }
    ArrayNode dists = root.putArray("distributions");
    for (DistributionView d : result.distributions()) {
      ObjectNode o = dists.addObject();
      o.put("name", d.name());
      o.put("version", d.version());
      o.put("installer", d.installer());
      o.put("requested", d.requested());
      o.put("conda", d.conda());
      o.put("location", d.location());
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : ReportOrder.findings(result.findings())) {
      findings.add(JsonReporter.finding(f, failOn));
    }
    return JsonOutput.write(root);
  }
}
