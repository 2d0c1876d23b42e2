#!/usr/bin/env bash
# Times pipgate's start-up as a user waits for it, side by side in one run: `--version` and the
# review of the shipped example (examples/tf29), each as `java -jar`, through bin/pipgate without
# its class archive (PIPGATE_CDS=off) and through bin/pipgate with it; on a Java 25 runtime also
# with its ahead-of-time cache (-XX:AOTCache, JEP 483/514/515). Prints a Markdown table of median
# wall time, CPU time and peak memory.
#
#   bench/startup.sh                      # 10 runs per command after 2 warmups
#   bench/startup.sh -r 20 -w 3           # runs and warmups per command
#   JAR=old.jar bench/startup.sh          # another jar (default: target/pipgate.jar)
#   OLD_JAR=old.jar bench/startup.sh      # also an older jar, through this bin/pipgate
#   JAVA=/path/to/java JAVA25=/path/to/java25 bench/startup.sh
#
# Builds nothing: JAR must exist (mvn -B -o package -DskipTests). JAVA defaults to java on the
# PATH; JAVA25 to a Java 25 runtime under /usr/lib/jvm, if any. The jars are copied to
# bench/.work/startup/, where bin/pipgate writes their archives, so target/ is left alone. Uses
# hyperfine when installed (apt-get install hyperfine), else a loop of timed runs; GNU time at
# /usr/bin/time (apt-get install time) for CPU and peak memory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$here/target/pipgate.jar}"
java="${JAVA:-java}"
java25="${JAVA25:-}"
old_jar="${OLD_JAR:-}"
work="$here/bench/.work/startup"
runs=10
warmup=2

while getopts "r:w:h" opt; do
  case "$opt" in
    r) runs="$OPTARG" ;;
    w) warmup="$OPTARG" ;;
    h) sed -n '2,19p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

bench_name=startup.sh
# shellcheck source=bench/measure.sh
source "$here/bench/measure.sh"
need "$java" "a Java 17 runtime, or set JAVA"
need python3 "apt-get install -y python3"
need_gnu_time
for j in "$jar" ${old_jar:+"$old_jar"}; do
  [[ -f "$j" ]] || { echo "startup.sh: no $j (build it with: mvn -B -o package -DskipTests)" >&2; exit 2; }
done
if [[ -z "$java25" ]]; then
  for candidate in /usr/lib/jvm/*25*/bin/java; do
    [[ -x "$candidate" ]] && java25="$candidate" && break
  done
fi
if [[ -n "$java25" ]] && ! "$java25" -version 2>&1 | grep -q 'version "2[5-9]'; then
  echo "startup.sh: $java25 is not Java 25 or later; no AOT cache rows" >&2
  java25=""
fi

rm -rf "$work"
mkdir -p "$work"
cp "$jar" "$work/new.jar"
[[ -n "$old_jar" ]] && cp "$old_jar" "$work/old.jar"
cd "$here"

launcher="$here/bin/pipgate"
example=(review --base-dir examples/tf29/base --head-dir examples/tf29/head)
q_example=$(printf '%q ' "${example[@]}")

# The review must do its real job before its time means anything: the example has unjustified
# pip entries, so it exits 1 and names them.
set +e
check_out=$("$java" -jar "$work/new.jar" "${example[@]}" 2>&1)
check_rc=$?
set -e
if [[ $check_rc -ne 1 ]] || ! grep -q 'unjustified-pip' <<<"$check_out"; then
  echo "startup.sh: the example review did not report unjustified-pip (exit $check_rc):" >&2
  echo "$check_out" >&2
  exit 1
fi

# Each jar's archive is written by one review, as bin/pipgate does on a first run.
for name in new ${old_jar:+old}; do
  env JAVA="$java" PIPGATE_CDS=create PIPGATE_JAR="$work/$name.jar" "$launcher" "${example[@]}" \
    >/dev/null 2>&1 || true
  [[ -s "$work/$name.jsa" ]] || { echo "startup.sh: bin/pipgate wrote no archive" >&2; exit 1; }
done
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
if [[ -n "$java25" ]]; then
  # One training run writes the cache (JEP 514); -Xshare:auto would turn it off.
  # shellcheck disable=SC2086 # flags is a list of words
  "$java25" $flags -XX:AOTCacheOutput="$work/new.aot" -jar "$work/new.jar" "${example[@]}" \
    >/dev/null 2>&1 || true
  [[ -s "$work/new.aot" ]] || { echo "startup.sh: $java25 wrote no AOT cache" >&2; exit 1; }
fi

q_java=$(printf %q "$java")
launch="env JAVA=$q_java PIPGATE_JAR=$work/new.jar $launcher"
measure_init "$work/results"
for what in --version "$q_example"; do
  label=${what%% *}
  measure "java -jar, $label" "$q_java -jar $work/new.jar $what"
  measure "bin/pipgate no archive, $label" "env PIPGATE_CDS=off JAVA=$q_java PIPGATE_JAR=$work/new.jar $launcher $what"
  measure "bin/pipgate, $label" "$launch $what"
  if [[ -n "$old_jar" ]]; then
    measure "OLD_JAR bin/pipgate, $label" "env JAVA=$q_java PIPGATE_JAR=$work/old.jar $launcher $what"
  fi
  if [[ -n "$java25" ]]; then
    measure "Java 25 AOT cache, $label" \
      "$(printf %q "$java25") $flags -XX:AOTCache=$work/new.aot -jar $work/new.jar $what"
  fi
done

measure_machine
[[ -n "$java25" ]] && echo "         Java 25: $("$java25" -version 2>&1 | head -1)"
measure_table
echo
# Ratios of medians, two decimals: these runs differ by fractions, not multiples.
ratio() {
  awk -v a="$1" -v b="$2" -v ta="${measure_median[$1]}" -v tb="${measure_median[$2]}" \
    -v ca="${measure_cpu[$1]}" -v cb="${measure_cpu[$2]}" \
    'BEGIN { printf "%s / %s: time %.2f, CPU %.2f\n", a, b, ta / tb, (cb > 0 ? ca / cb : 0) }'
}
for label in --version review; do
  [[ -n "$old_jar" ]] && ratio "bin/pipgate, $label" "OLD_JAR bin/pipgate, $label"
  ratio "bin/pipgate, $label" "bin/pipgate no archive, $label"
  [[ -n "$java25" ]] && ratio "Java 25 AOT cache, $label" "bin/pipgate, $label"
done
echo "JSON and raw outputs: $measure_dir"
