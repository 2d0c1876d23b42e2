#!/usr/bin/env bash
# Times `pipgate env-check --prefix P` against `pip check` on the same environment, side by side
# in one run, on (a) this machine's python3 prefix and (b) a synthetic conda-like prefix with
# 2,000 distributions (a venv whose site-packages gets 2,000 generated dist-info directories, half
# of them owned by conda-meta records). Prints a Markdown table: median wall time of each command,
# the ratio pipgate/pip, and peak memory (/usr/bin/time -v); then JVM start with and without the
# AppCDS archive that bin/pipgate uses.
#
#   bench/env-check.sh                 # both prefixes, 10 runs per command
#   bench/env-check.sh -r 20 -n 5000   # 20 runs; 5,000 synthetic distributions
#   bench/env-check.sh -p /opt/conda   # (a) is this prefix instead of python3's
#
# Needs target/pipgate.jar (mvn -B -o package -DskipTests), java and python3. Uses hyperfine
# (apt-get install hyperfine) when installed, else a loop of timed runs; peak memory needs GNU
# time at /usr/bin/time (apt-get install time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PIPGATE_JAR:-$here/target/pipgate.jar}"
launcher="$here/bin/pipgate"
count=2000
runs=10
host_prefix=""

while getopts "n:p:r:h" opt; do
  case "$opt" in
    n) count="$OPTARG" ;;
    p) host_prefix="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    h) sed -n '2,17p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it first with 'mvn -B -o package -DskipTests'" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
command -v java >/dev/null || { echo "java is needed" >&2; exit 2; }
export PIPGATE_JAR="$jar" PIP_DISABLE_PIP_VERSION_CHECK=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "$host_prefix" ]]; then
  host_prefix="$(python3 -c 'import sys; print(sys.prefix)')"
fi

# (b): a venv (so its own pip can run pip check), then generated distributions. Each requires up
# to three earlier ones with specifiers and markers; the first half is conda's (INSTALLER conda,
# a conda-meta record owning its files), the rest pip's; one requirement is broken on purpose so
# both tools have something to report.
synthetic="$work/synthetic"
echo "building a synthetic prefix with $count distributions in $synthetic ..." >&2
python3 -m venv "$synthetic"
python3 - "$synthetic" "$count" <<'PY'
import json, os, sys
prefix, count = sys.argv[1], int(sys.argv[2])
ver = sys.version_info
site_rel = f"lib/python{ver.major}.{ver.minor}/site-packages"
site = os.path.join(prefix, site_rel)
meta = os.path.join(prefix, "conda-meta")
os.makedirs(meta, exist_ok=True)
python_version = f"{ver.major}.{ver.minor}.{ver.micro}"
with open(os.path.join(meta, f"python-{python_version}-h_0_cpython.json"), "w") as f:
    json.dump({"name": "python", "version": python_version, "build": "h_0_cpython",
               "subdir": "linux-64", "channel": "https://conda.anaconda.org/conda-forge/linux-64",
               "depends": [], "files": [], "requested_spec": "python"}, f)
