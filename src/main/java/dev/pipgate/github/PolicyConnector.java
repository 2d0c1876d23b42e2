package dev.pipgate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URL;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * pipgate's retry and rate-limit policy, between hub4j and its HTTP connector, after GitHub's "Rate
 * limits for the REST API" and "Best practices" pages: 5xx answers and connection errors are
 * retried with back-off; a rate limit waits for {@code retry-after}, for {@code x-ratelimit-reset},
 * or a minute for a secondary limit; writes are a second apart; all waits of a run stop at ten
 * minutes; and a POST whose answer was lost is never sent again, so nothing is posted twice.
 *
 * <p>Every wait goes through the injected {@link Sleeper} and {@link Clock}. Any answer that is
 * still an error after the policy (400 and above) ends here as a {@link GitHubApiException} naming
 * the method, the path and GitHub's message, never the token: hub4j's own rate-limit and abuse
 * handlers, and its own retries of connection errors (which sleep on the real clock), are never
 * reached.
 */
final class PolicyConnector implements GitHubConnector {
  /** Tries per request for 5xx answers and connection errors (1 + 4 retries). */
  static final int MAX_ATTEMPTS = 5;

  /** First back-off after a 5xx or connection error; doubled on every further try. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

  /**
   * Secondary rate limit without {@code retry-after} or {@code x-ratelimit-*}: "wait for at least
   * one minute before retrying" (docs: rate-limits-for-the-rest-api).
   */
  static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

  /** Longest total wait for one publication before giving up with a message. */
  static final Duration MAX_TOTAL_WAIT = Duration.ofMinutes(10);

