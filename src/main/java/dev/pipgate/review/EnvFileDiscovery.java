package dev.pipgate.review;

import dev.pipgate.config.Config;
import dev.pipgate.config.PathFilter;
import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import dev.pipgate.parse.EnvFileSniff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which files of a change are conda env files. A file the {@code env-files} globs name is one on
 * every review (and read strictly: an error in it is an error). Any other YAML file the change
 * touches — added, modified, deleted, or renamed, both sides — is one when its content is ({@link
 * EnvFileSniff}); with {@code --all}, every YAML file at head is looked at. Paths {@code exclude}
 * names are never looked at, except the new name of a renamed env file: moving an env file must not
 * take its entries out of review.
 *
 * <p>Reading is bounded: a git change lists the paths it touches, so only those are read; two
 * directories (or a working tree against a commit) have no such list, so their YAML files are read
 * on both sides and compared, and only the ones that differ count as touched. Each file is read
 * once.
 */
final class EnvFileDiscovery {
  private final Config config;
  private final Review.Sides sides;
  private final boolean all;
  private final PathFilter exclude;
  private final Map<String, Optional<byte[]>> headBytes = new HashMap<>();
  private final Map<String, Optional<byte[]>> baseBytes = new HashMap<>();
  private final Map<String, Boolean> touched = new HashMap<>();
  private final Set<String> looked = new TreeSet<>();

  /**
   * One env file under review, with its bytes on each side.
   *
   * @param basePath the path at base, or null when it is not an env file there (added, or turned
   *     into one)
   * @param headPath the path at head, or null when it is not an env file there (deleted, or turned
   *     into something else)
   * @param touched true when the change touches the file (its bytes differ, or it moved)
   */
  record Found(String basePath, byte[] base, String headPath, byte[] head, boolean touched) {
    String path() {
      return headPath != null ? headPath : basePath;
    }
  }

  EnvFileDiscovery(Config config, Review.Sides sides, boolean all) {
    this.config = config;
    this.sides = sides;
    this.all = all;
    this.exclude = new PathFilter(config.exclude());
  }

  /** The env files of the change, by head path (base path for those gone at head). */
  List<Found> find() {
    SourceTree head = sides.head();
    SourceTree base = sides.base();
    Set<String> globHead = unexcluded(Review.envPaths(head, config.envFiles()));
    Set<String> globBase =
        base == null ? Set.of() : unexcluded(Review.envPaths(base, config.envFiles()));
    Map<String, byte[]> atHead = new TreeMap<>();
    Map<String, byte[]> atBase = new TreeMap<>();
    for (String p : globHead) {
      atHead.put(p, head.read(p).orElseThrow());
    }
    for (String p : globBase) {
      atBase.put(p, base.read(p).orElseThrow());
    }
    for (String p : yamlCandidates()) {
      looked.add(p);
      if (config.discovery() != Config.Discovery.CONTENT
          || globHead.contains(p)
          || globBase.contains(p)) {
        continue;
      }
      readQuietly(head, headBytes, p)
          .filter(b -> EnvFileSniff.isEnvFile(p, b))
          .ifPresent(b -> atHead.put(p, b));
      if (base != null) {
        readQuietly(base, baseBytes, p)
            .filter(b -> EnvFileSniff.isEnvFile(p, b))
            .ifPresent(b -> atBase.put(p, b));
      }
    }
    // An env file renamed to a name no glob matches, or into an excluded folder, stays an env
    // file as long as its content is one.
    sides
        .renamedFrom()
        .forEach(
            (to, from) -> {
              if (atBase.containsKey(from) && !atHead.containsKey(to)) {
                readQuietly(head, headBytes, to)
                    .filter(b -> EnvFileSniff.isEnvFile(to, b))
                    .ifPresent(b -> atHead.put(to, b));
              }
            });

    List<Found> out = new ArrayList<>();
    Set<String> paired = new TreeSet<>();
    for (Map.Entry<String, byte[]> h : atHead.entrySet()) {
      String path = h.getKey();
      // A rename pairs two env files only when the old path was an env file too: entries renamed
      // in from a file that was not one were never reviewed, so they are new.
      String from = sides.renamedFrom().get(path);
      String basePath =
          from != null && atBase.containsKey(from) ? from : atBase.containsKey(path) ? path : null;
      byte[] baseSide = basePath == null ? null : atBase.get(basePath);
      if (basePath == null && globHead.contains(path) && base != null) {
        // A glob names the file on both sides: whatever is at base is read as an env file.
        baseSide = base.read(path).orElse(null);
        basePath = baseSide == null ? null : path;
      }
      if (basePath != null) {
        paired.add(basePath);
      }
      boolean moved = basePath != null && !basePath.equals(path);
      out.add(
          new Found(
              basePath,
              baseSide,
              path,
              h.getValue(),
              all || moved || baseSide == null || !Arrays.equals(baseSide, h.getValue())));
    }
    for (Map.Entry<String, byte[]> b : atBase.entrySet()) {
      if (!paired.contains(b.getKey())) {
        out.add(new Found(b.getKey(), b.getValue(), null, null, true));
      }
    }
    return out;
  }

