package dev.pipgate.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/**
 * The one {@link GitHub} (hub4j) instance a run talks to GitHub through: the API at {@code
 * GITHUB_API_URL} (api.github.com, or {@code https://host/api/v3} on GitHub Enterprise Server), the
 * token, and pipgate's retry and rate-limit policy ({@link PolicyConnector}) in front of hub4j's
 * {@code java.net.http} connector. hub4j's rate-limit and abuse handlers are set to fail: the
 * policy has waited as long as pipgate waits before an error reaches them.
 */
final class GitHubConnection {
  /** Page size for list endpoints (the maximum the API allows). */
  static final int PER_PAGE = 100;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /**
   * hub4j logs through java.util.logging: requests at FINE, its own retries at INFO. Only its
   * warnings reach stderr (the report is on stdout); the logger is kept so the level stays set.
   */
  private static final Logger HUB4J_LOG = Logger.getLogger("org.kohsuke.github");

  static {
    HUB4J_LOG.setLevel(Level.WARNING);
  }

  /** Opens the connections the commands talk to GitHub through. */
  @FunctionalInterface
  interface Transport {
    Transport REAL =
        (apiUrl, token) -> new GitHubConnection(apiUrl, token, Sleeper.REAL, Clock.systemUTC());

    GitHubConnection open(URI apiUrl, String token);
  }

  /**
   * The transport of {@link #open}. Tests of the commands reach GitHub only through {@code
   * Main.run}, so they swap this for one on a fake clock: the spacing between writes and the
   * back-offs are real seconds otherwise.
   */
  static volatile Transport transport = Transport.REAL;

  /** A connection to the API at {@code apiUrl} (api.github.com, or {@code https://host/api/v3}). */
  static GitHubConnection open(URI apiUrl, String token) {
    return transport.open(apiUrl, token);
  }

  private final GitHub github;
  private final PolicyConnector policy;
  private GitHubPolicySource policies;

  GitHubConnection(URI api, String token, Sleeper sleeper, Clock clock) {
    String base = api.toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.policy = new PolicyConnector(new HttpClientGitHubConnector(http), sleeper, clock);
    try {
      this.github =
          new GitHubBuilder()
              .withEndpoint(base)
              // Not withOAuthToken: with a token alone, hub4j asks GET /user for the login while
              // it builds. The header is GitHub's recommended form for every kind of token.
              .withAuthorizationProvider(() -> "Bearer " + token)
              .withConnector(policy)
              .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
              .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
              .build();
    } catch (IOException e) {
      // build() sends nothing; it fails only on a malformed endpoint.
      throw new GitHubApiException(0, "cannot use the API at " + base + ": " + e.getMessage());
    }
  }

  GitHub github() {
    return github;
  }

  /** Shared policies read through this connection (and its token), once each. */
  GitHubPolicySource policies() {
    if (policies == null) {
      policies = new GitHubPolicySource(this);
    }
    return policies;
  }

  /** Requests sent so far, retries included. */
  int requests() {
    return policy.requests();
  }

  /** POST, PATCH, PUT and DELETE requests sent so far (including failed ones). */
  int writeRequests() {
    return policy.writeRequests();
  }

  /** A call to hub4j that throws {@link IOException}. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  /**
   * Runs a hub4j call; whatever goes wrong comes out as a {@link GitHubApiException}. The policy
   * already throws that for every error answer; what hub4j adds (an answer it cannot parse, an
   * error inside a paged list) is named by {@code what}.
   */
  static <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (GitHubApiException e) {
      throw e;
    } catch (GHException e) {
      throw unwrap(what, e);
    } catch (UncheckedIOException e) {
      throw converted(what, e.getCause());
    } catch (IOException e) {
      throw converted(what, e);
    }
  }

  private static RuntimeException unwrap(String what, GHException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GitHubApiException api) {
        return api;
      }
      if (t instanceof IOException io) {
        return converted(what, io);
      }
    }
    return new GitHubApiException(0, what + ": " + e.getMessage());
  }

  private static GitHubApiException converted(String what, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GitHubApiException api) {
        return api;
      }
    }
    int status = e instanceof HttpException http ? Math.max(0, http.getResponseCode()) : 0;
    return new GitHubApiException(
        status, what + ": " + e.getClass().getSimpleName() + " (" + firstLine(e) + ")");
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
