#!/usr/bin/env bash
# Downloads the test data into DIR, for the tests to read with -Dpipgate.shared=DIR.
#
#   scripts/fetch-testdata.sh DIR
#
# The repository holds only the manifests, under testdata/: each SOURCES.tsv names every file
# (file, repo, path, commit, ...), fetched from raw.githubusercontent.com at that commit; GitHub's
# OpenAPI description comes from the npm package in testdata/github-api/SOURCES.tsv, cut to the
# operations in testdata/github-api/openapi-operations.txt by scripts/cut-openapi-subset.py.
# Every file is checked against the SHA256SUMS next to its manifest. Files already in DIR with
# the right checksum are kept. Needs curl, sha256sum, npm, tar and python3.
# PIPGATE_RAW_URL replaces https://raw.githubusercontent.com (a mirror with the same layout).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: scripts/fetch-testdata.sh DIR" >&2
  exit 2
fi
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
dest="$(cd "$1" && pwd)"
raw="${PIPGATE_RAW_URL:-https://raw.githubusercontent.com}"
manifests="$repo_root/testdata"
failures=()

# Percent-encodes a repository path for a URL, keeping the slashes.
urlpath() {
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9._~/+-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# The checksum SHA256SUMS (in folder $1) gives for file $2.
expected_sum() {
  awk -v f="$2" 'substr($0, 67) == f { print $1 }' "$1/SHA256SUMS"
}

# True when file $1 exists and has checksum $2.
has_sum() {
  [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

# Fetches every file a SOURCES.tsv lists into the same folder under DIR.
fetch_manifest() {
  local manifest="$1" folder rel target file repo path commit rest sum url
  folder="$(dirname "$manifest")"
  rel="${folder#"$manifests"/}"
  target="$dest/$rel"
  mkdir -p "$target"
  cp "$manifest" "$target/SOURCES.tsv"
  while IFS=$'\t' read -r file repo path commit rest; do
    sum="$(expected_sum "$folder" "$file")"
    if [ -z "$sum" ]; then
      failures+=("$rel/$file: no checksum in testdata/$rel/SHA256SUMS")
      continue
    fi
    if has_sum "$target/$file" "$sum"; then
      continue
    fi
    url="$raw/$repo/$commit/$(urlpath "$path")"
    mkdir -p "$(dirname "$target/$file")"
    if ! curl -fsSL --retry 3 -o "$target/$file.part" "$url"; then
      failures+=("$rel/$file: cannot download $url")
    elif ! has_sum "$target/$file.part" "$sum"; then
      failures+=("$rel/$file: $url differs from its checksum in testdata/$rel/SHA256SUMS")
    else
      mv "$target/$file.part" "$target/$file"
    fi
    rm -f "$target/$file.part"
  done < <(tail -n +2 "$manifest")
}

# Cuts GitHub's OpenAPI description from its npm package.
fetch_openapi() {
  local file package version path sum out work
  IFS=$'\t' read -r file package version path sum _ \
    < <(tail -n +2 "$manifests/github-api/SOURCES.tsv")
  out="$dest/github-api/$file"
  mkdir -p "$dest/github-api"
  if has_sum "$out" "$(expected_sum "$manifests/github-api" "$file")"; then
    return
  fi
  work="$(mktemp -d)"
  if ! (cd "$work" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz); then
    failures+=("github-api/$file: npm pack $package@$version failed")
  elif ! has_sum "$work/$path" "$sum"; then
    failures+=("github-api/$file: $path of $package@$version differs from its checksum")
  elif ! python3 "$repo_root/scripts/cut-openapi-subset.py" "$work/$path" \
    "$manifests/github-api/openapi-operations.txt" "$out"; then
    failures+=("github-api/$file: cutting the description failed")
  elif ! has_sum "$out" "$(expected_sum "$manifests/github-api" "$file")"; then
    failures+=("github-api/$file: the cut differs from its checksum in testdata/github-api/SHA256SUMS")
  fi
  rm -rf "$work"
}

while IFS= read -r manifest; do
  fetch_manifest "$manifest"
done < <(find "$manifests" -mindepth 2 -name SOURCES.tsv ! -path "$manifests/github-api/SOURCES.tsv" | sort)
fetch_openapi

if [ ${#failures[@]} -gt 0 ]; then
  printf 'fetch-testdata: %s\n' "${failures[@]}" >&2
  echo "fetch-testdata: ${#failures[@]} file(s) missing in $dest" >&2
  exit 1
fi
echo "fetch-testdata: test data complete in $dest (run the tests with -Dpipgate.shared=$dest)"
