package dev.pipgate.spec;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One PEP 440 version clause such as {@code >=1.2}, {@code ==1.4.*} or {@code ~=2.2.post3}. The
 * matching rules follow PEP 440 §version-specifiers as the {@code packaging} library implements
 * them.
 */
public final class Specifier {

  /** PEP 440 comparison operators, longest spelling first so that parsing can try them in order. */
  public enum Operator {
    ARBITRARY("==="),
    COMPATIBLE("~="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS_EQUAL("<="),
    GREATER_EQUAL(">="),
    LESS("<"),
    GREATER(">");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final Operator operator;
  private final String versionText;
  private final boolean wildcard;
  private final Version version; // the prefix for wildcards; null for unparsable === text

  private Specifier(Operator operator, String versionText, boolean wildcard, Version version) {
    this.operator = operator;
    this.versionText = versionText;
    this.wildcard = wildcard;
    this.version = version;
  }

  public static Specifier parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("missing version specifier", 0);
    }
    return parse(text, 0, text.length());
  }

  /** Parses the clause in {@code text[start, end)}; columns count from the start of text. */
  static Specifier parse(String text, int start, int end) {
    int pos = skipSpace(text, start, end);
    int stop = end;
    while (stop > pos && Character.isWhitespace(text.charAt(stop - 1))) {
      stop--;
    }
    Operator op = null;
    for (Operator candidate : Operator.values()) {
      if (text.startsWith(candidate.text, pos) && pos + candidate.text.length() <= stop) {
        op = candidate;
        break;
      }
    }
    if (op == null) {
      throw new SpecSyntaxException(
          pos == stop
              ? "expected a version clause such as '>=1.0'"
              : "expected a comparison operator (~=, ==, !=, <=, >=, <, >, ===) at "
                  + Quoted.of(text.substring(pos, stop)),
          pos);
    }
    int versionStart = skipSpace(text, pos + op.text.length(), stop);
    if (versionStart == stop) {
      throw new SpecSyntaxException("expected version after '" + op.text + "'", versionStart);
    }
    String written = text.substring(versionStart, stop);
    if (op == Operator.ARBITRARY) {
      // PEP 440 §arbitrary-equality: any string, compared as text
      for (int i = 0; i < written.length(); i++) {
        char c = written.charAt(i);
        if (Character.isWhitespace(c) || c == ';' || c == ')' || c == ',') {
          throw new SpecSyntaxException(
              "unexpected " + Quoted.of(String.valueOf(c)) + " in '===' version", versionStart + i);
        }
      }
      return new Specifier(op, written, false, Version.tryParse(written).orElse(null));
    }
    boolean wildcard = written.endsWith(".*");
    if (wildcard && op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
      throw new SpecSyntaxException("'.*' suffix can only be used with '==' or '!='", stop - 2);
    }
    Version version = Version.parse(text, versionStart, wildcard ? stop - 2 : stop);
    if (wildcard
        && (version.pre().isPresent()
            || version.post().isPresent()
            || version.dev().isPresent()
            || version.local().isPresent())) {
      // PEP 440 §version-matching: a prefix match names a release segment only
      throw new SpecSyntaxException(
          "'.*' suffix can only follow a release number such as '1.2.*'", stop - 2);
    }
    if (version.local().isPresent() && op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
      throw new SpecSyntaxException(
          "local version label can only be used with '==' or '!='", versionStart);
    }
    if (op == Operator.COMPATIBLE && version.release().size() < 2) {
      throw new SpecSyntaxException(
          "'~=' needs a version with at least two release numbers, such as '~=1.0'", versionStart);
    }
    return new Specifier(op, written, wildcard, version);
  }

