package dev.pipgate.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a shared policy lives: {@code OWNER/REPO/PATH@REF}, as dependency-review-action names its
 * external config ({@code octo-org/policies/pipgate.yml@v1}). The ref is required: a policy that
 * moves under a repository's feet is a gate nobody reviewed.
 */
public record PolicyRef(String owner, String repo, String path, String ref) {
  private static final Pattern FORM =
      Pattern.compile(
          "([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100})/([^@\\s]+)@(\\S+)");

  public static PolicyRef parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "policy reference '"
              + text
              + "' is not OWNER/REPO/PATH@REF (for example octo-org/policies/pipgate.yml@v1)");
    }
    String path = m.group(3);
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "policy reference '" + text + "': the path must be a plain path inside the repository");
      }
    }
    return new PolicyRef(m.group(1), m.group(2), path, m.group(4));
  }

  public String repository() {
    return owner + "/" + repo;
  }

  @Override
  public String toString() {
    return owner + "/" + repo + "/" + path + "@" + ref;
  }
}
