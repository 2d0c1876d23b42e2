package dev.pipgate.github;

import java.time.Duration;

/** Waits between retries; tests pass one that only records the wait and moves a clock. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
