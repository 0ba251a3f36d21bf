#!/usr/bin/env bash
# Relayed mail with DKIM signing on and off, side by side in one run (DkimDrainBenchmark on the in-process server):
# acceptance and drain rates of N messages of 10 KB per round, and CPU ms per message. See bench/README.md.
#
#   bench/dkim-relay.sh [MESSAGES [ROUNDS [SESSIONS]]]     (defaults: 2000 3 4)
#
# Runs in a private network namespace (its DNS server takes 127.0.0.1:53): needs root, or unshare's user namespaces.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
messages=${1:-2000}
rounds=${2:-3}
sessions=${3:-4}
[[ "$messages" =~ ^[0-9]+$ && "$rounds" =~ ^[0-9]+$ && "$sessions" =~ ^[0-9]+$ ]] \
  || { echo "usage: $0 [MESSAGES [ROUNDS [SESSIONS]]]" >&2; exit 2; }

cd "$root"
unshare -n sh -c "ip link set lo up; mvn -B -o -q verify -pl integration-tests -am -Dtest=DkimDrainBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.messages=$messages -Dbench.rounds=$rounds -Dbench.sessions=$sessions" >/dev/null
grep -E '^(\||[0-9]+ messages)' integration-tests/target/surefire-reports/org.mxsuite.it.relay.DkimDrainBenchmark-output.txt
