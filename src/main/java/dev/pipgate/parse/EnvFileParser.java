package dev.pipgate.parse;

import dev.pipgate.model.CondaDep;
import dev.pipgate.model.EnvFile;
import dev.pipgate.model.InputException;
import dev.pipgate.model.PipEntry;
import dev.pipgate.model.PipEntry.Kind;
import dev.pipgate.model.SourceTree;
import dev.pipgate.spec.CondaMatchSpec;
import dev.pipgate.spec.SpecSyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads an {@code environment.yml} the way {@code conda env create} does, keeping line numbers.
 *
 * <p>conda takes {@code name}, {@code channels}, {@code dependencies}, {@code variables} and {@code
 * prefix} and ignores other top-level keys. String items of {@code dependencies} are match specs; a
 * mapping item may only have the key {@code pip}, whose lines conda writes to a requirements file
 * next to the env file and installs with {@code pip install -U -r}. So the pip lines are read with
 * pip's requirements-file rules, and {@code -r}/{@code -c} paths resolve against the env file's
 * directory, in the same revision.
 */
public final class EnvFileParser {
  /** Most entries (conda specs plus pip lines, followed files included) one env file may yield. */
  static final int MAX_ENTRIES = 100_000;

  /** Most reads of requirements files through {@code -r}/{@code -c}, and deepest nesting. */
  static final int MAX_FOLLOWED_FILES = 100;

  static final int MAX_FOLLOW_DEPTH = 16;

  public EnvFileParser() {}

  /**
   * @param path repository path of the env file
   * @param content its bytes
   * @param tree the same revision, for files named by {@code -r}/{@code -c}
   * @throws InputException when the file is not an env file conda could read
   */
  public EnvFile parse(String path, byte[] content, SourceTree tree) {
    if (content.length > SourceTree.MAX_FILE_BYTES) {
      throw new InputException(
          path,
          0,
          "file is "
              + content.length
              + " bytes; env files over "
              + SourceTree.MAX_FILE_BYTES / (1024 * 1024)
              + " MB are not read");
    }
    String text = TextFiles.decode(path, content);
    Node root = EnvFileYaml.load(path, text);
    return new Reading(path, tree).read(root);
  }

  /**
   * Where an option line of a pip list sends pip for packages: its {@code --index-url}, {@code
   * --extra-index-url} and {@code --find-links} values, in order. Empty for any other entry: pip
   * ignores these options on a line that holds a requirement ({@code req_file.py}, {@code
   * handle_line}), so {@code torch --index-url URL} still installs from the default index.
   */
  public static List<String> packageSources(PipEntry entry) {
    if (entry.kind() != Kind.OPTION) {
      return List.of();
    }
    String text = entry.raw().strip();
    PipLineOptions options;
    try {
      options = PipLineOptions.parse(text);
    } catch (PipLineOptions.Rejected e) {
      options = e.before();
    }
    List<String> out = new ArrayList<>();
    out.addAll(options.get(PipLineOptions.Dest.INDEX_URL));
    out.addAll(options.get(PipLineOptions.Dest.EXTRA_INDEX_URLS));
    out.addAll(options.get(PipLineOptions.Dest.FIND_LINKS));
    return List.copyOf(out);
  }

  /** One env file's reading: the state shared by its YAML and the files its pip lines follow. */
  private static final class Reading {
    private final String path;
    private final SourceTree tree;
    private final List<CondaDep> conda = new ArrayList<>();
    private final List<PipEntry> pip = new ArrayList<>();
    private final Set<String> followed = new LinkedHashSet<>();
    private int entries;
    private int reads;

    Reading(String path, SourceTree tree) {
      this.path = path;
      this.tree = tree;
    }

