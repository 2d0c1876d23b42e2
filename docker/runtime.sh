#!/usr/bin/env bash
# Builds the Java runtime that runs pipgate's jar, and the launcher's JVM flags as a java argument
# file, for images without bash:
#
#   docker/runtime.sh JAR DIR    writes DIR/jre and DIR/jvm.args
#
# DIR/jre is a jlink image: the modules jdeps finds in the jar, elliptic curves for TLS to the
# GitHub API, and a CDS base archive (the JDK's classes pre-parsed; an AppCDS archive of pipgate's
# classes needs it). DIR/jvm.args holds bin/pipgate's flags, one a line, so that
# `DIR/jre/bin/java @DIR/jvm.args -jar JAR ...` starts the JVM the way bin/pipgate does.
# JLINK and JDEPS name other tools (default: the ones on the PATH).
set -euo pipefail

jar="$1"
out="$2"
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"

# "base": with --multi-release 17, jdeps 17 reports java.base alone for this shaded jar.
modules="$("${JDEPS:-jdeps}" --multi-release base --ignore-missing-deps --print-module-deps "$jar")"
# java.desktop (10 MB) is named only by Jackson's optional java.beans support, which Jackson
# skips when the module is absent.
modules="$(tr ',' '\n' <<<"$modules" | grep -vx java.desktop | paste -sd, -)"

rm -rf "$out/jre"
mkdir -p "$out"
"${JLINK:-jlink}" --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --generate-cds-archive --output "$out/jre"
# The base archive for heaps over 32 GB, which a run of a second never has.
rm -f "$out/jre/lib/server/classes_nocoops.jsa"

# bin/pipgate prints its java command line when java is echo; the flags are what precedes -jar.
env -u JAVA_OPTS JAVA=echo PIPGATE_CDS=off PIPGATE_JAR="$jar" "$here/bin/pipgate" |
  tr ' ' '\n' | sed '/^-jar$/,$d' >"$out/jvm.args"
test -s "$out/jvm.args"
