package dev.pipgate.diff;

import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import java.util.List;

/** Package sections of the notes file added, removed or changed between base and head. */
public record NotesDiff(List<ItemChange<NotesSection>> sections) {

  public static NotesDiff of(NotesFile base, NotesFile head) {
    return new NotesDiff(
        Keyed.diff(named(base), named(head), NotesSection::packageName, NotesDiff::answersText));
  }

  /** Moving a section or re-wrapping its lines is no change; different answers are. */
  private static String answersText(NotesSection s) {
    return s.answers().values().stream()
        .sorted(java.util.Comparator.comparing(NotesSection.Answer::question))
        .map(a -> a.question() + ":" + a.text())
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static List<NotesSection> named(NotesFile f) {
    return f == null
        ? List.of()
        : f.sections().stream().filter(s -> s.packageName() != null).toList();
  }

  /** How the section for {@code packageName} changed, or UNCHANGED when absent on both sides. */
  public Change changeOf(String packageName) {
    return sections.stream()
        .filter(c -> packageName.equals(c.current().packageName()))
        .map(ItemChange::change)
        .findFirst()
        .orElse(Change.UNCHANGED);
  }
}
