package dev.pipgate.parse;

import dev.pipgate.model.InputException;
import dev.pipgate.model.SourceTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads an env file into a YAML node graph with line marks, refusing what conda's loader refuses
 * and what could exhaust pipgate.
 *
 * <p>conda reads env files with ruamel.yaml's safe loader (YAML 1.2): duplicate keys and tags other
 * than the standard ones ({@code !!python/tuple} in old {@code conda env export} output) are
 * errors, {@code <<} merge keys work. snakeyaml-engine's composer checks neither duplicates nor
 * tags and recurses once per nesting level, so this class walks the events first to bound depth and
 * aliases, then checks the composed graph itself.
 */
public final class EnvFileYaml {
  /** Deepest collection nesting accepted; an env file needs four levels. */
  static final int MAX_DEPTH = 64;

  /** Aliases to collections accepted; ordinary anchors use a handful. */
  static final int MAX_COLLECTION_ALIASES = 50;

  private static final String MERGE_KEY = "<<";

  /** Tags ruamel.yaml's safe constructor knows; anything else fails in conda. */
  private static final Set<String> SAFE_TAGS =
      Set.of(
          Tag.STR.getValue(),
          Tag.INT.getValue(),
          Tag.FLOAT.getValue(),
          Tag.BOOL.getValue(),
          Tag.NULL.getValue(),
          Tag.SEQ.getValue(),
          Tag.MAP.getValue(),
          Tag.SET.getValue(),
          Tag.BINARY.getValue(),
          Tag.PREFIX + "timestamp",
          Tag.PREFIX + "omap",
          Tag.PREFIX + "pairs",
          Tag.MERGE.getValue());

  private final String path;
  private final String text;

  private EnvFileYaml(String path, String text) {
    this.path = path;
    this.text = text;
  }

  /**
   * The root node, checked; throws InputException for anything conda or pipgate refuses. Also the
   * safe way to read pipgate's own YAML config: the same bounds on size, nesting and aliases.
   */
  public static Node load(String path, String text) {
    return new EnvFileYaml(path, text)
        .loadOrEmpty()
        .orElseThrow(
            () -> new InputException(path, 0, "empty YAML document; conda needs a mapping"));
  }

  /** As {@link #load}, but a document with no content (only comments) is empty, not an error. */
  public static Optional<Node> loadOrEmpty(String path, String text) {
    return new EnvFileYaml(path, text).loadOrEmpty();
  }

