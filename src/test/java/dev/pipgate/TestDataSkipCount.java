package dev.pipgate;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a run, how many test methods were skipped because test data was missing and
 * which: a fresh clone passes, and says what it did not run. Registered through {@code
 * META-INF/services}.
 */
public final class TestDataSkipCount implements TestExecutionListener {
  private final PrintStream out;
  private TestPlan plan;
  private int skipped;
  private final Set<String> missing = new TreeSet<>();

  public TestDataSkipCount() {
    this(System.out);
  }

  TestDataSkipCount(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    skipped = 0;
    missing.clear();
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    count(id, reason);
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      count(id, result.getThrowable().map(Throwable::getMessage).orElse(null));
    }
  }

  private synchronized void count(TestIdentifier id, String reason) {
    Optional<String> what = TestData.neededIn(reason);
    if (what.isEmpty()) {
      return;
    }
    missing.add(what.get());
    // A skipped class counts its methods; a skipped method, or one aborted invocation, counts one.
    long methods =
        plan.getDescendants(id).stream()
            .filter(d -> d.getSource().filter(MethodSource.class::isInstance).isPresent())
            .filter(d -> plan.getParent(d).filter(p -> !isMethod(p)).isPresent())
            .count();
    skipped += (int) Math.max(1, methods);
  }

  private static boolean isMethod(TestIdentifier id) {
    return id.getSource().filter(MethodSource.class::isInstance).isPresent();
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    if (skipped == 0) {
      out.println("pipgate: no test skipped for missing test data");
    } else {
      out.printf(
          "pipgate: %d tests skipped: test data missing (%s)%n",
          skipped, String.join(", ", missing));
    }
  }
}
