package dev.pipgate.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options part of a requirements-file line, read as pip 23 does: split like {@code
 * shlex.split}, then parsed by an optparse parser that knows only the options a requirements file
 * may carry ({@code SUPPORTED_OPTIONS} and {@code SUPPORTED_OPTIONS_REQ} in {@code req_file.py}).
 * optparse accepts any unambiguous prefix of a long option, and rejects every other option, which
 * makes pip fail on the whole file.
 */
final class PipLineOptions {
  /** What pip rejects, in optparse's words ("no such option: --no-deps"). */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String option;
    private transient PipLineOptions before;

    Rejected(String message, String option) {
      super(message, null, false, false);
      this.option = option;
    }

    /** The options read before the rejected one (pip stops there; this reader classifies). */
    PipLineOptions before() {
      return before == null ? new PipLineOptions(Map.of()) : before;
    }

    /** The offending option as written, or null when the problem is not one option. */
    String option() {
      return option;
    }
  }

  enum Dest {
    INDEX_URL,
    EXTRA_INDEX_URLS,
    NO_INDEX,
    CONSTRAINTS,
    REQUIREMENTS,
    EDITABLES,
    FIND_LINKS,
    NO_BINARY,
    ONLY_BINARY,
    PREFER_BINARY,
    REQUIRE_HASHES,
    PRE,
    TRUSTED_HOSTS,
    FEATURES_ENABLED,
    GLOBAL_OPTIONS,
    HASHES,
    CONFIG_SETTINGS
  }

  private record Spec(String shortName, List<String> longNames, Dest dest, boolean takesValue) {}

  private static final List<Spec> SPECS =
      List.of(
          new Spec("-i", List.of("--index-url", "--pypi-url"), Dest.INDEX_URL, true),
          new Spec(null, List.of("--extra-index-url"), Dest.EXTRA_INDEX_URLS, true),
          new Spec(null, List.of("--no-index"), Dest.NO_INDEX, false),
          new Spec("-c", List.of("--constraint"), Dest.CONSTRAINTS, true),
          new Spec("-r", List.of("--requirement"), Dest.REQUIREMENTS, true),
          new Spec("-e", List.of("--editable"), Dest.EDITABLES, true),
          new Spec("-f", List.of("--find-links"), Dest.FIND_LINKS, true),
          new Spec(null, List.of("--no-binary"), Dest.NO_BINARY, true),
          new Spec(null, List.of("--only-binary"), Dest.ONLY_BINARY, true),
          new Spec(null, List.of("--prefer-binary"), Dest.PREFER_BINARY, false),
          new Spec(null, List.of("--require-hashes"), Dest.REQUIRE_HASHES, false),
          new Spec(null, List.of("--pre"), Dest.PRE, false),
          new Spec(null, List.of("--trusted-host"), Dest.TRUSTED_HOSTS, true),
          new Spec(null, List.of("--use-feature"), Dest.FEATURES_ENABLED, true),
          new Spec(null, List.of("--global-option"), Dest.GLOBAL_OPTIONS, true),
          new Spec(null, List.of("--hash"), Dest.HASHES, true),
          new Spec("-C", List.of("--config-settings"), Dest.CONFIG_SETTINGS, true));

  /** pip's STRONG_HASHES: the only algorithms {@code --hash} accepts. */
  private static final Set<String> HASH_ALGORITHMS = Set.of("sha256", "sha384", "sha512");

  private final Map<Dest, List<String>> values;

  private PipLineOptions(Map<Dest, List<String>> values) {
    this.values = values;
  }

  static PipLineOptions parse(String optionsText) throws Rejected {
    return parseTokens(shlexSplit(optionsText));
  }

  List<String> get(Dest dest) {
    return values.getOrDefault(dest, List.of());
  }

  boolean has(Dest dest) {
    return values.containsKey(dest);
  }

  private static PipLineOptions parseTokens(List<String> tokens) throws Rejected {
    Map<Dest, List<String>> values = new LinkedHashMap<>();
    try {
      readTokens(tokens, values);
    } catch (Rejected e) {
      e.before = freeze(values);
      throw e;
    }
    return freeze(values);
  }

  private static PipLineOptions freeze(Map<Dest, List<String>> values) {
    Map<Dest, List<String>> frozen = new LinkedHashMap<>();
    values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new PipLineOptions(Collections.unmodifiableMap(frozen));
  }

  private static void readTokens(List<String> tokens, Map<Dest, List<String>> values)
      throws Rejected {
    int i = 0;
    while (i < tokens.size()) {
      String arg = tokens.get(i++);
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq >= 0 ? arg.substring(0, eq) : arg;
        Spec spec = matchLong(name);
        String matched =
            spec.longNames().stream().filter(l -> l.startsWith(name)).findFirst().get();
        if (spec.takesValue()) {
          String value;
          if (eq >= 0) {
            value = arg.substring(eq + 1);
          } else if (i < tokens.size()) {
            value = tokens.get(i++);
          } else {
            throw new Rejected(matched + " option requires 1 argument", matched);
          }
          store(values, spec, matched, value);
        } else if (eq >= 0) {
          throw new Rejected(matched + " option does not take a value", matched);
        } else {
          store(values, spec, matched, "true");
        }
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          String name = "-" + arg.charAt(k);
          Spec spec = matchShort(name);
          if (!spec.takesValue()) {
            store(values, spec, name, "true");
            continue;
          }
          String value;
          if (k + 1 < arg.length()) {
            value = arg.substring(k + 1);
          } else if (i < tokens.size()) {
            value = tokens.get(i++);
          } else {
            throw new Rejected(name + " option requires 1 argument", name);
          }
          store(values, spec, name, value);
          break;
        }
      }
      // Positional arguments after options are accepted and ignored by pip's line parser.
    }
  }

  private static void store(Map<Dest, List<String>> values, Spec spec, String name, String value)
      throws Rejected {
    switch (spec.dest()) {
      case HASHES -> {
        int colon = value.indexOf(':');
        if (colon < 0) {
          throw new Rejected(
              "Arguments to --hash must be a hash name followed by a value, like"
                  + " --hash=sha256:abcde...",
              name);
        }
        if (!HASH_ALGORITHMS.contains(value.substring(0, colon))) {
          throw new Rejected("Allowed hash algorithms for --hash are sha256, sha384, sha512", name);
        }
      }
      case CONFIG_SETTINGS -> {
        if (value.indexOf('=') < 0) {
          throw new Rejected("Arguments to " + name + " must be of the form KEY=VAL", name);
        }
      }
      case NO_BINARY, ONLY_BINARY -> {
        if (value.startsWith("-")) {
          throw new Rejected(name + " option requires 1 argument", name);
        }
      }
      default -> {}
    }
    values.computeIfAbsent(spec.dest(), d -> new ArrayList<>()).add(value);
  }

  private static Spec matchLong(String name) throws Rejected {
    for (Spec spec : SPECS) {
      if (spec.longNames().contains(name)) {
        return spec;
      }
    }
    List<Spec> hits = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Spec spec : SPECS) {
      for (String l : spec.longNames()) {
        if (l.startsWith(name)) {
          hits.add(spec);
          names.add(l);
        }
      }
    }
    if (hits.size() == 1) {
      return hits.get(0);
    }
    if (hits.isEmpty()) {
      throw new Rejected("no such option: " + name, name);
    }
    throw new Rejected("ambiguous option: " + name + " (" + String.join(", ", names) + "?)", name);
  }

  private static Spec matchShort(String name) throws Rejected {
    for (Spec spec : SPECS) {
      if (name.equals(spec.shortName())) {
        return spec;
      }
    }
    throw new Rejected("no such option: " + name, name);
  }

  /** Python's {@code shlex.split(s)} (POSIX mode, no comments). */
  static List<String> shlexSplit(String s) throws Rejected {
    List<String> out = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inToken) {
          out.add(token.toString());
          token.setLength(0);
          inToken = false;
        }
        i++;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new Rejected("Could not split options: no escaped character", null);
        }
        token.append(s.charAt(i + 1));
        inToken = true;
        i += 2;
      } else if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new Rejected("Could not split options: no closing quotation", null);
        }
        token.append(s, i + 1, end);
        inToken = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
            token.append(s.charAt(i + 1));
            i += 2;
          } else {
            token.append(d);
            i++;
          }
        }
        if (!closed) {
          throw new Rejected("Could not split options: no closing quotation", null);
        }
        inToken = true;
      } else {
        token.append(c);
        inToken = true;
        i++;
      }
    }
    if (inToken) {
      out.add(token.toString());
    }
    return out;
  }
}