  private Optional<Node> loadOrEmpty() {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(path)
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            // Checked in checkGraph, where the key's line is known.
            .setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
            .setCodePointLimit((int) SourceTree.MAX_FILE_BYTES)
            .setSchema(new CoreSchema())
            .build();
    Optional<Node> root;
    try {
      checkEvents(settings);
      root = new Compose(settings).composeString(text);
    } catch (InputException e) {
      throw e;
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().orElse(null);
      if (e.getContextMark().isPresent() && (mark == null || mark.getIndex() >= text.length())) {
        // "found unexpected end of stream": the construct that never ended is more useful.
        mark = e.getContextMark().get();
      }
      throw new InputException(path, lineOf(mark), describe(e, mark), e);
    } catch (YamlEngineException e) {
      throw new InputException(path, 0, "YAML: " + firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // A defect in the YAML library on hostile input is still an unreadable file.
      throw new InputException(
          path, 0, "YAML could not be read: " + e.getClass().getSimpleName(), e);
    }
    root.ifPresent(this::checkGraph);
    return root;
  }

  /**
   * Streams the parser events (the parser is iterative, the composer recursive) to stop deep
   * nesting and alias bombs before composing.
   */
  private void checkEvents(LoadSettings settings) {
    int depth = 0;
    Set<String> collectionAnchors = new HashSet<>();
    int collectionAliases = 0;
    for (Event event : new Parse(settings).parseString(text)) {
      if (event instanceof CollectionStartEvent start) {
        if (++depth > MAX_DEPTH) {
          throw new InputException(
              path,
              lineOf(event.getStartMark().orElse(null)),
              "YAML nested deeper than " + MAX_DEPTH + " levels");
        }
        start.getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
      } else if (event.getEventId() == Event.ID.MappingEnd
          || event.getEventId() == Event.ID.SequenceEnd) {
        depth--;
      } else if (event instanceof AliasEvent alias
          && collectionAnchors.contains(alias.getAlias().getValue())
          && ++collectionAliases > MAX_COLLECTION_ALIASES) {
        throw new InputException(
            path,
            lineOf(event.getStartMark().orElse(null)),
            "more than "
                + MAX_COLLECTION_ALIASES
                + " aliases to lists or mappings (an alias bomb?)");
      }
    }
  }

  /** Every node once (aliases share nodes): tags conda knows, no duplicate keys. */
  private void checkGraph(Node root) {
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node node = todo.pop();
      if (seen.put(node, Boolean.TRUE) != null) {
        continue;
      }
      String tag = node.getTag().getValue();
      if (!SAFE_TAGS.contains(tag)) {
        throw new InputException(
            path,
            lineOf(node),
            "YAML tag "
                + shortTag(tag)
                + " is not allowed; conda's safe YAML loader rejects it"
                + (tag.endsWith("python/tuple") ? " (write a plain list)" : ""));
      }
      if (node instanceof MappingNode map) {
        Map<String, Integer> keys = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
          Node key = tuple.getKeyNode();
          if (!(key instanceof ScalarNode)) {
            throw new InputException(
                path,
                lineOf(key),
                "a mapping key is itself a "
                    + (key instanceof MappingNode ? "mapping" : "list")
                    + "; conda's YAML loader rejects it (a template placeholder like {{ x }}?)");
          }
          if (key instanceof ScalarNode scalar && !isMergeKey(scalar)) {
            String id = scalar.getTag().getValue() + "\u0000" + scalar.getValue();
            Integer first = keys.putIfAbsent(id, lineOf(key));
            if (first != null) {
              throw new InputException(
                  path,
                  lineOf(key),
                  "duplicate key '" + scalar.getValue() + "' (first at line " + first + ")");
            }
          }
          todo.push(tuple.getValueNode());
          todo.push(key);
        }
      } else if (node instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) {
          todo.push(item);
        }
      }
    }
  }

  /**
   * A mapping's entries by key text, in order, with {@code <<} merge keys applied (explicit keys
   * win, then earlier merged mappings). Values keep their own marks.
   */
  static Map<String, NodeTuple> entries(String path, MappingNode map) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    List<NodeTuple> merged = new ArrayList<>();
    collectMerged(path, map, merged, 0);
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && !isMergeKey(key)) {
        out.put(key.getValue(), tuple);
      }
    }
    for (NodeTuple tuple : merged) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        out.putIfAbsent(key.getValue(), tuple);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static void collectMerged(String path, MappingNode map, List<NodeTuple> out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InputException(path, lineOf(map), "merge keys (<<) nested too deeply");
    }
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key) || !isMergeKey(key)) {
        continue;
      }
      Node value = tuple.getValueNode();
      List<Node> sources =
          value instanceof SequenceNode seq ? seq.getValue() : Collections.singletonList(value);
      for (Node source : sources) {
        if (!(source instanceof MappingNode m)) {
          throw new InputException(
              path, lineOf(source), "a merge key (<<) needs a mapping or a list of mappings");
        }
        for (NodeTuple t : m.getValue()) {
          if (!(t.getKeyNode() instanceof ScalarNode k) || !isMergeKey(k)) {
            out.add(t);
          }
        }
        collectMerged(path, m, out, depth + 1);
      }
    }
  }

  private static boolean isMergeKey(ScalarNode key) {
    return key.isPlain() && MERGE_KEY.equals(key.getValue()) || key.getTag().equals(Tag.MERGE);
  }

  /** 1-based line of a node's start, or 0 when unknown. */
  static int lineOf(Node node) {
    return lineOf(node.getStartMark().orElse(null));
  }

  static int lineOf(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private String describe(MarkedYamlEngineException e, Mark mark) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (problem.contains("\\t") || problem.contains("\t") || tabIndented(lineOf(mark))) {
      return "tab character in indentation; YAML allows only spaces there";
    }
    String context = e.getContext();
    String message = context == null || context.isBlank() ? problem : context + ": " + problem;
    return "YAML: "
        + firstLine(message.isBlank() ? String.valueOf(e.getMessage()) : message)
        + templateHint();
  }

  /**
   * A file with Jinja blocks ({@code {% if %}}, {@code {{ x }}}) is a template that a tool such as
   * conda-devenv renders first; conda cannot read it as it is, and neither can pipgate.
   */
  private String templateHint() {
    return text.contains("{%") || text.contains("{{")
        ? " (the file is a Jinja template, which conda cannot read unrendered; if it is not a conda"
            + " env file, add it to exclude: in the config)"
        : "";
  }

  private boolean tabIndented(int line) {
    if (line <= 0) {
      return false;
    }
    int start = 0;
    for (int i = 1; i < line; i++) {
      start = text.indexOf('\n', start);
      if (start < 0) {
        return false;
      }
      start++;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        return true;
      }
      if (c != ' ' && c != '-') {
        return false;
      }
    }
    return false;
  }

  private static String shortTag(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
