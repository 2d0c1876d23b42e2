package dev.pipgate.rules;

import dev.pipgate.config.Glob;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A pip entry that brings its own CUDA runtime (torch wheels pull nvidia-*-cu* wheels; DOMAIN.md)
 * into a file whose conda side pins a CUDA or TensorFlow stack: two runtimes in one process fail at
 * GPU initialisation ({@code libcublas.so.11: undefined symbol}).
 */
final class CudaRuntimeConflict extends RuleBase {
  static final String ID = "cuda-runtime-conflict";

  /** Wheels that are, or always pull, a CUDA runtime from PyPI. */
  private static final List<String> CUDA_WHEELS =
      List.of("torch", "torchvision", "torchaudio", "cupy-cuda*", "nvidia-*-cu*", "cuda-toolkit");

  /** Projects whose wheels require torch, and so torch's CUDA runtime. */
  static final Set<String> REQUIRE_TORCH =
      Set.of(
          "sentence-transformers",
          "accelerate",
          "timm",
          "pytorch-lightning",
          "lightning",
          "torchmetrics",
          "xformers",
          "peft",
          "bitsandbytes",
          "torchtext",
          "kornia",
          "open-clip-torch",
          "ultralytics",
          "easyocr");

  /** conda packages that mean the file pins a CUDA or TensorFlow stack. */
  private static final List<String> CONDA_STACK =
      List.of(
          "tensorflow",
          "tensorflow-gpu",
          "tensorflow-base",
          "cudatoolkit",
          "cudnn",
          "nccl",
          "cuda-*",
          "libcublas");

  CudaRuntimeConflict() {
    super(
        ID,
        Severity.ERROR,
        "A pip entry is or pulls a CUDA runtime (torch and packages that require it, jax[cuda],"
            + " cupy-cuda*, nvidia-*-cu*, tensorflow[and-cuda]) while conda pins a CUDA/TensorFlow"
            + " stack.");
  }

  @Override
  public List<Finding> check(ReviewContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (EnvDiff env : ctx.envs()) {
      Optional<CondaDep> stack =
          ctx.headConda(env).stream()
              .filter(
                  d ->
                      d.name() != null
                          && CONDA_STACK.stream().anyMatch(g -> Glob.matches(g, d.name())))
              .findFirst();
      if (stack.isEmpty()) {
        continue;
      }
      ctx.touchedPip(env)
          .filter(e -> e.name() != null)
          .forEach(
              e ->
                  reason(e)
                      .ifPresent(
                          why ->
                              out.add(
                                  finding(
                                      e,
                                      "pip entry '"
                                          + e.displayName()
                                          + "' "
                                          + why
                                          + ", but conda already provides a CUDA/TensorFlow stack ('"
                                          + stack.get().raw()
                                          + "', line "
                                          + stack.get().line()
                                          + ")",
                                      "Take the package from conda so it uses conda's CUDA runtime,"
                                          + " install a CPU-only build, or install it with"
                                          + " --no-deps outside environment.yml after checking"
                                          + " what it pulls (pipgate env-check --pip-report)."))));
    }
    return out;
  }

  static Optional<String> reason(PipEntry e) {
    String n = e.name();
    List<String> extras = e.extras().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    if (CUDA_WHEELS.stream().anyMatch(g -> Glob.matches(g, n))) {
      return Optional.of("ships or pulls its own CUDA runtime");
    }
    if ((n.equals("jax") || n.equals("jaxlib"))
        && extras.stream().anyMatch(x -> x.startsWith("cuda"))) {
      return Optional.of(
          "with extra [" + String.join(",", e.extras()) + "] pulls CUDA runtime wheels");
    }
    if (n.startsWith("tensorflow") && extras.contains("and-cuda")) {
      return Optional.of("with extra [and-cuda] pulls CUDA runtime wheels");
    }
    if (REQUIRE_TORCH.contains(n)) {
      return Optional.of("requires torch, whose wheels pull their own CUDA runtime");
    }
    return Optional.empty();
  }
}
