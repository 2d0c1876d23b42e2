package dev.pipgate.config;

import dev.pipgate.model.Question;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a repository may do to a policy it extends: tighten a locked key, never loosen it; name in
 * its own allow-list entries only the rules the policy's {@code local-allow} lets it.
 *
 * <p>Tighter, key by key: more {@code env-files} globs and fewer {@code exclude} paths (more under
 * review); {@code discovery: content} over {@code globs}; the same {@code notes-file} and {@code
 * mapping-file}; a {@code fail-on} that fails at least as much (warning before error before never);
 * more {@code core-packages}; each rule at least as severe (off is the least); more {@code
 * placeholders} and a larger {@code min-answer-length}; fewer {@code labels} per question.
 */
final class PolicyCheck {
  private PolicyCheck() {}

  /**
   * @param localAllow the repository's own allow entries (null: it has none)
   * @param merged the repository's settings over the policy's
   */
  static void check(
      Config.Policy policy,
      List<AllowEntry> localAllow,
      Config merged,
      Map<String, Severity> ruleDefaults,
      List<String> errors) {
    Config p = policy.values();
    String by = "locked by the policy " + policy.reference();
    for (String key : policy.locked()) {
      List<String> loosened = new ArrayList<>();
      switch (key) {
        case "env-files" -> missing(p.envFiles(), merged.envFiles(), "globs removed", loosened);
        case "exclude" -> missing(merged.exclude(), p.exclude(), "paths excluded", loosened);
        case "discovery" -> {
          if (p.discovery() == Config.Discovery.CONTENT
              && merged.discovery() != Config.Discovery.CONTENT) {
            loosened.add("set to " + merged.discovery().id());
          }
        }
        case "notes-file" -> {
          if (!p.notesFile().equals(merged.notesFile())) {
            loosened.add("changed to " + merged.notesFile());
          }
        }
        case "mapping-file" -> {
          if (!java.util.Objects.equals(p.mappingFile(), merged.mappingFile())) {
            loosened.add("changed");
          }
        }
        case "fail-on" -> {
          if (merged.failOn().laxerThan(p.failOn())) {
            loosened.add("lowered to " + merged.failOn().id());
          }
        }
        case "core-packages" ->
            missing(p.corePackages(), merged.corePackages(), "packages removed", loosened);
        case "rules" -> {
          Set<String> ids = new TreeSet<>(p.severities().keySet());
          ids.addAll(merged.severities().keySet());
          for (String id : ids) {
            Severity def = ruleDefaults.getOrDefault(id, Severity.NOTE);
            Optional<Severity> before = p.severityOf(id, def);
            Optional<Severity> after = merged.severityOf(id, def);
            if (before.isPresent() && (after.isEmpty() || !after.get().atLeast(before.get()))) {
              loosened.add(
                  id + " " + before.get().id() + " → " + after.map(Severity::id).orElse("off"));
            }
          }
        }
        case "placeholders" ->
            missing(p.placeholders(), merged.placeholders(), "placeholders removed", loosened);
        case "min-answer-length" -> {
          if (merged.minAnswerLength() < p.minAnswerLength()) {
            loosened.add("lowered to " + merged.minAnswerLength());
          }
        }
        case "labels" -> {
          for (Map.Entry<Question, List<String>> e : merged.labels().entrySet()) {
            List<String> allowed = p.labels().getOrDefault(e.getKey(), List.of());
            List<String> extra = e.getValue().stream().filter(l -> !allowed.contains(l)).toList();
            if (!extra.isEmpty()) {
              loosened.add("labels added: " + String.join(", ", extra));
            }
          }
        }
        default -> {
          // LOCKABLE holds only the keys above
        }
      }
      if (!loosened.isEmpty()) {
        errors.add(
            "'"
                + key
                + "' is "
                + by
                + ": a repository may tighten it, not loosen it ("
                + String.join("; ", loosened)
                + ")");
      }
    }
    for (AllowEntry a : localAllow == null ? List.<AllowEntry>of() : localAllow) {
      if (!policy.permitsLocalAllow(a.rules())) {
        errors.add(
            "line "
                + a.line()
                + ": the allow entry for '"
                + a.packageName()
                + "' "
                + (a.rules().isEmpty()
                    ? "covers every rule"
                    : "names " + String.join(", ", new TreeSet<>(a.rules())))
                + ", but the policy "
                + policy.reference()
                + " lets a repository allow only "
                + (policy.localAllow().isEmpty()
                    ? "nothing (its 'local-allow' is empty)"
                    : String.join(", ", policy.localAllow()))
                + "; ask for the exception in the policy instead");
      }
    }
  }

  private static void missing(
      List<String> required, List<String> actual, String label, List<String> out) {
    List<String> gone = required.stream().filter(r -> !actual.contains(r)).toList();
    if (!gone.isEmpty()) {
      out.add(label + ": " + String.join(", ", gone));
    }
  }
}
