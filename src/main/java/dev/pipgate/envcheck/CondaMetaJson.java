package dev.pipgate.envcheck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a {@code conda-meta/*.json} record the check uses, read with Jackson's streaming
 * parser: a TensorFlow image has hundreds of records with thousands of paths each, and building a
 * tree (or starting Jackson's data binding at all) would cost more than {@code pip check} takes.
 * Other fields are skipped unread. A repeated key keeps its last value, as a JSON tree would.
 *
 * @param scalars top-level string, number and boolean fields as text ({@code null} and objects are
 *     absent)
 * @param pathsData {@code paths_data.paths[]._path}
 */
record CondaMetaJson(
    Map<String, String> scalars, List<String> files, List<String> depends, List<String> pathsData) {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** The record, or null when the bytes are not a JSON object. */
  static CondaMetaJson read(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, String> scalars = new HashMap<>();
      List<String> files = List.of();
      List<String> depends = List.of();
      List<String> pathsData = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "files" -> files = strings(p);
          case "depends" -> depends = strings(p);
          case "paths_data" -> pathsData = paths(p);
          default -> {
            if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
              scalars.put(field, p.getText());
            } else {
              scalars.remove(field);
              p.skipChildren();
            }
          }
        }
      }
      return new CondaMetaJson(scalars, files, depends, pathsData);
    }
  }

  /** A top-level scalar as text, or "" when absent, null or not a scalar. */
  String text(String field) {
    return scalars.getOrDefault(field, "");
  }

  /** The string items of the array at the parser (other items skipped); [] when not an array. */
  private static List<String> strings(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return List.of();
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t == JsonToken.VALUE_STRING) {
        out.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  /** {@code {"paths": [{"_path": ...}, ...]}}: each item's {@code _path} string. */
  private static List<String> paths(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return List.of();
    }
    List<String> out = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (!field.equals("paths") || p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      out = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (t != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String path = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          if (key.equals("_path") && v == JsonToken.VALUE_STRING) {
            path = p.getText();
          } else {
            p.skipChildren();
          }
        }
        out.add(path);
      }
    }
    return out;
  }
}
