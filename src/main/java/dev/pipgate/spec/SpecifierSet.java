package dev.pipgate.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Comma-separated PEP 440 version clauses, all of which must match ({@code >=1.2,<2}). Empty text
 * is the empty set, which matches every final release.
 */
public final class SpecifierSet {
  private static final SpecifierSet EMPTY = new SpecifierSet(List.of());

  private final List<Specifier> clauses;

  private SpecifierSet(List<Specifier> clauses) {
    this.clauses = List.copyOf(clauses);
  }

  public static SpecifierSet empty() {
    return EMPTY;
  }

  public static SpecifierSet parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("missing version specifier", 0);
    }
    return parse(text, 0, text.length());
  }

  /**
   * Parses {@code text[start, end)}. One trailing comma is accepted ({@code name>=3,}), as pip's
   * requirement parser does; an empty clause anywhere else is an error.
   */
  static SpecifierSet parse(String text, int start, int end) {
    if (text.substring(start, end).isBlank()) {
      return EMPTY;
    }
    List<Specifier> clauses = new ArrayList<>();
    int clauseStart = start;
    while (true) {
      int comma = text.indexOf(',', clauseStart);
      int clauseEnd = comma < 0 || comma >= end ? end : comma;
      boolean lastAfterComma = !clauses.isEmpty() && clauseEnd == end;
      if (!(lastAfterComma && text.substring(clauseStart, clauseEnd).isBlank())) {
        clauses.add(Specifier.parse(text, clauseStart, clauseEnd));
      }
      if (clauseEnd == end) {
        return new SpecifierSet(clauses);
      }
      clauseStart = clauseEnd + 1;
    }
  }

  public List<Specifier> clauses() {
    return clauses;
  }

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  /** True when a clause names a pre-release (see {@link Specifier#impliesPrereleases()}). */
  public boolean impliesPrereleases() {
    return clauses.stream().anyMatch(Specifier::impliesPrereleases);
  }

  /**
   * PEP 440 §handling-of-pre-releases: pre-releases match only when a clause names one. This is
   * {@code packaging}'s classic {@code SpecifierSet.contains(v)}; pip's dependency check asks for
   * {@link #contains(Version, boolean)} with {@code prereleases = true} instead.
   */
  public boolean contains(Version candidate) {
    return contains(candidate, impliesPrereleases());
  }

  public boolean contains(Version candidate, boolean prereleases) {
    if (!prereleases && candidate.isPrerelease()) {
      return false;
    }
    return clauses.stream().allMatch(c -> c.matches(candidate));
  }

  /** The clauses as written, without spaces, in their original order: {@code >=1.2,<2}. */
  @Override
  public String toString() {
    return clauses.stream().map(Specifier::toString).collect(Collectors.joining(","));
  }

  /** Order does not matter: {@code >=1,<2} equals {@code <2, >=1}. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SpecifierSet s
        && new HashSet<>(clauses).equals(new HashSet<>(s.clauses));
  }

  @Override
  public int hashCode() {
    return new HashSet<>(clauses).hashCode();
  }
}
