package dev.pipgate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.PipEntry;

/**
 * A parsed env file as JSON ({@code pipgate parse FILE --format json}): what pipgate read, line by
 * line. {@code path, name, channels, conda[name, spec, line], pip[name, spec, line, kind]} are a
 * contract; the other fields may grow.
 */
public final class EnvFileJson {
  private EnvFileJson() {}

  public static String render(EnvFile env) {
    ObjectNode root = JsonOutput.object();
    root.put("path", env.path());
    root.put("name", env.name());
    ArrayNode channels = root.putArray("channels");
    env.channels().forEach(channels::add);
    ArrayNode conda = root.putArray("conda");
    for (CondaDep d : env.conda()) {
      ObjectNode o = conda.addObject();
      o.put("name", d.name());
      o.put("spec", d.raw());
      o.put("line", d.line());
      o.put("file", d.file());
      o.put("error", d.error());
    }
    ArrayNode pip = root.putArray("pip");
    for (PipEntry p : env.pip()) {
      ObjectNode o = pip.addObject();
      o.put("name", p.name());
      o.put("spec", p.spec());
      o.put("line", p.line());
      o.put("kind", p.kind().id());
      o.put("raw", p.raw());
      o.put("file", p.file());
      o.put("error", p.error());
    }
    return JsonOutput.write(root);
  }
}
