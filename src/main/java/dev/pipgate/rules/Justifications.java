package dev.pipgate.rules;

import dev.pipgate.config.Config;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import dev.pipgate.parse.NotesParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Judges a notes section: which of the four answers are missing or only placeholders. */
public final class Justifications {
  private Justifications() {}

  /** Placeholders that are also the first word of real answers: placeholders only alone. */
  private static final Set<String> WHOLE_ANSWER_ONLY = Set.of("none", "n/a", "na", "no", "无");

  /** The questions the section does not answer for real, in question order. */
  public static List<Question> missing(NotesSection section, Config config) {
    List<Question> out = new ArrayList<>();
    for (Question q : Question.values()) {
      if (!counts(section.answers().get(q), config)) {
        out.add(q);
      }
    }
    return out;
  }

  /** Whether an answer (null when there is none) answers its question. */
  static boolean counts(NotesSection.Answer a, Config config) {
    return a != null
        && !isPlaceholder(a.text(), config)
        && !NotesParser.repeatsQuestion(a.question(), a.text(), config.labels());
  }

  /**
   * What was found, for messages: "answered: why not conda (line 4), conda-forge checked (line 5);
   * missing: --no-deps tested, alternatives considered (empty, line 7)". An answer that does not
   * count says why: empty, a placeholder (quoted), or only the question again.
   */
  public static String describeFound(NotesSection section, Config config) {
    List<String> answered = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Question q : Question.values()) {
      NotesSection.Answer a = section.answers().get(q);
      String name = q.label().toLowerCase(Locale.ROOT);
      if (counts(a, config)) {
        answered.add(name + " (line " + a.line() + ")");
      } else if (a == null) {
        missing.add(name);
      } else {
        missing.add(name + " (" + why(a, config) + ", line " + a.line() + ")");
      }
    }
    List<String> parts = new ArrayList<>();
    if (!answered.isEmpty()) {
      parts.add("answered: " + String.join(", ", answered));
    }
    if (!missing.isEmpty()) {
      parts.add("missing: " + String.join(", ", missing));
    }
    return String.join("; ", parts);
  }

  private static String why(NotesSection.Answer a, Config config) {
    String text = a.text().strip();
    if (text.isEmpty()) {
      return "empty";
    }
    if (NotesParser.repeatsQuestion(a.question(), text, config.labels())) {
      return "repeats the question";
    }
    return "placeholder '" + shortened(text) + "'";
  }

  /** "TODO: ..." may go on for a paragraph; messages quote its start. */
  static String shortened(String text) {
    return text.codePointCount(0, text.length()) <= 40
        ? text
        : text.substring(0, text.offsetByCodePoints(0, 39)) + "…";
  }

  static boolean isPlaceholder(String text, Config config) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    String bare = t.replaceAll("[\\p{Punct}\\s。，：？！、]+$", "").strip();
    if (bare.codePointCount(0, bare.length()) < config.minAnswerLength()) {
      return true;
    }
    for (String p : config.placeholders()) {
      String word = p.strip().toLowerCase(Locale.ROOT);
      if (t.equals(word) || bare.equals(word)) {
        return true;
      }
      // "TODO: fill in later" is still a placeholder; "todos" or "tbdx" are words. Words that
      // answer a question ("None of them fit", "N/A: it has no dependencies", "无，没有") only count
      // as placeholders when they are the whole answer.
      if (!word.isEmpty()
          && !WHOLE_ANSWER_ONLY.contains(word)
          && Character.isLetter(word.codePointAt(0))
          && t.startsWith(word)
          && (t.length() == word.length() || !Character.isLetterOrDigit(t.charAt(word.length())))) {
        return true;
      }
    }
    return false;
  }

  static String describe(List<Question> questions) {
    return String.join(", ", questions.stream().map(Question::label).toList());
  }
}
