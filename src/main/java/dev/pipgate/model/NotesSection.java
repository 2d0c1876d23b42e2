package dev.pipgate.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One package's section of {@code requirements-notes.md}.
 *
 * @param heading the heading text as written
 * @param packageName PEP 503-normalised package name read from the heading, or null when the
 *     heading names no package
 * @param line line of the heading
 * @param endLine last line of the section
 * @param answers the answers found, by question (an answer's text may still be a placeholder:
 *     judging it is the rules' business)
 * @param alsoNamed a second PEP 503 name the heading gives in parentheses ({@code PyTorch
 *     (torch)}), or null
 * @param tableRow whether the section is a row of a whole-file package table rather than a heading
 *     (its "heading" is the row's first cell, and it has no anchor of its own)
 * @param listed the PEP 503 names of a heading that lists several packages ({@code torch /
 *     torchvision}, {@code torch, torchaudio}), empty otherwise; such a heading names no single
 *     package, so {@code packageName} is null
 */
public record NotesSection(
    String heading,
    String packageName,
    int line,
    int endLine,
    Map<Question, Answer> answers,
    String alsoNamed,
    boolean tableRow,
    List<String> listed) {
  public NotesSection {
    Objects.requireNonNull(heading, "heading");
    answers = Map.copyOf(answers);
    listed = List.copyOf(listed);
  }

  public NotesSection(
      String heading, String packageName, int line, int endLine, Map<Question, Answer> answers) {
    this(heading, packageName, line, endLine, answers, null, false, List.of());
  }

  /**
   * Every package the heading names, in heading order without repeats: its first name, the one in
   * parentheses, or the names it lists.
   */
  public List<String> namesGiven() {
    Set<String> out = new LinkedHashSet<>();
    if (packageName != null) {
      out.add(packageName);
    }
    if (alsoNamed != null) {
      out.add(alsoNamed);
    }
    out.addAll(listed);
    return List.copyOf(out);
  }

  /**
   * Whether the heading names {@code name} (PEP 503), by its first name or the one in parentheses.
   */
  public boolean names(String name) {
    return name != null && (name.equals(packageName) || name.equals(alsoNamed));
  }

  /** One answer: its text (label removed, trimmed; may be empty) and the line of its label. */
  public record Answer(Question question, String text, int line) {
    public Answer {
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(text, "text");
    }
  }
}
