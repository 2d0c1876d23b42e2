package dev.pipgate.names;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pipgate.model.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which PyPI project a conda package is. Most share a name after PEP 503 normalisation; the
 * well-known exceptions (DOMAIN.md, "conda ↔ PyPI names") are built in, and a full mapping (the
 * conda-forge mapping published by prefix-dev/parselmouth, {@code compressed_mapping.json}: conda
 * name → PyPI name, list of names, or null) can be loaded at run time.
 */
public final class CondaNames {
  private static final Map<String, List<String>> KNOWN =
      Map.ofEntries(
          Map.entry("pytorch", List.of("torch")),
          Map.entry("pytorch-cpu", List.of("torch")),
          Map.entry("pytorch-gpu", List.of("torch")),
          Map.entry("py-opencv", List.of("opencv-python")),
          Map.entry("opencv", List.of("opencv-python", "opencv-python-headless")),
          Map.entry("msgpack-python", List.of("msgpack")),
          Map.entry("pytables", List.of("tables")),
          Map.entry("python-graphviz", List.of("graphviz")),
          Map.entry("matplotlib-base", List.of("matplotlib")),
          Map.entry("tensorflow-base", List.of("tensorflow")),
          Map.entry("tensorflow-gpu", List.of("tensorflow", "tensorflow-gpu")),
          Map.entry("python-flatbuffers", List.of("flatbuffers")),
          Map.entry("dask-core", List.of("dask")),
          Map.entry("brotli-python", List.of("brotli")),
          // conda packages with no PyPI twin: a pip entry never shadows them by name.
          Map.entry("cudatoolkit", List.of()),
          Map.entry("cudnn", List.of()),
          Map.entry("libprotobuf", List.of()),
          Map.entry("hdf5", List.of()),
          Map.entry("nccl", List.of()));

  /** Far above conda-forge's mapping (about 1 MB for 34,000 packages), far below a heap's worth. */
  static final long MAX_MAPPING_BYTES = 32L * 1024 * 1024;

  private final Map<String, List<String>> condaToPypi;
  private final Map<String, String> pypiToConda;
  private final boolean fromMappingFile;

  private CondaNames(Map<String, List<String>> condaToPypi, boolean fromMappingFile) {
    this.condaToPypi = condaToPypi;
    this.fromMappingFile = fromMappingFile;
    // Several conda packages often provide one PyPI project (pytorch, pytorch-cpu, pytorch-gpu →
    // torch). Pick one by name, never by the map's iteration order, which differs between runs:
    // the conda package of the same name, else the alphabetically first.
    Map<String, String> reverse = new HashMap<>();
    condaToPypi.forEach(
        (conda, pypis) ->
            pypis.forEach(p -> reverse.merge(p, conda, (a, b) -> preferred(p, a, b))));
    this.pypiToConda = reverse;
  }

  private static String preferred(String pypi, String a, String b) {
    if (a.equals(pypi) || b.equals(pypi)) {
      return pypi;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The built-in exceptions only. */
  public static CondaNames builtIn() {
    return new CondaNames(KNOWN, /* fromMappingFile= */ false);
  }

  /** The built-in exceptions, completed by a parselmouth mapping file. */
  public static CondaNames load(Path mappingFile, String shownAs) {
    try {
      if (Files.size(mappingFile) > MAX_MAPPING_BYTES) {
        throw new InputException(
            shownAs,
            0,
            "conda name mapping is larger than "
                + MAX_MAPPING_BYTES / (1024 * 1024)
                + " MiB (conda-forge's has about 1 MB)");
      }
    } catch (IOException e) {
      throw new InputException(shownAs, 0, "cannot read conda name mapping: " + e.getMessage());
    }
    Map<String, List<String>> map = new HashMap<>();
    try (InputStream in = Files.newInputStream(mappingFile);
        JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(shownAs, 1, "a conda name mapping must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String conda = PackageName.normalize(p.currentName());
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
          map.put(conda, List.of(PackageName.normalize(p.getText())));
        } else if (t == JsonToken.START_ARRAY) {
          List<String> names = new java.util.ArrayList<>();
          JsonToken item;
          while ((item = p.nextToken()) == JsonToken.VALUE_STRING) {
            names.add(PackageName.normalize(p.getText()));
          }
          if (item != JsonToken.END_ARRAY) {
            throw new InputException(
                shownAs,
                p.currentLocation().getLineNr(),
                "mapping value for '" + conda + "' must be a list of names");
          }
          map.put(conda, List.copyOf(names));
        } else if (t == JsonToken.VALUE_NULL) {
          map.put(conda, List.of());
        } else {
          throw new InputException(
              shownAs,
              p.currentLocation().getLineNr(),
              "mapping value for '" + conda + "' must be a name, a list of names or null");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new InputException(
            shownAs,
            p.currentLocation().getLineNr(),
            "a conda name mapping must be one JSON object, with nothing after it");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new InputException(
          shownAs, line, "conda name mapping is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(shownAs, 0, "cannot read conda name mapping: " + e.getMessage());
    }
    map.putAll(KNOWN);
    return new CondaNames(Map.copyOf(map), /* fromMappingFile= */ true);
  }

  /** The PyPI names (PEP 503) a conda package installs; its own name when nothing is known. */
  public Set<String> pypiNamesOf(String condaName) {
    String n = PackageName.normalize(condaName);
    List<String> known = condaToPypi.get(n);
    Set<String> out = new HashSet<>(known == null ? List.of(n) : known);
    return Set.copyOf(out);
  }

  /** True when a full mapping file was loaded, so absence from it means something. */
  public boolean fromMappingFile() {
    return fromMappingFile;
  }

  /** A conda package (in the loaded mapping) that provides the PyPI project, if any is known. */
  public Optional<String> condaPackageFor(String pypiName) {
    return Optional.ofNullable(pypiToConda.get(PackageName.normalize(pypiName)));
  }
}
