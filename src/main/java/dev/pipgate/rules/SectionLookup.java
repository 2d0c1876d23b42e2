package dev.pipgate.rules;

import dev.pipgate.model.NotesFile;
import dev.pipgate.model.NotesSection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which notes section justifies which pip package, and which headings leave that open.
 *
 * <p>A section is about the package its heading names first ({@code ## torch}, {@code ##
 * torch==2.0.1}); a name in parentheses ({@code ## PyTorch (torch)}) finds the section only when no
 * heading names that package first. When several sections are about one package, the first found
 * that way counts. A heading that names two or more packages installed with pip ({@code ## torch
 * (torchvision)}, {@code ## torch / torchvision}, {@code ## PyTorch (torch)} when both {@code
 * pytorch} and {@code torch} are pip entries) is about none of them: which one it justifies would
 * be a guess, so each still needs a section of its own. Both situations are listed as {@link
 * Ambiguity ambiguities}, to be reported.
 */
public final class SectionLookup {
  private final Map<String, NotesSection> byPackage;
  private final List<Ambiguity> ambiguities;

  private SectionLookup(Map<String, NotesSection> byPackage, List<Ambiguity> ambiguities) {
    this.byPackage = byPackage;
    this.ambiguities = ambiguities;
  }

  /**
   * A heading that leaves open which package a section justifies.
   *
   * @param section the section whose heading is reported
   * @param candidates the pip packages the heading could be about (two or more), or the one package
   *     two sections are about
   * @param counted for a second section about one package, the section that counts instead; null
   *     for a heading that names several pip packages
   */
  public record Ambiguity(NotesSection section, List<String> candidates, NotesSection counted) {
    public Ambiguity {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * @param notes the notes file, or null when there is none
   * @param pipNames every package installed with pip by some env file on the same side
   */
  public static SectionLookup of(NotesFile notes, Set<String> pipNames) {
    Map<String, NotesSection> byPackage = new HashMap<>();
    List<Ambiguity> ambiguities = new ArrayList<>();
    if (notes == null) {
      return new SectionLookup(Map.of(), List.of());
    }
    List<NotesSection> clear = new ArrayList<>();
    for (NotesSection s : notes.sections()) {
      List<String> pip = s.namesGiven().stream().filter(pipNames::contains).toList();
      if (pip.size() >= 2) {
        ambiguities.add(new Ambiguity(s, pip, null));
      } else {
        clear.add(s);
      }
    }
    for (NotesSection s : clear) {
      if (s.packageName() != null) {
        byPackage.putIfAbsent(s.packageName(), s);
      }
    }
    for (NotesSection s : clear) {
      if (s.alsoNamed() != null && !pipNames.contains(s.packageName())) {
        byPackage.putIfAbsent(s.alsoNamed(), s);
      }
    }
    // Later sections about a pip package that already has one, each reported once at its heading.
    Map<NotesSection, String> second = new LinkedHashMap<>();
    for (NotesSection s : clear) {
      for (String name : new String[] {s.packageName(), s.alsoNamed()}) {
        NotesSection counted = name == null ? null : byPackage.get(name);
        if (counted != null
            && counted != s
            && pipNames.contains(name)
            && about(s, name, pipNames)) {
          second.putIfAbsent(s, name);
        }
      }
    }
    second.forEach(
        (s, name) -> ambiguities.add(new Ambiguity(s, List.of(name), byPackage.get(name))));
    ambiguities.sort(Comparator.comparingInt(a -> a.section().line()));
    return new SectionLookup(byPackage, List.copyOf(ambiguities));
  }

  /** Whether section {@code s} would count for {@code name} if no other section did. */
  private static boolean about(NotesSection s, String name, Set<String> pipNames) {
    return name.equals(s.packageName())
        || (name.equals(s.alsoNamed()) && !pipNames.contains(s.packageName()));
  }

  /** The section that justifies a package (PEP 503 name), if there is one. */
  public Optional<NotesSection> section(String packageName) {
    return Optional.ofNullable(byPackage.get(packageName));
  }

  /** Every heading that leaves a package's section open, in file order. */
  public List<Ambiguity> ambiguities() {
    return ambiguities;
  }
}
