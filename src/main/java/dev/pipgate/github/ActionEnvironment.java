package dev.pipgate.github;

import dev.pipgate.model.InputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GitHub Actions environment of a run, read from the variables the runner sets (docs:
 * "Variables reference", default environment variables). Not a record on purpose: its {@code
 * toString} must never show the token.
 */
public final class ActionEnvironment {
  public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

  private final Map<String, String> env;
  private final Map<String, String> inputs;

  private ActionEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
    Map<String, String> in = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (k.startsWith("INPUT_") && k.length() > "INPUT_".length()) {
            in.put(k.substring("INPUT_".length()), v);
          }
        });
    this.inputs = Map.copyOf(in);
  }

  public static ActionEnvironment from(Map<String, String> env) {
    return new ActionEnvironment(env);
  }

  /** True when running in GitHub Actions ({@code GITHUB_ACTIONS=true}). */
  public boolean inActions() {
    return "true".equals(env.get("GITHUB_ACTIONS"));
  }

  public String eventName() {
    return required("GITHUB_EVENT_NAME");
  }

  public Path eventPath() {
    return path("GITHUB_EVENT_PATH").orElseThrow(() -> missing("GITHUB_EVENT_PATH"));
  }

  /** Reads and parses the event payload of this run. */
  public EventPayload event() {
    return EventPayload.read(eventName(), eventPath());
  }

  /** {@code owner/name} from {@code GITHUB_REPOSITORY}, checked. */
  public String repository() {
    String repo = required("GITHUB_REPOSITORY");
    if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw InputException.general("GITHUB_REPOSITORY is not owner/name: " + repo);
    }
    return repo;
  }

  public String owner() {
    return repository().substring(0, repository().indexOf('/'));
  }

  public String repositoryName() {
    return repository().substring(repository().indexOf('/') + 1);
  }

  /**
   * {@code GITHUB_API_URL}, or api.github.com. On GitHub Enterprise Server the runner sets it to
   * {@code https://HOST/api/v3}, which is all pipgate needs to work there.
   */
  public URI apiUrl() {
    String v = env.get("GITHUB_API_URL");
    if (v == null || v.isBlank()) {
      return DEFAULT_API_URL;
    }
    try {
      URI uri = new URI(v.strip());
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw InputException.general("GITHUB_API_URL is not an http(s) URL: " + v);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw InputException.general("GITHUB_API_URL is not a URL: " + v);
    }
  }

  /**
   * The web address of the GitHub instance ({@code GITHUB_SERVER_URL}), without a trailing slash.
   */
  public Optional<String> serverUrl() {
    String v = env.get("GITHUB_SERVER_URL");
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.replaceAll("/+$", ""));
  }

  public Optional<Path> workspace() {
    return path("GITHUB_WORKSPACE");
  }

  /** {@code GITHUB_SHA}: for pull requests the merge commit, not the PR head. */
  public Optional<String> sha() {
    return value("GITHUB_SHA");
  }

  public Optional<Path> outputFile() {
    return path("GITHUB_OUTPUT");
  }

  public Optional<Path> stepSummaryFile() {
    return path("GITHUB_STEP_SUMMARY");
  }

  /**
   * The token: the action's {@code github-token} input, else {@code GITHUB_TOKEN}. The runner names
   * an input's variable {@code INPUT_} plus the name upper-cased with spaces as underscores and
   * hyphens kept ({@code INPUT_GITHUB-TOKEN}); a wrapper that cannot set such a name may pass
   * {@code INPUT_GITHUB_TOKEN}.
   */
  public Optional<String> token() {
    return input("github-token").or(() -> input("github_token")).or(() -> value("GITHUB_TOKEN"));
  }

  /** An action input by its name in {@code action.yml}; empty when unset or blank. */
  public Optional<String> input(String name) {
    String key = name.strip().replace(' ', '_').toUpperCase(Locale.ROOT);
    return Optional.ofNullable(inputs.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** Every {@code INPUT_*} variable, keyed by the part after {@code INPUT_}, values as given. */
  public Map<String, String> inputs() {
    return inputs;
  }

  @Override
  public String toString() {
    return "ActionEnvironment[" + env.getOrDefault("GITHUB_REPOSITORY", "?") + "]";
  }

  private Optional<String> value(String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  private String required(String name) {
    return value(name).orElseThrow(() -> missing(name));
  }

  private Optional<Path> path(String name) {
    Optional<String> v = value(name);
    try {
      return v.map(Path::of);
    } catch (InvalidPathException e) {
      throw InputException.general(name + " is not a path: " + v.get());
    }
  }

  private static InputException missing(String name) {
    return InputException.general(
        name + " is not set: 'pipgate action' runs inside GitHub Actions");
  }
}
