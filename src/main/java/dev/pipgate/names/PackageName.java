package dev.pipgate.names;

import java.util.Locale;
import java.util.regex.Pattern;

/** Python package names as PEP 503 compares them. */
public final class PackageName {
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  /**
   * PEP 503 §normalized-names: lower case, every run of {@code -}, {@code _}, {@code .} as one
   * {@code -}.
   */
  private static final Pattern VALID =
      Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);

  private PackageName() {}

  public static String normalize(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** True for a name PEP 508 accepts (letters, digits, {@code -_.}; alphanumeric at both ends). */
  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }
}
