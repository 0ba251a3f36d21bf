#!/usr/bin/env bash
# MTA-STS and DANE lookups of a drain (TlsPolicyDrainBenchmark on the in-process server): N relayed messages to one
# domain with an enforced MTA-STS policy (mta-sts) or DANE-EE records on its MX host (dane), accepted while its MX host
# is down, then drained over authenticated TLS; prints the lookups the whole run made, and the rates. See bench/README.md.
#
#   bench/tls-policy-drain.sh [mta-sts|dane [MESSAGES [SESSIONS]]]     (defaults: mta-sts 10000 4)
#
# Runs in a private network namespace (its DNS server takes 127.0.0.1:53, the policy host 127.0.0.1:443): needs root,
# or unshare's user namespaces.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mechanism=${1:-mta-sts}
messages=${2:-10000}
sessions=${3:-4}
[[ "$mechanism" =~ ^(mta-sts|dane)$ && "$messages" =~ ^[0-9]+$ && "$sessions" =~ ^[0-9]+$ ]] \
  || { echo "usage: $0 [mta-sts|dane [MESSAGES [SESSIONS]]]" >&2; exit 2; }

cd "$root"
unshare -n sh -c "ip link set lo up; mvn -B -o -q verify -pl integration-tests -am -Dtest=TlsPolicyDrainBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.mechanism=$mechanism -Dbench.messages=$messages -Dbench.sessions=$sessions" >/dev/null
grep -E 'relayed to one' integration-tests/target/surefire-reports/org.mxsuite.it.relay.TlsPolicyDrainBenchmark-output.txt
