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
    String[] lines = text.split("\n", -1);
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
      if (colon <= 0 || line.substring(0, colon).chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
        break;
      }
      if (name != null) {
        out.add(new Header(name, value.toString(), start));
      }
      name = line.substring(0, colon);
      value = new StringBuilder(line.substring(colon + 1).replaceFirst("^[ \\t]+", ""));
      start = i + 1;
    }
    if (name != null) {
      out.add(new Header(name, value.toString(), start));
    }
    return new MetadataHeaders(out);
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
