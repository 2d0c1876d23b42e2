package dev.pipgate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class or method reads these parts of the test data ({@link TestData}), such as {@code
 * corpus/envfiles} or {@code github-api}: without them it is skipped before any argument source or
 * {@code @BeforeAll} runs.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(TestDataCondition.class)
public @interface NeedsTestData {
  String[] value();
}