    EnvFile read(Node root) {
      if (!(root instanceof MappingNode top)) {
        throw new InputException(
            path,
            EnvFileYaml.lineOf(root),
            "top level is " + describe(root) + ", not a mapping of name/channels/dependencies");
      }
      Map<String, NodeTuple> keys = EnvFileYaml.entries(path, top);
      String name = optionalText(keys.get("name"));
      String prefix = optionalText(keys.get("prefix"));
      List<String> channels = channels(keys.get("channels"));
      Map<String, String> variables = variables(keys.get("variables"));
      int pipListLine = 0;
      List<PipLines.Line> pipLines = new ArrayList<>();
      NodeTuple deps = keys.get("dependencies");
      if (deps != null && !isNull(deps.getValueNode())) {
        if (!(deps.getValueNode() instanceof SequenceNode list)) {
          throw new InputException(
              path,
              EnvFileYaml.lineOf(deps.getValueNode()),
              "dependencies is " + describe(deps.getValueNode()) + ", not a list");
        }
        for (Node item : list.getValue()) {
          if (item instanceof MappingNode map) {
            for (Map.Entry<String, NodeTuple> e : EnvFileYaml.entries(path, map).entrySet()) {
              if (!e.getKey().equals("pip")) {
                throw new InputException(
                    path,
                    EnvFileYaml.lineOf(e.getValue().getKeyNode()),
                    "conda accepts only 'pip:' as a mapping in dependencies, not '"
                        + e.getKey()
                        + ":'");
              }
              if (pipListLine == 0) {
                pipListLine = EnvFileYaml.lineOf(e.getValue().getKeyNode());
              }
              pipLines.addAll(pipItems(e.getValue().getValueNode()));
            }
          } else if (item instanceof ScalarNode scalar) {
            String raw = requiredString(scalar, "dependencies item");
            conda.add(condaDep(raw, EnvFileYaml.lineOf(scalar)));
          } else {
            throw new InputException(
                path, EnvFileYaml.lineOf(item), "a dependencies item is a nested list");
          }
        }
      }
      readPipLines(pipLines, path, new ArrayDeque<>(List.of(path)));
      return new EnvFile(
          path, name, channels, conda, pip, pipListLine, variables, prefix, List.copyOf(followed));
    }

    private CondaDep condaDep(String raw, int line) {
      count(line);
      try {
        CondaMatchSpec spec = CondaMatchSpec.parse(raw);
        return new CondaDep(
            path, line, raw, spec.name(), spec.channel(), spec.version(), spec.build(), null);
      } catch (SpecSyntaxException e) {
        return new CondaDep(path, line, raw, null, "", "", "", e.getMessage());
      }
    }

    /** The lines of a {@code pip:} list as conda writes them into its requirements file. */
    private List<PipLines.Line> pipItems(Node value) {
      if (!(value instanceof SequenceNode list)) {
        throw new InputException(
            path,
            EnvFileYaml.lineOf(value),
            "pip: is " + describe(value) + "; conda needs a list of pip requirement lines");
      }
      List<PipLines.Line> out = new ArrayList<>();
      for (Node item : list.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          throw new InputException(
              path,
              EnvFileYaml.lineOf(item),
              "a pip: item is " + describe(item) + ", not a requirement line");
        }
        String text = requiredString(scalar, "pip: item");
        int line = EnvFileYaml.lineOf(scalar);
        // A block scalar's text starts on the line after its indicator.
        boolean block =
            scalar.getScalarStyle() == ScalarStyle.LITERAL
                || scalar.getScalarStyle() == ScalarStyle.FOLDED;
        List<PipLines.Line> lines = PipLines.physical(text, block ? line + 1 : line);
        if (lines.isEmpty()) {
          lines = List.of(new PipLines.Line(line, ""));
        }
        for (PipLines.Line l : lines) {
          out.add(block ? l : new PipLines.Line(line, l.text()));
        }
      }
      return out;
    }

    /**
     * Classifies the lines of one file (the env file's pip: list or a followed file) and follows
     * its {@code -r} files in place, as pip does.
     */
    private void readPipLines(List<PipLines.Line> physical, String file, Deque<String> stack) {
      for (PipLines.Line line : PipLines.logical(physical)) {
        count(line.number());
        PipEntry entry = PipLineParser.parse(file, line.number(), line.text());
        boolean nested = entry.kind() == Kind.REQUIREMENTS_FILE;
        if (entry.error() != null
            || !(nested || entry.kind() == Kind.CONSTRAINTS_FILE)
            || isRemote(entry.url())) {
          pip.add(entry);
          continue;
        }
        String target = resolve(file, entry.url());
        if (target == null) {
          pip.add(withError(entry, entry.url() + " points outside the repository"));
          continue;
        }
        if (stack.contains(target)) {
          List<String> cycle = new ArrayList<>(stack);
          Collections.reverse(cycle);
          cycle.add(target);
          pip.add(
              withError(
                  entry, "requirements files include each other: " + String.join(" -> ", cycle)));
          continue;
        }
        if (stack.size() > MAX_FOLLOW_DEPTH || ++reads > MAX_FOLLOWED_FILES) {
          pip.add(withError(entry, "too many nested requirements files to follow " + target));
          continue;
        }
        String text;
        try {
          Optional<byte[]> bytes = tree.read(target);
          if (bytes.isEmpty()) {
            pip.add(withError(entry, target + " does not exist in this revision"));
            continue;
          }
          text = TextFiles.decode(target, bytes.get());
        } catch (InputException e) {
          pip.add(withError(entry, "cannot read " + target + ": " + e.getMessage()));
          continue;
        }
        pip.add(entry);
        followed.add(target);
        if (nested) {
          stack.push(target);
          readPipLines(PipLines.physical(text, 1), target, stack);
          stack.pop();
        }
        // A -c file constrains versions but installs nothing: its lines are not pip entries.
      }
    }

