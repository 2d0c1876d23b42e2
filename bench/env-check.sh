#!/usr/bin/env bash
# Times `pipgate env-check --prefix P` against `P/bin/python -m pip check` on the same prefix.
#
#   bench/env-check.sh                 # a fresh venv with 200 tiny wheels
#   bench/env-check.sh -n 500          # ... with 500
#   bench/env-check.sh -p "$(python3 -c 'import sys; print(sys.prefix)')"   # an existing prefix
#   bench/env-check.sh -r 10           # runs per command (default 5)
#
# Needs target/pipgate.jar (build it with: mvn -B -o package -DskipTests) and python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PIPGATE_JAR:-$here/target/pipgate.jar}"
count=200
runs=5
prefix=""

while getopts "n:p:r:h" opt; do
  case "$opt" in
    n) count="$OPTARG" ;;
    p) prefix="$OPTARG" ;;
    r) runs="$OPTARG" ;;
    h) sed -n '2,9p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done

if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it first with 'mvn -B -o package -DskipTests'" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "$prefix" ]]; then
  prefix="$work/venv"
  echo "building a venv with $count tiny wheels in $prefix ..."
  python3 -m venv "$prefix"
  # Wheels are built with Python's zipfile: pip verifies RECORD hashes and sizes.
  python3 - "$work/wheels" "$count" <<'PY'
import base64, hashlib, os, sys, zipfile
out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
for i in range(count):
    name, version = f"benchpkg{i}", "1.0"
    requires = [f"benchpkg{i - 1}>=1"] if i else []
    di = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"",
        f"{di}/METADATA": ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n%s\n"
                            % (name, version, "".join(f"Requires-Dist: {r}\n" for r in requires))).encode(),
        f"{di}/WHEEL": b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{p},sha256={digest(d)},{len(d)}\n" for p, d in files.items()) + f"{di}/RECORD,,\n"
    files[f"{di}/RECORD"] = record.encode()
    with zipfile.ZipFile(os.path.join(out, f"{name}-{version}-py3-none-any.whl"), "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
PY
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$prefix/bin/python" -m pip install -q --no-index \
    --find-links "$work/wheels" "benchpkg$((count - 1))"
fi

python="$prefix/bin/python"
[[ -x "$python" ]] || python="$prefix/python"
[[ -x "$python" ]] || { echo "no interpreter in $prefix" >&2; exit 2; }

pipgate_cmd=(java -jar "$jar" env-check --prefix "$prefix" --fail-on never)
pip_cmd=("$python" -m pip check --disable-pip-version-check)

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" -i \
    "${pipgate_cmd[*]}" "${pip_cmd[*]}"
  exit 0
fi

# Median wall time in milliseconds of $runs runs of the given command.
median_ms() {
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

"${pipgate_cmd[@]}" >/dev/null 2>&1 || true # warm the file cache
pipgate_ms=$(median_ms "${pipgate_cmd[@]}")
pip_ms=$(median_ms "${pip_cmd[@]}")
dists=$(find "$prefix" -maxdepth 5 -name '*.dist-info' -type d | wc -l)

printf '%-28s %10s\n' "command ($runs runs, $dists dist-info)" "median ms"
printf '%-28s %10d\n' "pipgate env-check" "$pipgate_ms"
printf '%-28s %10d\n' "pip check" "$pip_ms"
awk -v a="$pipgate_ms" -v b="$pip_ms" 'BEGIN { if (b > 0) printf "ratio pipgate/pip: %.2f\n", a / b }'
