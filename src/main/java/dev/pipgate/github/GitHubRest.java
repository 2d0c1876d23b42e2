package dev.pipgate.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST transport: JSON over {@link HttpClient}, one request at a time, with the retry and
 * rate-limit policy from GitHub's "Rate limits for the REST API" and "Best practices" pages.
 *
 * <p>Why not hub4j's client: its low-level request API ({@code Requester}, {@code
 * GitHubRequest.newBuilder}) is package-private; its model getters fetch more than they show
 * ({@code getUser()} issues {@code GET /users/{login}}, outside the operations pipgate needs); and
 * its rate-limit and abuse handlers wait on the real clock. Here every wait goes through an
 * injectable {@link Sleeper} and {@link Clock}, and every response header is in view.
 */
final class GitHubRest {
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

  /** Page size for list endpoints (the maximum the API allows). */
  static final int PER_PAGE = 100;

  /** Pages read from one list before stopping: 100 pages of 100 items is far beyond a PR. */
  static final int MAX_PAGES = 100;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final String token;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;
  private Duration waited = Duration.ZERO;
  private Instant lastWrite;
  private int writeRequests;

  record Response(int status, HttpResponse<String> raw, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** GitHub's {@code message}, with the strings of {@code errors} when there are any. */
    String message() {
      StringBuilder m = new StringBuilder(body.path("message").asText(""));
      for (JsonNode e : body.path("errors")) {
        String text = e.isTextual() ? e.asText() : e.path("message").asText(e.toString());
        m.append(m.length() > 0 ? ": " : "").append(text);
      }
      return m.length() == 0 ? "HTTP " + status : m.toString();
    }
  }

  GitHubRest(URI api, String token, Sleeper sleeper, Clock clock) {
    String base = api.toString();
    this.api = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.token = Objects.requireNonNull(token, "token");
    this.sleeper = sleeper;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** POST, PATCH, PUT and DELETE requests sent so far (including failed ones). */
  int writeRequests() {
    return writeRequests;
  }

  JsonNode get(String path) {
    return expectOk("GET", path, send("GET", url(path), null));
  }

  /** Every item of a list endpoint, following {@code Link: rel="next"} pages. */
  List<JsonNode> list(String path) {
    List<JsonNode> items = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    URI next = url(path + sep + "per_page=" + PER_PAGE);
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      Response r = send("GET", next, null);
      JsonNode body = expectOk("GET", path, r);
      JsonNode array = body.isArray() ? body : body.path("check_runs");
      if (!array.isArray()) {
        array = body.path("statuses");
      }
      array.forEach(items::add);
      next = nextPage(r).orElse(null);
    }
    return items;
  }

  /** A write; the caller inspects the status (422 and 403 carry meaning). */
  Response write(String method, String path, Object body) {
    return send(method, url(path), body);
  }

  /** A write that must succeed. */
  JsonNode writeOk(String method, String path, Object body) {
    return expectOk(method, path, write(method, path, body));
  }

  static JsonNode expectOk(String method, String path, Response r) {
    if (!r.ok()) {
      throw new GitHubApiException(
          r.status(), method + " " + path + ": HTTP " + r.status() + ": " + r.message());
    }
    return r.body();
  }

  private URI url(String path) {
    return URI.create(api + path);
  }

  private Optional<URI> nextPage(Response r) {
    for (String link : r.raw().headers().allValues("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        URI next = URI.create(m.group(1));
        // The token goes only where the API is: never follow a link to another origin.
        if (Objects.equals(next.getScheme(), api.getScheme())
            && Objects.equals(next.getHost(), api.getHost())
            && next.getPort() == api.getPort()) {
          return Optional.of(next);
        }
      }
    }
    return Optional.empty();
  }

  private Response send(String method, URI uri, Object body) {
    boolean isWrite = !method.equals("GET");
    String what = method + " " + uri.getRawPath();
    String bodyText;
    try {
      bodyText = body == null ? null : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int attempt = 0;
    int limited = 0;
    while (true) {
      attempt++;
      if (isWrite) {
        spaceWrites();
        writeRequests++;
      }
      HttpResponse<String> raw;
      try {
        raw = http.send(request(method, uri, bodyText), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (method.equals("POST") && !(e instanceof java.net.ConnectException)) {
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHubApiException(0, what + ": interrupted");
      }
      Response r = new Response(raw.statusCode(), raw, parse(raw.body()));
      Optional<Duration> rateWait = rateLimitWait(r, limited);
      if (rateWait.isPresent()) {
        limited++;
        attempt = 0;
        if (limited > MAX_ATTEMPTS) {
          throw new GitHubApiException(
              r.status(), what + ": still rate limited after " + MAX_ATTEMPTS + " waits");
        }
        backOff(what, rateWait.get(), "rate limited");
        continue;
      }
      if (r.status() >= 500 && attempt < MAX_ATTEMPTS) {
        backOff(what, FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)), "HTTP " + r.status());
        continue;
      }
      return r;
    }
  }

  private HttpRequest request(String method, URI uri, String bodyText) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/vnd.github+json")
            .header("Authorization", "Bearer " + token)
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "pipgate");
    if (bodyText == null) {
      return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json; charset=utf-8")
        .method(method, HttpRequest.BodyPublishers.ofString(bodyText, StandardCharsets.UTF_8))
        .build();
  }

  /**
   * How long to wait before retrying a rate-limited answer, or empty when the answer is no rate
   * limit (a plain 403 is a permission problem and goes back to the caller). Order from the docs:
   * {@code retry-after}; else {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0;
   * else a secondary limit named in the message: one minute, doubled on every repeat.
   */
  private Optional<Duration> rateLimitWait(Response r, int repeats) {
    if (r.status() != 403 && r.status() != 429) {
      return Optional.empty();
    }
    OptionalLong retryAfter = longHeader(r, "retry-after");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(1, retryAfter.getAsLong())));
    }
    if (r.header("x-ratelimit-remaining").map(String::trim).orElse("").equals("0")) {
      OptionalLong reset = longHeader(r, "x-ratelimit-reset");
      long now = clock.instant().getEpochSecond();
      long seconds = reset.isPresent() ? reset.getAsLong() - now + 1 : 60;
      return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
    }
    String message = r.body().path("message").asText("").toLowerCase(Locale.ROOT);
    if (r.status() == 429
        || message.contains("secondary rate limit")
        || message.contains("abuse")) {
      return Optional.of(SECONDARY_LIMIT_WAIT.multipliedBy(1L << Math.min(repeats, 4)));
    }
    return Optional.empty();
  }

  private static OptionalLong longHeader(Response r, String name) {
    Optional<String> v = r.header(name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.get().trim()));
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

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }
}
