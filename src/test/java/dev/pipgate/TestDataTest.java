package dev.pipgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Tests that need test data are skipped without it, with the missing part and how to get it named;
 * the run counts them in one line; the required flag makes them fail. Runs small test classes in a
 * launcher of its own.
 */
class TestDataTest {
  @TempDir Path tmp;
  private String savedDir;
  private String savedRequired;

  static class OneNeedsEnvFiles {
    @Test
    @NeedsTestData("corpus/envfiles")
    void readsEnvFiles() {
      assertThat(TestData.path("corpus/envfiles")).isDirectory();
    }

    @Test
    void needsNothing() {}
  }

  @NeedsTestData("github-api")
  static class AllNeedGitHubApi {
    @Test
    void first() {}

    @Test
    void second() {}
  }

  static class AsksOnItsOwn {
    @Test
    void readsMappings() {
      TestData.path("mappings");
    }
  }

  /** What one run reported: skip reasons, failures, and the count line. */
  record Run(List<String> skipped, List<String> failed, int passed, String line) {}

  @BeforeEach
  void save() {
    savedDir = System.getProperty(TestData.PROPERTY);
    savedRequired = System.getProperty(TestData.REQUIRED);
    System.clearProperty(TestData.PROPERTY);
    System.clearProperty(TestData.REQUIRED);
  }

  @AfterEach
  void restore() {
    set(TestData.PROPERTY, savedDir);
    set(TestData.REQUIRED, savedRequired);
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static Run run(Class<?>... classes) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int[] passed = {0};
    TestExecutionListener record =
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier id, String reason) {
            skipped.add(id.getDisplayName() + ": " + reason);
          }

          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            switch (result.getStatus()) {
              case SUCCESSFUL -> passed[0] += id.isTest() ? 1 : 0;
              case ABORTED ->
                  skipped.add(
                      id.getDisplayName() + ": " + result.getThrowable().get().getMessage());
              case FAILED ->
                  failed.add(id.getDisplayName() + ": " + result.getThrowable().get().getMessage());
            }
          }
        };
    LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(
                    record,
                    new TestDataSkipCount(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .build())
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .build());
    return new Run(skipped, failed, passed[0], printed.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void withoutTheSettingTestsAreSkippedWithTheMissingPartAndHowToGetIt() {
    Run run = run(OneNeedsEnvFiles.class, AllNeedGitHubApi.class, AsksOnItsOwn.class);

    assertThat(run.skipped())
        .containsExactly(
            "readsEnvFiles(): needs corpus/envfiles (set -Dpipgate.shared=DIR;"
                + " scripts/fetch-testdata.sh DIR downloads it)",
            "TestDataTest$AllNeedGitHubApi: needs github-api (set -Dpipgate.shared=DIR;"
                + " scripts/fetch-testdata.sh DIR downloads it)",
            "readsMappings(): needs mappings (set -Dpipgate.shared=DIR;"
                + " scripts/fetch-testdata.sh DIR downloads it)");
    assertThat(run.failed()).isEmpty();
    assertThat(run.passed()).isEqualTo(1);
    assertThat(run.line())
        .isEqualTo(
            "pipgate: 4 tests skipped: test data missing (corpus/envfiles, github-api, mappings)");
  }

  @Test
  void withTheSettingOnlyTheMissingPartsAreSkipped() throws IOException {
    Files.createDirectories(tmp.resolve("corpus/envfiles"));
    System.setProperty(TestData.PROPERTY, tmp.toString());

    Run run = run(OneNeedsEnvFiles.class, AllNeedGitHubApi.class);

    assertThat(run.skipped())
        .containsExactly(
            "TestDataTest$AllNeedGitHubApi: needs github-api ("
                + tmp.resolve("github-api").toAbsolutePath()
                + " is missing; scripts/fetch-testdata.sh DIR downloads it)");
    assertThat(run.passed()).isEqualTo(2);
    assertThat(run.line()).isEqualTo("pipgate: 2 tests skipped: test data missing (github-api)");
  }

  @Test
  void requiredTestDataThatIsMissingFailsInsteadOfSkipping() {
    System.setProperty(TestData.REQUIRED, "true");

    Run run = run(OneNeedsEnvFiles.class, AllNeedGitHubApi.class, AsksOnItsOwn.class);

    assertThat(run.skipped()).isEmpty();
    assertThat(run.failed())
        .hasSize(3)
        .allSatisfy(
            f -> assertThat(f).contains("-Dpipgate.shared.required=true, but a test needs "));
    assertThat(run.failed().get(0)).contains("needs corpus/envfiles");
    assertThat(run.line()).isEqualTo("pipgate: no test skipped for missing test data");
  }

  @Test
  void everythingPresentRunsEverything() throws IOException {
    Files.createDirectories(tmp.resolve("corpus/envfiles"));
    Files.createDirectories(tmp.resolve("github-api"));
    Files.createDirectories(tmp.resolve("mappings"));
    System.setProperty(TestData.PROPERTY, tmp.toString());
    System.setProperty(TestData.REQUIRED, "true");

    Run run = run(OneNeedsEnvFiles.class, AllNeedGitHubApi.class, AsksOnItsOwn.class);

    assertThat(run.skipped()).isEmpty();
    assertThat(run.failed()).isEmpty();
    assertThat(run.passed()).isEqualTo(5);
    assertThat(run.line()).isEqualTo("pipgate: no test skipped for missing test data");
  }
}
