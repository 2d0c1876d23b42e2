package dev.pipgate.github;

/**
 * A GitHub REST call that did not succeed: an unexpected status, or retries exhausted. The message
 * names the method and path, never the token.
 */
final class GitHubApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of the last response, or 0 when no response came (connection errors). */
  private final int status;

  /** GitHub's own {@code message}, with the strings of its {@code errors}; or empty. */
  private final String githubMessage;

  GitHubApiException(int status, String message) {
    this(status, message, "");
  }

  GitHubApiException(int status, String message, String githubMessage) {
    super(message);
    this.status = status;
    this.githubMessage = githubMessage;
  }

  int status() {
    return status;
  }

  /** GitHub's words alone (a 422 says so why a review was refused). */
  String githubMessage() {
    return githubMessage;
  }

  /**
   * The token may not do this: 403 without a rate limit (read-only {@code GITHUB_TOKEN}, fork pull
   * request) or 404 (GitHub answers 404 where a token may not even see a resource).
   */
  boolean forbidden() {
    return status == 403 || status == 404;
  }
}
