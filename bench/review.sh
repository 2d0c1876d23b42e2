#!/usr/bin/env bash
# Times `pipgate review` on a large repository against the floor `git diff B H -- environment.yml`,
# side by side in one run: median wall time and peak memory (max RSS) of each, and their ratio.
#
#   bench/review.sh              # 10,000 commits, 1,000 pip entries, 5 runs after 2 warmups
#   bench/review.sh -r 10 -w 3   # runs and warmups per command
#   bench/review.sh -c 2000 -e 300   # a smaller repository (commits, pip entries)
#
# The repository is generated once with `git fast-import` and cached under bench/.work/ (delete
# that folder to regenerate). Its main branch grows by one source file per commit and by one pip
# entry every commits/entries commits; nine entries in ten have a section in
# requirements-notes.md. Branch `feature` is one commit on top of main that adds three pip
# entries (two of them justified) and changes the version of two. Two reviews are timed:
#   pr:   --base main --head feature (the pull request)
#   wide: --base main~2000 --head feature (2,000 commits apart: many more changed paths)
#
# Needs java 17, git, python3 (generates the fast-import stream) and GNU time (/usr/bin/time,
# Debian package `time`); hyperfine is used when installed (Debian package `hyperfine`), else a
# plain loop. Builds target/pipgate.jar with Maven when it is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PIPGATE_JAR:-$here/target/pipgate.jar}"
work="$here/bench/.work"
runs=5
warmup=2
commits=10000
entries=1000

while getopts "r:w:c:e:h" opt; do
  case "$opt" in
    r) runs="$OPTARG" ;;
    w) warmup="$OPTARG" ;;
    c) commits="$OPTARG" ;;
    e) entries="$OPTARG" ;;
    h) sed -n '2,19p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

bench_name=review.sh
# shellcheck source=bench/measure.sh
source "$here/bench/measure.sh"
need java "a Java 17 runtime"
need git "apt-get install -y git"
need python3 "apt-get install -y python3"
need_gnu_time
if (( commits < 2 * entries || commits < 2001 )); then
  echo "review.sh: need at least 2,001 commits and two commits per pip entry" >&2
  exit 2
fi

ensure_jar "$jar" "$here"


repo="$work/repo-c$commits-e$entries-v1"
if [[ ! -f "$repo/.complete" ]]; then
  rm -rf "$repo"
  mkdir -p "$repo"
  echo "generating $repo ($commits commits, $entries pip entries) ..."
  started=$(date +%s%N)
  git -C "$repo" init -q -b main
  python3 - "$commits" "$entries" <<'PY' | git -C "$repo" fast-import --quiet
import sys

commits, entries = int(sys.argv[1]), int(sys.argv[2])
every = commits // entries
out = sys.stdout.buffer

def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)
    out.write(b"\n")

def env(pins, extra=()):
    lines = [
        "name: bench",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.10",
        "  - numpy=1.24",
        "  - pip=23.0",
        "  - pip:",
    ]
    lines += ["      - %s==%s" % (name, version) for name, version in pins]
    lines += ["      - %s==%s" % (name, version) for name, version in extra]
    return ("\n".join(lines) + "\n").encode()

def section(name):
    return (
        "## %s\n\n"
        "- **Why not conda?** %s is not packaged on conda-forge; the wheel is pure Python.\n"
        "- **conda-forge checked?** Yes, searched conda-forge: no package by that name.\n"
        "- **--no-deps tested?** Yes: installed with --no-deps on the conda stack; imports.\n"
        "- **Alternatives considered?** Vendoring the module; rejected, it changes monthly.\n\n"
    ) % (name, name)

HEADER = "# Why these packages come from pip\n\n"

def justified(i):
    return i % 10 != 9

names = ["bench-pkg-%04d" % i for i in range(entries)]

# Blobs first, each file's versions in a row: fast-import deltas a blob against the one written
# just before it, so grouping keeps the pack small.
for j in range(1, entries + 1):
    out.write(b"blob\nmark :%d\n" % j)
    data(env([(n, "1.0.0") for n in names[:j]]))
for j in range(1, entries + 1):
    out.write(b"blob\nmark :%d\n" % (entries + j))
    data((HEADER + "".join(section(n) for i, n in enumerate(names[:j]) if justified(i))).encode())

