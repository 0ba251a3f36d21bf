#!/usr/bin/env bash
# MTA-STS lookups of a drain (MtaStsDrainBenchmark on the in-process server): N relayed messages to one domain with an
# enforced policy, accepted while its MX host is down, then drained over verified TLS; prints the TXT lookups and
# policy fetches the whole run made, and the rates. See bench/README.md.
#
#   bench/mta-sts-drain.sh [MESSAGES [SESSIONS]]     (defaults: 10000 4)
#
# Runs in a private network namespace (its DNS server takes 127.0.0.1:53, the policy host 127.0.0.1:443): needs root,
# or unshare's user namespaces.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
messages=${1:-10000}
sessions=${2:-4}
[[ "$messages" =~ ^[0-9]+$ && "$sessions" =~ ^[0-9]+$ ]] || { echo "usage: $0 [MESSAGES [SESSIONS]]" >&2; exit 2; }

cd "$root"
unshare -n sh -c "ip link set lo up; mvn -B -o -q verify -pl integration-tests -am -Dtest=MtaStsDrainBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.messages=$messages -Dbench.sessions=$sessions" >/dev/null
grep -E 'relayed to one MTA-STS' integration-tests/target/surefire-reports/org.mxsuite.it.relay.MtaStsDrainBenchmark-output.txt
