package dev.pipgate.envcheck;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipgate.model.InputException;
import dev.pipgate.names.PackageName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pip install --dry-run --report FILE} says pip would install (pip's "Installation
 * Report", format version "1", stable since pip 23.0): for each item, its metadata as JSON.
 *
 * @param file the report's path as given, for findings
 */
public record PipReport(String file, String pipVersion, List<Item> install) {
  public static final String FORMAT_VERSION = "1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public PipReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pipVersion, "pipVersion");
    install = List.copyOf(install);
  }

  /**
   * One distribution pip would install.
   *
   * @param requested true when the user named it, false when pulled as a dependency
   * @param url {@code download_info.url}
   */
  public record Item(
      String name,
      String version,
      boolean requested,
      boolean isDirect,
      String url,
      List<String> requiresDist) {
    public Item {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(url, "url");
      requiresDist = List.copyOf(requiresDist);
    }

    public String key() {
      return PackageName.normalize(name);
    }
  }

  /**
   * @throws InputException naming {@code file} when the bytes are not a version 1 report
   */
  public static PipReport read(String file, byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new InputException(file, line, "not a pip report: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new InputException(file, 0, "not a pip report: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(file, 0, "not a pip report: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputException(file, 0, "not a pip report: expected a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isTextual()) {
      throw new InputException(
          file,
          0,
          "not a pip report: no \"version\" (write it with pip install --dry-run --report)");
    }
    if (!version.asText().equals(FORMAT_VERSION)) {
      throw new InputException(
          file,
          0,
          "pip report format version \""
              + version.asText()
              + "\" is not supported (pipgate reads version \"1\", pip >= 23.0)");
    }
    JsonNode install = root.get("install");
    if (install == null || !install.isArray()) {
      throw new InputException(file, 0, "pip report without an \"install\" list");
    }
    List<Item> items = new ArrayList<>();
    int index = 0;
    for (JsonNode item : install) {
      JsonNode metadata = item.path("metadata");
      String name = metadata.path("name").isTextual() ? metadata.path("name").asText() : "";
      String ver = metadata.path("version").isTextual() ? metadata.path("version").asText() : "";
      if (name.isBlank() || ver.isBlank() || !PackageName.isValid(name)) {
        throw new InputException(
            file, 0, "pip report item " + index + " has no valid metadata name and version");
      }
      List<String> requires = new ArrayList<>();
      JsonNode rd = metadata.path("requires_dist");
      if (!rd.isMissingNode() && !rd.isNull()) {
        if (!rd.isArray()) {
          throw new InputException(
              file, 0, "pip report item " + name + ": requires_dist is not a list");
        }
        for (JsonNode r : rd) {
          if (!r.isTextual()) {
            throw new InputException(
                file, 0, "pip report item " + name + ": requires_dist holds a non-string");
          }
          requires.add(r.asText());
        }
      }
      items.add(
          new Item(
              name,
              ver,
              item.path("requested").asBoolean(false),
              item.path("is_direct").asBoolean(false),
              item.path("download_info").path("url").asText(""),
              requires));
      index++;
    }
    return new PipReport(file, root.path("pip_version").asText(""), items);
  }
}
