package dev.pipgate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.NeedsTestData;
import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An organisation read through the API: the list, one tree per repository, blobs on demand. */
@NeedsTestData("github-api")
class GitHubOrganisationTest {
  GitHubFixture gh;
  GitHubOrganisation org;

  @BeforeEach
  void start() {
    gh = new GitHubFixture();
    org =
        new GitHubOrganisation(
            new GitHubConnection(gh.apiUrl(), "ghs_appInstallation", gh.time, gh.time));
  }

  @AfterEach
  void stop() {
    gh.close();
  }

  private FakeGitHub.OrgRepo repo(String fullName) {
    FakeGitHub.OrgRepo r = new FakeGitHub.OrgRepo();
    gh.github.orgRepos.put(fullName, r);
    return r;
  }

  @Test
  void listsTheOrganisationsRepositoriesAndReadsOnlyTheFilesAsked() {
    FakeGitHub.OrgRepo ml = repo("octo-org/ml");
    ml.files.put("environment.yml", "dependencies:\n  - pip:\n    - rich==13.3\n");
    ml.files.put("README.md", "# ml\n");
    repo("octo-org/Archive").archived = true;
    repo("other-org/tools");

    List<GitHubOrganisation.Repository> repos = org.repositories("octo-org");

    assertThat(repos)
        .extracting(GitHubOrganisation.Repository::fullName)
        .containsExactly("octo-org/Archive", "octo-org/ml");
    SourceTree tree = org.defaultBranch(repos.get(1));
    assertThat(tree.list()).containsExactly("README.md", "environment.yml");
    assertThat(tree.describe()).startsWith("octo-org/ml@main (tree ");
    assertThat(new String(tree.read("environment.yml").orElseThrow(), StandardCharsets.UTF_8))
        .contains("rich==13.3");
    assertThat(tree.read("environment.yml")).as("once per file").isPresent();
    assertThat(tree.read("requirements-notes.md")).isEmpty();
    assertThat(gh.requests())
        .extracting(ActionHarness::line)
        .containsExactly(
            "GET /installation/repositories",
            "GET /repos/octo-org/ml/git/trees/main",
            "GET /repos/octo-org/ml/git/blobs/"
                + gh.requests().get(2).getUrl().replaceAll(".*/", ""));
  }

  @Test
  void archivedEmptyAndInaccessibleRepositoriesHaveAReason() {
    repo("octo-org/a").archived = true;
    repo("octo-org/b").empty = true;
    repo("octo-org/c").forbidden = true;
    List<GitHubOrganisation.Repository> repos = org.repositories("octo-org");

    assertThatThrownBy(() -> org.defaultBranch(repos.get(0)))
        .isInstanceOf(GitHubOrganisation.Unavailable.class)
        .hasMessage("archived");
    assertThatThrownBy(() -> org.defaultBranch(repos.get(1))).hasMessage("empty repository");
    assertThatThrownBy(() -> org.defaultBranch(repos.get(2))).hasMessageContaining("no access");
  }

  @Test
  void aTokenThatCannotListSaysWhichTokenWorks() {
    gh.answerGet("/installation/repositories", 403, FakeGitHub.NOT_ACCESSIBLE);

    assertThatThrownBy(() -> org.repositories("octo-org"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--org octo-org: cannot list the repositories")
        .hasMessageContaining("GitHub App installation token")
        .hasMessageNotContaining("ghs_appInstallation");
  }
}
