package dev.pipgate.diff;

import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Package sections of the notes file added, removed or changed between base and head. A class
 * rather than a record so it can keep the changes indexed by package name: rules ask once per
 * section, and a linear scan made that quadratic in the size of the notes.
 */
public final class NotesDiff {
  private final List<ItemChange<NotesSection>> sections;
  private final Map<String, Change> byPackage = new HashMap<>();

  public NotesDiff(List<ItemChange<NotesSection>> sections) {
    this.sections = List.copyOf(sections);
    for (ItemChange<NotesSection> c : this.sections) {
      byPackage.putIfAbsent(c.current().packageName(), c.change());
    }
  }

  public List<ItemChange<NotesSection>> sections() {
    return sections;
  }

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
    return byPackage.getOrDefault(packageName, Change.UNCHANGED);
  }
}
