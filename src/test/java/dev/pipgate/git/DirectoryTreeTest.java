package dev.pipgate.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipgate.model.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeTest {
  @TempDir Path tmp;
  private Path root;

  @BeforeEach
  void makeRoot() throws Exception {
    root = Files.createDirectories(tmp.resolve("head"));
    Files.writeString(tmp.resolve("secret.txt"), "TOKEN=hunter2\n");
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/environment.yml"), "TOKEN=hunter2\n");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void readsFilesAndReportsAbsentOnes() throws Exception {
    write("envs/environment.yml", "name: x\n");
    DirectoryTree tree = new DirectoryTree(root);
    assertThat(tree.read("envs/environment.yml"))
        .map(DirectoryTreeTest::text)
        .contains("name: x\n");
    assertThat(tree.read("./envs/environment.yml")).isPresent();
    assertThat(tree.read("environment.yml")).isEmpty();
    assertThat(tree.read("envs/environment.yml/under-a-file")).isEmpty();
    assertThat(tree.describe()).isEqualTo(root.toString());
  }

  @Test
  void aSymlinkLeavingTheRootIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("environment.yml"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("relative.yml"), Path.of("../secret.txt"));
    Files.createSymbolicLink(root.resolve("envs"), tmp.resolve("outside"));
    DirectoryTree tree = new DirectoryTree(root);
    for (String path : new String[] {"environment.yml", "relative.yml", "envs/environment.yml"}) {
      assertThatThrownBy(() -> tree.read(path))
          .as(path)
          .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.file()).isEqualTo(path))
          .hasMessageContaining("symbolic link leading outside")
          .hasMessageNotContaining("hunter2");
    }
    // Links are listed, so a linked env file matched by a glob is refused, not skipped.
    assertThat(tree.list()).containsExactly("environment.yml", "relative.yml");
  }

  @Test
  void aSymlinkInsideTheRootIsFollowed() throws Exception {
    write("envs/prod.yml", "name: prod\n");
    Files.createSymbolicLink(root.resolve("environment.yml"), Path.of("envs/prod.yml"));
    Files.createSymbolicLink(root.resolve("current"), Path.of("envs"));
    Files.createSymbolicLink(root.resolve("dangling.yml"), Path.of("nowhere.yml"));
    DirectoryTree tree = new DirectoryTree(root);
    assertThat(tree.read("environment.yml")).map(DirectoryTreeTest::text).contains("name: prod\n");
    assertThat(tree.read("current/prod.yml")).map(DirectoryTreeTest::text).contains("name: prod\n");
    assertThatThrownBy(() -> tree.read("dangling.yml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> tree.read("current"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is a directory");
    // File links are listed (read decides); links to directories are not files.
    assertThat(tree.list()).containsExactly("dangling.yml", "environment.yml", "envs/prod.yml");
  }

  @Test
  void theRootItselfMayBeReachedThroughALink() throws Exception {
    write("environment.yml", "name: x\n");
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
    DirectoryTree tree = new DirectoryTree(alias);
    assertThat(tree.read("environment.yml")).isPresent();
    assertThat(tree.list()).containsExactly("environment.yml");
    assertThat(tree.describe()).isEqualTo(alias.toString());
  }

  @Test
  void gitMetadataIsNotPartOfTheTree() throws Exception {
    write(".git/config", "[core]\n");
    write("sub/.git", "gitdir: ../.git/modules/sub\n");
    write("sub/environment.yml", "name: x\n");
    write(".github/workflows/ci.yml", "on: push\n");
    DirectoryTree tree = new DirectoryTree(root);
    assertThat(tree.list()).containsExactly(".github/workflows/ci.yml", "sub/environment.yml");
    assertThat(tree.read(".git/config")).isEmpty();
    assertThat(tree.read("sub/.git")).isEmpty();
  }

  @Test
  void aDirectoryAtTheEnvFilePathIsAnError() throws Exception {
    write("environment.yml/inner.yml", "name: x\n");
    assertThatThrownBy(() -> new DirectoryTree(root).read("environment.yml"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("is a directory, not a file");
  }

  @Test
  void anOversizedFileIsRejected() throws Exception {
    byte[] big = new byte[6 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    Files.write(root.resolve("environment.yml"), big);
    assertThatThrownBy(() -> new DirectoryTree(root).read("environment.yml"))
        .isInstanceOf(InputException.class)
        .hasMessage("file is " + big.length + " bytes; pipgate reads at most 5242880 bytes");
  }

  @Test
  void aPathClimbingOutIsRefusedBeforeTouchingTheDisk() {
    DirectoryTree tree = new DirectoryTree(root);
    assertThatThrownBy(() -> tree.read("../secret.txt")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> tree.read(tmp.resolve("secret.txt").toString()))
        .isInstanceOf(InputException.class);
  }

  @Test
  void aMissingDirectoryIsAnInputError() {
    assertThatThrownBy(() -> new DirectoryTree(tmp.resolve("nope")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no such directory");
    assertThatThrownBy(() -> new DirectoryTree(tmp.resolve("secret.txt")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not a directory");
  }
}
