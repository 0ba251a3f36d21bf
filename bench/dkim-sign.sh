#!/usr/bin/env bash
# DKIM signing benchmark: signatures per second of messages (10 KB by default) on one thread, RSA 2048, Ed25519 and
# both, with CPU ms per message.
#
#   bench/dkim-sign.sh [SIZE [SECONDS]]      (defaults: 10240 bytes, 5 s per algorithm)
#
# Needs a build first (mvn -B -q package -DskipTests). See bench/README.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size=${1:-10240}
seconds=${2:-5}
[[ "$size" =~ ^[0-9]+$ && "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "usage: $0 [SIZE [SECONDS]]" >&2; exit 2; }
[[ -f "$root/core/target/test-classes/org/mxsuite/dkim/DkimSignBenchmark.class" ]] \
  || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
version=$(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' "$root/pom.xml")
bcprov="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/bouncycastle/bcprov-jdk18on/$version/bcprov-jdk18on-$version.jar"
[[ -f "$bcprov" ]] || { echo "no $bcprov: build first" >&2; exit 1; }

java -cp "$root/core/target/classes:$root/core/target/test-classes:$bcprov" org.mxsuite.dkim.DkimSignBenchmark "$size" "$seconds"
