package dev.pipgate.cli;

import java.util.List;
import picocli.CommandLine;

/** Every subcommand, each built with the context it runs in. */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all(CliContext context) {
    CommandLine notes = new CommandLine(new NotesCommand(context), factory(context));
    return List.of(
        new ReviewCommand(context),
        new ParseCommand(context),
        notes,
        new EnvCheckCommand(context),
        new ActionCommand(context));
  }

  /** Builds nested subcommand classes with the context, as the top-level ones are. */
  static CommandLine.IFactory factory(CliContext context) {
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
  }
}
