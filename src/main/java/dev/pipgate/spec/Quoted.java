package dev.pipgate.spec;

/** Input echoed in an error message, quoted and cut short so hostile input stays readable. */
final class Quoted {
  private static final int MAX = 60;

  private Quoted() {}

  static String of(String text) {
    String shown = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
    return "'" + shown + "'";
  }
}
