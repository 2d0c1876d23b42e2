package dev.pipgate.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing pipgate has to say about a change or an environment. Plain data: where and how it is
 * shown is the reporters' business.
 *
 * @param packageName PEP 503-normalised package name, or null when the finding is about no single
 *     package
 */
public record Finding(
    String ruleId,
    Severity severity,
    Location location,
    String packageName,
    String message,
    String help,
    Optional<Suggestion> fix,
    DiffMark mark) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(mark, "mark");
    if (ruleId.isBlank() || message.isBlank()) {
      throw new IllegalArgumentException("a finding needs a rule id and a message");
    }
  }

  public static Finding of(
      String ruleId,
      Severity severity,
      Location location,
      String pkg,
      String message,
      String help) {
    return new Finding(
        ruleId, severity, location, pkg, message, help, Optional.empty(), DiffMark.UNKNOWN);
  }

  public Finding withFix(Suggestion suggestion) {
    return new Finding(
        ruleId, severity, location, packageName, message, help, Optional.of(suggestion), mark);
  }

  public Finding withMark(DiffMark newMark) {
    return new Finding(ruleId, severity, location, packageName, message, help, fix, newMark);
  }

  public Finding withHelp(String newHelp) {
    return new Finding(ruleId, severity, location, packageName, message, newHelp, fix, mark);
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, newSeverity, location, packageName, message, help, fix, mark);
  }

  /**
   * A stable identity built from named fields (rule, file, package), never from line numbers, so
   * that a re-run recognises a finding it reported before even when lines moved. A finding about no
   * package (an option line, a line pip cannot read) adds its message, which quotes the line.
   */
  public String fingerprint() {
    return ruleId
        + "|"
        + location.file()
        + "|"
        + (packageName == null ? "|" + message : packageName);
  }
}
