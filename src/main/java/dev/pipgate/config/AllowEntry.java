package dev.pipgate.config;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * An accepted exception: findings of {@code rules} (all rules when empty) for {@code packageName}
 * are reported as allowed and do not fail the job, until {@code expires} (inclusive) if given.
 *
 * @param packageName PEP 503-normalised
 * @param line line of the entry in the config file, for messages
 */
public record AllowEntry(
    String packageName, Set<String> rules, String reason, LocalDate expires, int line) {
  public AllowEntry {
    Objects.requireNonNull(packageName, "packageName");
    rules = Set.copyOf(rules);
    Objects.requireNonNull(reason, "reason");
  }

  public boolean expiredOn(LocalDate today) {
    return expires != null && today.isAfter(expires);
  }

  public boolean covers(String ruleId, String pkg) {
    return packageName.equals(pkg) && (rules.isEmpty() || rules.contains(ruleId));
  }
}
