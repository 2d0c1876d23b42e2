package dev.pipgate.rules;

import java.util.List;

/** Every review rule, in the order docs/rules.md documents them. */
public final class RuleSet {
  private RuleSet() {}

  public static List<Rule> all() {
    return List.of(
        new UnjustifiedPip(),
        new LocalProject(),
        new IncompleteJustification(),
        new StaleJustification(),
        new AmbiguousNotesHeading(),
        new PipShadowsConda(),
        new PipCorePackage(),
        new CudaRuntimeConflict(),
        new UnpinnedPip(),
        new PipNotInCondaDeps(),
        new DuplicateEntry(),
        new ExtraIndexUrl(),
        new InvalidPipLine(),
        new InvalidCondaSpec(),
        new CondaForgeAvailable());
  }
}
