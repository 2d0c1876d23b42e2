package dev.pipgate.rules;

import dev.pipgate.config.Glob;
import dev.pipgate.diff.EnvDiff;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.Finding;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.Severity;
import dev.pipgate.parse.EnvFileParser;
import dev.pipgate.spec.CondaMatchSpec;
import dev.pipgate.spec.Marker;
import dev.pipgate.spec.SpecSyntaxException;
import dev.pipgate.spec.Specifier;
import dev.pipgate.spec.SpecifierSet;
import dev.pipgate.spec.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pip entry that brings its own CUDA runtime (torch wheels pull nvidia-*-cu* wheels; DOMAIN.md)
 * into a file whose conda side pins a CUDA or TensorFlow stack: two runtimes in one process fail at
 * GPU initialisation ({@code libcublas.so.11: undefined symbol}).
 *
 * <p>A package that merely requires torch brings a CUDA runtime only when pip has to fetch torch:
 * pip's default upgrade strategy ("only-if-needed") keeps an installed torch that satisfies the
 * requirement, and conda's {@code pytorch} installs one. A CPU-only torch build (a {@code +cpu}
 * local version, a wheel from PyTorch's CPU index {@code download.pytorch.org/whl/cpu}) brings
 * none.
 */
final class CudaRuntimeConflict extends RuleBase {
  static final String ID = "cuda-runtime-conflict";

  /** The PyTorch wheels themselves; PyTorch publishes CPU-only builds of each. */
  private static final Set<String> TORCH_WHEELS = Set.of("torch", "torchvision", "torchaudio");

  /** Other wheels that are, or always pull, a CUDA runtime from PyPI. */
  private static final List<String> CUDA_WHEELS =
      List.of("cupy-cuda*", "nvidia-*-cu*", "cuda-toolkit");

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

  /**
   * PyTorch's CPU-only wheel index and its mirrors' copies ({@code .../whl/cpu}, and the older
   * {@code .../whl/cpu/torch_stable.html} find-links page): every torch wheel there is a CPU build.
   */
  private static final Pattern CPU_INDEX = Pattern.compile(".*/whl/cpu(/.*)?");

  CudaRuntimeConflict() {
    super(
        ID,
        Severity.ERROR,
        "A pip entry is or pulls a CUDA runtime (torch and packages that require it, jax[cuda],"
            + " cupy-cuda*, nvidia-*-cu*, tensorflow[and-cuda]) while conda pins a CUDA/TensorFlow"
            + " stack.");
  }

