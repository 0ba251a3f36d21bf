#!/usr/bin/env bash
# Greylisting benchmark: decisions per second and latency (p50, p99, max) for new, retried and known triplets, on the
# embedded H2 store and on PostgreSQL, in-process (the decision the SMTP hook makes, without SMTP around it).
#
#   bench/greylist-decisions.sh [TRIPLETS [THREADS]]      (defaults: 20000 triplets, 8 threads)
#
# Needs a build first (mvn -B -q package -DskipTests) and, for PostgreSQL, the local server of the tests
# (MXSUITE_TEST_POSTGRES_URL, default jdbc:postgresql://127.0.0.1:5432/test as postgres; a fresh schema is made
# and dropped). BENCH_BACKENDS="h2 postgresql" by default. See bench/README.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
triplets=${1:-20000}
threads=${2:-8}
backends=${BENCH_BACKENDS:-"h2 postgresql"}
[[ "$triplets" =~ ^[1-9][0-9]*$ && "$threads" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [TRIPLETS [THREADS]]" >&2; exit 2; }
[[ -d "$root/core/target/test-classes/org/mxsuite/greylist" ]] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
(cd "$root" && mvn -B -q -o dependency:build-classpath -pl core -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null) \
  || (cd "$root" && mvn -B -q dependency:build-classpath -pl core -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null)
classpath="$root/core/target/classes:$root/core/target/test-classes:$(cat "$classpath_file")"

for backend in $backends; do
  java -cp "$classpath" -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    org.mxsuite.greylist.GreylistBenchmark "$backend" "$triplets" "$threads" \
    2> >(grep -v -E "(INFO|WARN) " >&2) | grep -v -E " (INFO|WARN) "
  echo
done
