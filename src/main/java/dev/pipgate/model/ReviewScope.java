package dev.pipgate.model;

import java.util.Optional;

/**
 * What a review looked at, so that "no findings" is never mistaken for "reviewed": a change that
 * touches no env file passes, and every report says why.
 *
 * @param envFiles env files the change touches (every env file at head for a whole-tree review)
 * @param yamlFiles YAML files looked at for env file content
 * @param wholeTree true when every file at head was in scope ({@code --all}), not only a change's
 */
public record ReviewScope(int envFiles, int yamlFiles, boolean wholeTree) {
  public ReviewScope {
    if (envFiles < 0 || yamlFiles < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  /** The sentence every report shows when there was nothing to review, else empty. */
  public Optional<String> nothingReviewed() {
    if (envFiles > 0) {
      return Optional.empty();
    }
    return Optional.of(
        wholeTree
            ? "no conda environment files at head; "
                + yamlFiles
                + (yamlFiles == 1 ? " YAML file" : " YAML files")
                + " looked at"
            : "no conda environment files in this change; "
                + yamlFiles
                + (yamlFiles == 1 ? " changed YAML file" : " changed YAML files")
                + " looked at");
  }
}
