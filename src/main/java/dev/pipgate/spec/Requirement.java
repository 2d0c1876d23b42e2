package dev.pipgate.spec;

import dev.pipgate.names.PackageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PEP 508 dependency specifier: {@code name[extra,...] (specifier | @ url) ; marker}.
 *
 * @param name the project name as written
 * @param specifier empty for a bare name or a URL requirement
 * @param url the direct reference after {@code @}, or null
 * @param marker the environment marker after {@code ;}, or null
 */
public record Requirement(
    String name, List<String> extras, SpecifierSet specifier, String url, Marker marker) {

  public Requirement {
    Objects.requireNonNull(name, "name");
    extras = List.copyOf(extras);
    Objects.requireNonNull(specifier, "specifier");
  }

  public static Requirement parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("missing requirement", 0);
    }
    return new Parser(text).requirement();
  }

  /** PEP 503 normalised name. */
  public String normalizedName() {
    return PackageName.normalize(name);
  }

  /** The specifier without spaces, e.g. {@code >=1.2,<2}; empty when there is none. */
  public String specifierText() {
    return specifier.toString();
  }

  /** The marker in normalised form, or null when there is none. */
  public String markerText() {
    return marker == null ? null : marker.toString();
  }

  /** Normalised text: {@code name[a,b]>=1,<2; python_version < "3.8"}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (!extras.isEmpty()) {
      sb.append('[').append(String.join(",", extras)).append(']');
    }
    sb.append(specifier);
    if (url != null) {
      sb.append(" @ ").append(url);
      if (marker != null) {
        sb.append(' ');
      }
    }
    if (marker != null) {
      sb.append("; ").append(marker);
    }
    return sb.toString();
  }

  /**
   * Hand-written parser for the PEP 508 "Complete Grammar". PEP 508 whitespace is space and tab;
   * anything else is an error.
   */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Requirement requirement() {
      skipSpace();
      String name = identifier("project name");
      skipSpace();
      List<String> extras = peek() == '[' ? extras() : List.of();
      skipSpace();
      if (peek() == '@') {
        pos++;
        skipSpace();
        int urlStart = pos;
        while (pos < text.length() && !isSpace(text.charAt(pos))) {
          pos++;
        }
        if (urlStart == pos) {
          throw new SpecSyntaxException("expected URL after '@'", pos);
        }
        String url = text.substring(urlStart, pos);
        // PEP 508 url_req: the URL ends at whitespace, which must precede a ';' marker
        skipSpace();
        return new Requirement(name, extras, SpecifierSet.empty(), url, optionalMarker());
      }
      SpecifierSet specifier = specifier(name);
      return new Requirement(name, extras, specifier, null, optionalMarker());
    }

    /**
     * A name or extra: letters, digits and {@code -_.}, alphanumeric at both ends. The whole run up
     * to a delimiter is read so that {@code x!} is reported as an invalid name.
     */
    private String identifier(String what) {
      int start = pos;
      while (pos < text.length() && !endsIdentifier(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      if (word.isEmpty()) {
        throw new SpecSyntaxException(
            "expected "
                + what
                + (pos < text.length() ? " at " + Quoted.of(text.substring(pos)) : ""),
            start);
      }
      if (!PackageName.isValid(word)) {
        throw new SpecSyntaxException(
            "invalid "
                + what
                + " "
                + Quoted.of(word)
                + " (letters, digits, '-', '_', '.'; starting and ending with a letter or digit)",
            start);
      }
      return word;
    }

    private boolean endsIdentifier(char c) {
      return isSpace(c)
          || "[](),;@<>=~".indexOf(c) >= 0
          || (c == '!' && pos + 1 < text.length() && text.charAt(pos + 1) == '=');
    }

    private List<String> extras() {
      int open = pos;
      pos++; // '['
      List<String> extras = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return extras;
      }
      while (true) {
        skipSpace();
        extras.add(identifier("extra name"));
        skipSpace();
        char c = peek();
        if (c == ']') {
          pos++;
          return extras;
        }
        if (c != ',') {
          throw new SpecSyntaxException(
              pos == text.length()
                  ? "expected ']' to close the '[' at column " + open
                  : "expected ',' or ']' in extras at " + Quoted.of(text.substring(pos)),
              pos);
        }
        pos++;
      }
    }

    /** {@code (clauses)} as PEP 345 wrote it, or bare clauses up to ';' or the end. */
    private SpecifierSet specifier(String name) {
      if (peek() == '(') {
        int open = pos;
        int close = pos + 1;
        while (close < text.length() && text.charAt(close) != ')' && text.charAt(close) != ';') {
          close++;
        }
        if (close == text.length() || text.charAt(close) != ')') {
          throw new SpecSyntaxException("expected ')' to close the '(' at column " + open, close);
        }
        SpecifierSet set = SpecifierSet.parse(text, open + 1, close);
        pos = close + 1;
        skipSpace();
        return set;
      }
      int start = pos;
      if (pos < text.length() && peek() != ';' && "<>=!~".indexOf(peek()) < 0) {
        throw new SpecSyntaxException(
            "expected a version specifier, '@ URL' or ';' after "
                + Quoted.of(name)
                + ", found "
                + Quoted.of(text.substring(pos)),
            pos);
      }
      int stop = text.indexOf(';', start);
      pos = stop < 0 ? text.length() : stop;
      return SpecifierSet.parse(text, start, pos);
    }

    private Marker optionalMarker() {
      if (pos == text.length()) {
        return null;
      }
      if (peek() != ';') {
        throw new SpecSyntaxException(
            "expected ';' before the marker or end of requirement at "
                + Quoted.of(text.substring(pos)),
            pos);
      }
      int start = pos + 1;
      if (text.substring(start).isBlank()) {
        throw new SpecSyntaxException("expected a marker after ';'", start);
      }
      return Marker.parse(text, start, text.length());
    }

    private void skipSpace() {
      while (pos < text.length() && isSpace(text.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t';
    }
  }
}
