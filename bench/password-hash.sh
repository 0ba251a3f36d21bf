#!/usr/bin/env bash
# Password-hash benchmark: how long one check of a relay account's password takes (PBKDF2-HMAC-SHA256) and how many
# checks per second this machine does on 1 thread and on all its cores, at several iteration counts.
#
#   bench/password-hash.sh [ITERATIONS,... [SECONDS]]      (defaults: 100000,210000,310000,600000 for 5 s each)
#
# Needs a build first (mvn -B -q package -DskipTests). Nothing else runs meanwhile for the figures to mean anything.
# See bench/README.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
counts=${1:-100000,210000,310000,600000}
seconds=${2:-5}
[[ "$counts" =~ ^[0-9]+(,[0-9]+)*$ && "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "usage: $0 [ITERATIONS,... [SECONDS]]" >&2; exit 2; }
[[ -f "$root/core/target/test-classes/org/mxsuite/relay/PasswordHashBenchmark.class" ]] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

java -cp "$root/core/target/classes:$root/core/target/test-classes" org.mxsuite.relay.PasswordHashBenchmark "$counts" "$seconds"
