package dev.pipgate.config;

import dev.pipgate.model.InputException;

/** Reads a shared policy file; it fails with a message that names the reference, never silently. */
@FunctionalInterface
public interface PolicySource {
  /** Without access to GitHub: a policy reference is an error that says how to give one. */
  PolicySource NONE =
      ref -> {
        throw InputException.general(
            "policy "
                + ref
                + ": reading a shared policy needs GitHub's API (the action reads it with its"
                + " token or policy-token); locally, give the file with --policy-file FILE");
      };

  byte[] read(PolicyRef ref);
}