markers = ['', ' ; python_version >= "3.7"', ' ; sys_platform == "win32"', ' ; extra == "test"']
for i in range(count):
    name, version = f"synth-pkg-{i}", f"1.{i % 7}.{i % 3}"
    conda = i < count // 2
    requires = [f"synth-pkg-{j}>=1.0,<2{markers[(i + j) % 4]}" for j in (i - 1, i // 2, i // 3)
                if 0 <= j < i]
    if i == count - 1:
        requires.append("synth-pkg-0>=9")
    di = f"synth_pkg_{i}-{version}.dist-info"
    module = f"synth_pkg_{i}"
    os.makedirs(os.path.join(site, di))
    files = {
        "METADATA": "Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: synthetic\n%s\n%s" % (
            name, version, "".join(f"Requires-Dist: {r}\n" for r in requires),
            "A long description.\n" * 40),
        "INSTALLER": "conda" if conda else "pip\n",
    }
    record = [f"{module}/__init__.py", f"{module}/core.py", f"{di}/METADATA", f"{di}/INSTALLER",
              f"{di}/RECORD"]
    files["RECORD"] = "".join(f"{p},,\n" for p in record)
    if not conda and i % 5 == 0:
        files["REQUESTED"] = ""
    for fn, text in files.items():
        with open(os.path.join(site, di, fn), "w") as f:
            f.write(text)
    if conda:
        paths = [f"{site_rel}/{p}" for p in record]
        with open(os.path.join(meta, f"{name}-{version}-py_0.json"), "w") as f:
            json.dump({"build": "py_0", "build_number": 0,
                       "channel": "https://conda.anaconda.org/conda-forge/noarch",
                       "depends": ["python >=3.7"], "files": paths, "fn": f"{name}-{version}-py_0.conda",
                       "name": name, "version": version, "subdir": "noarch",
                       "paths_data": {"paths": [{"_path": p, "path_type": "hardlink",
                                                 "size_in_bytes": 0} for p in paths],
                                      "paths_version": 1},
                       "requested_spec": "None"}, f, indent=2)
PY

python_of() {
  if [[ -x "$1/bin/python" ]]; then echo "$1/bin/python"; else echo "$1/bin/python3"; fi
}

# Makes the AppCDS archive bin/pipgate uses, from an env-check run.
PIPGATE_CDS=create "$launcher" env-check --prefix "$host_prefix" --fail-on never >/dev/null

# Median wall time of a command in milliseconds.
median_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
    return
  fi
  local times=() start end i
  read -r -a cmd <<<"$1"
  "${cmd[@]}" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "${cmd[@]}" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(((end - start) / 1000000))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

# Peak resident memory of one run in MB, or "n/a" without GNU time.
peak_mb() {
  if [[ ! -x /usr/bin/time ]]; then echo "n/a"; return; fi
  local cmd
  read -r -a cmd <<<"$1"
  /usr/bin/time -v "${cmd[@]}" 2>&1 >/dev/null | awk '/Maximum resident set size/ {printf "%.0f\n", $6 / 1024}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo
echo "Medians of $runs runs; $(nproc) cores; $(java -version 2>&1 | head -1); $(python3 -m pip --version | cut -d' ' -f1-2)."
echo
echo "| prefix | distributions | pip check | pipgate env-check (bin/pipgate) | pipgate/pip | java -jar pipgate.jar | peak RSS pip check | peak RSS pipgate |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for label in host synthetic; do
  if [[ "$label" == host ]]; then prefix="$host_prefix"; name="python3 ($host_prefix)"; else prefix="$synthetic"; name="synthetic conda-like"; fi
  python="$(python_of "$prefix")"
  # paths here contain no spaces (mktemp, sys.prefix); the commands are split on spaces
  pip_cmd="$python -m pip check"
  pipgate_cmd="$launcher env-check --prefix $prefix --fail-on never"
  jar_cmd="java -jar $jar env-check --prefix $prefix --fail-on never"
  dists=$(java -jar "$jar" env-check --prefix "$prefix" --fail-on never --format json |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["distributions"]))')
  pip_ms=$(median_ms "$pip_cmd")
  pipgate_ms=$(median_ms "$pipgate_cmd")
  jar_ms=$(median_ms "$jar_cmd")
  printf '| %s | %s | %s ms | %s ms | %s | %s ms | %s MB | %s MB |\n' "$name" "$dists" "$pip_ms" \
    "$pipgate_ms" "$(ratio "$pipgate_ms" "$pip_ms")" "$jar_ms" "$(peak_mb "$pip_cmd")" \
    "$(peak_mb "$pipgate_cmd")"
done

echo
echo "| JVM start (bin/pipgate flags; only the archive differs) | median |"
echo "| --- | ---: |"
printf '| java -version | %s ms |\n' "$(median_ms "java -version")"
printf '| pipgate --version, no AppCDS archive | %s ms |\n' \
  "$(median_ms "env PIPGATE_CDS=off $launcher --version")"
printf '| pipgate --version, AppCDS archive | %s ms |\n' "$(median_ms "$launcher --version")"
printf '| pipgate env-check (python3 prefix), no AppCDS archive | %s ms |\n' \
  "$(median_ms "env PIPGATE_CDS=off $launcher env-check --prefix $host_prefix --fail-on never")"
printf '| pipgate env-check (python3 prefix), AppCDS archive | %s ms |\n' \
  "$(median_ms "$launcher env-check --prefix $host_prefix --fail-on never")"
