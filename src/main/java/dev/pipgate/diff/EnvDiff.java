package dev.pipgate.diff;

import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What changed in one env file between base and head: pip entries and conda specs matched by
 * normalised name (entries without a name, such as options, by their text).
 *
 * @param path the env file's path at head (at base when deleted)
 * @param base the file at base, or null when it was added
 * @param head the file at head, or null when it was deleted
 */
public record EnvDiff(
    String path,
    EnvFile base,
    EnvFile head,
    List<ItemChange<PipEntry>> pip,
    List<ItemChange<CondaDep>> conda) {

  public static EnvDiff of(String path, EnvFile base, EnvFile head) {
    List<PipEntry> basePip = base == null ? List.of() : base.pip();
    List<PipEntry> headPip = head == null ? List.of() : head.pip();
    List<CondaDep> baseConda = base == null ? List.of() : base.conda();
    List<CondaDep> headConda = head == null ? List.of() : head.conda();
    return new EnvDiff(
        path,
        base,
        head,
        Keyed.diff(basePip, headPip, EnvDiff::key, EnvDiff::canonical),
        Keyed.diff(baseConda, headConda, EnvDiff::key, EnvDiff::canonical));
  }

  /** True when anything pip- or conda-related differs. */
  public boolean changed() {
    return pip.stream().anyMatch(c -> c.change() != Change.UNCHANGED)
        || conda.stream().anyMatch(c -> c.change() != Change.UNCHANGED);
  }

  public boolean pipChanged() {
    return pip.stream().anyMatch(c -> c.change() != Change.UNCHANGED);
  }

  static String key(PipEntry e) {
    return e.name() != null ? "name:" + e.name() : "line:" + squeeze(e.raw());
  }

  static String key(CondaDep d) {
    return d.name() != null ? "name:" + d.name() : "line:" + squeeze(d.raw());
  }

  /** Spelling, spacing and extras order do not make a change; a spec, marker or URL does. */
  static String canonical(PipEntry e) {
    String extras =
        e.extras().stream()
            .map(x -> x.toLowerCase(Locale.ROOT))
            .sorted()
            .collect(Collectors.joining(","));
    return e.kind()
        + "["
        + extras
        + "]"
        + squeeze(e.specifier())
        + ";"
        + squeeze(e.marker())
        + "@"
        + e.url()
        + "#"
        + e.ref()
        + (e.name() == null ? squeeze(e.raw()) : "");
  }

  static String canonical(CondaDep d) {
    return d.channel() + "::" + squeeze(d.version()) + "=" + d.build();
  }

  private static String squeeze(String s) {
    return s.replaceAll("\\s+", "");
  }
}