  /** Where torch comes from in one env file, apart from a pip entry that requires it. */
  record TorchSource(Optional<CondaDep> conda, Optional<PipEntry> pip, Optional<String> cpuIndex) {
    static TorchSource of(ReviewContext ctx, EnvDiff env) {
      Optional<CondaDep> conda =
          ctx.headConda(env).stream()
              .filter(d -> d.name() != null && ctx.names().pypiNamesOf(d.name()).contains("torch"))
              .findFirst();
      List<PipEntry> pip = env.head() == null ? List.of() : env.head().pip();
      Optional<PipEntry> pipTorch =
          pip.stream()
              .filter(e -> "torch".equals(e.name()) && e.marker().isEmpty() && e.error() == null)
              .findFirst();
      Optional<String> cpuIndex =
          pip.stream()
              .flatMap(e -> EnvFileParser.packageSources(e).stream())
              .filter(url -> CPU_INDEX.matcher(url.toLowerCase(Locale.ROOT)).matches())
              .findFirst();
      return new TorchSource(conda, pipTorch, cpuIndex);
    }
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
      TorchSource torch = TorchSource.of(ctx, env);
      ctx.touchedPip(env)
          .filter(e -> e.name() != null && e.error() == null && mayRunOnCuda(e))
          .forEach(
              e ->
                  reason(e, torch)
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
                                      help(e)))));
    }
    return out;
  }

  private static String help(PipEntry e) {
    if (REQUIRE_TORCH.contains(e.name())) {
      return "Install pytorch from conda in this file (pip then keeps conda's torch), or pin a"
          + " CPU-only torch in the pip list (torch==X.Y.Z+cpu with --extra-index-url"
          + " https://download.pytorch.org/whl/cpu).";
    }
    Optional<String> ignored = cpuIndexOnOwnLine(e);
    if (ignored.isPresent()) {
      return "pip ignores index options on a requirement's line (only --hash, --global-option and"
          + " --config-settings apply there), so '"
          + ignored.get()
          + "' is not used and this installs the default index's CUDA build: move the option to"
          + " a line of its own at the top of the pip list, or take it from conda.";
    }
    if (TORCH_WHEELS.contains(e.name())) {
      return "Take it from conda (pytorch, torchvision, torchaudio) so it uses conda's CUDA"
          + " runtime, or install a CPU-only build (=="
          + "X.Y.Z+cpu with --extra-index-url https://download.pytorch.org/whl/cpu).";
    }
    return "Take the package from conda so it uses conda's CUDA runtime, or install it with"
        + " --no-deps outside environment.yml after checking what it pulls (pipgate env-check"
        + " --pip-report).";
  }

  /**
   * A CPU index written on the requirement's own line ({@code torch --index-url
   * https://download.pytorch.org/whl/cpu}): pip parses it and then drops it, as only
   * per-requirement options apply to a requirement line (pip's requirements file format;
   * pypa/pip#7050).
   */
  static Optional<String> cpuIndexOnOwnLine(PipEntry e) {
    if (e.kind() != PipEntry.Kind.REQUIREMENT) {
      return Optional.empty();
    }
    for (String token : e.raw().split("[\\s=]+")) {
      if (CPU_INDEX.matcher(token.toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /** False for an entry whose marker selects it only on macOS, where no wheel carries CUDA. */
  private static boolean mayRunOnCuda(PipEntry e) {
    if (e.marker().isEmpty()) {
      return true;
    }
    try {
      return Marker.parse(e.marker())
          .holdsOnTypicalTarget(env -> !"darwin".equals(env.get("sys_platform")))
          .orElse(true);
    } catch (SpecSyntaxException ex) {
      return true;
    }
  }

  static Optional<String> reason(PipEntry e, TorchSource torch) {
    String n = e.name();
    List<String> extras = e.extras().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
    if (TORCH_WHEELS.contains(n)) {
      return cpuBuild(e, torch) || keepsCondaTorch(e, torch)
          ? Optional.empty()
          : Optional.of("ships or pulls its own CUDA runtime");
    }
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
    if (REQUIRE_TORCH.contains(n)
        && torch.conda().isEmpty()
        && torch.pip().isEmpty()
        && torch.cpuIndex().isEmpty()) {
      return Optional.of(
          "requires torch, and neither conda nor this pip list provides it, so pip installs a"
              + " torch wheel from PyPI with its own CUDA runtime");
    }
    return Optional.empty();
  }

  /**
   * Whether pip leaves conda's torch in place: conda runs {@code pip install -U}, which replaces an
   * installed version only with a newer one the requirement admits, so {@code torch==1.10.0} next
   * to conda's {@code pytorch=1.10.0} (or {@code ==1.10.0}) changes nothing. Any other spelling (a
   * range, no pin, another version, conda's pin looser than one release) may replace it.
   */
  static boolean keepsCondaTorch(PipEntry e, TorchSource torch) {
    if (!"torch".equals(e.name()) || torch.conda().isEmpty()) {
      return false;
    }
    try {
      CondaMatchSpec conda = CondaMatchSpec.parse(torch.conda().get().raw());
      String literal = conda.effectiveVersion().replaceFirst("^==", "").replaceFirst("\\.\\*$", "");
      if (!(conda.exactPin() || conda.fuzzy()) || literal.split("\\.").length < 3) {
        return false;
      }
      List<Specifier> pins = SpecifierSet.parse(e.specifier()).clauses();
      return pins.size() == 1
          && pins.get(0).operator().text().equals("==")
          && pins.get(0).version().map(v -> v.equals(Version.parse(literal))).orElse(false);
    } catch (SpecSyntaxException | IllegalArgumentException ex) {
      return false;
    }
  }

  /**
   * Whether a PyTorch entry installs a CPU-only build: a pin with a local version label says so
   * ({@code ==2.1.0+cpu} or {@code ==2.1.0+cu118}), as does a URL to a wheel; otherwise the build
   * is the index's: CPU-only when the pip list points pip at PyTorch's CPU index.
   */
  private static boolean cpuBuild(PipEntry e, TorchSource torch) {
    if (e.kind() == PipEntry.Kind.REQUIREMENT) {
      Optional<String> label;
      try {
        label =
            SpecifierSet.parse(e.specifier()).clauses().stream()
                .filter(s -> s.operator().text().startsWith("=="))
                .flatMap(s -> s.version().stream())
                .flatMap(v -> v.local().stream())
                .findFirst();
      } catch (SpecSyntaxException ex) {
        label = Optional.empty();
      }
      return label.map(l -> l.startsWith("cpu")).orElse(torch.cpuIndex().isPresent());
    }
    String url = e.url().toLowerCase(Locale.ROOT);
    return CPU_INDEX.matcher(url).matches() || url.contains("+cpu-") || url.contains("%2bcpu-");
  }
}