  private static int skipSpace(String text, int pos, int end) {
    while (pos < end && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  public Operator operator() {
    return operator;
  }

  /** The version as written, including a {@code .*} suffix. */
  public String versionText() {
    return versionText;
  }

  public boolean isWildcard() {
    return wildcard;
  }

  /** The version named (the prefix for wildcards); empty for {@code ===} with a non-version. */
  public Optional<Version> version() {
    return Optional.ofNullable(version);
  }

  /**
   * Whether this clause asks for pre-releases by naming one; {@code !=} and wildcards never do
   * ({@code packaging} {@code Specifier.prereleases}).
   */
  public boolean impliesPrereleases() {
    return operator != Operator.NOT_EQUAL && !wildcard && version != null && version.isPrerelease();
  }

  /** Pre-releases allowed only when this clause names one. */
  public boolean contains(Version candidate) {
    return contains(candidate, impliesPrereleases());
  }

  public boolean contains(Version candidate, boolean prereleases) {
    return (prereleases || !candidate.isPrerelease()) && matches(candidate);
  }

  /** The operator's comparison alone, without the pre-release filter. */
  boolean matches(Version candidate) {
    Objects.requireNonNull(candidate, "candidate");
    return switch (operator) {
      case ARBITRARY ->
          candidate
              .toString()
              .toLowerCase(Locale.ROOT)
              .equals(versionText.toLowerCase(Locale.ROOT));
      case EQUAL -> equalTo(candidate);
      case NOT_EQUAL -> !equalTo(candidate);
      case LESS_EQUAL -> candidate.publicVersion().compareTo(version) <= 0;
      case GREATER_EQUAL -> candidate.publicVersion().compareTo(version) >= 0;
      case COMPATIBLE ->
          candidate.publicVersion().compareTo(version) >= 0
              && prefixMatches(candidate, version.releaseArray().length - 1);
      case LESS -> lessThan(candidate);
      case GREATER -> greaterThan(candidate);
    };
  }

  private boolean equalTo(Version candidate) {
    if (wildcard) {
      return prefixMatches(candidate, version.releaseArray().length);
    }
    // PEP 440: a public version in the clause ignores the candidate's local label
    return version.local().isPresent()
        ? candidate.equals(version)
        : candidate.publicVersion().equals(version);
  }

  /** Same epoch and the first {@code length} release numbers, the candidate zero-padded. */
  private boolean prefixMatches(Version candidate, int length) {
    if (candidate.epoch() != version.epoch()) {
      return false;
    }
    long[] prefix = version.releaseArray();
    long[] release = candidate.releaseArray();
    for (int i = 0; i < length; i++) {
      if ((i < release.length ? release[i] : 0) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** PEP 440: {@code <V} excludes pre-releases of V unless V is itself a pre-release. */
  private boolean lessThan(Version candidate) {
    if (candidate.compareTo(version) >= 0) {
      return false;
    }
    return version.isPrerelease()
        || !candidate.isPrerelease()
        || candidate.compareTo(version.withDev(0)) < 0;
  }

  /**
   * PEP 440: {@code >V} excludes post-releases of V unless V is itself a post-release, and local
   * versions of V.
   */
  private boolean greaterThan(Version candidate) {
    if (candidate.compareTo(version) <= 0) {
      return false;
    }
    if (!version.isPostrelease()
        && candidate.isPostrelease()
        && candidate.withoutPostDevLocal().equals(version)) {
      return false;
    }
    return candidate.local().isEmpty() || !candidate.publicVersion().equals(version);
  }

  /** Operator and version as written, without spaces: {@code >=1.0}. */
  @Override
  public String toString() {
    return operator.text + versionText;
  }

  /** {@code ==1.2} equals {@code == 1.2.0}, as in {@code packaging}. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Specifier s
        && operator == s.operator
        && wildcard == s.wildcard
        && canonicalVersion().equals(s.canonicalVersion());
  }

  @Override
  public int hashCode() {
    return Objects.hash(operator, wildcard, canonicalVersion());
  }

  /**
   * Trailing zeros do not matter for most operators, so the Version (whose equality ignores them)
   * stands for itself; they do matter for prefixes ({@code ==1.0.*} is not {@code ==1.*}, {@code
   * ~=1.0.0} is not {@code ~=1.0}) and {@code ===} compares text.
   */
  private Object canonicalVersion() {
    if (operator == Operator.ARBITRARY) {
      return versionText.toLowerCase(Locale.ROOT);
    }
    return wildcard || operator == Operator.COMPATIBLE ? version.toString() : version;
  }
}
