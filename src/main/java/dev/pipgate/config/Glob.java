package dev.pipgate.config;

import java.util.regex.Pattern;

/**
 * Glob patterns as in {@code .gitignore}-style configs: {@code *} and {@code ?} stay within one
 * path segment, {@code **}{@code /} matches any number of directories (none included).
 */
public final class Glob {
  private Glob() {}

  public static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        re.append(slash ? "(?:.*/)?" : ".*");
        i += slash ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  public static boolean matches(String glob, String path) {
    return compile(glob).matcher(path).matches();
  }
}
