#!/usr/bin/env bash
# Requests per run and wall time of the action's publication, this jar against an older one on the
# same scenario, side by side in one run (GitHubRequestsBenchmark): a pull request adds two
# unjustified pip packages, the same run again, then a push justifies one. Each jar runs as
# `java -jar pipgate.jar action` against the fake GitHub (WireMock), every request checked
# against GitHub's OpenAPI description.
#
#   bench/github.sh                    # this jar against the last one before hub4j
#   OLD_REF=v1.0.0 bench/github.sh     # against the jar built from another commit or tag
#   ROUNDS=10 bench/github.sh          # rounds per jar for the median (default 5)
#
# Needs the test data (-Dpipgate.shared, default ../shared: github-api/). Builds target/pipgate.jar
# and the old jar (in a git worktree under bench/.work/github/) with Maven. Writes its table to
# bench/.work/github/results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$here/bench/.work/github"
shared="${PIPGATE_SHARED:-$here/../shared}"
rounds="${ROUNDS:-5}"
cd "$here"
if [[ -z "${OLD_REF:-}" ]]; then
  # The commit before hub4j came in: the parent of the newest commit that added github-api to
  # the pom (an early version of the project had it once and dropped it).
  first="$(git log -1 --format=%H -S'<artifactId>github-api</artifactId>' -- pom.xml)"
  [[ -n "$first" ]] || { echo "github.sh: no commit adds github-api; set OLD_REF" >&2; exit 2; }
  OLD_REF="$first~1"
fi
[[ -d "$shared/github-api" ]] || { echo "github.sh: no $shared/github-api (set PIPGATE_SHARED)" >&2; exit 2; }

mkdir -p "$work"
old_src="$work/old-src"
git worktree remove --force "$old_src" 2>/dev/null || rm -rf "$old_src"
git worktree add --detach "$old_src" "$OLD_REF" >/dev/null
trap 'git -C "$here" worktree remove --force "$old_src" 2>/dev/null || true' EXIT
(cd "$old_src" && mvn -q -B -ntp package -DskipTests -Dspotless.check.skip=true)
cp "$old_src/target/pipgate.jar" "$work/old.jar"
mvn -q -B -ntp package -DskipTests -Dspotless.check.skip=true
cp target/pipgate.jar "$work/new.jar"

mvn -q -B -ntp test -Dspotless.check.skip=true -Dtest=GitHubRequestsBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpipgate.shared="$shared" \
  -Dpipgate.bench.jars="before ($(git rev-parse --short "$OLD_REF"))=$work/old.jar,after=$work/new.jar" \
  -Dpipgate.bench.rounds="$rounds" -Dpipgate.bench.out="$work/results.md" >/dev/null
cat "$work/results.md"
