package dev.pipgate.envcheck;

import java.util.Objects;

/**
 * One installed distribution as reported: what {@code pip inspect} lists, plus whether a conda
 * record owns it.
 *
 * @param location the metadata directory, relative to the prefix when inside it
 */
public record DistributionView(
    String name,
    String version,
    String installer,
    boolean requested,
    boolean conda,
    String location) {
  public DistributionView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(installer, "installer");
    Objects.requireNonNull(location, "location");
  }
}
