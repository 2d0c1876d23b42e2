package dev.pipgate.rules;

import dev.pipgate.config.Config;
import dev.pipgate.diff.Change;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.diff.ItemChange;
import dev.pipgate.diff.NotesDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.names.CondaNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the rules look at: the semantic diff of every env file and of the notes, the config
 * and the name mapping.
 *
 * <p>A class rather than a record so it can keep the notes sections indexed by package name ({@link
 * SectionLookup}): rules look a section up once per pip entry or once per section, and a linear
 * scan made a review of a thousand justified entries do millions of comparisons.
 */
public final class ReviewContext {
  private final Config config;
  private final List<EnvDiff> envs;
  private final NotesFile baseNotes;
  private final NotesFile headNotes;
  private final NotesDiff notesDiff;
  private final CondaNames names;
  private final boolean all;
  private final Map<String, List<String>> headLines;
  private final SectionLookup baseSections;
  private final SectionLookup headSections;

  /**
   * @param envs one diff per env file present at base or head
   * @param baseNotes the notes at base, or null when absent
   * @param headNotes the notes at head, or null when absent (or deleted by the change)
   * @param all true when every pip entry at head counts as new ({@code --all})
   */
  public ReviewContext(
      Config config,
      List<EnvDiff> envs,
      NotesFile baseNotes,
      NotesFile headNotes,
      NotesDiff notesDiff,
      CondaNames names,
      boolean all,
      Map<String, List<String>> headLines) {
    this.config = Objects.requireNonNull(config, "config");
    this.envs = List.copyOf(envs);
    this.baseNotes = baseNotes;
    this.headNotes = headNotes;
    this.notesDiff = Objects.requireNonNull(notesDiff, "notesDiff");
    this.names = Objects.requireNonNull(names, "names");
    this.all = all;
    this.headLines = Map.copyOf(headLines);
    this.baseSections = SectionLookup.of(baseNotes, basePipNames());
    this.headSections = SectionLookup.of(headNotes, headPipNames());
  }

  public Config config() {
    return config;
  }

  public List<EnvDiff> envs() {
    return envs;
  }

  public NotesFile baseNotes() {
    return baseNotes;
  }

  public NotesFile headNotes() {
    return headNotes;
  }

  public NotesDiff notesDiff() {
    return notesDiff;
  }

  public CondaNames names() {
    return names;
  }

  public boolean all() {
    return all;
  }

  public Map<String, List<String>> headLines() {
    return headLines;
  }

  /**
   * The head line of {@code entry} with its text {@code from} replaced by {@code to}, for a
   * suggested fix; empty when the line is not known or the text is not found exactly once.
   */
  public Optional<String> rewriteHeadLine(String file, int line, String from, String to) {
    List<String> lines = headLines.get(file);
    if (lines == null || line < 1 || line > lines.size() || from.isEmpty()) {
      return Optional.empty();
    }
    String text = lines.get(line - 1);
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(text.substring(0, at) + to + text.substring(at + from.length()));
  }

  /** Pip entries at head that are new (by name) in this change, or every one with {@code --all}. */
  public Stream<PipEntry> newPip(EnvDiff env) {
    return env.pip().stream()
        .filter(c -> c.after() != null && (all || c.change() == Change.ADDED))
        .map(ItemChange::after);
  }

  /** Pip entries at head that are new or whose spec changed (every one with {@code --all}). */
  public Stream<PipEntry> touchedPip(EnvDiff env) {
    return env.pip().stream()
        .filter(
            c ->
                c.after() != null
                    && (all || c.change() == Change.ADDED || c.change() == Change.CHANGED))
        .map(ItemChange::after);
  }

  /** The base version of a head entry, when the entry existed at base. */
  public Optional<PipEntry> baseOf(EnvDiff env, PipEntry head) {
    return env.pip().stream()
        .filter(c -> c.after() == head && c.before() != null)
        .map(ItemChange::before)
        .findFirst();
  }

  /** The conda specs of the env file at head. */
  public List<CondaDep> headConda(EnvDiff env) {
    return env.head() == null ? List.of() : env.head().conda();
  }

  /** The head notes section for a package (PEP 503 name), if there is one. */
  public Optional<NotesSection> headSection(String packageName) {
    return headSections.section(packageName);
  }

  /** Headings of the head notes that leave open which package a section justifies. */
  public List<SectionLookup.Ambiguity> headAmbiguities() {
    return headSections.ambiguities();
  }

  /** The base notes section for a package (PEP 503 name), if there is one. */
  public Optional<NotesSection> baseSection(String packageName) {
    return baseSections.section(packageName);
  }

  /** Every package name installed with pip by some env file at head. */
  public Set<String> headPipNames() {
    return envs.stream()
        .filter(e -> e.head() != null)
        .flatMap(e -> e.head().pip().stream())
        .map(PipEntry::name)
        .filter(Objects::nonNull)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every package name installed with pip by some env file at base. */
  public Set<String> basePipNames() {
    return envs.stream()
        .filter(e -> e.base() != null)
        .flatMap(e -> e.base().pip().stream())
        .map(PipEntry::name)
        .filter(Objects::nonNull)
        .collect(Collectors.toUnmodifiableSet());
  }

  public String notesPath() {
    return config.notesFile();
  }
}
