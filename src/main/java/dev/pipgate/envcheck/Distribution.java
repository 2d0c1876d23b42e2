package dev.pipgate.envcheck;

import dev.pipgate.names.PackageName;
import java.util.List;
import java.util.Objects;

/**
 * One installed Python distribution: a {@code *.dist-info} or {@code *.egg-info} metadata directory
 * (or an {@code *.egg-info} file) in a site-packages directory.
 *
 * @param name the {@code Name} from the metadata, as written
 * @param version the {@code Version} from the metadata, as written
 * @param installer the first non-blank line of {@code INSTALLER} (pip reads it this way), or ""
 * @param requested true when {@code REQUESTED} exists (PEP 376: asked for by the user)
 * @param directUrl the text of {@code direct_url.json} (PEP 610), or "" when absent
 * @param location the metadata directory, relative to the prefix when inside it, forward slashes
 * @param metadataFile the file holding Name/Version ({@code METADATA} or {@code PKG-INFO}),
 *     relative like {@code location}
 * @param requires the requirements pip reads for it: {@code Requires-Dist} headers, or for egg-info
 *     without them, the lines of {@code requires.txt} turned into requirement strings
 * @param recordPaths the files {@code RECORD} (or egg-info {@code installed-files.txt}) lists,
 *     relative to the prefix when inside it; read from disk the first time it is used
 * @param eggInfo true for egg-info metadata
 */
public record Distribution(
    String name,
    String version,
    String installer,
    boolean requested,
    String directUrl,
    String location,
    String metadataFile,
    List<DeclaredRequirement> requires,
    List<String> recordPaths,
    boolean eggInfo) {
  public Distribution {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(installer, "installer");
    Objects.requireNonNull(directUrl, "directUrl");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(metadataFile, "metadataFile");
    requires = List.copyOf(requires);
    // Read on demand when the scan says so; copied otherwise.
    recordPaths =
        recordPaths instanceof OnDemandList<String> ? recordPaths : List.copyOf(recordPaths);
  }

  /** PEP 503-normalised name. */
  public String key() {
    return PackageName.normalize(name);
  }

  /**
   * One requirement string as pip reads it, with where it is written.
   *
   * @param text a PEP 508 requirement
   * @param file the file it is in, relative to the prefix
   * @param line its 1-based line in that file
   */
  public record DeclaredRequirement(String text, String file, int line) {
    public DeclaredRequirement {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(file, "file");
    }
  }
}
