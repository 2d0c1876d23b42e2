package dev.pipgate.envcheck;

import dev.pipgate.model.FailLevel;
import dev.pipgate.model.Finding;
import dev.pipgate.model.ReviewReport;
import java.util.List;
import java.util.Objects;

/**
 * What the environment check found in one prefix. It is shown by the review's reporters ({@link
 * #asReview}); only its JSON has a shape of its own, with the distributions.
 *
 * @param prefix the prefix as given
 * @param python the Python version used for markers ({@code 3.9.16}), or ""
 * @param distributions one item per installed distribution, the set {@code pip inspect} lists
 * @param userSite the user site directory read with the prefix, or "" when none was
 */
public record EnvCheckResult(
    String prefix,
    String python,
    List<DistributionView> distributions,
    List<Finding> findings,
    String userSite) {

  public EnvCheckResult {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(python, "python");
    distributions = List.copyOf(distributions);
    findings = List.copyOf(findings);
    Objects.requireNonNull(userSite, "userSite");
  }

  public EnvCheckResult(
      String prefix, String python, List<DistributionView> distributions, List<Finding> findings) {
    this(prefix, python, distributions, findings, "");
  }

  /** The distributions found in the user site. */
  public long fromUserSite() {
    return userSite.isEmpty()
        ? 0
        : distributions.stream().filter(d -> d.location().startsWith(userSite + "/")).count();
  }

  public long blockingCount(FailLevel failOn) {
    return findings.stream().filter(f -> failOn.fails(f.severity())).count();
  }

  /** {@code pass} or {@code fail}. */
  public String verdict(FailLevel failOn) {
    return blockingCount(failOn) == 0 ? "pass" : "fail";
  }

  /**
   * The findings as a review report, for the text, Markdown and SARIF reporters: no base side, the
   * prefix as the head side, no pip changes.
   */
  public ReviewReport asReview(FailLevel failOn) {
    return new ReviewReport("", prefix, "", findings, List.of(), failOn);
  }

  public EnvCheckResult withFindings(List<Finding> newFindings) {
    return new EnvCheckResult(prefix, python, distributions, newFindings, userSite);
  }
}
