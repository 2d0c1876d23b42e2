#!/usr/bin/env bash
# pipgate audit --org over many repositories against the fake GitHub (WireMock), each with an env
# file (half of them with a notes file): wall time and API requests (AuditScaleBenchmark). The fake
# answers at once, so the time is pipgate's own; add GitHub's latency per request for a real run.
#
#   bench/audit.sh            # 1,000 repositories
#   REPOS=5000 bench/audit.sh
#
# Needs the test data (PIPGATE_SHARED, default ../shared: github-api/). Writes its table to
# bench/.work/audit/results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${PIPGATE_SHARED:-$here/../shared}"
repos="${REPOS:-1000}"
cd "$here"
[[ -d "$shared/github-api" ]] || { echo "audit.sh: no $shared/github-api (set PIPGATE_SHARED)" >&2; exit 2; }
mkdir -p bench/.work/audit
mvn -q -B -ntp test -Dspotless.check.skip=true -Dtest=AuditScaleBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpipgate.shared="$shared" \
  -Dpipgate.bench.audit.repos="$repos" -Dpipgate.bench.out="$here/bench/.work/audit/results.md" >/dev/null
cat bench/.work/audit/results.md
