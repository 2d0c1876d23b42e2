#!/usr/bin/env bash
# Points the actions at published images, so that a tagged release never builds on a runner:
#
#   docker/pin-images.sh GATE_IMAGE TF29_IMAGE [DIR]
#
# sets `image:` of DIR/action.yml to docker://GATE_IMAGE and of DIR/tf29/action.yml to
# docker://TF29_IMAGE (DIR defaults to the repository), e.g.
#   docker/pin-images.sh ghcr.io/pipgate/pipgate:1.0.0@sha256:… ghcr.io/pipgate/pipgate-tf29:1.0.0@sha256:…
# The release workflow runs it on the tagged commit; the default branch keeps `image: Dockerfile`.
set -euo pipefail

gate="$1"
tf29="$2"
dir="${3:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)}"

pin() {
  local file="$1" ref="$2"
  if [[ "$(grep -c '^  image: ' "$file")" != 1 ]]; then
    echo "pin-images: $file: expected one '  image:' line under runs" >&2
    exit 2
  fi
  sed -i "s|^  image: .*|  image: docker://$ref|" "$file"
  # The comments above it describe the default branch; the pinned file says what it runs.
  sed -i '/^  # .*$/d' "$file"
  echo "$file: docker://$ref"
}

for ref in "$gate" "$tf29"; do
  if [[ ! "$ref" =~ ^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?$ ]]; then
    echo "pin-images: not an image reference: $ref" >&2
    exit 2
  fi
done
pin "$dir/action.yml" "$gate"
pin "$dir/tf29/action.yml" "$tf29"
