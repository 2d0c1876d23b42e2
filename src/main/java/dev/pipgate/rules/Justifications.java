package dev.pipgate.rules;

import dev.pipgate.config.Config;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Judges a notes section: which of the four answers are missing or only placeholders. */
public final class Justifications {
  private Justifications() {}

  /** Placeholders that are also the first word of real answers: placeholders only alone. */
  private static final Set<String> WHOLE_ANSWER_ONLY = Set.of("none", "n/a", "na", "no", "无");

  public static List<Question> missing(NotesSection section, Config config) {
    List<Question> out = new ArrayList<>();
    for (Question q : Question.values()) {
      NotesSection.Answer a = section.answers().get(q);
      if (a == null || isPlaceholder(a.text(), config)) {
        out.add(q);
      }
    }
    return out;
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
