package dev.pipgate.envcheck;

import java.util.AbstractList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A list read the first time it is looked at. A distribution's RECORD can list thousands of files
 * and is needed only to tell whose files pip overwrote, which most distributions never are asked;
 * reading it only then keeps {@code env-check} faster than {@code pip check}.
 */
final class OnDemandList<T> extends AbstractList<T> {
  private Supplier<List<T>> source;
  private List<T> items;

  OnDemandList(Supplier<List<T>> source) {
    this.source = source;
  }

  private List<T> items() {
    if (items == null) {
      items = List.copyOf(source.get());
      source = null;
    }
    return items;
  }

  @Override
  public T get(int index) {
    return items().get(index);
  }

  @Override
  public int size() {
    return items().size();
  }
}
