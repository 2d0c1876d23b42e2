package dev.pipgate.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden HTML comments that make pipgate's comments recognisable on the next run. A marker only
 * counts at a fixed place (the summary marker on the first line, a fingerprint marker on the last),
 * so a marker quoted inside a comment's text, or in a code span, never matches.
 */
final class Markers {
  static final String SUMMARY = "<!-- pipgate:summary -->";
  static final String REVIEW = "<!-- pipgate:review -->";

  private static final Pattern FINGERPRINT =
      Pattern.compile("<!-- pipgate:fingerprint=([0-9a-f]{32}) -->");
  private static final Pattern RESOLVED =
      Pattern.compile("<!-- pipgate:resolved=([0-9a-f]{32}) -->");
  private static final Pattern UNPLACED =
      Pattern.compile("<!-- pipgate:unplaced sha=([0-9a-f]{40,64}) fingerprints=([0-9a-f,]*) -->");

  private Markers() {}

  /**
   * The marker value for a finding fingerprint: a hash, so that file and package names (which come
   * from the repository) never reach the raw HTML comment.
   */
  static String hash(String fingerprint) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(d, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fingerprint(String hash) {
    return "<!-- pipgate:fingerprint=" + hash + " -->";
  }

  static String resolved(String hash) {
    return "<!-- pipgate:resolved=" + hash + " -->";
  }

  static String unplaced(String sha, Set<String> hashes) {
    return "<!-- pipgate:unplaced sha="
        + sha
        + " fingerprints="
        + String.join(",", hashes)
        + " -->";
  }

  /** The fingerprint hash of an inline comment, read from its last line. */
  static Optional<String> fingerprintOf(String body) {
    return match(FINGERPRINT, lastLine(body));
  }

  static boolean isResolvedReply(String body) {
    return match(RESOLVED, lastLine(body)).isPresent();
  }

  static boolean isSummary(String body) {
    return body != null && normalise(body).startsWith(SUMMARY + "\n");
  }

  static boolean isReview(String body) {
    return REVIEW.equals(lastLine(body));
  }

  /** Fingerprints a summary recorded as refused by GitHub for this head SHA (second line). */
  static Set<String> unplacedIn(String summaryBody, String sha) {
    List<String> lines = normalise(summaryBody).lines().limit(2).toList();
    if (lines.size() < 2) {
      return Set.of();
    }
    Matcher m = UNPLACED.matcher(lines.get(1));
    if (!m.matches() || !m.group(1).equals(sha) || m.group(2).isEmpty()) {
      return Set.of();
    }
    return new TreeSet<>(Arrays.asList(m.group(2).split(",")));
  }

  /** GitHub may hand back CRLF; compare bodies without that difference or trailing blanks. */
  static String normalise(String body) {
    return body == null ? "" : body.replace("\r\n", "\n").strip();
  }

  private static String lastLine(String body) {
    String b = normalise(body);
    int nl = b.lastIndexOf('\n');
    return nl < 0 ? b : b.substring(nl + 1);
  }

  private static Optional<String> match(Pattern p, String line) {
    Matcher m = p.matcher(line);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
