package dev.pipgate.github;

import static dev.pipgate.github.GitHubConnection.PER_PAGE;
import static dev.pipgate.github.GitHubConnection.call;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;

/**
 * An organisation's repositories read through the API, read-only and without a clone: the list from
 * {@code GET /installation/repositories} (what a GitHub App installation token may read), then per
 * repository one recursive tree of its default branch ({@code GET .../git/trees/{branch}}) and a
 * blob ({@code GET .../git/blobs/{sha}}) only for each file the review reads.
 */
public final class GitHubOrganisation {
  private final GitHubConnection connection;

  GitHubOrganisation(GitHubConnection connection) {
    this.connection = connection;
  }

  /** Through the commands' one transport (tests put it on a fake clock). */
  public static GitHubOrganisation connect(URI apiUrl, String token) {
    return new GitHubOrganisation(GitHubConnection.open(apiUrl, token));
  }

  /** Shared policies the repositories extend, read through this connection, once each. */
  public dev.pipgate.config.PolicySource policySource() {
    return connection.policies();
  }

  /** Requests sent so far, retries included. */
  public int requests() {
    return connection.requests();
  }

  /** One repository as the list gives it. */
  public record Repository(
      String fullName, String defaultBranch, boolean archived, GHRepository raw) {}

  /**
   * The repositories of {@code org} the token may read, by name.
   *
   * @throws InputException when the list cannot be read: the message says which token works
   */
  public List<Repository> repositories(String org) {
    List<GHRepository> all;
    try {
      all =
          call(
              "list the installation's repositories",
              () ->
                  connection
                      .github()
                      .getInstallation()
                      .listRepositories()
                      .withPageSize(PER_PAGE)
                      .toList());
    } catch (GitHubApiException e) {
      throw InputException.general(
          "--org "
              + org
              + ": cannot list the repositories ("
              + e.getMessage()
              + "); --org reads them with a GitHub App installation token (GET"
              + " /installation/repositories: an app installed on "
              + org
              + " with 'contents: read' and 'metadata: read'); a job's own token reads only its"
              + " own repository");
    }
    List<Repository> out = new ArrayList<>();
    for (GHRepository r : all) {
      if (r.getOwnerName().equalsIgnoreCase(org)) {
        out.add(new Repository(r.getFullName(), r.getDefaultBranch(), r.isArchived(), r));
      }
    }
    out.sort(Comparator.comparing(r -> r.fullName().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** A repository that cannot be audited, and why (archived, empty, no access, too large). */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
      super(reason);
    }
  }

  /**
   * The files of the default branch's head: one tree read now, a blob per file read later.
   *
   * @throws Unavailable with the reason the repository cannot be read
   */
  public SourceTree defaultBranch(Repository repository) {
    if (repository.archived()) {
      throw new Unavailable("archived");
    }
    String branch = repository.defaultBranch();
    if (branch == null || branch.isBlank()) {
      throw new Unavailable("empty repository (no default branch)");
    }
    GHTree tree;
    try {
      tree =
          call(
              "tree of " + repository.fullName(),
              () -> repository.raw().getTreeRecursive(branch, 1));
    } catch (GitHubApiException e) {
      throw new Unavailable(
          switch (e.status()) {
            case 409 -> "empty repository";
            case 403, 404 -> "no access: the token cannot read its contents";
            default -> "cannot read its tree: " + e.getMessage();
          });
    }
    if (tree.isTruncated()) {
      throw new Unavailable(
          "its tree has more entries than one API answer holds; audit a clone with --repos");
    }
    return new RemoteTree(repository, branch, tree);
  }

  /** A default branch's files: paths from the tree, bytes from blobs, fetched once each. */
  private static final class RemoteTree implements SourceTree {
    private final Repository repository;
    private final String describe;
    private final Map<String, GHTreeEntry> entries = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private final Map<String, byte[]> blobs = new HashMap<>();

    RemoteTree(Repository repository, String branch, GHTree tree) {
      this.repository = repository;
      this.describe =
          repository.fullName() + "@" + branch + " (tree " + abbreviate(tree.getSha()) + ")";
      for (GHTreeEntry e : tree.getTree()) {
        entries.put(e.getPath(), e);
        if (e.getType().equals("blob") && !e.getMode().equals("120000")) {
          files.add(e.getPath());
        }
      }
      files.sort(null);
    }

    @Override
    public Optional<byte[]> read(String path) {
      GHTreeEntry e = entries.get(path);
      if (e == null) {
        return Optional.empty();
      }
      switch (e.getType()) {
        case "tree" -> throw new InputException(path, 0, "is a directory, not a file");
        case "commit" -> throw new InputException(path, 0, "is a submodule, not a file");
        default -> {
          // a blob
        }
      }
      if (e.getMode().equals("120000")) {
        throw new InputException(
            path, 0, "is a symbolic link; pipgate reads only regular files in a commit");
      }
      if (e.getSize() > MAX_FILE_BYTES) {
        throw new InputException(
            path,
            0,
            "file is "
                + e.getSize()
                + " bytes; pipgate reads at most "
                + MAX_FILE_BYTES
                + " bytes");
      }
      byte[] bytes = blobs.get(path);
      if (bytes == null) {
        try {
          bytes =
              call(
                  "blob " + path + " of " + repository.fullName(),
                  () -> {
                    try (InputStream in = repository.raw().getBlob(e.getSha()).read()) {
                      return in.readAllBytes();
                    }
                  });
        } catch (GitHubApiException ex) {
          throw new InputException(path, 0, "cannot be read through the API: " + ex.getMessage());
        }
        blobs.put(path, bytes);
      }
      return Optional.of(bytes);
    }

    @Override
    public List<String> list() {
      return List.copyOf(files);
    }

    @Override
    public String describe() {
      return describe;
    }
  }

  private static String abbreviate(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
  }
}
