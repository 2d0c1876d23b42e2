package dev.pipgate.report;

import java.util.List;

/** The reporter for each format. */
public final class Reporters {
  private Reporters() {}

  /**
   * A reporter with defaults: Markdown links to the notes file relative to the repository root, and
   * SARIF describes only the rules that fired.
   */
  public static Reporter of(Format format) {
    return of(format, List.of(), "");
  }

  /**
   * @param rules every rule pipgate knows, for SARIF's rule metadata
   * @param notesLinkBase prefix of Markdown links to the notes file (e.g. a blob URL ending in
   *     {@code /}), or "" for links relative to the repository root
   */
  public static Reporter of(Format format, List<RuleInfo> rules, String notesLinkBase) {
    return switch (format) {
      case TEXT -> new TextReporter();
      case MARKDOWN -> new MarkdownReporter(notesLinkBase);
      case JSON -> new JsonReporter();
      case SARIF -> new SarifReporter(rules);
    };
  }
}
