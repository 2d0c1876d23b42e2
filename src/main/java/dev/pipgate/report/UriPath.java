package dev.pipgate.report;

import java.nio.charset.StandardCharsets;

/**
 * A repository path as a relative URI reference (RFC 3986): every byte but the unreserved
 * characters and {@code /} is percent-encoded, so spaces, {@code #}, {@code ?}, parentheses and a
 * leading {@code x:} segment (which would read as a scheme) cannot change what the URI means.
 * SARIF's artifactLocation.uri and Markdown link destinations both need this.
 */
final class UriPath {
  private UriPath() {}

  static String encode(String path) {
    StringBuilder b = new StringBuilder(path.length() + 16);
    for (byte raw : path.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }
}
