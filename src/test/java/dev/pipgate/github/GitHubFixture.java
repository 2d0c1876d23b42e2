package dev.pipgate.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * WireMock on 127.0.0.1 with {@link FakeGitHub} behind every URL, a clock that only moves when
 * pipgate sleeps, and a check of every request against GitHub's OpenAPI description.
 */
final class GitHubFixture implements AutoCloseable {
  private static OpenApiInteractionValidator validator;

  final FakeGitHub github;
  final WireMockServer server;
  final FakeTime time = new FakeTime();
  private final String prefix;

  GitHubFixture() {
    this("");
  }

  /** {@code prefix} "/api/v3" makes the fake a GitHub Enterprise Server. */
  GitHubFixture(String prefix) {
    validator(); // without the description, the test is skipped before a server starts
    this.prefix = prefix;
    this.github = new FakeGitHub(prefix);
    this.server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(github));
    server.start();
    server.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeGitHub.NAME)));
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + prefix);
  }

  /** A publisher on a new connection, as a fresh workflow run would have. */
  GitHubPublisher publisher() {
    return new GitHubPublisher(new GitHubConnection(apiUrl(), "ghs_secretTokenValue", time, time));
  }

  /** Every GET of {@code path} answers {@code status} with the JSON {@code body}, over the fake. */
  void answerGet(String path, int status, String body) {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(prefix + path))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body)));
  }

  /** Requests received so far, oldest first. */
  List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events); // WireMock lists the newest first
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  List<LoggedRequest> writes() {
    return requests().stream().filter(r -> !r.getMethod().getName().equals("GET")).toList();
  }

  /** Forgets the requests seen so far (state stays), so that a re-run can be counted alone. */
  void resetRequests() {
    assertValid();
    server.resetRequests();
  }

  /** Every request received must be an operation of the OpenAPI description, with a valid body. */
  void assertValid() {
    List<String> problems = new ArrayList<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      LoggedRequest r = e.getRequest();
      URI uri = URI.create(r.getUrl());
      String path = uri.getRawPath();
      if (!path.startsWith(prefix)) {
        problems.add("outside the API base path: " + path);
        continue;
      }
      SimpleRequest.Builder b =
          new SimpleRequest.Builder(
              r.getMethod().getName(),
              documentedRoute(r.getMethod().getName(), path.substring(prefix.length())));
      if (uri.getRawQuery() != null) {
        for (String part : uri.getRawQuery().split("&")) {
          int eq = part.indexOf('=');
          b.withQueryParam(
              URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String contentType = r.getHeader("Content-Type");
      if (contentType != null) {
        b.withContentType(contentType);
      }
      if (r.getBody() != null && r.getBody().length > 0) {
        b.withBody(r.getBodyAsString());
      }
      b.withAuthorization(r.getHeader("Authorization"));
      ValidationReport report = validator().validateRequest(b.build());
      for (ValidationReport.Message m : report.getMessages()) {
        if (m.getLevel() == ValidationReport.Level.ERROR) {
          problems.add(
              r.getMethod() + " " + r.getUrl() + ": " + m.getKey() + ": " + m.getMessage());
        }
      }
      LoggedResponse response = e.getResponse();
      // A file that is not there (a policy at a wrong ref) is a 404 GitHub gives too; any other
      // 404 means pipgate asked for something the fake, and so the test, did not expect.
      if (response != null && response.getStatus() == 404 && !path.contains("/contents/")) {
        problems.add(r.getMethod() + " " + r.getUrl() + " is not an operation the fake knows");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("requests GitHub would not accept:\n" + String.join("\n", problems));
    }
  }

  /**
   * The documented route of a request. hub4j lists a commit's statuses on the legacy route {@code
   * GET /repos/{owner}/{repo}/statuses/{ref}}, which GitHub still serves ("This resource is also
   * available via a legacy route", commits/statuses docs; hub4j's own recordings were made against
   * it) but which the description lists under {@code /commits/{ref}/statuses} only.
   */
  static String documentedRoute(String method, String path) {
    if (method.equals("GET")) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(/repos/[^/]+/[^/]+)/statuses/([^/]+)").matcher(path);
      if (m.matches()) {
        return m.group(1) + "/commits/" + m.group(2) + "/statuses";
      }
    }
    return path;
  }

  private static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator =
          OpenApiInteractionValidator.createForSpecificationUrl(
                  FakeGitHub.openApi().toUri().toString())
              .build();
    }
    return validator;
  }

  @Override
  public void close() {
    try {
      assertValid();
    } finally {
      server.stop();
    }
  }

  /** A clock that moves only when pipgate sleeps; every sleep is recorded. */
  static final class FakeTime extends Clock implements Sleeper {
    private Instant now = Instant.parse("2026-03-01T12:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
      now = now.plus(duration);
    }

    /** Sleeps other than the one-second spacing between writes. */
    List<Duration> retryWaits() {
      return sleeps.stream().filter(d -> d.compareTo(Duration.ofSeconds(1)) > 0).toList();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
