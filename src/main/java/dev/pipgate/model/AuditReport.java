package dev.pipgate.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every pip entry of many repositories at their default branch's head, and the state of its
 * justification. Repositories are sorted by name and entries by file, line and package, so the same
 * repositories give the same report however they were read or sharded.
 */
public record AuditReport(List<Repository> repositories) {
  /** The version of the JSON form ({@code "schema"}); {@code audit merge} reads only this one. */
  public static final int SCHEMA = 1;

  public enum State {
    JUSTIFIED,
    INCOMPLETE,
    MISSING,
    ALLOWED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromId(String id) {
      for (State s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown state '" + id + "'");
    }
  }

  /**
   * One pip entry.
   *
   * @param detail for {@code incomplete}, the questions without an answer; for {@code allowed}, the
   *     last day of the allowance ("" when it has none); else ""
   */
  public record Entry(
      String file, int line, String packageName, String spec, State state, String detail) {
    public Entry {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(packageName, "packageName");
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * One repository: audited (its revision and entries), or not, with the reason.
   *
   * @param revision what was read (a commit, or branch and tree); "" when nothing was
   * @param reason why it was not audited (archived, empty, no access, bad config …), or ""
   */
  public record Repository(String name, String revision, String reason, List<Entry> entries) {
    public Repository {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(reason, "reason");
      entries =
          entries.stream()
              .sorted(
                  Comparator.comparing(Entry::file)
                      .thenComparingInt(Entry::line)
                      .thenComparing(Entry::packageName))
              .toList();
    }

    public static Repository skipped(String name, String reason) {
      return new Repository(name, "", reason, List.of());
    }

    public boolean audited() {
      return reason.isEmpty();
    }

    /** Entries per state, every state present. */
    public Map<State, Integer> totals() {
      Map<State, Integer> t = new LinkedHashMap<>();
      for (State s : State.values()) {
        t.put(s, 0);
      }
      entries.forEach(e -> t.merge(e.state(), 1, Integer::sum));
      return t;
    }
  }

  public AuditReport {
    repositories = repositories.stream().sorted(ORDER).toList();
  }

  private static final Comparator<Repository> ORDER =
      Comparator.comparing((Repository r) -> r.name().toLowerCase(Locale.ROOT))
          .thenComparing(Repository::name);

  /** Entries per state over every repository. */
  public Map<State, Integer> totals() {
    Map<State, Integer> t = new LinkedHashMap<>();
    for (State s : State.values()) {
      t.put(s, 0);
    }
    repositories.forEach(r -> r.totals().forEach((s, n) -> t.merge(s, n, Integer::sum)));
    return t;
  }

  public long audited() {
    return repositories.stream().filter(Repository::audited).count();
  }

  /**
   * The shards as one report. A repository in two shards must be the same in both (a shard run
   * twice); two different versions of one repository are an error, since neither can be chosen
   * without guessing.
   *
   * @param shards each shard's name (for messages) and report
   */
  public static AuditReport merge(Map<String, AuditReport> shards) {
    Map<String, Repository> byName = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (Map.Entry<String, AuditReport> shard : shards.entrySet()) {
      for (Repository r : shard.getValue().repositories()) {
        Repository seen = byName.putIfAbsent(r.name(), r);
        if (seen == null) {
          from.put(r.name(), shard.getKey());
        } else if (!seen.equals(r)) {
          throw new InputException(
              shard.getKey(),
              0,
              "repository "
                  + r.name()
                  + " is also in "
                  + from.get(r.name())
                  + ", with other results: merge shards of one audit");
        }
      }
    }
    return new AuditReport(new ArrayList<>(byName.values()));
  }
}
