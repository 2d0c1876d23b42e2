package dev.pipgate.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.model.InputException;

/** Typed access to a JSON object, failing with the file and field name. */
final class EventFields {
  private final String file;
  private final JsonNode node;
  private final String where;

  JsonNode node() {
    return node;
  }

  EventFields(String file, JsonNode node) {
    this(file, node, "");
  }

  EventFields(String file, JsonNode node, String where) {
    this.file = file;
    this.node = node;
    this.where = where;
  }

  EventFields object(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isObject()) {
      throw problem(key, "an object");
    }
    return new EventFields(file, v, where + key + ".");
  }

  String text(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw problem(key, "a string");
    }
    return v.asText();
  }

  String sha(String key) {
    String v = text(key);
    if (!v.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new InputException(file, 0, where + key + " is not a commit SHA: " + v);
    }
    return v;
  }

  int positiveInt(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
      throw problem(key, "a positive integer");
    }
    return v.asInt();
  }

  private InputException problem(String key, String what) {
    JsonNode v = node.get(key);
    String found =
        v == null || v.isMissingNode()
            ? "missing"
            : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    return new InputException(
        file, 0, "event field " + where + key + " should be " + what + ", is " + found);
  }
}
