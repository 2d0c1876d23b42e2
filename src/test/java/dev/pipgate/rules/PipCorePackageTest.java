package dev.pipgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipCorePackageTest {
  @TempDir Path dir;

  private static String env(String pip) {
    return "name: t\ndependencies:\n  - python=3.9\n  - pip\n  - pip:\n      - " + pip + "\n";
  }

  private List<String> core(String pip) {
    return RuleReview.in(dir).head(env(pip)).of(PipCorePackage.ID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tensorflow==2.9.1",
        "tensorflow-gpu==2.9.1",
        "tensorflow-cpu==2.9.1",
        "tensorflow-estimator==2.9.0",
        "tf-nightly==2.10.0.dev20220601",
        "keras==2.9.0",
        "tensorboard==2.9.1",
        "numpy==1.23.5",
        "scipy==1.9.3",
        "h5py==3.7.0",
        "protobuf==4.21.2",
        "grpcio==1.48.2",
        "nvidia-cudnn-cu11==8.5.0.96",
        "nvidia-cuda-runtime-cu11==11.7.99",
        "nvidia-cublas-cu12==12.1.3.1",
        "nvidia-cudnn-cu13==9.13.0.50",
        // From a real package list next to nvidia-pyindex: CUDA 11.7 and NVIDIA's own names.
        "nvidia-cublas-cu117==11.10.1.25",
        "nvidia-cublas==11.5.1.101",
        "nvidia-cuda-runtime==11.3.58",
        "nvidia-cudnn==8.2.0.51",
        "cuda-toolkit==12.8.1",
        "NVIDIA_CUDNN_CU11==8.5.0.96"
      })
  void runtimePackagesAreCore(String pip) {
    assertThat(core(pip)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tensorflow-datasets==4.9.0",
        "tensorflow-hub==0.16.1",
        "tensorflow-addons==0.23.0",
        "tensorflow-metal==1.0.0",
        "tensorboard-plugin-wit==1.8.1",
        "nvidia-pyindex==1.0.9",
        "nvidia-dllogger==1.0.0",
        "nvidia-ml-py==12.535.108",
        "cuda-python==12.2.0",
        "numpydoc==1.5.0"
      })
  void addOnsAndNonCudaNvidiaPackagesAreNotCore(String pip) {
    assertThat(core(pip)).isEmpty();
  }

  @Test
  void theConfiguredListReplacesTheDefault() {
    List<String> found =
        RuleReview.in(dir)
            .head(
                "name: t\ndependencies:\n  - pip\n  - pip:\n"
                    + "      - tensorflow-hub==0.16.1\n      - numpy==1.23.5\n")
            .config("core-packages: [\"tensorflow-*\"]\n")
            .of(PipCorePackage.ID);
    assertThat(found)
        .containsExactly(
            "5: pip entry 'tensorflow-hub' is part of the protected core stack conda manages");
  }
}
