package dev.pipgate.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A conda match spec as conda reads a string item of {@code dependencies}: {@code
 * (channel(/subdir)::)name(version(build))([key=value,...])}.
 *
 * <p>The reading follows conda's {@code conda.models.match_spec} (documented in the {@code
 * MatchSpec} class docstring and the "Package search and install specifications" page): a {@code #}
 * starts a comment; {@code [key=value]} pairs override the positional parts; {@code =1.2} alone
 * means the fuzzy {@code 1.2.*} while {@code =1.2=build}, {@code ==1.2} and a bare {@code 1.2} mean
 * exactly 1.2; {@code ,} (AND) binds tighter than {@code |} (OR).
 */
public final class CondaMatchSpec {
  /** Longest spec read; env file items are short, and this bounds work on hostile input. */
  static final int MAX_LENGTH = 4096;

  private static final int MAX_PARENS_DEPTH = 32;

  /** Keys conda's MatchSpec accepts in brackets (FIELD_NAMES, plus the build_string alias). */
  private static final Set<String> BRACKET_KEYS =
      Set.of(
          "channel",
          "subdir",
          "name",
          "version",
          "build",
          "build_string",
          "build_number",
          "track_features",
          "features",
          "url",
          "md5",
          "sha256",
          "license",
          "license_family",
          "fn");

  /** Subdirs conda knows (context.known_subdirs); a trailing one is split off a channel. */
  private static final Set<String> KNOWN_SUBDIRS =
      Set.of(
          "emscripten-wasm32",
          "wasi-wasm32",
          "freebsd-64",
          "linux-32",
          "linux-64",
          "linux-aarch64",
          "linux-armv6l",
          "linux-armv7l",
          "linux-ppc64",
          "linux-ppc64le",
          "linux-riscv64",
          "linux-s390x",
          "noarch",
          "osx-64",
          "osx-arm64",
          "win-32",
          "win-64",
          "win-arm64",
          "zos-z");

  private static final String OPERATOR_CHARS = "=<>!~";

  private final String text;
  private final String channel;
  private final String subdir;
  private final String name;
  private final String version;
  private final String build;
  private final Map<String, String> brackets;
  private final List<String> ignoredBracketText;
  private final VersionExpr versionExpr;

  private CondaMatchSpec(
      String text,
      String channel,
      String subdir,
      String name,
      String version,
      String build,
      Map<String, String> brackets,
      List<String> ignoredBracketText,
      VersionExpr versionExpr) {
    this.text = text;
    this.channel = channel;
    this.subdir = subdir;
    this.name = name;
    this.version = version;
    this.build = build;
    this.brackets = brackets;
    this.ignoredBracketText = ignoredBracketText;
    this.versionExpr = versionExpr;
  }

  /**
   * Reads one match spec.
   *
   * @throws SpecSyntaxException when conda would reject the spec, or when it uses a form this
   *     reader does not model (parenthesised options outside brackets)
   */
  public static CondaMatchSpec parse(String spec) {
    if (spec == null) {
      throw new SpecSyntaxException("no match spec", 0);
    }
    if (spec.length() > MAX_LENGTH) {
      throw new SpecSyntaxException(
          "match spec longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    return new Reader(spec).read();
  }

  /** The spec as given. */
  public String text() {
    return text;
  }

  /** Channel name or URL before {@code ::} (or in {@code [channel=...]}), or "" when none. */
  public String channel() {
    return channel;
  }

  /** Subdir after the channel ({@code conda-forge/linux-64::}) or in brackets, or "". */
  public String subdir() {
    return subdir;
  }

  /** Package name, lower case (conda matches names case-insensitively); may be a glob. */
  public String name() {
    return name;
  }

  /**
   * The version constraint as written, without spaces and without the operator of a single {@code
   * =} (fuzzy) or {@code ==} (exact) term: {@code python=3.9} gives {@code 3.9}, {@code
   * numpy>=1.20,<1.24} gives {@code >=1.20,<1.24}; "" when none.
   */
  public String version() {
    return version;
  }

  /** The build string constraint (may be a glob), or "" when none. */
  public String build() {
    return build;
  }

  /** Every {@code [key=value]} pair as written (quotes removed), in order. */
  public Map<String, String> brackets() {
    return brackets;
  }

  /**
   * Bracket words that are not {@code key=value}, which conda skips without a word: the {@code
   * jupyter} of {@code black[jupyter]} (pip's extras syntax, meaningless to conda).
   */
  public List<String> ignoredBracketText() {
    return ignoredBracketText;
  }

  /** True when the spec constrains the version at all ({@code *} alone does not). */
  public boolean pinsVersion() {
    return versionExpr != null && !versionExpr.matchesAll();
  }

  /**
   * True when every version the spec admits lies below some bound: an exact or fuzzy pin, {@code
   * <}, {@code <=}, {@code ~=}, or a glob like {@code 1.2.*}; for {@code |} every alternative needs
   * one, for {@code ,} one term suffices.
   */
  public boolean hasUpperBound() {
    return versionExpr != null && versionExpr.hasUpperBound();
  }

  /** True for exactly one version: {@code ==1.2}, a bare {@code 1.2}, or {@code =1.2=build}. */
  public boolean exactPin() {
    return versionExpr instanceof Term t && t.kind == TermKind.EXACT;
  }

  /**
   * True for a single prefix match: {@code =3.9}, {@code 3.9.*}, {@code =3.9.*}, which conda
   * matches as every 3.9.x release.
   */
  public boolean fuzzy() {
    return versionExpr instanceof Term t && t.kind == TermKind.PREFIX;
  }

  /**
   * The version constraint as conda applies it, in PEP 440 spelling where one exists: {@code
   * python=3.9} gives {@code 3.9.*}, {@code ==3.9.7} gives {@code ==3.9.7}, a range stays as
   * written; "" when none.
   */
  public String effectiveVersion() {
    if (versionExpr == null) {
      return "";
    }
    if (versionExpr instanceof Term t) {
      if (t.kind == TermKind.EXACT) {
        return "==" + t.literal;
      }
      if (t.kind == TermKind.PREFIX) {
        return t.literal + ".*";
      }
    }
    return version;
  }

  @Override
  public String toString() {
    return text;
  }

  private enum TermKind {
    ANY,
    EXACT,
    PREFIX,
    NOT,
    LOWER,
    UPPER,
    COMPATIBLE,
    REGEX
  }

  private sealed interface VersionExpr permits Term, AllOf, AnyOf {
    boolean hasUpperBound();

    boolean matchesAll();
  }

  /** One comparison; {@code literal} is the version without operator and without a glob tail. */
  private record Term(TermKind kind, String literal) implements VersionExpr {
    @Override
    public boolean hasUpperBound() {
      return switch (kind) {
        case EXACT, PREFIX, UPPER, COMPATIBLE -> true;
        case ANY, NOT, LOWER, REGEX -> false;
      };
    }

    @Override
    public boolean matchesAll() {
      return kind == TermKind.ANY;
    }
  }

  private record AllOf(List<VersionExpr> terms) implements VersionExpr {
    @Override
    public boolean hasUpperBound() {
      return terms.stream().anyMatch(VersionExpr::hasUpperBound);
    }

    @Override
    public boolean matchesAll() {
      return terms.stream().allMatch(VersionExpr::matchesAll);
    }
  }

  private record AnyOf(List<VersionExpr> terms) implements VersionExpr {
    @Override
    public boolean hasUpperBound() {
      return terms.stream().allMatch(VersionExpr::hasUpperBound);
    }

    @Override
    public boolean matchesAll() {
      return terms.stream().anyMatch(VersionExpr::matchesAll);
    }
  }

  /** One parse; positions in error messages are offsets into the original text. */
  private static final class Reader {
    private final String text;

    Reader(String text) {
      this.text = text;
    }

    CondaMatchSpec read() {
      String s = text;
      // conda strips a '#' comment and an " if " condition before anything else.
      int hash = s.indexOf('#');
      if (hash >= 0) {
        s = s.substring(0, hash);
      }
      int cond = s.indexOf(" if ");
      if (cond >= 0) {
        s = s.substring(0, cond);
      }
      int start = leadingSpaces(s);
      s = s.strip();
      if (s.isEmpty()) {
        throw new SpecSyntaxException("empty match spec", 0);
      }
      for (int i = 0; i < s.length(); i++) {
        if (Character.isISOControl(s.charAt(i))) {
          throw new SpecSyntaxException("control character in match spec", start + i);
        }
      }
      if (s.endsWith(".tar.bz2") || s.endsWith(".conda")) {
        return packageFile(s, start);
      }

      Map<String, String> brackets = new LinkedHashMap<>();
      List<String> ignored = new ArrayList<>();
      int open = s.indexOf('[');
      if (open >= 0) {
        int close = s.indexOf(']', open);
        if (close < 0) {
          throw new SpecSyntaxException("'[' without a closing ']'", start + open);
        }
        if (close != s.length() - 1) {
          throw new SpecSyntaxException(
              "text after the closing ']' of the key-value brackets", start + close + 1);
        }
        readBrackets(s.substring(open + 1, close), start + open + 1, brackets, ignored);
        s = s.substring(0, open);
      } else if (s.indexOf(']') >= 0) {
        throw new SpecSyntaxException("']' without an opening '['", start + s.indexOf(']'));
      }
      int paren = s.indexOf('(');
      if (paren < 0) {
        paren = s.indexOf(')');
      }
      if (paren >= 0) {
        throw new SpecSyntaxException(
            "parentheses outside [ ] are not a version grouping in conda (it reads them as"
                + " legacy options); use [version='...']",
            start + paren);
      }

      String channel = "";
      String subdir = "";
      int offset = start;
      int colons = s.lastIndexOf("::");
      if (colons >= 0) {
        String channelText = s.substring(0, colons);
        if (channelText.isBlank()) {
          throw new SpecSyntaxException("empty channel before '::'", start);
        }
        String[] cs = splitChannel(channelText.strip());
        channel = cs[0];
        subdir = cs[1];
        offset = start + colons + 2;
        s = s.substring(colons + 2);
      } else {
        // A single ':' separates a namespace, which conda parses and then ignores.
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
          offset = start + colon + 1;
          s = s.substring(colon + 1);
        }
      }
      if (brackets.containsKey("channel")) {
        String[] cs = splitChannel(brackets.get("channel"));
        if (!cs[0].isEmpty()) {
          channel = cs[0];
        }
        if (!cs[1].isEmpty()) {
          subdir = cs[1];
        }
      }
      if (brackets.containsKey("subdir")) {
        subdir = brackets.get("subdir");
      }

      int lead = leadingSpaces(s);
      offset += lead;
      s = s.substring(lead);
      int nameEnd = 0;
      while (nameEnd < s.length() && " =<>!~".indexOf(s.charAt(nameEnd)) < 0) {
        nameEnd++;
      }
      if (nameEnd == 0) {
        throw new SpecSyntaxException("no package name", offset);
      }
      String name = s.substring(0, nameEnd).toLowerCase(Locale.ROOT);
      checkName(name, offset);
      if (brackets.containsKey("name")) {
        name = brackets.get("name").toLowerCase(Locale.ROOT);
        checkName(name, offset);
      }

      String rest = s.substring(nameEnd);
      int restOffset = offset + nameEnd + leadingSpaces(rest);
      rest = rest.strip();
      String versionText = null;
      String build = null;
      // conda's name/version split needs two characters after the name, so "numpy=" is
      // just "numpy".
      if (!rest.isEmpty() && !rest.equals("=")) {
        checkNoSpaceInOperator(rest, restOffset);
        String[] vb = splitVersionBuild(rest);
        versionText = vb[0].replace(" ", "");
        build = vb[1];
        if (versionText.equals("=") || versionText.equals("==")) {
          throw new SpecSyntaxException("'" + versionText + "' without a version", restOffset);
        }
        if (versionText.startsWith("=")) {
          String tail = versionText.substring(1);
          if (versionText.startsWith("==") && build == null) {
            versionText = versionText.substring(2);
          } else if (tail.chars().noneMatch(c -> c == '=' || c == ',' || c == '|')) {
            // "=1.2" alone is conda's fuzzy "1.2*"; with a build, "=1.2=b" is exactly 1.2.
            versionText = build == null && !tail.endsWith("*") ? tail + "*" : tail;
          }
        }
      }
      if (brackets.containsKey("version")) {
        versionText = brackets.get("version").replace(" ", "");
      }
      if (brackets.containsKey("build")) {
        build = brackets.get("build");
      } else if (brackets.containsKey("build_string")) {
        build = brackets.get("build_string");
      }
      if (build != null) {
        build = build.strip();
        for (int i = 0; i < build.length(); i++) {
          if (Character.isWhitespace(build.charAt(i))) {
            throw new SpecSyntaxException("space inside the build string '" + build + "'", offset);
          }
        }
      }

      VersionExpr expr = null;
      String shown = "";
      if (versionText != null && !versionText.isEmpty()) {
        expr = new VersionParser(versionText, restOffset).parse();
        shown = shownVersion(versionText, expr);
      }
      return new CondaMatchSpec(
          text,
          channel,
          subdir,
          name,
          shown,
          build == null ? "" : build,
          Collections.unmodifiableMap(brackets),
          List.copyOf(ignored),
          expr);
    }

    /** A package file or its URL: {@code .../name-version-build.tar.bz2} pins all three. */
    private CondaMatchSpec packageFile(String s, int start) {
      String file = s;
      int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
      String dir = slash >= 0 ? file.substring(0, slash) : "";
      String base = file.substring(slash + 1);
      base = base.substring(0, base.length() - (base.endsWith(".conda") ? 6 : 8));
      int b = base.lastIndexOf('-');
      int v = b > 0 ? base.lastIndexOf('-', b - 1) : -1;
      if (v <= 0 || b == base.length() - 1 || v == b - 1) {
        throw new SpecSyntaxException(
            "package file name is not name-version-build: " + file.substring(slash + 1),
            start + slash + 1);
      }
      String name = base.substring(0, v).toLowerCase(Locale.ROOT);
      checkName(name, start + slash + 1);
      String version = base.substring(v + 1, b);
      String build = base.substring(b + 1);
      String channel = "";
      String subdir = "";
      if (dir.contains("://")) {
        String[] cs = splitChannel(dir);
        channel = cs[0];
        subdir = cs[1];
      }
      VersionExpr expr = new VersionParser(version, start + slash + 1 + v + 1).parse();
      Map<String, String> brackets = new LinkedHashMap<>();
      brackets.put("url", s);
      return new CondaMatchSpec(
          text,
          channel,
          subdir,
          name,
          version,
          build,
          Collections.unmodifiableMap(brackets),
          List.of(),
          expr);
    }

    /** {@code key=value} pairs separated by commas and/or spaces; values may be quoted. */
    private void readBrackets(
        String body, int offset, Map<String, String> out, List<String> ignored) {
      int i = 0;
      int n = body.length();
      while (true) {
        while (i < n && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
          i++;
        }
        if (i >= n) {
          break;
        }
        int keyStart = i;
        while (i < n && isKeyChar(body.charAt(i))) {
          i++;
        }
        String key = body.substring(keyStart, i);
        if (key.isEmpty() || i >= n || body.charAt(i) != '=') {
          // conda's bracket pattern skips what is not key=value: "dask[dataframe]" (pip-style
          // extras) is plain "dask" to conda.
          while (i < n && body.charAt(i) != ',' && body.charAt(i) != ' ') {
            i++;
          }
          ignored.add(body.substring(keyStart, i));
          continue;
        }
        i++;
        String value;
        if (i < n && (body.charAt(i) == '\'' || body.charAt(i) == '"')) {
          char quote = body.charAt(i);
          int end = body.indexOf(quote, i + 1);
          if (end < 0) {
            throw new SpecSyntaxException("unclosed quote in brackets", offset + i);
          }
          value = body.substring(i + 1, end);
          i = end + 1;
          if (i < n && body.charAt(i) != ',' && body.charAt(i) != ' ') {
            throw new SpecSyntaxException(
                "expected ',' after the quoted value of '" + key + "'", offset + i);
          }
        } else {
          int valueStart = i;
          while (i < n && body.charAt(i) != ',' && body.charAt(i) != ' ') {
            char c = body.charAt(i);
            if (c == '\'' || c == '"' || (c == '=' && !key.equals("version"))) {
              throw new SpecSyntaxException(
                  "value of '" + key + "' must be quoted when it contains '" + c + "'", offset + i);
            }
            i++;
          }
          value = body.substring(valueStart, i);
        }
        if (value.isBlank()) {
          throw new SpecSyntaxException("key '" + key + "' in brackets has an empty value", offset);
        }
        if (!BRACKET_KEYS.contains(key)) {
          throw new SpecSyntaxException(
              "conda cannot match on field '" + key + "'", offset + keyStart);
        }
        out.put(key, value);
      }
    }

    private static boolean isKeyChar(char c) {
      return c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-';
    }

    private static String[] splitChannel(String channelText) {
      String c = channelText;
      while (c.endsWith("/")) {
        c = c.substring(0, c.length() - 1);
      }
      String sub = "";
      int slash = c.lastIndexOf('/');
      if (slash >= 0 && KNOWN_SUBDIRS.contains(c.substring(slash + 1))) {
        sub = c.substring(slash + 1);
        c = c.substring(0, slash);
      }
      if (c.equals("*")) {
        c = "";
      }
      return new String[] {c, sub};
    }

    private static void checkName(String name, int offset) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        boolean ok =
            c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '*'
                || c == '+';
        if (!ok) {
          throw new SpecSyntaxException(
              "character '" + c + "' is not allowed in a conda package name", offset + i);
        }
      }
    }

    /** {@code > =1.0} or {@code = =1.0}: conda cannot read an operator split by spaces. */
    private static void checkNoSpaceInOperator(String rest, int offset) {
      for (int i = 0; i < rest.length(); i++) {
        if (OPERATOR_CHARS.indexOf(rest.charAt(i)) < 0) {
          continue;
        }
        int j = i + 1;
        while (j < rest.length() && rest.charAt(j) == ' ') {
          j++;
        }
        if (j > i + 1 && j < rest.length() && rest.charAt(j) == '=') {
          throw new SpecSyntaxException(
              "space inside the operator '" + rest.substring(i, j + 1) + "'", offset + i);
        }
      }
    }

    /**
     * Splits "version build" or "version=build" the way conda's {@code _parse_version_plus_build}
     * does: the build is the shortest tail, after a space or '=' that does not follow an operator
     * character, free of {@code -=,|<>~}.
     */
    private static String[] splitVersionBuild(String s) {
      for (int cut = 1; cut < s.length(); cut++) {
        char sep = s.charAt(cut);
        if (sep != ' ' && sep != '=') {
          continue;
        }
        if ("=!|,<>~".indexOf(s.charAt(cut - 1)) >= 0) {
          continue;
        }
        String tail = s.substring(cut + 1);
        if (tail.isEmpty() || tail.chars().anyMatch(c -> "-=,|<>~".indexOf(c) >= 0)) {
          continue;
        }
        String b = tail.strip();
        if (b.isEmpty()) {
          continue;
        }
        return new String[] {s.substring(0, cut), b};
      }
      return new String[] {s, null};
    }

    private static String shownVersion(String versionText, VersionExpr expr) {
      if (expr instanceof Term t && (t.kind == TermKind.EXACT || t.kind == TermKind.PREFIX)) {
        String v = versionText;
        if (v.startsWith("==")) {
          v = v.substring(2);
        } else if (v.startsWith("=")) {
          v = v.substring(1);
        }
        // conda's internal "3.9*" for "=3.9" is shown as written.
        if (v.endsWith("*") && !v.endsWith(".*") && t.kind == TermKind.PREFIX) {
          v = v.substring(0, v.length() - 1);
        }
        return v;
      }
      return versionText;
    }

    private static int leadingSpaces(String s) {
      int i = 0;
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      return i;
    }
  }

  /** conda's VersionSpec: {@code |} of {@code ,} of terms, with parentheses for grouping. */
  private static final class VersionParser {
    private final String s;
    private final int offset;
    private int pos;
    private int depth;

    VersionParser(String s, int offset) {
      this.s = s;
      this.offset = offset;
    }

    VersionExpr parse() {
      VersionExpr e = anyOf();
      if (pos != s.length()) {
        throw error("unexpected '" + s.charAt(pos) + "' in version '" + s + "'");
      }
      return e;
    }

    private VersionExpr anyOf() {
      List<VersionExpr> terms = new ArrayList<>();
      terms.add(allOf());
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        terms.add(allOf());
      }
      return terms.size() == 1 ? terms.get(0) : new AnyOf(List.copyOf(terms));
    }

    private VersionExpr allOf() {
      List<VersionExpr> terms = new ArrayList<>();
      terms.add(atom());
      while (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        terms.add(atom());
      }
      return terms.size() == 1 ? terms.get(0) : new AllOf(List.copyOf(terms));
    }

    private VersionExpr atom() {
      if (pos < s.length() && s.charAt(pos) == '(') {
        if (++depth > MAX_PARENS_DEPTH) {
          throw error("version parentheses nested too deeply");
        }
        pos++;
        VersionExpr e = anyOf();
        if (pos >= s.length() || s.charAt(pos) != ')') {
          throw error("missing ')' in version '" + s + "'");
        }
        pos++;
        depth--;
        return e;
      }
      int start = pos;
      while (pos < s.length() && ",|()".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      return term(s.substring(start, pos), start);
    }

    private Term term(String t, int at) {
      if (t.isEmpty()) {
        throw new SpecSyntaxException("empty version term in '" + s + "'", offset + at);
      }
      if (t.startsWith("^") || t.endsWith("$")) {
        if (!(t.startsWith("^") && t.endsWith("$")) || t.length() < 2) {
          throw new SpecSyntaxException(
              "a regex version must start with '^' and end with '$'", offset + at);
        }
        return new Term(TermKind.REGEX, t);
      }
      String op = "";
      for (String candidate : new String[] {"==", "!=", "<=", ">=", "~=", "<", ">", "="}) {
        if (t.startsWith(candidate)) {
          op = candidate;
          break;
        }
      }
      String v = t.substring(op.length());
      if (!v.isEmpty() && OPERATOR_CHARS.indexOf(v.charAt(0)) >= 0) {
        throw new SpecSyntaxException("invalid operator in '" + t + "'", offset + at);
      }
      if (v.isEmpty()) {
        throw new SpecSyntaxException("operator '" + op + "' without a version", offset + at);
      }
      boolean glob = v.endsWith("*");
      String literal = v;
      if (glob) {
        literal =
            v.endsWith(".*") ? v.substring(0, v.length() - 2) : v.substring(0, v.length() - 1);
      }
      if (op.isEmpty() && literal.isEmpty()) {
        return new Term(TermKind.ANY, "*");
      }
      if (literal.isEmpty()) {
        throw new SpecSyntaxException("operator '" + op + "' with '*' alone", offset + at);
      }
      checkVersion(literal, at + op.length());
      if (literal.indexOf('*') >= 0) {
        // An inner glob ("1.*.3") is matched as a regular expression by conda.
        return new Term(op.equals("!=") ? TermKind.NOT : TermKind.REGEX, literal);
      }
      return switch (op) {
        case "" -> new Term(glob ? TermKind.PREFIX : TermKind.EXACT, literal);
        case "==" -> new Term(glob ? TermKind.PREFIX : TermKind.EXACT, literal);
        case "=" -> new Term(TermKind.PREFIX, literal);
        case "!=" -> new Term(TermKind.NOT, literal);
        case "~=" -> {
          if (glob) {
            throw new SpecSyntaxException("'~=' cannot be combined with '*'", offset + at);
          }
          yield new Term(TermKind.COMPATIBLE, literal);
        }
        // conda drops a '.*' after '<', '<=', '>', '>=' (with a warning).
        case "<", "<=" -> new Term(TermKind.UPPER, literal);
        default -> new Term(TermKind.LOWER, literal);
      };
    }

    /** conda's VersionOrder: [epoch!]release[+local], components of [0-9a-z_*]. */
    private void checkVersion(String v, int at) {
      String lower = v.toLowerCase(Locale.ROOT);
      for (int i = 0; i < lower.length(); i++) {
        char c = lower.charAt(i);
        boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || ".+!_*".indexOf(c) >= 0;
        if (!ok) {
          throw new SpecSyntaxException(
              "character '" + c + "' is not allowed in a conda version", offset + at + i);
        }
      }
      String rest = lower;
      int bang = rest.indexOf('!');
      if (bang >= 0) {
        String epoch = rest.substring(0, bang);
        if (epoch.isEmpty() || !epoch.chars().allMatch(Character::isDigit)) {
          throw new SpecSyntaxException("epoch must be a number in '" + v + "'", offset + at);
        }
        rest = rest.substring(bang + 1);
        if (rest.indexOf('!') >= 0) {
          throw new SpecSyntaxException("duplicated epoch separator '!'", offset + at);
        }
      }
      String[] local = rest.split("\\+", -1);
      if (local.length > 2) {
        throw new SpecSyntaxException("duplicated local version separator '+'", offset + at);
      }
      for (String part : local) {
        for (String component : part.split("[._]", -1)) {
          if (component.isEmpty()) {
            throw new SpecSyntaxException("empty version component in '" + v + "'", offset + at);
          }
        }
      }
    }

    private SpecSyntaxException error(String message) {
      return new SpecSyntaxException(message, offset + Math.min(pos, s.length()));
    }
  }
}
