package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.NeedsTestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The contract check itself must be able to fail, or the publisher tests prove nothing. */
@NeedsTestData("github-api")
class GitHubFixtureTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private int send(GitHubFixture gh, String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gh.apiUrl() + path))
            .header("Accept", "application/vnd.github+json")
            .header("Authorization", "Bearer t");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void requestsOutsideTheDescriptionFailTheCheck() throws Exception {
    GitHubFixture gh = new GitHubFixture();
    try {
      // dismissals require a message (pulls/dismiss-review)
      send(
          gh,
          "PUT",
          "/repos/octo-org/env-repo/pulls/7/reviews/1/dismissals",
          "{\"event\":\"DISMISS\"}");
      assertThatThrownBy(gh::assertValid)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("dismissals");
      gh.server.resetRequests();
      send(gh, "POST", "/repos/octo-org/env-repo/labels", "{}");
      assertThatThrownBy(gh::assertValid).isInstanceOf(AssertionError.class);
      gh.server.resetRequests();
      // The legacy route of a commit's statuses is read as the documented one; nothing else is.
      send(gh, "GET", "/repos/octo-org/env-repo/statuses/" + "ab".repeat(20), null);
      gh.assertValid();
      send(gh, "GET", "/repos/octo-org/env-repo/statuses", null);
      assertThatThrownBy(gh::assertValid).isInstanceOf(AssertionError.class);
      gh.server.resetRequests();
      assertThat(send(gh, "GET", "/repos/octo-org/env-repo/issues/7/comments?per_page=100", null))
          .isEqualTo(200);
      gh.assertValid();
    } finally {
      gh.server.stop();
    }
  }
}
