package dev.pipgate.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PEP 440 version. Parsing accepts every spelling PEP 440 §normalization maps to a canonical form
 * (case, a leading {@code v}, {@code -_.} separators, {@code alpha/beta/c/pre/preview}, {@code
 * rev/r}, implicit post releases {@code 1.0-1}, implicit numbers, surrounding whitespace); {@link
 * #toString()} gives that canonical form.
 *
 * <p>Hand-written scanner rather than a regular expression: {@code java.util.regex} recurses per
 * repetition of a group and overflows the stack on long hostile inputs.
 */
public final class Version implements Comparable<Version> {
  private final long epoch;
  private final long[] release;
  private final String preLabel; // "a", "b", "rc" or null
  private final long preNumber;
  private final long post; // -1 when absent
  private final long dev; // -1 when absent
  private final List<String> local; // normalised parts; empty when absent

  private Version(
      long epoch,
      long[] release,
      String preLabel,
      long preNumber,
      long post,
      long dev,
      List<String> local) {
    this.epoch = epoch;
    this.release = release;
    this.preLabel = preLabel;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = List.copyOf(local);
  }

  public static Version parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("missing version", 0);
    }
    return new Scanner(text, 0, text.length()).version();
  }

  /** Parses {@code text[start, end)}; error columns count from the start of {@code text}. */
  static Version parse(String text, int start, int end) {
    return new Scanner(text, start, end).version();
  }

  public static Optional<Version> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (SpecSyntaxException e) {
      return Optional.empty();
    }
  }

  public long epoch() {
    return epoch;
  }

  public List<Long> release() {
    return Arrays.stream(release).boxed().toList();
  }

  /** Normalised pre-release segment such as {@code rc1}. */
  public Optional<String> pre() {
    return preLabel == null ? Optional.empty() : Optional.of(preLabel + preNumber);
  }

  public OptionalLong post() {
    return post < 0 ? OptionalLong.empty() : OptionalLong.of(post);
  }

  public OptionalLong dev() {
    return dev < 0 ? OptionalLong.empty() : OptionalLong.of(dev);
  }

  /** Normalised local label such as {@code ubuntu.1}. */
  public Optional<String> local() {
    return local.isEmpty() ? Optional.empty() : Optional.of(String.join(".", local));
  }

  /** PEP 440: a pre-release or a developmental release. */
  public boolean isPrerelease() {
    return preLabel != null || dev >= 0;
  }

  public boolean isDevrelease() {
    return dev >= 0;
  }

  public boolean isPostrelease() {
    return post >= 0;
  }

  /** This version without its local label. */
  public Version publicVersion() {
    return local.isEmpty()
        ? this
        : new Version(epoch, release, preLabel, preNumber, post, dev, List.of());
  }

  /** Epoch and release only, e.g. {@code 1.2} for {@code 1.2rc1.post3+x}. */
  public Version baseVersion() {
    return new Version(epoch, release, null, 0, -1, -1, List.of());
  }

  /** The same epoch/release/pre/post with another developmental number and no local label. */
  Version withDev(long newDev) {
    return new Version(epoch, release, preLabel, preNumber, post, newDev, List.of());
  }

  /** The version this one is a post-release of: {@code 1.0.post1.dev2+x} → {@code 1.0}. */
  Version withoutPostDevLocal() {
    return new Version(epoch, release, preLabel, preNumber, -1, -1, List.of());
  }

  long[] releaseArray() {
    return release.clone();
  }

  @Override
  public int compareTo(Version o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c == 0 && preLabel != null) {
      c = Long.compare(preNumber, o.preNumber);
    }
    if (c != 0) {
      return c;
    }
    // absent post (-1) sorts before post0; absent dev sorts after every dev number
    c = Long.compare(post, o.post);
    if (c != 0) {
      return c;
    }
    if ((dev < 0) != (o.dev < 0)) {
      return dev < 0 ? 1 : -1;
    }
    c = Long.compare(dev, o.dev);
    return c != 0 ? c : compareLocal(local, o.local);
  }

  /**
   * PEP 440 §summary-of-permitted-suffixes-and-relative-ordering: a release with only a dev segment
   * ({@code 1.0.dev1}) sorts before its pre-releases; a release without pre segment sorts after
   * them.
   */
  private int preRank() {
    if (preLabel == null) {
      return post < 0 && dev >= 0 ? -1 : 3;
    }
    return switch (preLabel) {
      case "a" -> 0;
      case "b" -> 1;
      default -> 2;
    };
  }

  /** Trailing zeros do not count: {@code 1.0 == 1.0.0}. */
  private static int compareRelease(long[] a, long[] b) {
    int n = Math.max(a.length, b.length);
    for (int i = 0; i < n; i++) {
      long x = i < a.length ? a[i] : 0;
      long y = i < b.length ? b[i] : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    return 0;
  }

  /**
   * PEP 440 §local-version-identifiers: no local label sorts first; parts compare numerically when
   * both are numbers, a number sorts after a string, and a longer label wins on a tie.
   */
  private static int compareLocal(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = isDigits(x);
      boolean yNum = isDigits(y);
      int c;
      if (xNum && yNum) {
        // parts are stored without leading zeros, so length orders them first
        c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      } else if (xNum != yNum) {
        c = xNum ? 1 : -1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    int end = release.length;
    while (end > 1 && release[end - 1] == 0) {
      end--;
    }
    int h = Long.hashCode(epoch);
    h = 31 * h + Arrays.hashCode(Arrays.copyOf(release, end));
    h = 31 * h + preRank();
    h = 31 * h + (preLabel == null ? 0 : Long.hashCode(preNumber));
    h = 31 * h + Long.hashCode(post);
    h = 31 * h + Long.hashCode(dev);
    return 31 * h + local.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (epoch != 0) {
      sb.append(epoch).append('!');
    }
    for (int i = 0; i < release.length; i++) {
      sb.append(i == 0 ? "" : ".").append(release[i]);
    }
    if (preLabel != null) {
      sb.append(preLabel).append(preNumber);
    }
    if (post >= 0) {
      sb.append(".post").append(post);
    }
    if (dev >= 0) {
      sb.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      sb.append('+').append(String.join(".", local));
    }
    return sb.toString();
  }

  /** Scanner over the PEP 440 "version scheme" with the normalisation rules folded in. */
  private static final class Scanner {
    private static final String[] PRE_LABELS = {
      "alpha", "a", "beta", "b", "preview", "pre", "c", "rc"
    };
    private static final String[] POST_LABELS = {"post", "rev", "r"};

    private final String text;
    private final int end;
    private int pos;

    Scanner(String text, int start, int stop) {
      this.text = text;
      while (start < stop && isSpace(text.charAt(start))) {
        start++;
      }
      while (stop > start && isSpace(text.charAt(stop - 1))) {
        stop--;
      }
      this.pos = start;
      this.end = stop;
    }

    Version version() {
      if (pos == end) {
        throw new SpecSyntaxException("expected a version", pos);
      }
      int begin = pos;
      if (lower(peek()) == 'v') {
        pos++;
      }
      long epoch = 0;
      List<Long> release = new ArrayList<>();
      long first = number("version must start with a number");
      if (peek() == '!') {
        pos++;
        epoch = first;
        first = number("expected release number after epoch '!'");
      }
      release.add(first);
      while (peek() == '.' && isDigit(peekAt(pos + 1))) {
        pos++;
        release.add(number("expected number"));
      }

      String preLabel = null;
      long preNumber = 0;
      int mark = pos;
      skipSeparator();
      String label = keyword(PRE_LABELS);
      if (label != null) {
        preLabel =
            switch (label) {
              case "alpha", "a" -> "a";
              case "beta", "b" -> "b";
              default -> "rc";
            };
        preNumber = optionalNumber();
      } else {
        pos = mark;
      }

      long post = -1;
      mark = pos;
      if (peek() == '-' && isDigit(peekAt(pos + 1))) {
        pos++;
        post = number("expected post-release number");
      } else {
        skipSeparator();
        if (keyword(POST_LABELS) != null) {
          post = optionalNumber();
        } else {
          pos = mark;
        }
      }

      long dev = -1;
      mark = pos;
      skipSeparator();
      if (keyword(new String[] {"dev"}) != null) {
        dev = optionalNumber();
      } else {
        pos = mark;
      }

      List<String> local = new ArrayList<>();
      if (peek() == '+') {
        pos++;
        while (true) {
          int start = pos;
          while (pos < end && isAlnum(text.charAt(pos))) {
            pos++;
          }
          if (start == pos) {
            throw new SpecSyntaxException("expected letters or digits in local version label", pos);
          }
          local.add(localPart(text.substring(start, pos)));
          if (!isSeparator(peek())) {
            break;
          }
          pos++;
        }
      }
      if (pos != end) {
        throw new SpecSyntaxException(
            "invalid version "
                + Quoted.of(text.substring(begin, end))
                + ": unexpected "
                + Quoted.of(text.substring(pos, pos + 1)),
            pos);
      }
      return new Version(
          epoch,
          release.stream().mapToLong(Long::longValue).toArray(),
          preLabel,
          preNumber,
          post,
          dev,
          local);
    }

    private static String localPart(String part) {
      String lower = part.toLowerCase(Locale.ROOT);
      if (isDigits(lower)) {
        String stripped = lower.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
      }
      return lower;
    }

    /**
     * The number after a label, 0 when implicit. A separator after the label is consumed even
     * without a number, as PEP 440's reference regex does ({@code 1.0a-} is {@code 1.0a0}).
     */
    private long optionalNumber() {
      skipSeparator();
      return isDigit(peek()) ? number("expected number") : 0;
    }

    private long number(String expected) {
      int start = pos;
      long value = 0;
      while (pos < end && isDigit(text.charAt(pos))) {
        int digit = text.charAt(pos) - '0';
        if (value > (Long.MAX_VALUE - digit) / 10) {
          throw new SpecSyntaxException("number too large in version", start);
        }
        value = value * 10 + digit;
        pos++;
      }
      if (start == pos) {
        throw new SpecSyntaxException(expected, pos);
      }
      return value;
    }

    /** The first of {@code words} (longest listed first) found here, case-insensitively. */
    private String keyword(String[] words) {
      for (String w : words) {
        if (pos + w.length() <= end && matchesAsciiIgnoringCase(w)) {
          pos += w.length();
          return w;
        }
      }
      return null;
    }

    private boolean matchesAsciiIgnoringCase(String word) {
      for (int i = 0; i < word.length(); i++) {
        if (lower(text.charAt(pos + i)) != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void skipSeparator() {
      if (isSeparator(peek())) {
        pos++;
      }
    }

    private char peek() {
      return peekAt(pos);
    }

    private char peekAt(int i) {
      return i < end ? text.charAt(i) : '\0';
    }

    private static boolean isSeparator(char c) {
      return c == '-' || c == '_' || c == '.';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
      return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static char lower(char c) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
  }
}
