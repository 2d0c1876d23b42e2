#!/usr/bin/env bash
# Times `pipgate review --base-dir B --head-dir H` on hostile inputs: how fast and with how much
# memory it refuses or gets through each, with its exit code and what it said.
#
#   bench/hostile.sh              # every case, 5 runs after 1 warmup
#   bench/hostile.sh -r 3 -w 0    # runs and warmups per case
#   bench/hostile.sh -o alias     # only the cases whose name contains "alias"
#
# Cases (head side; the base side is a small valid env file and notes file):
#   env-50mb            a 50 MB environment.yml (larger than the 5 MB pipgate reads)
#   pip-10k             10,000 new pip entries, none justified
#   notes-100k          a notes file with 100,000 headings, and three justified new entries
#   alias-bomb          the classic YAML alias bomb (9 levels of 9 aliases)
#   alias-bomb-48       a bomb under the alias limit, 16 levels of 3 aliases (3^16 leaves), under
#                       a key of its own
#   alias-bomb-48-pip   the same bomb as the pip list
#   req-100kb-marker    a 100 KB requirement: a marker of 5,000 and-ed comparisons
#   req-100kb-parens    a 100 KB requirement: a marker nested 51,200 parentheses deep
#   req-100kb-specs     a 100 KB requirement: 14,700 version clauses
#   req-100kb-name      a 100 KB requirement: a 100,000-character project name
#
# The inputs are generated once under bench/.work/ (delete that folder to regenerate). Needs java
# 17, python3 and GNU time (/usr/bin/time, Debian package `time`); hyperfine is used when
# installed (Debian package `hyperfine`), else a plain loop. Builds target/pipgate.jar with Maven
# when it is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PIPGATE_JAR:-$here/target/pipgate.jar}"
work="$here/bench/.work"
runs=5
warmup=1
only=""

while getopts "r:w:o:h" opt; do
  case "$opt" in
    r) runs="$OPTARG" ;;
    w) warmup="$OPTARG" ;;
    o) only="$OPTARG" ;;
    h) sed -n '2,26p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

bench_name=hostile.sh
# shellcheck source=bench/measure.sh
source "$here/bench/measure.sh"
need java "a Java 17 runtime"
need python3 "apt-get install -y python3"
need_gnu_time
ensure_jar "$jar" "$here"


cases="$work/hostile-v2"
if [[ ! -f "$cases/.complete" ]]; then
  rm -rf "$cases"
  mkdir -p "$cases"
  echo "generating inputs in $cases ..."
  python3 - "$cases" <<'PY'
import os, sys

root = sys.argv[1]
HEAD = "name: hostile\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - pip=23.0\n"
ANSWERS = (
    "- **Why not conda?** Not on conda-forge; the wheel is pure Python.\n"
    "- **conda-forge checked?** Yes, searched conda-forge: no package by that name.\n"
    "- **--no-deps tested?** Yes: installed with --no-deps on the conda stack; imports.\n"
    "- **Alternatives considered?** Vendoring the module; rejected, it changes monthly.\n\n"
)
BASE_NOTES = "# Why these packages come from pip\n\n## requests-toolbelt\n\n" + ANSWERS

def env(pip_lines):
    return HEAD + "  - pip:\n" + "".join("      - %s\n" % p for p in pip_lines)

def write(case, side, name, text):
    path = os.path.join(root, case, side, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def case(name, head_env, head_notes=BASE_NOTES):
    write(name, "base", "environment.yml", env(["requests-toolbelt==1.0.0"]))
    write(name, "base", "requirements-notes.md", BASE_NOTES)
    write(name, "head", "environment.yml", head_env)
    write(name, "head", "requirements-notes.md", head_notes)

pins = ["requests-toolbelt==1.0.0"]

lines = ["hostile-pkg-%07d==1.0.0" % i for i in range(1_700_000)]
big = env(pins + lines)
assert len(big) > 50 * 1024 * 1024, len(big)
case("env-50mb", big[: big.rindex("\n", 0, 50 * 1024 * 1024) + 1])

case("pip-10k", env(pins + ["hostile-pkg-%05d==1.0.0" % i for i in range(10_000)]))

new = ["hostile-a==1.0.0", "hostile-b==2.0.0", "hostile-c==3.0.0"]
notes = BASE_NOTES + "".join("## hostile-heading-%06d\n\n" % i for i in range(100_000))
notes += "".join("## %s\n\n%s" % (p.split("==")[0], ANSWERS) for p in new)
case("notes-100k", env(pins + new), notes)

def bomb(levels, width):
    out = ["x-bomb:\n", '  l0: &l0 ["lol"]\n']
    for i in range(1, levels + 1):
        out.append("  l%d: &l%d [%s]\n" % (i, i, ", ".join(["*l%d" % (i - 1)] * width)))
    return out, "*l%d" % levels

for name, levels, width in (("alias-bomb", 9, 9), ("alias-bomb-48-pip", 16, 3)):
    anchors, top = bomb(levels, width)
    # The bomb sits both under a key of its own and in the pip list, which the parser walks.
    case(name, "".join(anchors) + HEAD + "  - pip: %s\n" % top)
# Under the alias limit and under a key conda ignores: nothing may expand it.
case("alias-bomb-48", "".join(bomb(16, 3)[0]) + env(pins))

def requirement(name, text):
    assert len(text) >= 100 * 1024, (name, len(text))
    case(name, env(pins + ["'%s'" % text.replace("'", "''")]))

requirement("req-100kb-marker",
            "hostile-m==1.0.0; " + " and ".join(['python_version >= "3.8"'] * 5_000))
requirement("req-100kb-parens",
            "hostile-p==1.0.0; " + "(" * 51_200 + 'python_version >= "3.8"' + ")" * 51_200)
requirement("req-100kb-specs", "hostile-s" + ",".join([">=1.0.0"] * 14_700))
requirement("req-100kb-name", "h" * 102_400 + "==1.0.0")
PY
  touch "$cases/.complete"
fi

# Sizes as the table reports them.
describe() {
  local head="$cases/$1/head"
  printf '%s env, %s notes' "$(du -h "$head/environment.yml" | cut -f1)" \
    "$(du -h "$head/requirements-notes.md" | cut -f1)"
}

q_jar=$(printf %q "$jar")
measure_init "$work/results/hostile"
declare -A said=() sizes=()
names=()
for name in env-50mb pip-10k notes-100k alias-bomb alias-bomb-48 alias-bomb-48-pip \
  req-100kb-marker req-100kb-parens req-100kb-specs req-100kb-name; do
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  names+=("$name")
  q_case=$(printf %q "$cases/$name")
  cmd="java -jar $q_jar review --base-dir $q_case/base --head-dir $q_case/head"
  measure "$name" "$cmd"
  # What pipgate said, once: the error line of a refusal, else the verdict line, and which rules
  # fired how often.
  set +e
  out=$(bash -c "exec $cmd" 2>&1)
  set -e
  said[$name]=$(grep -m1 '^pipgate: ' <<<"$out" | cut -c1-120 || true)
  rules=$({ grep -oE '^[^ ]+: (error|warning|note) [a-z-]+:' <<<"$out" || true; } \
    | awk '{ print $3 }' | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }' | tr -d ':')
  [[ -z "$rules" ]] || said[$name]+=" [$rules]"
  sizes[$name]=$(describe "$name")
done

measure_machine
measure_table
echo
for name in "${names[@]}"; do
  printf '%-20s %s; says: %s\n' "$name" "${sizes[$name]}" "${said[$name]}"
done
echo "JSON and raw outputs: $measure_dir"
