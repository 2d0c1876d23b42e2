package dev.pipgate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.pipgate.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful GitHub behind WireMock: the operations pipgate uses, answering with bodies built from
 * real recordings in the test data's {@code github-api/recordings/} folder (ids, users and texts
 * adapted). Faults are injected with ordinary WireMock stubs of higher priority.
 */
final class FakeGitHub implements ResponseDefinitionTransformerV2 {
  static final String NAME = "fake-github";
  static final ObjectMapper JSON = new ObjectMapper();

  static final String OWNER = "octo-org";
  static final String REPO = "env-repo";
  static final int PR = 7;

  /** Real 422 from create-review with a line outside the diff (REVIEW-API-FACTS.md §2). */
  static final String REVIEW_422 =
      """
      {"message":"Unprocessable Entity",
       "errors":["Pull request review thread line must be part of the diff, Pull request review \
      thread start line must be part of the same hunk as the line., and Pull request review thread \
      diff hunk can't be blank"],
       "documentation_url":"https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
       "status":"422"}""";

  static final String NOT_ACCESSIBLE =
      """
      {"message":"Resource not accessible by integration",\
      "documentation_url":"https://docs.github.com/rest","status":"403"}""";

  private final String prefix;
  private final Map<String, JsonNode> templates = new HashMap<>();

  final List<ObjectNode> reviewComments = new ArrayList<>();
  final List<ObjectNode> issueComments = new ArrayList<>();
  final List<ObjectNode> reviews = new ArrayList<>();
  final List<ObjectNode> checkRuns = new ArrayList<>();
  final Map<Long, List<ObjectNode>> annotations = new HashMap<>();
  final List<ObjectNode> statuses = new ArrayList<>();

  /** The users {@link #user} made, by login, for {@code GET /users/{username}}. */
  private final Map<String, ObjectNode> users = new HashMap<>();

  /** The token's user; {@code GET /user} answers 403 when {@code installationToken}. */
  ObjectNode tokenUser = user("pipgate-bot", "User");

  boolean installationToken;
  boolean readOnly;

  /** Head commit of pull request {@link #PR} for {@code GET pulls/{n}}. */
  String pullRequestHead = "0".repeat(40);

  /**
   * Files of other repositories (shared policies), by {@code OWNER/REPO/PATH@REF}; their
   * repositories answer {@code GET /repos/{owner}/{repo}}.
   */
  final Map<String, String> policies = new HashMap<>();

  /** An organisation's repository for the audit: its default branch's files, or its state. */
  static final class OrgRepo {
    final Map<String, String> files = new java.util.TreeMap<>();
    boolean archived;
    boolean empty;
    boolean forbidden;
    String defaultBranch = "main";
  }

  /** The repositories {@code GET /installation/repositories} lists, by full name. */
  final Map<String, OrgRepo> orgRepos = new java.util.TreeMap<>();

  /** When not empty, only these {@code path:line} pairs can carry a review comment. */
  final Set<String> diffLines = new HashSet<>();

  private long nextId = 2_100_000_000L;

  FakeGitHub(String prefix) {
    this.prefix = prefix;
  }

  /** GitHub's OpenAPI description, cut to the operations a pull-request bot uses. */
  static Path openApi() {
    return TestData.path("github-api/openapi-subset.json");
  }