    private void count(int line) {
      if (++entries > MAX_ENTRIES) {
        throw new InputException(
            path, line, "more than " + MAX_ENTRIES + " dependency entries; not an env file");
      }
    }

    private List<String> channels(NodeTuple tuple) {
      List<String> out = new ArrayList<>();
      if (tuple == null || isNull(tuple.getValueNode())) {
        return out;
      }
      if (!(tuple.getValueNode() instanceof SequenceNode list)) {
        throw new InputException(
            path,
            EnvFileYaml.lineOf(tuple.getValueNode()),
            "channels is " + describe(tuple.getValueNode()) + ", not a list");
      }
      for (Node item : list.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          throw new InputException(
              path, EnvFileYaml.lineOf(item), "a channels item is " + describe(item));
        }
        out.add(requiredString(scalar, "channels item"));
      }
      return out;
    }

    private Map<String, String> variables(NodeTuple tuple) {
      Map<String, String> out = new LinkedHashMap<>();
      if (tuple == null || isNull(tuple.getValueNode())) {
        return out;
      }
      if (!(tuple.getValueNode() instanceof MappingNode map)) {
        throw new InputException(
            path,
            EnvFileYaml.lineOf(tuple.getValueNode()),
            "variables is " + describe(tuple.getValueNode()) + ", not a mapping");
      }
      for (Map.Entry<String, NodeTuple> e : EnvFileYaml.entries(path, map).entrySet()) {
        Node value = e.getValue().getValueNode();
        if (!(value instanceof ScalarNode scalar)) {
          throw new InputException(
              path,
              EnvFileYaml.lineOf(value),
              "variable " + e.getKey() + " is " + describe(value) + ", not a value");
        }
        out.put(e.getKey(), isNull(scalar) ? "" : scalar.getValue());
      }
      return out;
    }

    /** {@code name:} and {@code prefix:}: any scalar, as written; null when absent or empty. */
    private String optionalText(NodeTuple tuple) {
      if (tuple == null || isNull(tuple.getValueNode())) {
        return null;
      }
      if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
        throw new InputException(
            path,
            EnvFileYaml.lineOf(tuple.getValueNode()),
            ((ScalarNode) tuple.getKeyNode()).getValue()
                + " is "
                + describe(tuple.getValueNode())
                + ", not a string");
      }
      return scalar.getValue();
    }

    /**
     * Where conda needs a string: YAML 1.2 reads {@code 3.9} as a number, {@code true} as a
     * boolean, an empty item as null, and conda then fails on the item.
     */
    private String requiredString(ScalarNode scalar, String what) {
      if (scalar.getTag().equals(Tag.STR)) {
        return scalar.getValue();
      }
      if (isNull(scalar)) {
        throw new InputException(path, EnvFileYaml.lineOf(scalar), "empty " + what);
      }
      throw new InputException(
          path,
          EnvFileYaml.lineOf(scalar),
          what
              + " '"
              + scalar.getValue()
              + "' is "
              + describe(scalar)
              + " in YAML, not a string; quote it");
    }

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static String describe(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      if (node instanceof SequenceNode) {
        return "a list";
      }
      Tag tag = node.getTag();
      if (tag.equals(Tag.NULL)) {
        return "empty";
      }
      if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
        return "a number";
      }
      if (tag.equals(Tag.BOOL)) {
        return "a boolean";
      }
      return "a string";
    }

    private static PipEntry withError(PipEntry e, String error) {
      return new PipEntry(
          e.file(),
          e.line(),
          e.raw(),
          e.kind(),
          e.name(),
          e.displayName(),
          e.extras(),
          e.specifier(),
          e.marker(),
          e.url(),
          e.ref(),
          error,
          e.bestEffortName());
    }

    /** pip fetches {@code -r https://...} itself; this reader follows only repository files. */
    private static boolean isRemote(String target) {
      String lower = target.toLowerCase(Locale.ROOT);
      return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("file:");
    }
  }

  /**
   * The repository path of {@code target} named in {@code fromFile} (pip joins it to the directory
   * of the file that names it), or null when it leaves the repository.
   */
  static String resolve(String fromFile, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.startsWith("\\")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    int slash = fromFile.lastIndexOf('/');
    String dir = slash < 0 ? "" : fromFile.substring(0, slash);
    for (String segment : (dir + "/" + target).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }
}
