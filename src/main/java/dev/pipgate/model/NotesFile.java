package dev.pipgate.model;

import java.util.List;
import java.util.Objects;

/** A parsed {@code requirements-notes.md}: its package sections in file order. */
public record NotesFile(String path, List<NotesSection> sections) {
  public NotesFile {
    Objects.requireNonNull(path, "path");
    sections = List.copyOf(sections);
  }
}
