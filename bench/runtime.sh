#!/usr/bin/env bash
# The gate image's /opt/pipgate without Docker: builds the jlink runtime from the jar with
# docker/runtime.sh (as the Dockerfile does), writes the AppCDS archive from a review of the
# example (as the gate stage does), then checks that the image's command line
#   jre/bin/java -XX:SharedArchiveFile=pipgate.jsa @jvm.args -jar pipgate.jar ...
# prints this version and runs the example review to its verdict (exit 1), runs the action's
# launcher test (ActionLauncherTest: a pull request reviewed through bin/pipgate against a fake
# GitHub) on that runtime, and prints the size of each part.
#
#   bench/runtime.sh            # everything
#   bench/runtime.sh -n         # without the Maven test run
#
# Needs a JDK 17 with jmods (jlink, jdeps; JAVA_HOME or the PATH) and Maven for the test run.
# Builds target/pipgate.jar with Maven when it is missing. The mapping file's size is counted when
# ../shared/mappings/parselmouth_compressed_mapping.json (PIPGATE_SHARED) is there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PIPGATE_JAR:-$here/target/pipgate.jar}"
shared="${PIPGATE_SHARED:-$here/../shared}"
out="$here/bench/.work/runtime"
run_tests=1
bench_name=runtime

while getopts "nh" opt; do
  case "$opt" in
    n) run_tests=0 ;;
    h) sed -n '2,16p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

# shellcheck source=bench/measure.sh
source "$here/bench/measure.sh"
ensure_jar "$jar" "$here"
bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
export JLINK="${bin}jlink" JDEPS="${bin}jdeps"

echo "building the runtime in $out ..." >&2
"$here/docker/runtime.sh" "$jar" "$out"
cp "$jar" "$out/pipgate.jar"
rm -f "$out/pipgate.jsa"
java=("$out/jre/bin/java")
example="$here/examples/tf29"
"${java[@]}" "@$out/jvm.args" -Xlog:cds*=error:stderr -XX:ArchiveClassesAtExit="$out/pipgate.jsa" \
  -jar "$out/pipgate.jar" review --base-dir "$example/base" --head-dir "$example/head" \
  --fail-on never >/dev/null
test -s "$out/pipgate.jsa"

image=("${java[@]}" -XX:SharedArchiveFile="$out/pipgate.jsa" "@$out/jvm.args" -jar "$out/pipgate.jar")
version="$("${image[@]}" --version)"
expected="pipgate $(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$here/pom.xml" | head -1)"
if [[ "$version" != "$expected ("* ]]; then
  echo "$bench_name: --version printed '$version', expected '$expected (commit …)'" >&2
  exit 1
fi
status=0
"${image[@]}" review --base-dir "$example/base" --head-dir "$example/head" >/dev/null || status=$?
if [[ "$status" != 1 ]]; then
  echo "$bench_name: the example review exited $status, expected 1 (findings)" >&2
  exit 1
fi
echo "runtime: '$version'; the example review exits 1 as it should"

if [[ "$run_tests" == 1 ]]; then
  (cd "$here" && mvn -B -q test -Dtest=ActionLauncherTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dpipgate.java="$out/jre/bin/java" -Dpipgate.shared="$shared")
  echo "runtime: ActionLauncherTest passed on $out/jre/bin/java"
fi

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
size() { du -sb "$@" | awk '{ s += $1 } END { print s }'; }
mapping="$shared/mappings/parselmouth_compressed_mapping.json"
total=$(size "$out/jre" "$out/pipgate.jar" "$out/pipgate.jsa" "$out/jvm.args")
echo
echo "| part | size |"
echo "|---|--:|"
echo "| jlink runtime ($(paste -sd' ' <<<"$("${java[@]}" --list-modules | cut -d@ -f1)")) | $(mb "$(size "$out/jre")") |"
echo "| of which the CDS base archive | $(mb "$(size "$out/jre/lib/server/classes.jsa")") |"
echo "| pipgate.jar | $(mb "$(size "$out/pipgate.jar")") |"
echo "| AppCDS archive (pipgate.jsa) | $(mb "$(size "$out/pipgate.jsa")") |"
if [[ -f "$mapping" ]]; then
  total=$((total + $(size "$mapping")))
  echo "| conda-forge mapping | $(mb "$(size "$mapping")") |"
fi
echo "| **/opt/pipgate** | **$(mb "$total")** |"
