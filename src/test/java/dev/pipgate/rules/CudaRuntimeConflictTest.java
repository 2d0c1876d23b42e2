package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CudaRuntimeConflictTest {
  @TempDir Path dir;

  /** An env file whose conda side pins CUDA 11.2 plus the given conda lines and pip lines. */
  private static String env(String conda, String... pip) {
    StringBuilder sb =
        new StringBuilder(
            "name: t\ndependencies:\n  - python=3.9\n  - pip\n  - cudatoolkit=11.2\n");
    if (!conda.isEmpty()) {
      sb.append("  - ").append(conda).append('\n');
    }
    sb.append("  - pip:\n");
    for (String p : pip) {
      sb.append("      - ").append(p).append('\n');
    }
    return sb.toString();
  }

  private List<String> conflicts(String envYaml) {
    return RuleReview.in(dir).head(envYaml).findings().stream()
        .filter(f -> f.ruleId().equals(CudaRuntimeConflict.ID))
        .map(f -> f.packageName())
        .toList();
  }

  @Test
  void torchDependantWithoutAnyTorchSourceConflicts() {
    assertThat(conflicts(env("", "pytorch-lightning==1.9.5", "kornia==0.6.12")))
        .containsExactly("pytorch-lightning", "kornia");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pytorch",
        "pytorch::pytorch",
        "pytorch=1.12",
        "pytorch==1.12.1",
        "conda-forge::pytorch-gpu=1.12",
        "pytorch-cpu"
      })
  void torchDependantWithCondaPytorchDoesNotConflict(String condaPytorch) {
    assertThat(
            conflicts(
                env(
                    condaPytorch,
                    "pytorch-lightning==1.9.5",
                    "torchmetrics==0.11.4",
                    "accelerate==0.20.3",
                    "timm==0.9.2",
                    "peft==0.4.0",
                    "kornia==0.6.12")))
        .isEmpty();
  }

  /**
   * microsoft/hi-ml, hi-ml-histopathology/environment.yml: conda pytorch=1.10.0, pip torch==1.10.0.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pytorch=1.10.0", "pytorch==1.10.0", "pytorch::pytorch=1.10.0"})
  void pipTorchPinnedToCondasVersionKeepsCondasTorch(String condaPytorch) {
    assertThat(conflicts(env(condaPytorch, "torch==1.10.0", "torchvision==0.11.1")))
        .containsExactly("torchvision");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"torch==1.10.1", "torch>=1.10.0", "torch", "torch==1.10.0+cu113", "torch~=1.10.0"})
  void pipTorchThatMayReplaceCondasTorchConflicts(String pipTorch) {
    assertThat(conflicts(env("pytorch=1.10.0", pipTorch))).containsExactly("torch");
    assertThat(conflicts(env("pytorch=1.10", "torch==1.10.0"))).containsExactly("torch");
  }

  @Test
  void torchDependantNextToAPipTorchIsLeftToTorchsOwnEntry() {
    assertThat(conflicts(env("", "torch==1.13.1", "pytorch-lightning==1.9.5")))
        .containsExactly("torch");
  }

  @Test
  void torchDependantNextToACpuTorchDoesNotConflict() {
    assertThat(conflicts(env("", "torch==1.12.1+cpu", "timm==0.9.2"))).isEmpty();
  }

  @Test
  void cpuIndexAtTheTopOfThePipListMakesTorchAndItsDependantsCpuOnly() {
    assertThat(
            conflicts(
                env(
                    "",
                    "--extra-index-url https://download.pytorch.org/whl/cpu",
                    "torch==1.12.1",
                    "torchvision==0.13.1",
                    "pytorch-lightning==1.9.5")))
        .isEmpty();
    assertThat(
            conflicts(
                env(
                    "",
                    "--index-url https://download.pytorch.org/whl/cpu",
                    "sentence-transformers==2.2.2")))
        .isEmpty();
    assertThat(
            conflicts(
                env(
                    "",
                    "-f https://download.pytorch.org/whl/cpu/torch_stable.html",
                    "torch==1.9.0")))
        .isEmpty();
  }

  @Test
  void cudaIndexOrCudaLocalVersionStillConflicts() {
    assertThat(
            conflicts(
                env(
                    "",
                    "--extra-index-url https://download.pytorch.org/whl/cu116",
                    "torch==1.12.1")))
        .containsExactly("torch");
    assertThat(
            conflicts(
                env(
                    "",
                    "--extra-index-url https://download.pytorch.org/whl/cpu",
                    "torch==1.12.1+cu116")))
        .containsExactly("torch");
  }

  @Test
  void cpuLocalVersionIsCpuOnly() {
    assertThat(conflicts(env("", "torch==1.12.1+cpu", "torchvision==0.13.1+cpu"))).isEmpty();
  }

  @Test
  void cpuWheelUrlIsCpuOnly() {
    assertThat(
            conflicts(
                env(
                    "",
                    "torch @ https://download.pytorch.org/whl/cpu/torch-1.12.1%2Bcpu-cp39-cp39-linux_x86_64.whl")))
        .isEmpty();
  }

  @Test
  void indexOptionOnTheRequirementsOwnLineIsIgnoredAsPipIgnoresIt() {
    // pip reads only --hash, --global-option and --config-settings on a requirement's line
    // (pypa/pip#7050): torch comes from the default index, a CUDA build on Linux.
    assertThat(conflicts(env("", "torch --index-url https://download.pytorch.org/whl/cpu")))
        .containsExactly("torch");
    assertThat(
            RuleReview.in(dir)
                .head(env("", "torchvision --index-url=https://download.pytorch.org/whl/cpu"))
                .findings()
                .stream()
                .filter(f -> f.ruleId().equals(CudaRuntimeConflict.ID))
                .map(f -> f.help()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("pip ignores index options on a requirement's line")
        .contains("'https://download.pytorch.org/whl/cpu' is not used")
        .contains("line of its own");
  }

  @Test
  void macOsOnlyEntriesAreSkipped() {
    assertThat(
            conflicts(
                env(
                    "",
                    "torch==1.13.1; sys_platform == \"darwin\"",
                    "torch==1.13.1+cpu; sys_platform != \"darwin\"")))
        .isEmpty();
    assertThat(conflicts(env("", "pytorch-lightning==1.9.5; platform_system == 'Darwin'")))
        .isEmpty();
    assertThat(conflicts(env("", "torch==1.13.1; sys_platform == 'linux'")))
        .containsExactly("torch");
    // a machine outside the typical targets: not known to be macOS-only
    assertThat(conflicts(env("", "torch==1.13.1; platform_machine == 'ppc64le'")))
        .containsExactly("torch");
  }

  @Test
  void torchWithCondaPytorchStillConflictsOnItsOwn() {
    assertThat(conflicts(env("pytorch=1.12", "torch==1.13.1"))).containsExactly("torch");
  }

  @Test
  void otherRuntimeWheelsConflict() {
    assertThat(
            conflicts(
                env(
                    "",
                    "nvidia-cudnn-cu11==8.5.0.96",
                    "cupy-cuda11x==12.1.0",
                    "jax[cuda11_pip]==0.4.13",
                    "tensorflow[and-cuda]==2.14.0")))
        .containsExactly("nvidia-cudnn-cu11", "cupy-cuda11x", "jax", "tensorflow");
  }

  @Test
  void nvidiaPackagesThatAreNotCudaRuntimesDoNotConflict() {
    assertThat(conflicts(env("", "nvidia-pyindex==1.0.9", "nvidia-dllogger==1.0.0"))).isEmpty();
  }

  @Test
  void noCudaStackOnTheCondaSideNoConflict() {
    String noStack =
        "name: t\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - torch==1.13.1\n";
    assertThat(conflicts(noStack)).isEmpty();
  }

  @Test
  void dependantHelpNamesBothWaysOut() {
    assertThat(
            RuleReview.in(dir).head(env("", "timm==0.9.2")).findings().stream()
                .filter(f -> f.ruleId().equals(CudaRuntimeConflict.ID))
                .map(f -> f.message() + "\n" + f.help()))
        .singleElement()
        .satisfies(
            text ->
                assertThat(text)
                    .contains("requires torch")
                    .contains("'cudatoolkit=11.2', line 5")
                    .contains("Install pytorch from conda")
                    .contains("torch==X.Y.Z+cpu"));
  }
}
