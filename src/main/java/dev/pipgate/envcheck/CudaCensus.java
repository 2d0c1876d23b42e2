package dev.pipgate.envcheck;

import dev.pipgate.names.PackageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA runtimes a prefix carries, by where they come from. conda ships one as {@code
 * cudatoolkit} (up to 11.x) or as {@code cuda-cudart} / {@code cuda-version} / {@code cuda-runtime}
 * (12 on); pip as NVIDIA's {@code nvidia-*-cuNN} wheels (torch pulls {@code
 * nvidia-cuda-runtime-cu11}, {@code nvidia-cublas-cu11}, ...) or the {@code cuda-toolkit}
 * meta-package. Two of them in one process is the {@code libcublas.so.11: undefined symbol}
 * failure.
 */
public record CudaCensus(List<Runtime> runtimes, List<TensorflowBuild> tensorflow) {
  static final java.util.Set<String> CONDA_RUNTIMES =
      java.util.Set.of("cudatoolkit", "cuda-cudart", "cuda-version", "cuda-runtime");
  private static final Pattern PIP_CU = Pattern.compile("nvidia-.+-cu(\\d+)");
  private static final Pattern CONDA_TF_BUILD = Pattern.compile("cuda(\\d\\d)(\\d)");

  public CudaCensus {
    runtimes = List.copyOf(runtimes);
    tensorflow = List.copyOf(tensorflow);
  }

  /**
   * One CUDA runtime: all packages of one source (conda or pip) with one major version.
   *
   * @param source {@code conda} or {@code pip}
   * @param packages {@code name version} of each package, in the order found
   * @param file where the first package is recorded (conda record or metadata file)
   */
  public record Runtime(String source, int major, List<String> packages, String file) {
    public Runtime {
      Objects.requireNonNull(source, "source");
      packages = List.copyOf(packages);
      Objects.requireNonNull(file, "file");
    }

    String describe() {
      return source + " " + String.join(", ", packages) + " (CUDA " + major + ")";
    }
  }

  /**
   * An installed TensorFlow and the CUDA version its GPU build was made for.
   *
   * @param cuda {@code 11.2}, or "" for a CPU-only build
   */
  public record TensorflowBuild(String name, String version, String cuda, String file) {
    public int major() {
      return cuda.isEmpty() ? 0 : Integer.parseInt(cuda.substring(0, cuda.indexOf('.')));
    }
  }

  /**
   * @param conda conda package records
   * @param pipDists distributions no conda record owns
   */
  static CudaCensus of(List<CondaRecord> conda, List<Distribution> pipDists) {
    Map<String, Runtime> found = new LinkedHashMap<>();
    List<TensorflowBuild> tf = new ArrayList<>();
    for (CondaRecord r : conda) {
      if (CONDA_RUNTIMES.contains(r.name())) {
        major(r.version())
            .ifPresent(m -> add(found, "conda", m, r.name() + " " + r.version(), r.file()));
      }
      if (r.name().equals("tensorflow")
          || r.name().equals("tensorflow-base")
          || r.name().equals("tensorflow-gpu")) {
        Matcher m = CONDA_TF_BUILD.matcher(r.build());
        String cuda =
            m.find()
                ? Integer.parseInt(m.group(1)) + "." + m.group(2)
                : r.build().startsWith("cpu") ? "" : forTensorflow(r.version());
        tf.add(new TensorflowBuild(r.name(), r.version(), cuda, r.file()));
      }
    }
    for (Distribution d : pipDists) {
      String key = d.key();
      Matcher m = PIP_CU.matcher(key);
      if (m.matches() && m.group(1).length() <= 3) {
        add(
            found,
            "pip",
            Integer.parseInt(m.group(1)),
            d.name() + " " + d.version(),
            d.metadataFile());
      } else if (key.equals("cuda-toolkit")) {
        major(d.version())
            .ifPresent(v -> add(found, "pip", v, d.name() + " " + d.version(), d.metadataFile()));
      } else if (key.equals("tensorflow") || key.equals("tensorflow-gpu")) {
        tf.add(new TensorflowBuild(key, d.version(), forTensorflow(d.version()), d.metadataFile()));
      }
    }
    return new CudaCensus(new ArrayList<>(found.values()), tf);
  }

  private static void add(
      Map<String, Runtime> found, String source, int major, String pkg, String file) {
    found.merge(
        source + major,
        new Runtime(source, major, List.of(pkg), file),
        (a, b) -> {
          List<String> all = new ArrayList<>(a.packages());
          all.addAll(b.packages());
          return new Runtime(a.source(), a.major(), all, a.file());
        });
  }

  /** True for a distribution name that is (part of) a pip CUDA runtime. */
  static boolean isPipRuntime(String name) {
    String key = PackageName.normalize(name);
    return PIP_CU.matcher(key).matches() || key.equals("cuda-toolkit");
  }

  /** The CUDA major of a pip runtime package, or empty. */
  static Optional<Integer> pipRuntimeMajor(String name, String version) {
    String key = PackageName.normalize(name);
    Matcher m = PIP_CU.matcher(key);
    if (m.matches() && m.group(1).length() <= 3) {
      return Optional.of(Integer.parseInt(m.group(1)));
    }
    return key.equals("cuda-toolkit") ? major(version) : Optional.empty();
  }

  private static Optional<Integer> major(String version) {
    Matcher m = Pattern.compile("^(\\d{1,3})(?:\\.|$)").matcher(version);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /**
   * The CUDA version TensorFlow's Linux GPU builds were made with, from TensorFlow's "Tested build
   * configurations" (tensorflow.org/install/source#gpu); "" when not known.
   */
  static String forTensorflow(String version) {
    Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
    if (!m.find() || m.group(1).length() > 3 || m.group(2).length() > 3) {
      return "";
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major != 2) {
      return "";
    }
    if (minor == 0) {
      return "10.0";
    } else if (minor <= 3) {
      return "10.1";
    } else if (minor == 4) {
      return "11.0";
    } else if (minor <= 11) {
      return "11.2";
    } else if (minor <= 14) {
      return "11.8";
    } else if (minor == 15) {
      return "12.2";
    } else if (minor <= 17) {
      return "12.3";
    } else if (minor == 18) {
      return "12.5";
    }
    return "";
  }
}
