#!/usr/bin/env bash
# Recipient verification benchmark: RCPT latency (p50, p99, max) of MX Suite with verification off, on with the
# answer not yet known (each RCPT asks the customer's server), and on with the answer remembered, measured by a real
# SMTP client against ./mxsuite start, with a real SMTP server on loopback playing the customer's.
#
#   bench/recipient-verification.sh [ADDRESSES [SESSIONS]]      (defaults: 2000 addresses per phase, 1 session)
#
# Environment:
#   BENCH_CUSTOMER_DELAY_MS  the customer's server answers each RCPT after this many ms (default 0: loopback; a real
#                            customer's server is a network round trip or more away)
#   BENCH_START_TIMEOUT      seconds allowed to MX Suite to start (default 180)
#   BENCH_KEEP=1             keep the server's home (its log) even on success
#   MXSUITE_NO_BUILD         passed to ./mxsuite (default 1 here: build first with mvn -B -q package -DskipTests)
# Everything listens on 127.0.0.1 only, on free ports; the server started here is stopped on exit. The SMTP-time
# checks are off (as in bench/backup-mx-drain.sh): the figures are the RCPT path and verification alone. See
# bench/README.md.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
addresses=${1:-2000}
sessions=${2:-1}
delay=${BENCH_CUSTOMER_DELAY_MS:-0}
start_timeout=${BENCH_START_TIMEOUT:-180}
[[ "$addresses" =~ ^[1-9][0-9]*$ && "$sessions" =~ ^[1-9][0-9]*$ && "$delay" =~ ^[0-9]+$ && "$start_timeout" =~ ^[1-9][0-9]*$ ]] \
  || { echo "usage: $0 [ADDRESSES [SESSIONS]]  (positive integers; BENCH_CUSTOMER_DELAY_MS a number)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }

home=$(mktemp -d /tmp/bench-verify.XXXXXX)
java_pid=""
cleanup() {
  local status=$?
  if [[ -n "$java_pid" ]] && kill -0 "$java_pid" 2>/dev/null; then
    kill "$java_pid" 2>/dev/null
    for _ in $(seq 1 120); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$java_pid" 2>/dev/null
  fi
  if [[ $status -eq 0 && "${BENCH_KEEP:-0}" != 1 ]]; then rm -rf "$home"; else echo "server home kept: $home" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

free_port() { # a TCP port nothing listens on now
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

smtp=$(free_port); web=$(free_port)
other=()
for name in SUBMISSION SMTPS IMAP IMAPS POP3 POP3S; do other+=("MXSUITE_${name}_PORT=$(free_port)"); done
(
  cd "$root" || exit 1
  export MXSUITE_HOME="$home" MXSUITE_BIND=127.0.0.1 MXSUITE_WEBADMIN_HOST=127.0.0.1
  export MXSUITE_NO_BUILD="${MXSUITE_NO_BUILD:-1}" MXSUITE_SMTP_PORT=$smtp MXSUITE_WEBADMIN_PORT=$web
  export "${other[@]}" MXSUITE_SMTP_ALT_ENABLED=false
  export MXSUITE_CHECKS_GREYLISTING_ENABLED=false MXSUITE_CHECKS_DNSBL_ENABLED=false \
    MXSUITE_CHECKS_REVERSEDNS_ENABLED=false MXSUITE_CHECKS_SENDERDOMAIN_ENABLED=false \
    MXSUITE_CHECKS_HEADERCHECKS_ENABLED=false
  exec ./mxsuite start   # the launcher execs java: $! below is the JVM
) >"$home/server.log" 2>&1 &
java_pid=$!

for ((i = 0; i < start_timeout * 4; i++)); do
  grep -q "MX Suite is running." "$home/server.log" && break
  kill -0 "$java_pid" 2>/dev/null || { tail -20 "$home/server.log" >&2; echo "MX Suite exited at start" >&2; exit 1; }
  sleep 0.25
done
grep -q "MX Suite is running." "$home/server.log" || { tail -20 "$home/server.log" >&2; echo "MX Suite not running" >&2; exit 1; }

echo "MX Suite $(git -C "$root" rev-parse --short HEAD 2>/dev/null), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$root/bench/recipient_verification.py" "$smtp" "$web" "$addresses" "$sessions" "$delay"
