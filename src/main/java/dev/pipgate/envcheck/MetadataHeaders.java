package dev.pipgate.envcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header block of a core metadata file ({@code METADATA}, {@code PKG-INFO}), read the way
 * Python's {@code email} parser reads it for importlib.metadata: headers up to the first blank line
 * (or the first line that is not a header), continuation lines start with whitespace, names compare
 * case-insensitively, repeated headers are kept in order.
 */
record MetadataHeaders(List<Header> headers) {
  record Header(String name, String value, int line) {}

  MetadataHeaders {
    headers = List.copyOf(headers);
  }

  static MetadataHeaders parse(String text) {
    List<Header> out = new ArrayList<>();
    // The body (often a long description) follows the first blank line and is never read.
    int body = text.indexOf("\n\n");
    String[] lines = (body < 0 ? text : text.substring(0, body + 1)).split("\n", -1);
    String name = null;
    StringBuilder value = null;
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        break;
      }
      char c = line.charAt(0);
      if ((c == ' ' || c == '\t') && name != null) {
        value.append('\n').append(line);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isHeaderName(line, colon)) {
        break;
      }
      if (name != null) {
        out.add(new Header(name, value.toString(), start));
      }
      name = line.substring(0, colon);
      int from = colon + 1;
      while (from < line.length() && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
        from++;
      }
      value = new StringBuilder(line.substring(from));
      start = i + 1;
    }
    if (name != null) {
      out.add(new Header(name, value.toString(), start));
    }
    return new MetadataHeaders(out);
  }

  /** RFC 5322 field name: printable ASCII other than space (the colon ends it). */
  private static boolean isHeaderName(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char ch = line.charAt(i);
      if (ch <= ' ' || ch > '~') {
        return false;
      }
    }
    return true;
  }

  /** The first value of a header, or "" when absent. */
  String first(String name) {
    for (Header h : headers) {
      if (h.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return h.value();
      }
    }
    return "";
  }

  List<Header> all(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return headers.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(key)).toList();
  }
}