  static JsonNode recording(String relative) {
    try {
      return JSON.readTree(
          Files.readString(TestData.path("github-api/recordings").resolve(relative)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode template(String hub4jFile) {
    JsonNode t =
        templates.computeIfAbsent(
            hub4jFile,
            f -> {
              try {
                return JSON.readTree(
                    Files.readString(TestData.path("github-api/recordings/hub4j").resolve(f)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    JsonNode one = t.isArray() ? t.get(0) : t;
    return one.deepCopy();
  }

  ObjectNode user(String login, String type) {
    ObjectNode u =
        (ObjectNode)
            template(
                    "GHPullRequestTest/wiremock/pullRequestReviewComments/__files/"
                        + "6-r_h_g_pulls_484_comments.json")
                .get("user");
    u.put("login", login).put("id", Math.abs(login.hashCode())).put("type", type);
    u.put("url", "https://api.github.com/users/" + login);
    u.put("html_url", "https://github.com/" + login);
    users.put(login.toLowerCase(java.util.Locale.ROOT), u);
    return u;
  }

  // ---- seeding and inspection -------------------------------------------------------------

  ObjectNode addReviewComment(
      ObjectNode user, String path, Integer line, String body, Long replyTo) {
    String file =
        replyTo == null
            ? "GHPullRequestTest/wiremock/pullRequestReviewComments/__files/6-r_h_g_pulls_484_comments.json"
            : "GHPullRequestTest/wiremock/pullRequestReviewComments/__files/"
                + "26-r_h_g_pulls_484_comments_1641776783_replies.json";
    ObjectNode c = template(file);
    long id = nextId++;
    c.put("id", id).put("path", path).put("body", body).put("side", "RIGHT");
    c.set("user", user);
    if (line == null) {
      c.putNull("line");
    } else {
      c.put("line", line).put("original_line", line);
    }
    if (replyTo == null) {
      c.remove("in_reply_to_id");
    } else {
      c.put("in_reply_to_id", replyTo);
    }
    c.put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/pulls/comments/" + id);
    reviewComments.add(c);
    return c;
  }

  ObjectNode addIssueComment(ObjectNode user, String body) {
    ObjectNode c =
        template("GHIssueTest/wiremock/issueComment/__files/7-r_h_g_issues_15_comments.json");
    long id = nextId++;
    c.put("id", id).put("body", body);
    c.set("user", user);
    c.put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/issues/comments/" + id);
    issueComments.add(c);
    return c;
  }

  List<ObjectNode> reviewCommentsBy(String login) {
    return reviewComments.stream()
        .filter(c -> login.equals(c.path("user").path("login").asText()))
        .toList();
  }

  List<ObjectNode> summaries() {
    return issueComments.stream()
        .filter(c -> c.path("body").asText().startsWith("<!-- pipgate:summary -->"))
        .toList();
  }

  // ---- request handling -------------------------------------------------------------------

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    try {
      return handle(event.getRequest());
    } catch (RuntimeException e) {
      // Answer instead of throwing, so that WireMock keeps the request in its journal.
      return error(500, "{\"message\":\"fake failed: " + e.getClass().getSimpleName() + "\"}");
    }
  }

  private ResponseDefinition handle(Request req) {
    URI uri = URI.create(req.getUrl());
    String path = uri.getRawPath();
    if (!path.startsWith(prefix)) {
      return error(404, "{\"message\":\"Not Found\"}");
    }
    path = path.substring(prefix.length());
    Map<String, String> query = query(uri.getRawQuery());
    String method = req.getMethod().getName();
    JsonNode body = null;
    if (req.getBody() != null && req.getBody().length > 0) {
      try {
        body = JSON.readTree(req.getBodyAsString());
      } catch (IOException e) {
        return error(400, "{\"message\":\"Problems parsing JSON\"}");
      }
    }
    if (!method.equals("GET") && readOnly) {
      return error(403, NOT_ACCESSIBLE);
    }
    String repo = "/repos/" + OWNER + "/" + REPO;
    Matcher m;
    if (method.equals("GET") && path.equals("/user")) {
      return installationToken ? error(403, NOT_ACCESSIBLE) : ok(200, tokenUser);
    }
    if ((m = match("/users/([^/]+)", path)) != null && method.equals("GET")) {
      String login = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      ObjectNode u = users.get(login.toLowerCase(java.util.Locale.ROOT));
      return u == null ? error(404, "{\"message\":\"Not Found\"}") : ok(200, u);
    }
    if (path.equals(repo) && method.equals("GET")) {
      return ok(200, repository(OWNER, REPO));
    }
    if ((m = match("/repos/([^/]+)/([^/]+)", path)) != null && method.equals("GET")) {
      String prefixOfRepo = m.group(1) + "/" + m.group(2) + "/";
      if (policies.keySet().stream().anyMatch(k -> k.startsWith(prefixOfRepo))) {
        return ok(200, repository(m.group(1), m.group(2)));
      }
    }
    if (path.equals("/installation/repositories") && method.equals("GET")) {
      List<ObjectNode> list = new ArrayList<>();
      for (Map.Entry<String, OrgRepo> e : orgRepos.entrySet()) {
        String[] name = e.getKey().split("/", 2);
        ObjectNode r = repository(name[0], name[1]);
        r.put("archived", e.getValue().archived).put("default_branch", e.getValue().defaultBranch);
        list.add(r);
      }
      return page(req, query, list, "repositories");
    }
    if ((m = match("/repos/([^/]+/[^/]+)/git/trees/([^/]+)", path)) != null
        && method.equals("GET")
        && orgRepos.containsKey(m.group(1))) {
      OrgRepo r = orgRepos.get(m.group(1));
      if (r.forbidden) {
        return error(403, NOT_ACCESSIBLE);
      }
      if (r.empty) {
        return error(409, "{\"message\":\"Git Repository is empty.\",\"status\":\"409\"}");
      }
      ObjectNode tree = JSON.createObjectNode();
      tree.put("sha", blobSha("tree:" + m.group(1)))
          .put("url", "https://api.github.com/repos/" + m.group(1) + "/git/trees/x")
          .put("truncated", false);
      ArrayNode entries = tree.putArray("tree");
      for (Map.Entry<String, String> f : r.files.entrySet()) {
        String sha = blobSha(f.getValue());
        blobs.put(sha, f.getValue());
        entries
            .addObject()
            .put("path", f.getKey())
            .put("mode", "100644")
            .put("type", "blob")
            .put("sha", sha)
            .put("size", f.getValue().getBytes(StandardCharsets.UTF_8).length)
            .put("url", "https://api.github.com/repos/" + m.group(1) + "/git/blobs/" + sha);
      }
      return ok(200, tree);
    }
    if ((m = match("/repos/([^/]+/[^/]+)/git/blobs/([0-9a-f]{40})", path)) != null
        && method.equals("GET")
        && blobs.containsKey(m.group(2))) {
      byte[] bytes = blobs.get(m.group(2)).getBytes(StandardCharsets.UTF_8);
      ObjectNode blob = JSON.createObjectNode();
      blob.put("sha", m.group(2))
          .put("node_id", "B_" + m.group(2).substring(0, 8))
          .put("size", bytes.length)
          .put("url", "https://api.github.com/repos/" + m.group(1) + "/git/blobs/" + m.group(2))
          .put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes))
          .put("encoding", "base64");
      return ok(200, blob);
    }
    if ((m = match("/repos/([^/]+)/([^/]+)/contents/(.+)", path)) != null && method.equals("GET")) {
      String key =
          m.group(1)
              + "/"
              + m.group(2)
              + "/"
              + URLDecoder.decode(m.group(3), StandardCharsets.UTF_8)
              + "@"
              + query.getOrDefault("ref", "main");
      String text = policies.get(key);
      return text == null
          ? error(404, "{\"message\":\"Not Found\"}")
          : ok(200, content(m.group(1), m.group(2), m.group(3), text));
    }
    if ((m = match(repo + "/pulls/(\\d+)", path)) != null && method.equals("GET")) {
      return Integer.parseInt(m.group(1)) != PR
          ? error(404, "{\"message\":\"Not Found\"}")
          : ok(200, pullRequest());
    }
    if ((m = match(repo + "/pulls/(\\d+)/comments", path)) != null) {
      if (method.equals("GET")) {
        return page(req, query, new ArrayList<>(reviewComments), null);
      }
    }
    if ((m = match(repo + "/pulls/(\\d+)/reviews", path)) != null) {
      return method.equals("GET")
          ? page(req, query, new ArrayList<>(reviews), null)
          : createReview(body);
    }
    if ((m = match(repo + "/pulls/\\d+/reviews/(\\d+)/dismissals", path)) != null
        && method.equals("PUT")) {
      ObjectNode r = byId(reviews, Long.parseLong(m.group(1)));
      if (r == null) {
        return error(404, "{\"message\":\"Not Found\"}");
      }
      r.put("state", "DISMISSED");
      return ok(200, r);
    }
    if ((m = match(repo + "/pulls/comments/(\\d+)", path)) != null) {
      ObjectNode c = byId(reviewComments, Long.parseLong(m.group(1)));
      if (c == null) {
        return error(404, "{\"message\":\"Not Found\"}");
      }
      if (method.equals("PATCH")) {
        c.put("body", body.path("body").asText());
        return ok(200, c);
      }
      if (method.equals("DELETE")) {
        reviewComments.remove(c);
        return ResponseDefinition.noContent();
      }
    }
    if ((m = match(repo + "/pulls/\\d+/comments/(\\d+)/replies", path)) != null
        && method.equals("POST")) {
      ObjectNode parent = byId(reviewComments, Long.parseLong(m.group(1)));
      ObjectNode c =
          addReviewComment(
              tokenUser,
              parent.path("path").asText(),
              parent.path("line").isNull() ? null : parent.path("line").asInt(),
              body.path("body").asText(),
              parent.path("id").asLong());
      return ok(201, c);
    }
    if ((m = match(repo + "/issues/(\\d+)/comments", path)) != null) {
      if (method.equals("GET")) {
        return page(req, query, new ArrayList<>(issueComments), null);
      }
      return ok(201, addIssueComment(tokenUser, body.path("body").asText()));
    }
    if ((m = match(repo + "/issues/comments/(\\d+)", path)) != null) {
      ObjectNode c = byId(issueComments, Long.parseLong(m.group(1)));
      if (c == null) {
        return error(404, "{\"message\":\"Not Found\"}");
      }
      if (method.equals("PATCH")) {
        c.put("body", body.path("body").asText());
        return ok(200, c);
      }
      issueComments.remove(c);
      return ResponseDefinition.noContent();
    }
    if ((m = match(repo + "/commits/([0-9a-f]{40})/check-runs", path)) != null) {
      String sha = m.group(1);
      List<ObjectNode> runs =
          checkRuns.stream()
              .filter(r -> r.path("head_sha").asText().equals(sha))
              .filter(
                  r ->
                      !query.containsKey("check_name")
                          || r.path("name").asText().equals(query.get("check_name")))
              .toList();
      return page(req, query, new ArrayList<>(runs), "check_runs");
    }
    if (path.equals(repo + "/check-runs") && method.equals("POST")) {
      return createCheckRun(body);
    }
    if ((m = match(repo + "/check-runs/(\\d+)", path)) != null && method.equals("PATCH")) {
      return updateCheckRun(byId(checkRuns, Long.parseLong(m.group(1))), body);
    }
    if ((m = match(repo + "/check-runs/(\\d+)/annotations", path)) != null) {
      return page(
          req,
          query,
          new ArrayList<>(annotations.getOrDefault(Long.parseLong(m.group(1)), List.of())),
          null);
    }
    if ((m = match(repo + "/commits/([0-9a-f]{40})/statuses", path)) != null
        || ((m = match(repo + "/statuses/([0-9a-f]{40})", path)) != null && method.equals("GET"))) {
      String sha = m.group(1);
      List<ObjectNode> list = new ArrayList<>();
      for (int i = statuses.size() - 1; i >= 0; i--) {
        if (statuses.get(i).path("url").asText().endsWith(sha)) {
          list.add(statuses.get(i));
        }
      }
      return page(req, query, list, null);
    }
    if ((m = match(repo + "/statuses/([0-9a-f]{40})", path)) != null && method.equals("POST")) {
      JsonNode recorded =
          recording(
                  "octokit-fixtures/scenarios/api.github.com/create-status/normalized-fixture.json")
              .get(0)
              .get("response");
      ObjectNode s = recorded.deepCopy();
      s.put("id", nextId++)
          .put("state", body.path("state").asText())
          .put("description", body.path("description").asText())
          .put("context", body.path("context").asText())
          .put(
              "url",
              "https://api.github.com/repos/" + OWNER + "/" + REPO + "/statuses/" + m.group(1));
      s.set("creator", tokenUser);
      statuses.add(s);
      return ok(201, s);
    }
    return error(404, "{\"message\":\"Not Found\",\"fake\":\"" + method + " " + path + "\"}");
  }

  /** Blob texts by the SHA the trees name. */
  private final Map<String, String> blobs = new HashMap<>();

  private static String blobSha(String text) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The OpenAPI description's example file, with this text. */
  private ObjectNode content(String owner, String repo, String path, String text) {
    try {
      JsonNode spec = JSON.readTree(openApi().toFile());
      ObjectNode c =
          spec.path("components")
              .path("examples")
              .path("content-file-response-if-content-is-a-file")
              .path("value")
              .deepCopy();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String base = "https://api.github.com/repos/" + owner + "/" + repo + "/contents/" + path;
      c.put("type", "file")
          .put("encoding", "base64")
          .put("size", bytes.length)
          .put("name", path.substring(path.lastIndexOf('/') + 1))
          .put("path", path)
          .put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes))
          .put("url", base);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OpenAPI description's example repository, moved to this owner and name. */
  private ObjectNode repository(String owner, String name) {
    try {
      JsonNode spec = JSON.readTree(openApi().toFile());
      ObjectNode r =
          spec.path("components")
              .path("examples")
              .path("full-repository-default-response")
              .path("value")
              .deepCopy();
      r.put("name", name)
          .put("full_name", owner + "/" + name)
          .put("url", "https://api.github.com/repos/" + owner + "/" + name);
      ((ObjectNode) r.path("owner")).put("login", owner);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OpenAPI description's example pull request, moved to this repository and head. */
  private ObjectNode pullRequest() {
    try {
      JsonNode spec = JSON.readTree(openApi().toFile());
      ObjectNode pr =
          spec.path("components").path("examples").path("pull-request").path("value").deepCopy();
      pr.put("number", PR)
          .put("url", "https://api.github.com/repos/" + OWNER + "/" + REPO + "/pulls/" + PR);
      ((ObjectNode) pr.path("head")).put("sha", pullRequestHead);
      return pr;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ResponseDefinition createReview(JsonNode body) {
    for (JsonNode c : body.path("comments")) {
      if (!diffLines.isEmpty()
          && !diffLines.contains(c.path("path").asText() + ":" + c.path("line").asInt())) {
        return error(422, REVIEW_422);
      }
    }
    ObjectNode r =
        template(
            "GHPullRequestTest/wiremock/pullRequestReviews/__files/6-r_h_g_pulls_482_reviews.json");
    long id = nextId++;
    String event = body.path("event").asText();
    r.put("id", id)
        .put("body", body.path("body").asText())
        .put("commit_id", body.path("commit_id").asText())
        .put(
            "state",
            switch (event) {
              case "REQUEST_CHANGES" -> "CHANGES_REQUESTED";
              case "APPROVE" -> "APPROVED";
              case "COMMENT" -> "COMMENTED";
              default -> "PENDING";
            })
        .put("submitted_at", "2026-01-01T00:00:00Z");
    r.set("user", tokenUser);
    reviews.add(r);
    for (JsonNode c : body.path("comments")) {
      ObjectNode added =
          addReviewComment(
              tokenUser,
              c.path("path").asText(),
              c.path("line").asInt(),
              c.path("body").asText(),
              null);
      added.put("pull_request_review_id", id).put("commit_id", body.path("commit_id").asText());
    }
    return ok(200, r);
  }

  private ResponseDefinition createCheckRun(JsonNode body) {
    ObjectNode run =
        template("GHCheckRunBuilderTest/wiremock/createCheckRun/__files/5-r_h_t_check-runs.json");
    long id = nextId++;
    run.put("id", id)
        .put("name", body.path("name").asText())
        .put("head_sha", body.path("head_sha").asText())
        .put("external_id", body.path("external_id").asText(""))
        .put("status", body.path("status").asText("queued"));
    if (body.has("conclusion")) {
      run.put("conclusion", body.path("conclusion").asText());
    } else {
      run.putNull("conclusion");
    }
    ObjectNode output = (ObjectNode) run.get("output");
    output.put("annotations_count", 0);
    output.put(
        "annotations_url",
        "https://api.github.com/repos/"
            + OWNER
            + "/"
            + REPO
            + "/check-runs/"
            + id
            + "/annotations");
    annotations.put(id, new ArrayList<>());
    checkRuns.add(run);
    applyOutput(run, body.path("output"));
    return ok(201, run);
  }

  private ResponseDefinition updateCheckRun(ObjectNode run, JsonNode body) {
    if (run == null) {
      return error(404, "{\"message\":\"Not Found\"}");
    }
    if (body.has("conclusion")) {
      run.put("conclusion", body.path("conclusion").asText()).put("status", "completed");
    }
    applyOutput(run, body.path("output"));
    return ok(200, run);
  }

  private void applyOutput(ObjectNode run, JsonNode out) {
    if (!out.isObject()) {
      return;
    }
    ObjectNode output = (ObjectNode) run.get("output");
    for (String f : List.of("title", "summary", "text")) {
      if (out.has(f)) {
        output.put(f, out.path(f).asText());
      }
    }
    List<ObjectNode> list = annotations.get(run.path("id").asLong());
    for (JsonNode a : out.path("annotations")) {
      ObjectNode stored = JSON.createObjectNode();
      stored.put("path", a.path("path").asText());
      stored.put(
          "blob_href",
          "https://github.com/" + OWNER + "/" + REPO + "/blob/x/" + a.path("path").asText());
      stored.put("start_line", a.path("start_line").asInt());
      stored.put("start_column", (String) null);
      stored.put("end_line", a.path("end_line").asInt());
      stored.put("end_column", (String) null);
      stored.put("annotation_level", a.path("annotation_level").asText());
      stored.put("title", a.path("title").asText());
      stored.put("message", a.path("message").asText());
      stored.put("raw_details", (String) null);
      list.add(stored);
    }
    output.put("annotations_count", list.size());
  }

  // ---- helpers ----------------------------------------------------------------------------

  private ResponseDefinition page(
      Request req, Map<String, String> query, List<ObjectNode> items, String wrapper) {
    int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    ArrayNode array = JSON.createArrayNode();
    items.subList(from, to).forEach(array::add);
    JsonNode body = array;
    if (wrapper != null) {
      ObjectNode o = JSON.createObjectNode().put("total_count", items.size());
      o.set(wrapper, array);
      body = o;
    }
    var builder = okBuilder(200, body);
    if (to < items.size()) {
      URI abs = URI.create(req.getAbsoluteUrl());
      Map<String, String> next = new LinkedHashMap<>(query);
      next.put("per_page", Integer.toString(perPage));
      next.put("page", Integer.toString(page + 1));
      StringBuilder q = new StringBuilder();
      next.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(v));
      String base = abs.getScheme() + "://" + abs.getAuthority() + abs.getRawPath();
      int last = (items.size() + perPage - 1) / perPage;
      builder.withHeader(
          "Link",
          "<" + base + "?" + q + ">; rel=\"next\", <" + base + "?page=" + last + ">; rel=\"last\"");
    }
    return builder.build();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okBuilder(
      int status, JsonNode body) {
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", "4990")
        .withHeader("X-RateLimit-Reset", "1718536663")
        .withHeader("X-RateLimit-Resource", "core")
        .withBody(body.toString());
  }

  private static ResponseDefinition ok(int status, JsonNode body) {
    return okBuilder(status, body).build();
  }

  private static ResponseDefinition error(int status, String body) {
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body)
        .build();
  }

  private static ObjectNode byId(List<ObjectNode> list, long id) {
    return list.stream().filter(c -> c.path("id").asLong() == id).findFirst().orElse(null);
  }

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          q.put(
              URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }
}