mark = 2 * entries
added = 0
for k in range(1, commits + 1):
    mark += 1
    when = 1600000000 + 600 * k
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"author Bench <bench@example.com> %d +0000\n" % when)
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % when)
    grows = (k - 1) % every == 0 and added < entries
    data(b"Add bench-pkg-%04d\n" % added if grows else b"Work on module %d\n" % k)
    if k > 1:
        out.write(b"from :%d\n" % (mark - 1))
    out.write(b"M 100644 inline src/d%03d/m%03d.py\n" % (k // 100, k % 100))
    data(b"# module %d\nVALUE = %d\n" % (k, k * 7))
    if grows:
        added += 1
        out.write(b"M 100644 :%d environment.yml\n" % added)
        out.write(b"M 100644 :%d requirements-notes.md\n" % (entries + added))
    out.write(b"\n")

# The pull request: three new entries (the last without a section), two version changes, and a
# source file touched.
changed = {names[5]: "1.0.1", names[entries // 2]: "2.0.0"}
pins = [(n, changed.get(n, "1.0.0")) for n in names]
new = [("bench-new-a", "0.1.0"), ("bench-new-b", "3.2.1"), ("bench-new-c", "1.1.0")]
notes = HEADER + "".join(section(n) for i, n in enumerate(names) if justified(i))
notes += section(new[0][0]) + section(new[1][0])
when = 1600000000 + 600 * (commits + 1)
out.write(b"commit refs/heads/feature\n")
out.write(b"author Bench <bench@example.com> %d +0000\n" % when)
out.write(b"committer Bench <bench@example.com> %d +0000\n" % when)
data(b"Add three pip packages, bump two\n")
out.write(b"from :%d\n" % mark)
out.write(b"M 100644 inline environment.yml\n")
data(env(pins, new))
out.write(b"M 100644 inline requirements-notes.md\n")
data(notes.encode())
out.write(b"M 100644 inline src/d000/m001.py\n")
data(b"# module 1, edited\nVALUE = 8\n")
out.write(b"\n")
PY
  git -C "$repo" checkout -q feature
  git -C "$repo" gc -q
  touch "$repo/.complete"
  echo "generated in $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi

base_pr=main
base_wide=main~2000
head=feature
files=$(git -C "$repo" ls-files | wc -l)
pips=$(git -C "$repo" show "$base_pr:environment.yml" | grep -c '^      - ' || true)
echo "repository: $repo"
echo "  $(git -C "$repo" rev-list --count "$base_pr") commits on main, $files files at head," \
  "$pips pip entries at main, pack $(du -sh "$repo/.git" | cut -f1)"

# The review must do the real job before its time means anything: three new entries, one of
# them unjustified, so exit 1 with an unjustified-pip finding.
set +e
check_out=$(java -jar "$jar" review --repo "$repo" --base "$base_pr" --head "$head" 2>&1)
check_rc=$?
set -e
if [[ $check_rc -ne 1 ]] || ! grep -q 'bench-new-c' <<<"$check_out"; then
  echo "review.sh: pipgate review did not report bench-new-c (exit $check_rc):" >&2
  echo "$check_out" >&2
  exit 1
fi
echo "  pipgate review (pr) exits 1 and reports: $(grep -c 'unjustified-pip' <<<"$check_out") unjustified-pip line(s)"

q_repo=$(printf %q "$repo")
q_jar=$(printf %q "$jar")
measure_init "$work/results/review"
measure "git diff (pr)" "git -C $q_repo diff $base_pr $head -- environment.yml"
measure "pipgate review (pr)" \
  "java -jar $q_jar review --repo $q_repo --base $base_pr --head $head"
measure "git diff (wide)" "git -C $q_repo diff $base_wide $head -- environment.yml"
measure "pipgate review (wide)" \
  "java -jar $q_jar review --repo $q_repo --base $base_wide --head $head"
# The JVM's share: start-up alone, and the review with only the quick JIT tier and the serial GC
# (flags a launcher or container entry point can set; the jar cannot).
measure "java -jar pipgate.jar --version" "java -jar $q_jar --version"
measure "pipgate review (pr), C1 only + SerialGC" \
  "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $q_jar review --repo $q_repo --base $base_pr --head $head"

measure_machine
measure_table
echo
measure_ratio "pipgate review (pr)" "git diff (pr)"
measure_ratio "pipgate review (wide)" "git diff (wide)"
echo "JSON and raw outputs: $measure_dir"
