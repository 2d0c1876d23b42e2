package dev.pipgate.envcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What the environment check found in one prefix.
 *
 * @param prefix the prefix as given
 * @param python the Python version used for markers ({@code 3.9.16}), or ""
 * @param distributions one item per installed distribution, the set {@code pip inspect} lists
 */
public record EnvCheckResult(
    String prefix, String python, List<DistributionView> distributions, List<Finding> findings) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EnvCheckResult {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(python, "python");
    distributions = List.copyOf(distributions);
    findings = List.copyOf(findings);
  }

  public long blockingCount(FailLevel failOn) {
    return findings.stream().filter(f -> failOn.fails(f.severity())).count();
  }

  /** {@code pass} or {@code fail}. */
  public String verdict(FailLevel failOn) {
    return blockingCount(failOn) == 0 ? "pass" : "fail";
  }

  public String toJson() {
    return toJson(FailLevel.ERROR);
  }

  /**
   * {@code {"verdict","prefix","python","distributions":[...],"findings":[...]}}; findings have the
   * review report's shape ({@code rule, severity, file, line, package, message, inDiff}).
   */
  public String toJson(FailLevel failOn) {
    ObjectNode root = JSON.createObjectNode();
    root.put("verdict", verdict(failOn));
    root.put("prefix", prefix);
    root.put("python", python);
    ArrayNode dists = root.putArray("distributions");
    for (DistributionView d : distributions) {
      ObjectNode o = dists.addObject();
      o.put("name", d.name());
      o.put("version", d.version());
      o.put("installer", d.installer());
      o.put("requested", d.requested());
      o.put("conda", d.conda());
      o.put("location", d.location());
    }
    ArrayNode items = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = items.addObject();
      o.put("rule", f.ruleId());
      o.put("severity", f.severity().id());
      o.put("file", f.location().file());
      o.put("line", f.location().line());
      o.put("package", f.packageName());
      o.put("message", f.message());
      o.put("inDiff", f.mark().commentable());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code file:line: severity rule: message} lines, then the verdict line. */
  public String toText(FailLevel failOn) {
    StringBuilder b = new StringBuilder();
    for (Finding f : findings) {
      b.append(f.location())
          .append(": ")
          .append(f.severity().id())
          .append(' ')
          .append(f.ruleId())
          .append(": ")
          .append(f.message().replaceAll("[\\r\\n]+", " "))
          .append('\n');
    }
    long blocking = blockingCount(failOn);
    b.append(verdict(failOn))
        .append(": ")
        .append(distributions.size())
        .append(" distributions in ")
        .append(prefix)
        .append(python.isEmpty() ? "" : " (Python " + python + ")")
        .append(", ")
        .append(findings.size())
        .append(findings.size() == 1 ? " finding" : " findings")
        .append(", ")
        .append(blocking)
        .append(" at or above ")
        .append(failOn.id())
        .append('\n');
    return b.toString();
  }
}
