package dev.pipgate.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code exclude} patterns, in the spirit of {@code .gitignore}: an entry ending in {@code /}
 * names a folder, anywhere in the tree when it has no other slash ({@code node_modules/}), else
 * from the repository root ({@code tools/vendor/}); any other entry is a {@link Glob} on the whole
 * path ({@code docs/**}, {@code **}{@code /testdata/*.yml}).
 */
public final class PathFilter {
  private final Matcher matcher;

  public PathFilter(List<String> exclude) {
    String alternation =
        exclude.stream()
            .map(e -> "(?:" + Glob.compile(asGlob(e)).pattern() + ")")
            .collect(Collectors.joining("|"));
    // An empty list excludes nothing: an alternation of no branches would match the empty path.
    this.matcher = exclude.isEmpty() ? null : Pattern.compile(alternation).matcher("");
  }

  static String asGlob(String entry) {
    if (!entry.endsWith("/")) {
      return entry;
    }
    String folder = entry.substring(0, entry.length() - 1);
    return (folder.contains("/") ? folder : "**/" + folder) + "/**";
  }

  public boolean excluded(String path) {
    return matcher != null && matcher.reset(path).matches();
  }
}
