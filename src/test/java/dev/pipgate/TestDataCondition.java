package dev.pipgate;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips what {@link NeedsTestData} marks when that test data is missing; fails if required. */
final class TestDataCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<NeedsTestData> needs =
        context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, NeedsTestData.class));
    if (needs.isEmpty()) {
      return ConditionEvaluationResult.enabled("needs no test data");
    }
    for (String what : needs.get().value()) {
      Optional<String> missing = TestData.missing(what);
      if (missing.isPresent()) {
        if (TestData.required()) {
          throw new IllegalStateException(TestData.requiredMessage(missing.get()));
        }
        return ConditionEvaluationResult.disabled(missing.get());
      }
    }
    return ConditionEvaluationResult.enabled("test data present");
  }
}
