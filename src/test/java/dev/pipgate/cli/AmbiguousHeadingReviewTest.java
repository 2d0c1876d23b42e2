package dev.pipgate.cli;

import static dev.pipgate.cli.Envs.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipgate.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headings that leave open which pip package a section justifies are reported, never guessed. */
class AmbiguousHeadingReviewTest {
  private static final String ANSWERS =
      """

      - **Why not conda?** The conda-forge build lags two major versions behind.
      - **conda-forge checked?** Yes, searched on 2024-03-02: only an old build.
      - **--no-deps tested?** Yes: it imports and runs with --no-deps.
      - **Alternatives considered?** Writing it ourselves; far more code.

      """;

  @TempDir Path tmp;

  /** Notes whose sections all answer the four questions, under {@code headings}. */
  private static String notes(String... headings) {
    StringBuilder b = new StringBuilder("# Why these packages come from pip\n\n");
    for (String h : headings) {
      b.append("## ").append(h).append('\n').append(ANSWERS);
    }
    return b.toString();
  }

  private CliRun review(String baseEnv, String baseNotes, String headEnv, String headNotes)
      throws IOException {
    write("base", baseEnv, baseNotes);
    write("head", headEnv, headNotes);
    return CliRun.in(tmp, "review", "--base-dir", "base", "--head-dir", "head", "--format", "json");
  }

  private void write(String side, String env, String notes) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(side));
    Files.writeString(dir.resolve("environment.yml"), env);
    if (notes != null) {
      Files.writeString(dir.resolve("requirements-notes.md"), notes);
    }
  }

  private static List<JsonNode> ambiguous(CliRun run) {
    List<JsonNode> out = new ArrayList<>();
    run.json()
        .path("findings")
        .forEach(
            f -> {
              if (f.path("rule").asText().equals("ambiguous-notes-heading")) {
                out.add(f);
              }
            });
    return out;
  }

  @Test
  void aHeadingListingTwoPipPackagesIsReportedAndJustifiesNeither() throws IOException {
    CliRun run =
        review(
            env("requests==2.31.0"),
            notes("requests"),
            env("requests==2.31.0", "torch==2.0.1", "torchvision==0.15.2"),
            notes("requests", "torch / torchvision"));

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.FINDINGS);
    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "ambiguous-notes-heading torch",
            "unjustified-pip torch",
            "unjustified-pip torchvision");
    JsonNode f = ambiguous(run).get(0);
    assertThat(f.path("file").asText()).isEqualTo("requirements-notes.md");
    assertThat(f.path("line").asInt()).isEqualTo(10);
    assertThat(f.path("severity").asText()).isEqualTo("warning");
    assertThat(f.path("message").asText())
        .contains("'torch / torchvision'", "torch and torchvision", "counts for none");
    assertThat(f.path("help").asText()).contains("'## torch' and '## torchvision' a section each");
  }

  @Test
  void aSecondPipPackageInParenthesesIsAmbiguousToo() throws IOException {
    CliRun run =
        review(
            env("requests==2.31.0"),
            notes("requests"),
            env("requests==2.31.0", "torch==2.0.1", "torchvision==0.15.2"),
            notes("requests", "torch (torchvision)"));

    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "ambiguous-notes-heading torch",
            "unjustified-pip torch",
            "unjustified-pip torchvision");
  }

  @Test
  void aDisplayNameWhoseBothNamesArePipEntriesJustifiesNeither() throws IOException {
    CliRun run =
        review(
            env("requests==2.31.0"),
            notes("requests"),
            env("requests==2.31.0", "pytorch==1.0.2", "torch==2.0.1"),
            notes("requests", "PyTorch (torch)"));

    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "ambiguous-notes-heading pytorch", "unjustified-pip pytorch", "unjustified-pip torch");
    assertThat(ambiguous(run).get(0).path("message").asText()).contains("pytorch and torch");
  }

  @Test
  void headingFormsThatNameOnePipPackageAreNotAmbiguous() throws IOException {
    CliRun run =
        review(
            env("requests==2.31.0"),
            notes("requests"),
            env(
                "requests==2.31.0",
                "torch==2.0.1",
                "faster-whisper==0.9.0",
                "rich==13.7.1",
                "tqdm==4.66.4",
                "httpx==0.27.0"),
            notes(
                "requests",
                "PyTorch (torch)",
                "faster-whisper (pip)",
                "1. `rich`",
                "tqdm==4.66.4",
                "httpx / scipy"));

    assertThat(run.err()).isEmpty();
    // scipy is no pip entry: the list names one pip package, but a list is no single-package
    // heading, so httpx still has no section of its own.
    assertThat(run.findings()).containsExactly("unjustified-pip httpx");
  }

  @Test
  void aSecondSectionForOnePackageIsReportedAndTheFirstCounts() throws IOException {
    String head =
        notes("requests", "torch", "rich") + "## torch==2.0.1\n\n- **Why not conda?** TODO\n";
    CliRun run =
        review(
            env("requests==2.31.0"),
            notes("requests"),
            env("requests==2.31.0", "torch==2.0.1", "rich==13.7.1"),
            head);

    assertThat(run.findings()).containsExactly("ambiguous-notes-heading torch");
    JsonNode f = ambiguous(run).get(0);
    assertThat(f.path("line").asInt()).isEqualTo(24);
    assertThat(f.path("message").asText())
        .contains("'torch==2.0.1' is a second section", "reads only 'torch' (line 10)");
  }

  @Test
  void aSectionThatCountsDoesNotHideAFirstSectionThatIsIncomplete() throws IOException {
    String head = "## torch\n\n- **Why not conda?** TODO\n\n## torch==2.0.1\n" + ANSWERS;
    CliRun run =
        review(
            env("requests==2.31.0"),
            null,
            env("requests==2.31.0", "torch==2.0.1"),
            head + "## requests\n" + ANSWERS);

    assertThat(run.findings())
        .containsExactlyInAnyOrder(
            "ambiguous-notes-heading torch", "incomplete-justification torch");
  }

  @Test
  void anOldAmbiguousHeadingIsJudgedOnlyWhenTheChangeTouchesItsPackagesOrWithAll()
      throws IOException {
    String notes = notes("torch / torchvision", "requests");
    String base = env("torch==2.0.1", "torchvision==0.15.2");
    CliRun unrelated =
        review(base, notes, env("torch==2.0.1", "torchvision==0.15.2", "requests==2.31.0"), notes);
    assertThat(unrelated.findings()).isEmpty();

    CliRun touched =
        review(base, notes, env("torch==2.0.2", "torchvision==0.15.2", "requests==2.31.0"), notes);
    assertThat(touched.findings()).containsExactly("ambiguous-notes-heading torch");

    CliRun all = CliRun.in(tmp, "review", "--all", "--head-dir", "head", "--format", "json");
    assertThat(all.findings())
        .containsExactlyInAnyOrder(
            "ambiguous-notes-heading torch",
            "unjustified-pip torch",
            "unjustified-pip torchvision");
  }
}
