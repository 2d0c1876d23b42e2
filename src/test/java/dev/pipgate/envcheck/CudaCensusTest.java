package dev.pipgate.envcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaCensusTest {
  static CondaRecord conda(String name, String version, String build) {
    return new CondaRecord(
        "conda-meta/" + name + "-" + version + "-" + build + ".json",
        name,
        version,
        build,
        "conda-forge",
        "linux-64",
        List.of(),
        List.of(),
        "");
  }

  static Distribution pip(String name, String version) {
    String dir = "lib/python3.9/site-packages/" + name + "-" + version + ".dist-info";
    return new Distribution(
        name, version, "pip", false, "", dir, dir + "/METADATA", List.of(), List.of(), false);
  }

  @Test
  void condaToolkitAndPipWheelsAreTwoRuntimes() {
    CudaCensus c =
        CudaCensus.of(
            List.of(
                conda("cudatoolkit", "11.2.2", "hbe64b41_10"),
                conda("tensorflow-base", "2.9.1", "cuda112py39h01bd6f0_0")),
            List.of(
                pip("nvidia-cuda-runtime-cu11", "11.7.99"),
                pip("nvidia-cublas-cu11", "11.10.3.66")));
    assertThat(c.runtimes())
        .extracting(CudaCensus.Runtime::source, CudaCensus.Runtime::major)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("conda", 11),
            org.assertj.core.groups.Tuple.tuple("pip", 11));
    assertThat(c.runtimes().get(1).packages()).hasSize(2);
    assertThat(c.tensorflow())
        .singleElement()
        .extracting(CudaCensus.TensorflowBuild::cuda)
        .isEqualTo("11.2");
  }

  @Test
  void cudaVersionAndCudartOfOneMajorAreOneRuntime() {
    CudaCensus c =
        CudaCensus.of(
            List.of(
                conda("cuda-version", "12.2", "he2b69de_3"),
                conda("cuda-cudart", "12.2.140", "hd3aeb46_0")),
            List.of(pip("tensorflow", "2.9.1"), pip("numpy", "1.23.5")));
    assertThat(c.runtimes()).singleElement().extracting(CudaCensus.Runtime::major).isEqualTo(12);
    assertThat(c.tensorflow())
        .singleElement()
        .extracting(CudaCensus.TensorflowBuild::major)
        .isEqualTo(11);
  }

  @Test
  void cpuBuildNeedsNoCuda() {
    CudaCensus c =
        CudaCensus.of(List.of(conda("tensorflow", "2.9.1", "cpu_py39h4655687_0")), List.of());
    assertThat(c.tensorflow())
        .singleElement()
        .extracting(CudaCensus.TensorflowBuild::cuda)
        .isEqualTo("");
    assertThat(c.runtimes()).isEmpty();
  }
}
