package dev.pipgate.rules;

import dev.pipgate.model.Finding;
import dev.pipgate.model.Location;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A notes heading that leaves open which pip package its section justifies: it names two packages
 * installed with pip, or it is a second section about one package (see {@link SectionLookup}).
 * Nothing is guessed: a heading naming two pip packages counts for neither, so {@code
 * unjustified-pip} still fires for each; of two sections about one package the first counts, and
 * this rule says which. Judged when the change touches a package the heading names or adds the
 * heading (every heading with {@code --all}).
 */
final class AmbiguousNotesHeading extends RuleBase {
  static final String ID = "ambiguous-notes-heading";

  AmbiguousNotesHeading() {
    super(
        ID,
        Severity.WARNING,
        "A notes heading names two pip packages, or a second section names a package that already"
            + " has one.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (ctx.headNotes() == null) {
      return out;
    }
    Set<String> touched =
        ctx.envs().stream()
            .flatMap(ctx::touchedPip)
            .map(PipEntry::name)
            .filter(n -> n != null)
            .collect(Collectors.toSet());
    Set<String> baseHeadings = new HashSet<>();
    if (ctx.baseNotes() != null) {
      ctx.baseNotes().sections().forEach(s -> baseHeadings.add(s.heading()));
    }
    for (SectionLookup.Ambiguity a : ctx.headAmbiguities()) {
      NotesSection s = a.section();
      boolean inScope =
          ctx.all()
              || a.candidates().stream().anyMatch(touched::contains)
              || !baseHeadings.contains(s.heading());
      if (inScope) {
        out.add(a.counted() == null ? severalPackages(ctx, a) : secondSection(ctx, a));
      }
    }
    return out;
  }

  private Finding severalPackages(ReviewContext ctx, SectionLookup.Ambiguity a) {
    List<String> names = a.candidates();
    String listed =
        String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
    return Finding.of(
        ID,
        defaultSeverity(),
        new Location(ctx.notesPath(), a.section().line()),
        names.get(0),
        "heading '"
            + a.section().heading()
            + "' names "
            + (names.size() == 2 ? "two" : names.size())
            + " pip packages, "
            + listed
            + ": which one its section justifies is not guessed, so it counts for none of them",
        "One package per heading: give "
            + String.join(" and ", names.stream().map(n -> "'## " + n + "'").toList())
            + " a section each, with the four answers.");
  }

  private Finding secondSection(ReviewContext ctx, SectionLookup.Ambiguity a) {
    String name = a.candidates().get(0);
    NotesSection counted = a.counted();
    return Finding.of(
        ID,
        defaultSeverity(),
        new Location(ctx.notesPath(), a.section().line()),
        name,
        "'"
            + a.section().heading()
            + "' is a second section for pip package '"
            + name
            + "': the review reads only '"
            + counted.heading()
            + "' (line "
            + counted.line()
            + ") and ignores this one",
        "One section per package: move what this section says into '"
            + counted.heading()
            + "' (line "
            + counted.line()
            + ") and delete this heading.");
  }
}
