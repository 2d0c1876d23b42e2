package dev.pipgate.rules;

import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.Finding;
import dev.pipgate.model.NotesSection;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A new pip entry that conda-forge carries (by the mapping file): a note; an error when its
 * justification claims conda-forge does not have it.
 */
final class CondaForgeAvailable extends RuleBase {
  static final String ID = "conda-forge-available";

  /**
   * Answers that say "not on conda-forge", in English and Chinese. Phrases, not single words: an
   * answer such as "conda-forge has 2.2.0 only, which lacks the fix we need" mentions a lack but
   * says conda-forge has the package.
   */
  private static final Pattern CLAIMS_ABSENT =
      Pattern.compile(
          "\\bno\\s+(such\\s+)?(package|build|recipe|feedstock|match|matches|result|results|hits?)\\b"
              + "|\\bnot\\s+(available|packaged|found|on|in|there|listed|published|carried|provided)\\b"
              + "|\\b(isn't|isnt|aren't|arent|wasn't|wasnt)\\s+(on|in|available|packaged|there)\\b"
              + "|\\b(doesn't|doesnt|does\\s+not|don't|dont|do\\s+not)\\s+"
              + "(have|carry|ship|provide|package|exist|list)\\b"
              + "|\\b(unavailable|absent)\\b|\\bmissing\\s+(from|on|in)\\b"
              + "|没有|不存在|未找到|找不到|不提供|未收录",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  CondaForgeAvailable() {
    super(
        ID,
        Severity.NOTE,
        "A new pip entry has a conda-forge package (needs a mapping file); an error when its"
            + " justification claims conda-forge lacks it.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    if (!ctx.names().fromMappingFile()) {
      return out;
    }
    for (EnvDiff env : ctx.envs()) {
      ctx.newPip(env)
          .filter(e -> e.name() != null)
          .forEach(
              e ->
                  ctx.names()
                      .condaPackageFor(e.name())
                      .ifPresent(conda -> out.add(finding(ctx, e, conda))));
    }
    return out;
  }

  private Finding finding(ReviewContext ctx, PipEntry e, String conda) {
    Optional<NotesSection.Answer> claim =
        ctx.headSection(e.name())
            .map(s -> s.answers().get(Question.CONDA_FORGE_CHECKED))
            .filter(a -> CLAIMS_ABSENT.matcher(a.text().toLowerCase(Locale.ROOT)).find());
    if (claim.isPresent()) {
      return Finding.of(
          ID,
          Severity.ERROR,
          e.location(),
          e.name(),
          "the notes say conda-forge lacks '"
              + e.displayName()
              + "', but conda-forge has it as '"
              + conda
              + "' (notes line "
              + claim.get().line()
              + ")",
          "Install '" + conda + "' from conda-forge instead, or correct the justification.");
    }
    return finding(
        e,
        "'" + e.displayName() + "' is available on conda-forge as '" + conda + "'",
        "Prefer 'conda-forge::"
            + conda
            + "' in the conda dependencies unless the notes explain why not.");
  }
}