  /**
   * "If you are making a large number of POST, PATCH, PUT, or DELETE requests, wait at least one
   * second between each request" (docs: best-practices-for-using-the-rest-api).
   */
  static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);

  /** Longest wait for an answer's headers: past it, the answer counts as lost. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitHubConnector delegate;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ExecutorService caller =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "pipgate-github");
            t.setDaemon(true);
            return t;
          });
  private Duration waited = Duration.ZERO;
  private Instant lastWrite;
  private int requests;
  private int writeRequests;

  PolicyConnector(GitHubConnector delegate, Sleeper sleeper, Clock clock) {
    this.delegate = delegate;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Requests sent so far, retries included. */
  int requests() {
    return requests;
  }

  /** POST, PATCH, PUT and DELETE requests sent so far (including failed ones). */
  int writeRequests() {
    return writeRequests;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    String method = request.method();
    boolean isWrite = !method.equals("GET");
    String what = method + " " + path(request.url());
    int attempt = 0;
    int limited = 0;
    while (true) {
      attempt++;
      if (isWrite) {
        spaceWrites();
        writeRequests++;
      }
      requests++;
      GitHubConnectorResponse response;
      try {
        response = sendOnce(request);
      } catch (IOException e) {
        if (method.equals("POST") && !(e instanceof ConnectException)) {
          // The request may have reached GitHub and created the review or comment; a retry could
          // post it twice. Give up on this write: the next run finds what exists and repairs.
          throw new GitHubApiException(
              0,
              what
                  + ": the answer was lost ("
                  + e.getClass().getSimpleName()
                  + "); not retried, so nothing is posted twice; the next run repairs it");
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new GitHubApiException(
              0,
              what
                  + ": no answer from GitHub after "
                  + attempt
                  + " tries ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
        backOff(what, FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)), "connection error");
        continue;
      }
      int status = response.statusCode();
      if (status < 400) {
        return response;
      }
      JsonNode body = body(response);
      Optional<Duration> rateWait = rateLimitWait(response, body, limited);
      if (rateWait.isPresent()) {
        limited++;
        attempt = 0;
        if (limited > MAX_ATTEMPTS) {
          throw new GitHubApiException(
              status, what + ": still rate limited after " + MAX_ATTEMPTS + " waits");
        }
        backOff(what, rateWait.get(), "rate limited");
        continue;
      }
      if (status >= 500 && attempt < MAX_ATTEMPTS) {
        backOff(what, FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)), "HTTP " + status);
        continue;
      }
      String message = message(body, status);
      throw new GitHubApiException(status, what + ": HTTP " + status + ": " + message, message);
    }
  }

  /** One try, with {@link #REQUEST_TIMEOUT} for the answer's headers. */
  private GitHubConnectorResponse sendOnce(GitHubConnectorRequest request) throws IOException {
    Future<GitHubConnectorResponse> answer = caller.submit(() -> delegate.send(request));
    try {
      return answer.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw new GitHubApiException(0, "interrupted while waiting for GitHub");
    }
  }

  /** The path of a request: what messages name (never the host, the query or the token). */
  private static String path(URL url) {
    return url.getPath();
  }

  /** GitHub's {@code message}, with the strings of {@code errors} when there are any. */
  static String message(JsonNode body, int status) {
    StringBuilder m = new StringBuilder(body.path("message").asText(""));
    for (JsonNode e : body.path("errors")) {
      String text = e.isTextual() ? e.asText() : e.path("message").asText(e.toString());
      m.append(m.length() > 0 ? ": " : "").append(text);
    }
    return m.length() == 0 ? "HTTP " + status : m.toString();
  }

  private static JsonNode body(GitHubConnectorResponse response) {
    try (InputStream in = response.bodyStream()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return MissingNode.getInstance();
    } finally {
      try {
        response.close();
      } catch (IOException e) {
        // nothing left to read
      }
    }
  }

  /**
   * How long to wait before retrying a rate-limited answer, or empty when the answer is no rate
   * limit (a plain 403 is a permission problem and goes back to the caller). Order from the docs:
   * {@code retry-after}; else {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0;
   * else a secondary limit named in the message: one minute, doubled on every repeat.
   */
  private Optional<Duration> rateLimitWait(GitHubConnectorResponse r, JsonNode body, int repeats) {
    if (r.statusCode() != 403 && r.statusCode() != 429) {
      return Optional.empty();
    }
    OptionalLong retryAfter = longHeader(r, "retry-after");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(1, retryAfter.getAsLong())));
    }
    String remaining = r.header("x-ratelimit-remaining");
    if (remaining != null && remaining.trim().equals("0")) {
      OptionalLong reset = longHeader(r, "x-ratelimit-reset");
      long now = clock.instant().getEpochSecond();
      long seconds = reset.isPresent() ? reset.getAsLong() - now + 1 : 60;
      return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
    }
    String message = body.path("message").asText("").toLowerCase(Locale.ROOT);
    if (r.statusCode() == 429
        || message.contains("secondary rate limit")
        || message.contains("abuse")) {
      return Optional.of(SECONDARY_LIMIT_WAIT.multipliedBy(1L << Math.min(repeats, 4)));
    }
    return Optional.empty();
  }

  private static OptionalLong longHeader(GitHubConnectorResponse r, String name) {
    String v = r.header(name);
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private void backOff(String what, Duration wait, String why) {
    if (waited.plus(wait).compareTo(MAX_TOTAL_WAIT) > 0) {
      throw new GitHubApiException(
          0,
          what
              + ": "
              + why
              + "; GitHub asks to wait "
              + wait.toSeconds()
              + " s, more than the "
              + MAX_TOTAL_WAIT.toMinutes()
              + " min pipgate waits in total: giving up");
    }
    waited = waited.plus(wait);
    sleep(wait);
  }

  private void spaceWrites() {
    Instant now = clock.instant();
    if (lastWrite != null) {
      Duration since = Duration.between(lastWrite, now);
      if (since.compareTo(WRITE_INTERVAL) < 0) {
        sleep(WRITE_INTERVAL.minus(since));
      }
    }
    lastWrite = clock.instant();
  }

  private void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubApiException(0, "interrupted while waiting for GitHub");
    }
  }
}
