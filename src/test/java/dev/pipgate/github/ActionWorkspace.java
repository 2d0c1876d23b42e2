package dev.pipgate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The checked-out repository a workflow job sees in {@code GITHUB_WORKSPACE}: a real git repository
 * with a {@code main} branch and commits of an env file and its notes.
 */
final class ActionWorkspace implements AutoCloseable {
  static final String ENV = "environment.yml";
  static final String NOTES = "requirements-notes.md";

  private static final PersonIdent AUTHOR =
      new PersonIdent(
          "Env Author", "env@example.com", Instant.parse("2025-01-10T09:00:00Z"), ZoneOffset.UTC);

  final Path dir;
  private final Git git;
  private int commits;

  private ActionWorkspace(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static ActionWorkspace init(Path dir) throws GitAPIException {
    return new ActionWorkspace(
        dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  /** Writes the files (null deletes one) and commits them on the current branch. */
  RevCommit commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (f.getValue() == null) {
        Files.deleteIfExists(file);
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
      }
    }
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    PersonIdent when =
        new PersonIdent(AUTHOR, AUTHOR.getWhenAsInstant().plusSeconds(60L * commits++));
    return git.commit()
        .setAuthor(when)
        .setCommitter(when)
        .setMessage(message)
        .setSign(false)
        .setAllowEmpty(true)
        .call();
  }

  /** Creates {@code name} at the current commit and checks it out. */
  ActionWorkspace branch(String name) throws GitAPIException {
    git.checkout().setCreateBranch(true).setName(name).call();
    return this;
  }

  ActionWorkspace checkout(String name) throws GitAPIException {
    git.checkout().setName(name).call();
    return this;
  }

  @Override
  public void close() {
    git.close();
  }

  // ---- file contents ----------------------------------------------------------------------

  /**
   * An environment.yml whose pip list holds {@code pipLines}, one per line, from line 8 on; without
   * any, it has no pip list (conda rejects an empty one).
   */
  static String envFile(String... pipLines) {
    StringBuilder b =
        new StringBuilder(
            """
            name: e2e
            channels:
              - conda-forge
            dependencies:
              - python=3.10
              - pip=23.3
            """);
    if (pipLines.length > 0) {
      b.append("  - pip:\n");
    }
    for (String line : pipLines) {
      b.append("      - ").append(line).append('\n');
    }
    return b.toString();
  }

  /** A notes file with a complete section for each package. */
  static String notes(String... packages) {
    StringBuilder b = new StringBuilder("# Why these packages come from pip\n");
    for (String p : packages) {
      b.append("\n## ")
          .append(p)
          .append(
              """

              - **Why not conda?** Not packaged for conda; a small pure-Python library.
              - **conda-forge checked?** Yes, searched conda-forge on 2025-01-09: no package.
              - **--no-deps tested?** Yes: it imports with --no-deps on top of the conda stack.
              - **Alternatives considered?** Writing the twenty lines ourselves; not worth it.
              """);
    }
    return b.toString();
  }

  // ---- event payloads ---------------------------------------------------------------------

  static final String FULL_NAME = FakeGitHub.OWNER + "/" + FakeGitHub.REPO;

  /** A {@code pull_request} payload; {@code headRepo} is another full name for a fork. */
  static String pullRequestEvent(String baseSha, String headSha, String headRepo) {
    return """
        {"action": "synchronize", "number": %d,
         "pull_request": {"number": %d, "state": "open",
           "head": {"ref": "feature", "sha": "%s", "repo": {"full_name": "%s", "fork": %s}},
           "base": {"ref": "main", "sha": "%s", "repo": {"full_name": "%s", "fork": false}}},
         "repository": {"full_name": "%s"}}
        """
        .formatted(
            FakeGitHub.PR,
            FakeGitHub.PR,
            headSha,
            headRepo,
            !headRepo.equals(FULL_NAME),
            baseSha,
            FULL_NAME,
            FULL_NAME);
  }

  static String mergeGroupEvent(String baseSha, String headSha) {
    return """
        {"action": "checks_requested",
         "merge_group": {"head_sha": "%s", "head_ref": "refs/heads/gh-readonly-queue/main/pr-7-%s",
           "base_sha": "%s", "base_ref": "refs/heads/main"},
         "repository": {"full_name": "%s"}}
        """
        .formatted(headSha, baseSha, baseSha, FULL_NAME);
  }

  static String pushEvent(String before, String after, String ref) {
    return """
        {"ref": "%s", "before": "%s", "after": "%s", "created": %s,
         "repository": {"full_name": "%s"}}
        """
        .formatted(ref, before, after, before.equals(EventPayload.ZERO_SHA), FULL_NAME);
  }

  static String dispatchEvent(String ref) {
    return """
        {"ref": "%s", "inputs": {}, "repository": {"full_name": "%s"}}
        """
        .formatted(ref, FULL_NAME);
  }

  static String workflowRunEvent(String headSha) {
    return """
        {"action": "completed",
         "workflow_run": {"event": "pull_request", "head_sha": "%s", "conclusion": "failure",
           "status": "completed", "pull_requests": []},
         "repository": {"full_name": "%s"}}
        """
        .formatted(headSha, FULL_NAME);
  }
}
