package dev.pipgate.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The semantic diff of two lists of items: matched by a key (a package name), compared by a
 * canonical form. The first item with a key stands for it; later ones are duplicates, a rule's
 * business, not the diff's.
 */
final class Keyed {
  private Keyed() {}

  static <T> List<ItemChange<T>> diff(
      List<T> base, List<T> head, Function<T, String> key, Function<T, String> canonical) {
    Map<String, T> before = firstByKey(base, key);
    Map<String, T> after = firstByKey(head, key);
    List<ItemChange<T>> out = new ArrayList<>();
    for (Map.Entry<String, T> e : after.entrySet()) {
      T old = before.get(e.getKey());
      if (old == null) {
        out.add(new ItemChange<>(Change.ADDED, null, e.getValue()));
      } else if (Objects.equals(canonical.apply(old), canonical.apply(e.getValue()))) {
        out.add(new ItemChange<>(Change.UNCHANGED, old, e.getValue()));
      } else {
        out.add(new ItemChange<>(Change.CHANGED, old, e.getValue()));
      }
    }
    for (Map.Entry<String, T> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        out.add(new ItemChange<>(Change.REMOVED, e.getValue(), null));
      }
    }
    return List.copyOf(out);
  }

  private static <T> Map<String, T> firstByKey(List<T> items, Function<T, String> key) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      map.putIfAbsent(key.apply(item), item);
    }
    return map;
  }
}
