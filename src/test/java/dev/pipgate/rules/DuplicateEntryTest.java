package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuplicateEntryTest {
  @TempDir Path dir;

  private List<String> duplicates(String first, String second) {
    String env =
        "name: t\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n"
            + "      - "
            + first
            + "\n      - "
            + second
            + "\n";
    return RuleReview.in(dir).head(env).of(DuplicateEntry.ID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vtk<8.2; platform_system == \"Darwin\"|vtk; platform_system != \"Darwin\"",
        "torch==1.13.1; sys_platform == 'darwin'|torch==1.13.1+cpu; sys_platform != 'darwin'",
        "pywin32==306; sys_platform == 'win32'|pywin32==305; sys_platform == 'linux'",
        "numpy==1.21.6; python_version < '3.8'|numpy==1.24.4; python_version >= '3.8'",
        "numpy<1.20; python_version <= '3.6'|numpy>=1.20; python_version > '3.6'",
        "tensorflow==2.9.1; platform_machine != 'arm64'|tensorflow-macos==2.9.2; platform_machine == 'arm64'",
        "pkg==1; os_name == 'nt'|pkg==2; os_name == 'posix'",
        "pkg==1; platform_python_implementation == 'PyPy'|pkg==2; implementation_name == 'cpython'"
      })
  void complementaryMarkersAreNotDuplicates(String first, String second) {
    assertThat(duplicates(first, second)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rich==13.7.1|rich==13.7.1",
        "rich==13.7.1|Rich>=13",
        "vtk<8.2; platform_system == 'Darwin'|vtk",
        "numpy==1.21.6; python_version < '3.9'|numpy==1.24.4; python_version >= '3.8'",
        "pkg==1; sys_platform == 'darwin'|pkg==2; platform_system == 'Darwin'",
        "pkg==1; python_full_version < '3.8.1'|pkg==2; python_full_version >= '3.8.1'",
        "pkg==1; extra == 'gpu'|pkg==2; sys_platform == 'linux'",
        "pkg==1; platform_machine == 'ppc64le'|pkg==2; platform_system == 'Linux'"
      })
  void overlappingOrUndecidableMarkersAreDuplicates(String first, String second) {
    assertThat(duplicates(first, second)).hasSize(1);
  }

  @Test
  void anExactRepeatIsOfferedForDeletion() {
    String env =
        "name: t\ndependencies:\n  - pip\n  - pip:\n      - rich==13.7.1\n      - rich==13.7.1\n";
    assertThat(RuleReview.in(dir).head(env).findings())
        .filteredOn(f -> f.ruleId().equals(DuplicateEntry.ID))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location().line()).isEqualTo(6);
              assertThat(f.fix()).hasValueSatisfying(s -> assertThat(s.replacement()).isEmpty());
            });
  }
}