  /**
   * Env files the change does not touch, by content, at head: read only on demand, to know which
   * packages they install (a justification is not stale while some env file still installs its
   * package) or when a file they follow with {@code -r} changed.
   */
  List<Found> untouched(Set<String> known) {
    List<Found> out = new ArrayList<>();
    if (config.discovery() != Config.Discovery.CONTENT) {
      return out;
    }
    for (String p : sides.head().list()) {
      if (isYaml(p) && !exclude.excluded(p) && !known.contains(p)) {
        readQuietly(sides.head(), headBytes, p)
            .filter(b -> EnvFileSniff.isEnvFile(p, b))
            .ifPresent(b -> out.add(new Found(p, b, p, b, false)));
      }
    }
    return out;
  }

  /** YAML files looked at for env file content. */
  int yamlFilesLookedAt() {
    return looked.size();
  }

  /** True when {@code path} differs between the sides (or is on one side only). */
  boolean touched(String path) {
    if (sides.base() == null) {
      return true;
    }
    Optional<Set<String>> changed = sides.changed();
    if (changed.isPresent()) {
      return changed.get().contains(path);
    }
    return touched.computeIfAbsent(
        path,
        p -> {
          Optional<byte[]> b = readQuietly(sides.base(), baseBytes, p);
          Optional<byte[]> h = readQuietly(sides.head(), headBytes, p);
          return b.isPresent() != h.isPresent()
              || b.isPresent() && !Arrays.equals(b.get(), h.get());
        });
  }

  /**
   * True when a change to {@code path} could change what an untouched env file installs: a
   * requirements or constraints file it may follow with {@code -r}/{@code -c}.
   */
  static boolean mayBeFollowed(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.endsWith(".txt")
        || name.endsWith(".in")
        || name.contains("requirement")
        || name.contains("constraint");
  }

  /** The changed paths, when the sides come with a list of them. */
  Optional<Set<String>> changedPaths() {
    return sides.changed();
  }

  /** The YAML files to look at: those the change touches, and every one at head with --all. */
  private Set<String> yamlCandidates() {
    Set<String> out = new TreeSet<>();
    if (all || sides.base() == null) {
      for (String p : sides.head().list()) {
        if (isYaml(p) && !exclude.excluded(p)) {
          out.add(p);
        }
      }
    }
    if (sides.base() == null) {
      return out;
    }
    Set<String> paths = new TreeSet<>();
    if (sides.changed().isPresent()) {
      paths.addAll(sides.changed().get());
    } else {
      paths.addAll(sides.base().list());
      paths.addAll(sides.head().list());
    }
    for (String p : paths) {
      if (isYaml(p) && !exclude.excluded(p) && touched(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private Set<String> unexcluded(Set<String> paths) {
    Set<String> out = new TreeSet<>();
    for (String p : paths) {
      if (!exclude.excluded(p)) {
        out.add(p);
      }
    }
    return out;
  }

  static boolean isYaml(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yml") || lower.endsWith(".yaml");
  }

  /**
   * A file looked at for its content only: one that cannot be read as a regular file (a link, a
   * directory, a submodule, over the size limit) is not an env file conda would read from this
   * revision, so it is passed over rather than failing the review.
   */
  private static Optional<byte[]> readQuietly(
      SourceTree tree, Map<String, Optional<byte[]>> cache, String path) {
    return cache.computeIfAbsent(
        path,
        p -> {
          try {
            return tree.read(p);
          } catch (InputException e) {
            return Optional.empty();
          }
        });
  }
}
