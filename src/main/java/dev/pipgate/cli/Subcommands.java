package dev.pipgate.cli;

import java.util.List;

/** Every subcommand, each built with the context it runs in. */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all(CliContext context) {
    return List.of();
  }
}
