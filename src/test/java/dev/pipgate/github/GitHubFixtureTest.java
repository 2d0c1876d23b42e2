package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.NeedsTestData;
import org.junit.jupiter.api.Test;

/** The contract check itself must be able to fail, or the publisher tests prove nothing. */
@NeedsTestData("github-api")
class GitHubFixtureTest {
  @Test
  void requestsOutsideTheDescriptionFailTheCheck() {
    GitHubFixture gh = new GitHubFixture();
    try {
      GitHubRest rest = new GitHubRest(gh.apiUrl(), "t", gh.time, gh.time);
      // dismissals require a message (pulls/dismiss-review)
      rest.write(
          "PUT",
          "/repos/octo-org/env-repo/pulls/7/reviews/1/dismissals",
          FakeGitHub.JSON.createObjectNode().put("event", "DISMISS"));
      assertThatThrownBy(gh::assertValid)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("dismissals");
      gh.server.resetRequests();
      rest.write("POST", "/repos/octo-org/env-repo/labels", FakeGitHub.JSON.createObjectNode());
      assertThatThrownBy(gh::assertValid).isInstanceOf(AssertionError.class);
      gh.server.resetRequests();
      assertThat(rest.list("/repos/octo-org/env-repo/issues/7/comments")).isEmpty();
      gh.assertValid();
    } finally {
      gh.server.stop();
    }
  }
}
