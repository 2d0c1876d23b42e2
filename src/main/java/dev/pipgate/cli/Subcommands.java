package dev.pipgate.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every subcommand, each built with the context it runs in. A run builds only the picocli model of
 * the command it names: picocli reads each command's annotations by reflection, which is most of
 * its start-up time.
 */
final class Subcommands {
  private Subcommands() {}

  /** In the order help and usage lines list them. */
  private static final List<Class<?>> ALL =
      List.of(
          ReviewCommand.class,
          ParseCommand.class,
          NotesCommand.class,
          EnvCheckCommand.class,
          AuditCommand.class,
          ActionCommand.class);

  /**
   * Adds the subcommands a run needs to the top-level command: the one its first argument names, or
   * else every one and {@code help} (a bare {@code pipgate}, {@code --help}, {@code help} and
   * mistakes before a command list them all).
   */
  static void addTo(CommandLine top, CliContext context, String[] args) {
    CommandLine.IFactory factory = factory(context);
    String first = args.length == 0 ? "" : args[0];
    List<Class<?>> named = ALL.stream().filter(c -> name(c).equals(first)).toList();
    for (Class<?> command : named.isEmpty() ? ALL : named) {
      top.addSubcommand(new CommandLine(command, factory));
    }
    if (named.isEmpty()) {
      top.addSubcommand("help", new CommandLine.HelpCommand());
    }
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** Builds subcommand classes, nested ones too, with the context. */
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
