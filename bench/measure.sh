# Timing and peak-memory helpers shared by bench/review.sh and bench/hostile.sh (sourced, not run).
#
# measure NAME COMMAND   times COMMAND (words, quoted as for the shell; no pipes or redirections)
#                        with hyperfine when installed (warmups, then $runs runs, no intermediate
#                        shell, JSON kept in the results folder), else with a loop over
#                        `date +%s%N`; then runs it $rss_runs times under GNU time -v for the peak
#                        resident set size and the CPU time (user + system); medians are kept.
# Callers set $runs and $warmup (default 5 and 2) before sourcing, and call measure_init DIR.
# shellcheck shell=bash

# need TOOL HOW       stop with "TOOL is needed (HOW)" unless TOOL is on the PATH
# need_gnu_time        stop unless GNU time (for peak memory) is installed
# ensure_jar JAR ROOT  build JAR with Maven in ROOT when it is missing (unless PIPGATE_JAR names it)
# $bench_name names the calling script in these messages (default: bench).

bench_name=${bench_name:-bench}

need() {
  command -v "$1" >/dev/null || { echo "$bench_name: $1 is needed ($2)" >&2; exit 2; }
}

need_gnu_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "$bench_name: GNU time is needed for peak memory: apt-get install -y time" >&2
    exit 2
  fi
}

ensure_jar() {
  if [[ ! -f "$1" && -n "${PIPGATE_JAR:-}" ]]; then
    echo "$bench_name: no $1 (PIPGATE_JAR)" >&2
    exit 2
  elif [[ ! -f "$1" ]]; then
    need mvn "to build the jar; or set PIPGATE_JAR"
    echo "building $1 ..."
    (cd "$2" && mvn -q -B package -DskipTests)
  fi
}

runs=${runs:-5}
warmup=${warmup:-2}
rss_runs=${rss_runs:-3}
declare -a measure_names=()
declare -A measure_median=() measure_min=() measure_max=() measure_rss=() measure_cpu=()
declare -A measure_exit=()

measure_init() {
  measure_dir="$1"
  mkdir -p "$measure_dir"
  if command -v hyperfine >/dev/null; then
    measure_tool="hyperfine $(hyperfine --version | cut -d' ' -f2)"
  else
    measure_tool="a date +%s%N loop (hyperfine not found: apt-get install -y hyperfine)"
  fi
}

# The median of the numbers on standard input (the lower middle one for an even count).
median_of() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

measure() {
  local name="$1" cmd="$2" slug med lo hi i
  slug=$(tr -c 'A-Za-z0-9' '-' <<<"$name" | tr -s '-' | sed 's/-$//')
  measure_names+=("$name")
  echo "measuring: $name" >&2
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --ignore-failure --warmup "$warmup" --runs "$runs" \
      --export-json "$measure_dir/$slug.json" -n "$name" "$cmd" >/dev/null \
      2>"$measure_dir/$slug.hyperfine"
    read -r med lo hi < <(python3 - "$measure_dir/$slug.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(*("%.1f" % (r[k] * 1000) for k in ("median", "min", "max")))
PY
)
  else
    local t0 times=()
    for ((i = 0; i < warmup; i++)); do bash -c "$cmd" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1 || true
      times+=("$(( $(date +%s%N) - t0 ))")
    done
    printf '%s\n' "${times[@]}" >"$measure_dir/$slug.ns"
    med=$(printf '%s\n' "${times[@]}" | median_of | awk '{ printf "%.1f", $1 / 1e6 }')
    lo=$(printf '%s\n' "${times[@]}" | sort -n | head -1 | awk '{ printf "%.1f", $1 / 1e6 }')
    hi=$(printf '%s\n' "${times[@]}" | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')
  fi
  local rss=() cpu=() status="" out="$measure_dir/$slug.time"
  for ((i = 0; i < rss_runs; i++)); do
    /usr/bin/time -v -o "$out" bash -c "exec $cmd" >/dev/null 2>"$measure_dir/$slug.stderr" || true
    rss+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")")
    cpu+=("$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$out")")
    status=$(awk -F': ' '/Exit status/ { print $2 }' "$out")
  done
  measure_median[$name]=$med
  measure_min[$name]=$lo
  measure_max[$name]=$hi
  measure_rss[$name]=$(printf '%s\n' "${rss[@]}" | median_of | awk '{ printf "%.1f", $1 / 1024 }')
  measure_cpu[$name]=$(printf '%s\n' "${cpu[@]}" | median_of | awk '{ printf "%.0f", $1 * 1000 }')
  measure_exit[$name]=$status
}

measure_machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  echo
  echo "machine: $(nproc) cores${cpu:+ ($cpu)}, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "         $(java -version 2>&1 | head -1), $(git --version)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end of the run"
  echo "timing:  $measure_tool, $warmup warmup(s), $runs runs; CPU and peak RSS: median of" \
    "$rss_runs runs of /usr/bin/time -v"
}

measure_table() {
  local name
  echo
  printf '| %-40s | %9s | %9s | %9s | %9s | %11s | %4s |\n' \
    command "median ms" "min ms" "max ms" "CPU ms" "peak RSS MB" exit
  printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "----------:" "----------:" \
    "----------:" "----------:" "------------:" "-----:"
  for name in "${measure_names[@]}"; do
    printf '| %-40s | %9s | %9s | %9s | %9s | %11s | %4s |\n' "$name" "${measure_median[$name]}" \
      "${measure_min[$name]}" "${measure_max[$name]}" "${measure_cpu[$name]}" \
      "${measure_rss[$name]}" "${measure_exit[$name]}"
  done
}

measure_ratio() {
  local a="$1" b="$2"
  awk -v a="$a" -v b="$b" -v ta="${measure_median[$a]}" -v tb="${measure_median[$b]}" \
    -v ca="${measure_cpu[$a]}" -v cb="${measure_cpu[$b]}" \
    -v ra="${measure_rss[$a]}" -v rb="${measure_rss[$b]}" \
    'BEGIN {
      cpu = cb > 0 ? sprintf("%.0fx", ca / cb) : "n/a (below the 10 ms resolution of time -v)"
      printf "%s / %s: time %.0fx, CPU %s, peak RSS %.0fx\n", a, b, ta / tb, cpu, ra / rb
    }'
}
