package dev.pipgate.github;

import static dev.pipgate.github.GitHubConnection.call;

import dev.pipgate.config.PolicyRef;
import dev.pipgate.config.PolicySource;
import dev.pipgate.model.InputException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.kohsuke.github.GHContent;

/**
 * Reads shared policies through the API at their ref ({@code GET /repos/{owner}/{repo}} and {@code
 * GET .../contents/{path}?ref=}), once per reference for the run. A policy that cannot be read
 * stops the run with a message that names the reference and the permission it needs; it never falls
 * back to the defaults.
 */
final class GitHubPolicySource implements PolicySource {
  /** Larger files come from the contents API without their text; no policy is near this. */
  static final int MAX_BYTES = 1_000_000;

  private final GitHubConnection connection;
  private final Map<String, byte[]> cache = new HashMap<>();

  GitHubPolicySource(GitHubConnection connection) {
    this.connection = connection;
  }

  @Override
  public byte[] read(PolicyRef ref) {
    return cache.computeIfAbsent(ref.toString(), k -> fetch(ref));
  }

  private byte[] fetch(PolicyRef ref) {
    try {
      GHContent content =
          call(
              "policy " + ref,
              () ->
                  connection
                      .github()
                      .getRepository(ref.repository())
                      .getFileContent(ref.path(), ref.ref()));
      if (!content.isFile()) {
        throw failure(ref, ref.path() + " at " + ref.ref() + " is not a file");
      }
      if (content.getSize() > MAX_BYTES) {
        throw failure(
            ref, "the file has " + content.getSize() + " bytes; a policy has at most " + MAX_BYTES);
      }
      try (InputStream in = call("policy " + ref, content::read)) {
        return in.readAllBytes();
      }
    } catch (GitHubApiException e) {
      throw failure(ref, reason(ref, e));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw failure(ref, "its text could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String reason(PolicyRef ref, GitHubApiException e) {
    String access =
        "; a job's own token reads only its own repository, so give the action a policy-token"
            + " with 'contents: read' on "
            + ref.repository();
    return switch (e.status()) {
      case 404 ->
          "not found: no "
              + ref.path()
              + " at ref "
              + ref.ref()
              + " in "
              + ref.repository()
              + ", or the token cannot see "
              + ref.repository()
              + access;
      case 401, 403 -> "the token may not read " + ref.repository() + access;
      default -> e.getMessage();
    };
  }

  private static InputException failure(PolicyRef ref, String why) {
    return InputException.general("policy " + ref + " cannot be read: " + why);
  }
}
