package dev.pipgate.spec;

import dev.pipgate.names.PackageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A PEP 508 environment marker such as {@code python_version < "3.8" and sys_platform == "linux"}.
 * {@code and} binds tighter than {@code or}; parentheses group.
 */
public final class Marker {
  /** Parentheses deeper than this are rejected rather than risking the stack. */
  static final int MAX_NESTING = 100;

  /** PEP 508 variables plus the dotted spellings pip still accepts (PEP 345). */
  private static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("python_version", "python_version"),
          Map.entry("python_full_version", "python_full_version"),
          Map.entry("os_name", "os_name"),
          Map.entry("os.name", "os_name"),
          Map.entry("sys_platform", "sys_platform"),
          Map.entry("sys.platform", "sys_platform"),
          Map.entry("platform_release", "platform_release"),
          Map.entry("platform_system", "platform_system"),
          Map.entry("platform_version", "platform_version"),
          Map.entry("platform.version", "platform_version"),
          Map.entry("platform_machine", "platform_machine"),
          Map.entry("platform.machine", "platform_machine"),
          Map.entry("platform_python_implementation", "platform_python_implementation"),
          Map.entry("platform.python_implementation", "platform_python_implementation"),
          Map.entry("python_implementation", "platform_python_implementation"),
          Map.entry("implementation_name", "implementation_name"),
          Map.entry("implementation_version", "implementation_version"),
          Map.entry("extra", "extra"));

  /** Variables whose values are compared as PEP 440 versions when both sides parse. */
  private static final Set<String> VERSION_VARIABLES =
      Set.of("python_version", "python_full_version", "implementation_version", "platform_release");

  private static final List<String> OPERATORS =
      List.of("===", "==", "~=", "!=", "<=", ">=", "<", ">");

  private final Expression expression;

  private Marker(Expression expression) {
    this.expression = expression;
  }

  public static Marker parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("missing marker", 0);
    }
    return parse(text, 0, text.length());
  }

  /** Parses {@code text[start, end)}; columns count from the start of text. */
  static Marker parse(String text, int start, int end) {
    Parser parser = new Parser(text, start, end);
    Expression e = parser.or(0);
    parser.skipSpace();
    if (parser.pos < end) {
      throw new SpecSyntaxException(
          text.charAt(parser.pos) == ')'
              ? "unmatched ')' in marker"
              : "expected 'and', 'or' or end of marker at "
                  + Quoted.of(text.substring(parser.pos, end)),
          parser.pos);
    }
    return new Marker(e);
  }

  /**
   * Evaluates against PEP 508 marker variables (see {@link MarkerEnvironment}). A missing {@code
   * extra} counts as "", as in pip's dependency check.
   *
   * @throws IllegalArgumentException if the environment lacks another variable the marker uses
   */
  public boolean evaluate(Map<String, String> environment) {
    return expression.evaluate(environment);
  }

  /** The canonical names of the variables this marker reads ({@code python_version}, ...). */
  public Set<String> variables() {
    Set<String> out = new java.util.TreeSet<>();
    expression.collectVariables(out);
    return Set.copyOf(out);
  }

  /**
   * True when some of {@link MarkerEnvironment#typicalTargets() the typical targets} satisfies both
   * markers. Empty when the targets cannot tell: either marker reads a variable those targets do
   * not vary (a release, a full Python version, an extra), or holds on none of them (a machine or
   * platform outside the list, such as {@code platform_machine == "ppc64le"}, where the other may
   * hold as well).
   */
  public static Optional<Boolean> overlapOnTypicalTargets(Marker a, Marker b) {
    if (b.holdsOnTypicalTarget(env -> true).isEmpty()) {
      return Optional.empty();
    }
    return a.holdsOnTypicalTarget(b::evaluate);
  }

  /**
   * True when the marker holds on some typical target that {@code among} accepts. Empty when the
   * typical targets cannot tell: the marker reads a variable they do not vary, or holds on none of
   * them (it selects a target outside the list, whose other variables are unknown).
   */
  public Optional<Boolean> holdsOnTypicalTarget(Predicate<Map<String, String>> among) {
    if (!MarkerEnvironment.VARIED.containsAll(variables())) {
      return Optional.empty();
    }
    List<Map<String, String>> selected =
        MarkerEnvironment.typicalTargets().stream().filter(this::evaluate).toList();
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(selected.stream().anyMatch(among));
  }

  /** Normalised text: canonical variable names, double quotes, single spaces. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    expression.write(sb);
    return sb.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Marker m && toString().equals(m.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  private sealed interface Expression permits AnyOf, AllOf, Group, Comparison {
    boolean evaluate(Map<String, String> env);

    void collectVariables(Set<String> out);

    void write(StringBuilder sb);
  }

  private record AnyOf(List<Expression> parts) implements Expression {
    @Override
    public boolean evaluate(Map<String, String> env) {
      return parts.stream().anyMatch(p -> p.evaluate(env));
    }

    @Override
    public void collectVariables(Set<String> out) {
      parts.forEach(p -> p.collectVariables(out));
    }

    @Override
    public void write(StringBuilder sb) {
      join(sb, parts, " or ");
    }
  }

  private record AllOf(List<Expression> parts) implements Expression {
    @Override
    public boolean evaluate(Map<String, String> env) {
      return parts.stream().allMatch(p -> p.evaluate(env));
    }

    @Override
    public void collectVariables(Set<String> out) {
      parts.forEach(p -> p.collectVariables(out));
    }

    @Override
    public void write(StringBuilder sb) {
      join(sb, parts, " and ");
    }
  }

  private static void join(StringBuilder sb, List<Expression> parts, String separator) {
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : separator);
      parts.get(i).write(sb);
    }
  }

  private record Group(Expression inner) implements Expression {
    @Override
    public boolean evaluate(Map<String, String> env) {
      return inner.evaluate(env);
    }

    @Override
    public void collectVariables(Set<String> out) {
      inner.collectVariables(out);
    }

    @Override
    public void write(StringBuilder sb) {
      sb.append('(');
      inner.write(sb);
      sb.append(')');
    }
  }

  /** One comparison; exactly one side is a variable, named by {@code variable}. */
  private record Comparison(
      String left, String op, String right, boolean variableOnLeft, String variable)
      implements Expression {

    @Override
    public boolean evaluate(Map<String, String> env) {
      String value = env.get(variable);
      if (value == null) {
        if (!variable.equals("extra")) {
          throw new IllegalArgumentException("marker environment lacks '" + variable + "'");
        }
        value = "";
      }
      String lhs = variableOnLeft ? value : left;
      String rhs = variableOnLeft ? right : value;
      if (variable.equals("extra")) {
        // PEP 685: extras compare after PEP 503 normalisation
        lhs = PackageName.normalize(lhs);
        rhs = PackageName.normalize(rhs);
      }
      if (VERSION_VARIABLES.contains(variable) && !op.equals("in") && !op.equals("not in")) {
        Optional<Boolean> asVersions = compareVersions(lhs, rhs);
        if (asVersions.isPresent()) {
          return asVersions.get();
        }
      }
      // PEP 508: without PEP 440 meaning, operators behave as on Python strings
      return switch (op) {
        case "==", "===" -> lhs.equals(rhs);
        case "!=" -> !lhs.equals(rhs);
        case "<" -> lhs.compareTo(rhs) < 0;
        case "<=" -> lhs.compareTo(rhs) <= 0;
        case ">" -> lhs.compareTo(rhs) > 0;
        case ">=" -> lhs.compareTo(rhs) >= 0;
        case "in" -> rhs.contains(lhs);
        case "not in" -> !rhs.contains(lhs);
        // "~=" has no string meaning (PEP 508 calls it an error); a marker that cannot hold
        // does not select the requirement
        default -> false;
      };
    }

    @Override
    public void collectVariables(Set<String> out) {
      out.add(variable);
    }

    /** As {@code packaging}: the right side becomes a specifier, pre-releases allowed. */
    private Optional<Boolean> compareVersions(String lhs, String rhs) {
      Optional<Version> candidate = Version.tryParse(lhs);
      if (candidate.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Specifier.parse(op + rhs).contains(candidate.get(), true));
      } catch (SpecSyntaxException e) {
        return Optional.empty();
      }
    }

    @Override
    public void write(StringBuilder sb) {
      sb.append(variableOnLeft ? variable : quote(left))
          .append(' ')
          .append(op)
          .append(' ')
          .append(variableOnLeft ? quote(right) : variable);
    }

    private static String quote(String value) {
      return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
    }
  }

  /** Recursive descent over the PEP 508 marker grammar, depth bounded by MAX_NESTING. */
  private static final class Parser {
    private final String text;
    private final int end;
    private int pos;

    Parser(String text, int start, int end) {
      this.text = text;
      this.pos = start;
      this.end = end;
    }

    Expression or(int depth) {
      List<Expression> parts = new ArrayList<>();
      parts.add(and(depth));
      while (keyword("or")) {
        parts.add(and(depth));
      }
      return parts.size() == 1 ? parts.get(0) : new AnyOf(List.copyOf(parts));
    }

    private Expression and(int depth) {
      List<Expression> parts = new ArrayList<>();
      parts.add(atom(depth));
      while (keyword("and")) {
        parts.add(atom(depth));
      }
      return parts.size() == 1 ? parts.get(0) : new AllOf(List.copyOf(parts));
    }

    private Expression atom(int depth) {
      skipSpace();
      if (peek() == '(') {
        int open = pos;
        if (depth >= MAX_NESTING) {
          throw new SpecSyntaxException(
              "marker nested deeper than " + MAX_NESTING + " parentheses", open);
        }
        pos++;
        Expression inner = or(depth + 1);
        skipSpace();
        if (peek() != ')') {
          throw new SpecSyntaxException(
              pos == end
                  ? "expected ')' to close the '(' at column " + open
                  : "expected 'and', 'or' or ')' at " + Quoted.of(text.substring(pos, end)),
              pos);
        }
        pos++;
        return new Group(inner);
      }
      return comparison();
    }

    private Expression comparison() {
      int leftStart = skipSpace();
      String left = operand();
      boolean leftIsVariable = !isQuote(text.charAt(leftStart));
      skipSpace();
      String op = operator();
      int rightStart = skipSpace();
      if (pos == end) {
        throw new SpecSyntaxException(
            "expected a marker variable or quoted string after " + Quoted.of(op), pos);
      }
      String right = operand();
      boolean rightIsVariable = !isQuote(text.charAt(rightStart));
      if (leftIsVariable == rightIsVariable) {
        throw new SpecSyntaxException(
            leftIsVariable
                ? "marker compares two variables; one side must be a quoted string"
                : "marker compares two strings; one side must be a variable such as python_version",
            leftStart);
      }
      return leftIsVariable
          ? new Comparison(null, op, right, true, left)
          : new Comparison(left, op, null, false, right);
    }

    /** A quoted string's content, or a variable's canonical name. */
    private String operand() {
      int start = pos;
      char c = peek();
      if (isQuote(c)) {
        int close = text.indexOf(c, pos + 1);
        if (close < 0 || close >= end) {
          throw new SpecSyntaxException("unterminated string in marker", start);
        }
        pos = close + 1;
        return text.substring(start + 1, close);
      }
      String word = word();
      if (word.isEmpty()) {
        throw new SpecSyntaxException(
            pos == end
                ? "expected a marker variable or quoted string"
                : "expected a marker variable or quoted string at "
                    + Quoted.of(text.substring(pos, end)),
            start);
      }
      String canonical = VARIABLES.get(word);
      if (canonical == null) {
        throw new SpecSyntaxException(
            "unknown marker variable "
                + Quoted.of(word)
                + " (expected one of "
                + knownNames()
                + ")",
            start);
      }
      return canonical;
    }

    private static String knownNames() {
      return VARIABLES.values().stream().distinct().sorted().collect(Collectors.joining(", "));
    }

    private String operator() {
      int start = pos;
      for (String op : OPERATORS) {
        if (text.startsWith(op, pos) && pos + op.length() <= end) {
          pos += op.length();
          return op;
        }
      }
      String word = word();
      if (word.equals("in")) {
        return "in";
      }
      if (word.equals("not")) {
        int beforeSpace = pos;
        if (skipSpace() > beforeSpace && word().equals("in")) {
          return "not in";
        }
        throw new SpecSyntaxException("expected 'in' after 'not'", beforeSpace);
      }
      throw new SpecSyntaxException(
          "expected a marker operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)"
              + (start < end ? " at " + Quoted.of(text.substring(start, end)) : ""),
          start);
    }

    /** True (and consumed) when the next word is {@code keyword}. */
    private boolean keyword(String keyword) {
      int mark = pos;
      skipSpace();
      if (word().equals(keyword)) {
        return true;
      }
      pos = mark;
      return false;
    }

    /** A run of letters, digits, '_' and '.', possibly empty. */
    private String word() {
      int start = pos;
      while (pos < end && isWordChar(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }

    /** PEP 508 whitespace is space and tab only. */
    int skipSpace() {
      while (pos < end && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
      return pos;
    }

    private char peek() {
      return pos < end ? text.charAt(pos) : '\0';
    }

    private static boolean isQuote(char c) {
      return c == '"' || c == '\'';
    }

    private static boolean isWordChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.';
    }
  }
}
