#!/usr/bin/env bash
# Backup-MX benchmark: acceptance and drain rates of MX Suite and of a private Postfix instance, side by side.
#
#   bench/backup-mx-drain.sh [MESSAGES [SIZE]]        (defaults: 10000 messages of 10240 bytes)
#
# For each system: while the customer's server is down, smtp-source sends MESSAGES messages of about SIZE bytes
# over 20 parallel sessions (acceptance); then smtp-sink starts on the destination port and the time until the
# queue is empty is measured (drain). Everything listens on 127.0.0.1 only, on free ports picked at start, and
# everything started here is stopped on exit (success, failure or Ctrl-C). See bench/README.md.
#
# Environment:
#   BENCH_SYSTEMS          systems to run, in order (default "mxsuite postfix")
#   BENCH_SESSIONS         parallel SMTP sessions of smtp-source (default 20)
#   BENCH_PHASE_TIMEOUT    seconds allowed to each phase (acceptance, holding, drain); default 300 + MESSAGES/20,
#                          and at least 720 for the drain (MX Suite may wait for its 10m retryInterval)
#   BENCH_START_TIMEOUT    seconds allowed to MX Suite to start (default 180)
#   BENCH_JSTACK=SECONDS   take a jstack thread dump of MX Suite every SECONDS s into its home (investigation)
#   BENCH_KEEP=1           keep the temporary directories (server log, Postfix queue and maillog) even on success
#   BENCH_CHECKS=1         keep MX Suite's SMTP-time checks on (off by default: the private Postfix has none)
#   BENCH_WARMUP=N         before the measured run, N messages to a second domain whose server is up (delivered at
#                          once), on both systems: measures a warm server (a JVM compiles its hot code in the
#                          first minute; Postfix has nothing to warm). Default 0: a cold start.
#   BENCH_PAUSE=SECONDS    idle time before each system after the first (default 0): on a file system where
#                          recent deletions slow down file creation (ext4 without a journal), the second system
#                          would otherwise pay for the first's cleanup
#   BENCH_FS=fresh         each system works in a new ext4 file system of its own (with a journal, as mkfs.ext4 makes
#                          it; a sparse image file under /tmp, loop-mounted; needs root): no system pays for files
#                          another run deleted before it. Default: directories under /tmp
#   BENCH_PROBE_ONLY=1     no REST flush when the destination starts: MX Suite's probe finds it (within 1-3 s)
#   BENCH_DOMAIN_SETTINGS  more settings of MX Suite's bench.example, JSON fields without braces: a throttled drain
#                          ('"maxRate":200', '"maxConnections":1', docs/backup-mx.md) or traffic limits
#                          ('"messagesPerDay":100000000,"bytesPerDay":"1TB"'); the JVM's CPU time per message from the
#                          start of acceptance until all are held is logged for every run
#   BENCH_TRACE=off        MX Suite without its delivery trace (trace.enabled=false); default on, as shipped: run
#                          both, alternating, to measure what recording the trace costs (bench/README.md)
#   MXSUITE_NO_BUILD       passed to ./mxsuite (default 1 here: build first with mvn -B -q package -DskipTests)
#   MXSUITE_JAVA_OPTS      passed to ./mxsuite (JVM options)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

messages=${1:-10000}
size=${2:-10240}
sessions=${BENCH_SESSIONS:-20}
systems=${BENCH_SYSTEMS:-"mxsuite postfix"}
[[ "$messages" =~ ^[1-9][0-9]*$ && "$size" =~ ^[1-9][0-9]*$ && "$sessions" =~ ^[1-9][0-9]*$ ]] \
  || { echo "usage: $0 [MESSAGES [SIZE]]  (positive integers)" >&2; exit 2; }
phase_timeout=${BENCH_PHASE_TIMEOUT:-$((300 + messages / 20))}
# the drain may have to wait for MX Suite's retryInterval (10m, see bench/README.md): allow at least 12 minutes
drain_timeout=${BENCH_PHASE_TIMEOUT:-$((phase_timeout > 720 ? phase_timeout : 720))}
start_timeout=${BENCH_START_TIMEOUT:-180}
stop_timeout=30
poll=0.25
domain=bench.example
sender=sender@bench-sender.example
recipient=rcpt@$domain
warmup=${BENCH_WARMUP:-0}
warmup_domain=warmup.example

[[ "$warmup" =~ ^[0-9]+$ ]] || { echo "BENCH_WARMUP must be a number of messages" >&2; exit 2; }
pause=${BENCH_PAUSE:-0}
[[ "$pause" =~ ^[0-9]+$ ]] || { echo "BENCH_PAUSE must be a number of seconds" >&2; exit 2; }
trace=${BENCH_TRACE:-on}
[[ "$trace" == on || "$trace" == off ]] || { echo "BENCH_TRACE must be 'on' or 'off'" >&2; exit 2; }
mx_label="MX Suite"
[[ "$trace" == off ]] && mx_label="MX Suite (trace off)"
fresh_fs=${BENCH_FS:-}
[[ -z "$fresh_fs" || "$fresh_fs" == fresh ]] || { echo "BENCH_FS must be 'fresh' or unset" >&2; exit 2; }
[[ "$phase_timeout" =~ ^[1-9][0-9]*$ && "$start_timeout" =~ ^[1-9][0-9]*$ ]] \
  || { echo "BENCH_PHASE_TIMEOUT and BENCH_START_TIMEOUT must be positive integers" >&2; exit 2; }

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
# elapsed START [END]: seconds with two decimals
elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f", b - a }'; }
# rate COUNT SECONDS: per second, one decimal
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "-" }'; }

for tool in smtp-source smtp-sink curl ss awk timeout; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
sink_user=()
[[ $(id -u) == 0 ]] && sink_user=(-u nobody)   # smtp-sink refuses to run as root without -u

# --- everything started here, stopped on exit ------------------------------------------------------------------
tmp_dirs=()        # removed on success (kept on failure or with BENCH_KEEP=1)
mounts=()          # BENCH_FS=fresh: mount points, each over "<mount point>.img"; unmounted on exit
sink_pid=""
source_pid=""
java_pid=""
dumper_pid=""      # BENCH_JSTACK loop
postfix_dir=""     # config_directory of the running private Postfix instance, if any
failed=0

stop_pid() { # stop_pid PID NAME: SIGTERM, then SIGKILL after stop_timeout seconds
  local pid=$1 name=$2 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < stop_timeout * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.25
  done
  log "$name (pid $pid) still running after ${stop_timeout}s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

stop_postfix() { # postfix stop; SIGKILL to the master's process group if it is still there after stop_timeout s
  local dir=$postfix_dir pidfile master="" i
  [[ -n "$dir" ]] || return 0
  pidfile=$(postconf -c "$dir" -h queue_directory 2>/dev/null)/pid/master.pid
  [[ -f "$pidfile" ]] && master=$(awk 'NR == 1 { print $1 }' "$pidfile")
  timeout "$stop_timeout" postfix -c "$dir" stop >/dev/null 2>&1
  if [[ "$master" =~ ^[0-9]+$ ]]; then
    for ((i = 0; i < stop_timeout * 4; i++)); do
      grep -qx master "/proc/$master/comm" 2>/dev/null || break
      sleep 0.25
    done
    if grep -qx master "/proc/$master/comm" 2>/dev/null; then
      log "Postfix master (pid $master) still running: SIGKILL to its process group"
      kill -KILL -- "-$master" 2>/dev/null || kill -KILL "$master" 2>/dev/null
    fi
  fi
  postfix_dir=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  stop_pid "$source_pid" smtp-source
  stop_pid "$sink_pid" smtp-sink
  stop_pid "$dumper_pid" "jstack loop"
  stop_pid "$java_pid" "MX Suite"
  stop_postfix
  local d keep=0
  [[ $rc != 0 || $failed != 0 || "${BENCH_KEEP:-}" == 1 ]] && keep=1
  # a fresh file system is unmounted either way; its image is what is kept (mount -o loop IMAGE DIR to look)
  for d in "${mounts[@]}"; do
    umount "$d" 2>/dev/null || umount -l "$d" 2>/dev/null || log "could not unmount $d"
    ((keep)) || rm -f -- "$d.img"
  done
  if ((keep)); then
    ((${#tmp_dirs[@]})) && log "kept for inspection: ${tmp_dirs[*]}"
    ((${#mounts[@]})) && log "their file system images: ${mounts[*]/%/.img}"
  else
    for d in "${tmp_dirs[@]}"; do rm -rf -- "$d"; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- ports --------------------------------------------------------------------------------------------------------
taken_ports=" "
free_port() { # free_port VAR: sets VAR to a TCP port that nothing uses and that this run has not handed out yet
  local i p
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ "$taken_ports" == *" $p "* ]] && continue
    [[ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]] || continue
    taken_ports+="$p "
    printf -v "$1" '%s' "$p"
    return 0
  done
  die "no free port found"
}

# --- common steps -------------------------------------------------------------------------------------------------
declare -A result
t_drain0=""        # start of the current drain
first_s=""         # seconds from t_drain0 to the first delivery

# send PORT LOGFILE [COUNT RECIPIENT]: smtp-source against 127.0.0.1:PORT (default: the measured messages); sets
# accept_s; returns non-zero on failure or timeout
send() {
  local port=$1 out=$2 count=${3:-$messages} to=${4:-$recipient} t0 rc
  log "sending $count messages of $size bytes over $sessions sessions to $to at 127.0.0.1:$port"
  t0=$(now)
  timeout "$phase_timeout" smtp-source -c -l "$size" -m "$count" -s "$sessions" \
    -f "$sender" -t "$to" "127.0.0.1:$port" >"$out" 2>&1 &
  source_pid=$!
  wait "$source_pid"
  rc=$?
  source_pid=""
  accept_s=$(elapsed "$t0")
  local warnings
  warnings=$(grep -c -E 'warning|fatal|error' "$out")
  ((warnings)) && { log "smtp-source reported $warnings problem line(s), first ones:"; grep -E 'warning|fatal|error' "$out" | head -5 >&2; }
  if [[ $rc == 124 ]]; then log "smtp-source timed out after ${phase_timeout}s"; return 1; fi
  if [[ $rc != 0 ]]; then log "smtp-source failed (exit $rc)"; return 1; fi
  log "accepted in ${accept_s}s ($(rate "$count" "$accept_s") msg/s)"
  return 0
}

# start_sink PORT LOGFILE
start_sink() {
  smtp-sink -c "${sink_user[@]}" "127.0.0.1:$1" 256 >"$2" 2>&1 &
  sink_pid=$!
}

# stop_sink LOGFILE: stops smtp-sink, prints the number of messages it received
stop_sink() {
  sleep 1   # the last sessions' QUIT
  if [[ -n "$sink_pid" ]] && ! kill -0 "$sink_pid" 2>/dev/null; then
    wait "$sink_pid"
    log "WARNING: smtp-sink had exited on its own (status $?)"
  fi
  stop_pid "$sink_pid" smtp-sink
  sink_pid=""
  sink_count "$1"
}

sink_count() { tr '\r' '\n' <"$1" 2>/dev/null | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -1; } # messages so far

# warm_up SMTPPORT SINKPORT HOME EMPTYCHECK: BENCH_WARMUP messages for the warm-up domain, whose server (an
# smtp-sink on SINKPORT) is up, then waits until EMPTYCHECK says the system has delivered them all
warmup_sink_out=""
warmup_delivered() { [[ "$(sink_count "$warmup_sink_out")" == "$warmup" ]]; }
warm_up() {
  local smtp=$1 sinkport=$2 home=$3 done=$4 t0 got
  ((warmup > 0)) || return 0
  t0=$(now)
  warmup_sink_out="$home/warmup-sink.out"
  start_sink "$sinkport" "$warmup_sink_out"
  send "$smtp" "$home/warmup-source.out" "$warmup" "rcpt@$warmup_domain" || return 1
  wait_for "$phase_timeout" "the warm-up messages to be delivered" "$done" || return 1
  got=$(stop_sink "$warmup_sink_out")
  log "warm-up: $warmup messages accepted and delivered in $(elapsed "$t0")s (smtp-sink received ${got:-?})"
}

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every $poll s until it succeeds, at most SECONDS s
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(awk -v t="$(now)" -v d="$limit" 'BEGIN { printf "%d", t + d }')
  while ! "$@"; do
    if (($(date +%s) >= deadline)); then
      log "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep "$poll"
  done
}

# --- MX Suite -----------------------------------------------------------------------------------------------------
mx_webadmin=""
mx_count=""
mx_queue_count() { # sets mx_count to the domain's held messages (or empty)
  mx_count=$(curl -s --max-time 5 "http://127.0.0.1:$mx_webadmin/hosted-domains/$domain/queue?limit=1" \
    | sed -n 's/.*"messages":\([0-9]*\).*/\1/p')
}
mx_held_all() { mx_queue_count; [[ "$mx_count" == "$messages" ]]; }
mx_warmup_done() { # the warm-up sink has every warm-up message and nothing of the warm-up domain is held
  warmup_delivered && [[ "$(curl -s --max-time 5 "http://127.0.0.1:$mx_webadmin/hosted-domains/$warmup_domain/queue?limit=1" \
    | sed -n 's/.*"messages":\([0-9]*\).*/\1/p')" == 0 ]]
}
mx_last_count=""
mx_last_change=0
mx_stall_reported=""
mx_empty() { # also notes the time of the first delivery (first_s, since t_drain0) and reports a stalled drain
  mx_queue_count
  [[ -z "$first_s" && "$mx_count" =~ ^[0-9]+$ ]] && ((mx_count < messages)) && first_s=$(elapsed "$t_drain0")
  if [[ "$mx_count" != "$mx_last_count" ]]; then
    mx_last_count=$mx_count
    mx_last_change=$(date +%s)
  elif [[ -z "$mx_stall_reported" && "$mx_count" =~ ^[1-9][0-9]*$ ]] && (($(date +%s) - mx_last_change >= 30)); then
    mx_stall_reported=1
    log "WARNING: the drain is stalled: $mx_count messages still held and none delivered for 30s; oldest held:"
    curl -s --max-time 5 "http://127.0.0.1:$mx_webadmin/hosted-domains/$domain/queue?limit=1" >&2
    echo >&2
  fi
  [[ "$mx_count" == 0 ]]
}

mx_start_dumps() { # BENCH_JSTACK=SECONDS: a thread dump every SECONDS s while MX Suite runs (at most 500)
  local every=${BENCH_JSTACK:-} home=$1
  [[ -n "$every" ]] || return 0
  [[ "$every" =~ ^[1-9][0-9]*$ ]] || die "BENCH_JSTACK must be a number of seconds"
  command -v jstack >/dev/null || die "BENCH_JSTACK needs jstack"
  (
    trap 'exit 0' TERM
    for ((k = 0; k < 500; k++)); do
      sleep "$every" & wait $!
      kill -0 "$java_pid" 2>/dev/null || exit 0
      timeout 60 jstack "$java_pid" >"$home/jstack-$(date +%H%M%S).txt" 2>&1
    done
  ) &
  dumper_pid=$!
  log "thread dumps every ${every}s into $home/jstack-*.txt"
}

mx_diagnose() { # thread dump and log tail when a phase fails
  local home=$1
  if [[ -n "$java_pid" ]] && kill -0 "$java_pid" 2>/dev/null && command -v jstack >/dev/null; then
    timeout 60 jstack "$java_pid" >"$home/jstack-$(date +%H%M%S).txt" 2>&1 \
      && log "thread dump: $home/jstack-*.txt"
  fi
  log "last lines of $home/server.log:"
  tail -20 "$home/server.log" >&2
}

# work_dir PREFIX: a new directory /tmp/PREFIX.XXXXXX, last in tmp_dirs; with BENCH_FS=fresh, the root of a new ext4 file system
# (a sparse image of three times the messages' bytes plus 1 GiB, loop-mounted there)
work_dir() {
  local dir
  dir=$(mktemp -d "/tmp/$1.XXXXXX") || die "mktemp"
  tmp_dirs+=("$dir")
  if [[ "$fresh_fs" == fresh ]]; then
    [[ $(id -u) == 0 ]] || die "BENCH_FS=fresh needs root (mount -o loop)"
    truncate -s $((messages * size * 3 + (1 << 30))) "$dir.img" || die "truncate $dir.img"
    mkfs.ext4 -q -F "$dir.img" || die "mkfs.ext4 $dir.img"
    mount -o loop "$dir.img" "$dir" || die "mount -o loop $dir.img $dir"
    mounts+=("$dir")
  fi
}

# the user + system CPU time of MX Suite's JVM so far, in clock ticks
jvm_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$java_pid/stat"
}

run_mxsuite() {
  local home smtp web dest warm i t_accept0 out_src out_sink held_s="-" drain_s delivered
  result[mxsuite]="$mx_label|$messages|$size|failed|-|-|-|-|-|-"
  work_dir bench-mxsuite; home=${tmp_dirs[-1]}
  free_port smtp; free_port web; free_port dest; free_port warm
  local other=() name port
  for name in SUBMISSION SMTPS IMAP IMAPS POP3 POP3S SMTP_ALT; do free_port port; other+=("MXSUITE_${name}_PORT=$port"); done
  mx_webadmin=$web
  log "MX Suite: home $home, SMTP $smtp, WebAdmin $web, destination (smtp-sink) $dest"
  (
    cd "$root" || exit 1
    export MXSUITE_HOME="$home" MXSUITE_BIND=127.0.0.1 MXSUITE_WEBADMIN_HOST=127.0.0.1
    export MXSUITE_NO_BUILD="${MXSUITE_NO_BUILD:-1}"
    export MXSUITE_SMTP_PORT=$smtp MXSUITE_WEBADMIN_PORT=$web
    export "${other[@]}" MXSUITE_SMTP_ALT_ENABLED=false
    # the backup-MX path alone, as the private Postfix runs it (no greylisting, blocklists, DNS or header checks);
    # BENCH_CHECKS=1 keeps them on (they need DNS answers for the sender's domain)
    if [[ "${BENCH_CHECKS:-0}" != 1 ]]; then
      export MXSUITE_CHECKS_GREYLISTING_ENABLED=false MXSUITE_CHECKS_DNSBL_ENABLED=false \
        MXSUITE_CHECKS_REVERSEDNS_ENABLED=false MXSUITE_CHECKS_SENDERDOMAIN_ENABLED=false \
        MXSUITE_CHECKS_HEADERCHECKS_ENABLED=false
    fi
    [[ "$trace" == off ]] && export MXSUITE_TRACE_ENABLED=false
    exec ./mxsuite start   # the launcher execs java: $! below is the JVM
  ) >"$home/server.log" 2>&1 &
  java_pid=$!

  # started?
  for ((i = 0; i < start_timeout * 4; i++)); do
    grep -q "MX Suite is running." "$home/server.log" && break
    kill -0 "$java_pid" 2>/dev/null || { tail -20 "$home/server.log" >&2; failed=1; log "MX Suite exited at start"; return 1; }
    sleep 0.25
  done
  grep -q "MX Suite is running." "$home/server.log" \
    || { failed=1; mx_diagnose "$home"; log "MX Suite not running after ${start_timeout}s"; return 1; }
  log "MX Suite is running (pid $java_pid)"
  mx_start_dumps "$home"

  local code
  code=$(curl -s --max-time 10 -o "$home/put.out" -w '%{http_code}' -XPUT -H 'Content-Type: application/json' \
    -d "{\"service\":\"backup\",\"destination\":\"127.0.0.1:$dest\",\"retryInterval\":\"10m\"${BENCH_DOMAIN_SETTINGS:+,$BENCH_DOMAIN_SETTINGS}}" \
    "http://127.0.0.1:$web/hosted-domains/$domain")
  [[ "$code" == 204 ]] || { failed=1; cat "$home/put.out" >&2; log "PUT /hosted-domains/$domain answered $code"; return 1; }
  if ((warmup > 0)); then
    code=$(curl -s --max-time 10 -o "$home/put.out" -w '%{http_code}' -XPUT -H 'Content-Type: application/json' \
      -d "{\"service\":\"relay\",\"destination\":\"127.0.0.1:$warm\"}" "http://127.0.0.1:$web/hosted-domains/$warmup_domain")
    [[ "$code" == 204 ]] || { failed=1; cat "$home/put.out" >&2; log "PUT /hosted-domains/$warmup_domain answered $code"; return 1; }
    warm_up "$smtp" "$warm" "$home" mx_warmup_done || { failed=1; mx_diagnose "$home"; log "warm-up failed"; return 1; }
  fi

  # acceptance, and the time until everything is in the hold queue
  out_src="$home/smtp-source.out"
  local cpu0
  cpu0=$(jvm_cpu_ticks)
  t_accept0=$(now)
  send "$smtp" "$out_src" || { failed=1; mx_diagnose "$home"; return 1; }
  if wait_for "$phase_timeout" "$messages held messages" mx_held_all; then
    held_s=$(elapsed "$t_accept0")
    log "all $messages held after ${held_s}s; JVM CPU $(awk -v t=$(( $(jvm_cpu_ticks) - cpu0 )) -v hz="$(getconf CLK_TCK)" \
      -v n="$messages" 'BEGIN { printf "%.2f s, %.0f us per message", t / hz, t / hz / n * 1e6 }')"
  else
    failed=1
    log "held messages: ${mx_count:-unknown} of $messages"
    mx_diagnose "$home"
    result[mxsuite]="$mx_label|$messages|$size|$accept_s|$(rate "$messages" "$accept_s")|timeout (${mx_count:-?} held)|-|-|-|-"
    return 1
  fi

  # drain: the engine probes the down destination every 1-3 s and delivers as soon as it answers
  out_sink="$home/smtp-sink.out"
  first_s=""
  mx_last_count=""
  mx_stall_reported=""
  t_drain0=$(now)
  start_sink "$dest" "$out_sink"
  if [[ "${BENCH_PROBE_ONLY:-0}" != 1 ]]; then
    # as Postfix gets "postfix flush" below: delivery starts now rather than at the next probe (every 1-3 s)
    curl -s --max-time 10 -o /dev/null -XPOST "http://127.0.0.1:$web/hosted-domains/$domain/queue?action=flush" \
      || log "WARNING: the REST flush failed; the probe will find the destination"
  fi
  log "smtp-sink started on 127.0.0.1:$dest, waiting for the hold queue to empty"
  if wait_for "$drain_timeout" "an empty hold queue" mx_empty; then
    drain_s=$(elapsed "$t_drain0")
    delivered=$(stop_sink "$out_sink")
    log "drained in ${drain_s}s ($(rate "$messages" "$drain_s") msg/s); smtp-sink received ${delivered:-?}"
    result[mxsuite]="$mx_label|$messages|$size|$accept_s|$(rate "$messages" "$accept_s")|$held_s|${first_s:--}|$drain_s|$(rate "$messages" "$drain_s")|${delivered:-?}"
  else
    failed=1
    log "still held: ${mx_count:-unknown} of $messages"
    mx_diagnose "$home"
    delivered=$(stop_sink "$out_sink")
    result[mxsuite]="$mx_label|$messages|$size|$accept_s|$(rate "$messages" "$accept_s")|$held_s|${first_s:--}|timeout (${mx_count:-?} left)|-|${delivered:-?}"
  fi
  stop_pid "$dumper_pid" "jstack loop"
  dumper_pid=""
  stop_pid "$java_pid" "MX Suite"
  java_pid=""
}

# --- Postfix ------------------------------------------------------------------------------------------------------
pf_queue=""
pf_count() { # pf_count DIR...: message files in these queue directories
  local d dirs=()
  for d in "$@"; do dirs+=("$pf_queue/$d"); done
  find "${dirs[@]}" -type f 2>/dev/null | wc -l
}
pf_warmup_done() { warmup_delivered && (($(pf_count incoming active deferred maildrop) == 0)); }
pf_all_deferred() { (($(pf_count incoming active maildrop) == 0 && $(pf_count deferred) == messages)); }
pf_empty() { # also notes the time of the first delivery (first_s, since t_drain0)
  local left
  left=$(pf_count incoming active deferred maildrop)
  [[ -z "$first_s" ]] && ((left < messages)) && first_s=$(elapsed "$t_drain0")
  ((left == 0))
}

pf_diagnose() {
  log "Postfix queue: incoming $(pf_count incoming) active $(pf_count active) deferred $(pf_count deferred) maildrop $(pf_count maildrop)"
  log "last lines of $1/maillog:"
  tail -20 "$1/maillog" >&2
}

# the private instance's main.cf (kept in sync with bench/README.md)
pf_main_cf() { # pf_main_cf BASE DEST WARMUPDEST
  cat <<EOF
# private Postfix instance of bench/backup-mx-drain.sh
compatibility_level = 3.6
queue_directory = $1/queue
data_directory = $1/data
maillog_file = $1/maillog
maillog_file_prefixes = $1
myhostname = postfix-bench.localdomain
mydomain = localdomain
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
alias_maps =
alias_database =
# backup MX for bench.example: accept every address of the domain, relay it to the customer's server
relay_domains = $domain, $warmup_domain
relay_recipient_maps =
transport_maps = inline:{ $domain=smtp:[127.0.0.1]:$2, $warmup_domain=smtp:[127.0.0.1]:$3 }
# keep held mail as long as MX Suite does by default (retention 14d) instead of 5d
maximal_queue_lifetime = 14d
bounce_queue_lifetime = 14d
EOF
}

run_postfix() {
  local base smtp dest warm out_src out_sink t_accept0 settled_s="-" drain_s delivered
  result[postfix]="Postfix|$messages|$size|failed|-|-|-|-|-|-"
  if [[ $(id -u) != 0 ]]; then
    failed=1; log "Postfix: a private instance needs root (postfix start); skipped"
    result[postfix]="Postfix|$messages|$size|skipped (needs root)|-|-|-|-|-|-"
    return 1
  fi
  command -v postfix >/dev/null && [[ -f /etc/postfix/master.cf ]] || die "Postfix (postfix, /etc/postfix/master.cf) is needed"
  work_dir bench-postfix; base=${tmp_dirs[-1]}
  chmod 755 "$base"
  mkdir -p "$base/conf" "$base/queue"
  free_port smtp; free_port dest; free_port warm
  pf_queue=$base/queue
  log "Postfix: instance $base, SMTP $smtp, destination (smtp-sink) $dest"

  pf_main_cf "$base" "$dest" "$warm" >"$base/conf/main.cf"
  # master.cf from the package's: smtpd on 127.0.0.1:PORT only, no chroot (column 5) for any service
  awk -v listen="127.0.0.1:$smtp" '
    /^[ \t]*#/ || /^[ \t]*$/ || /^[ \t]/ { print; next }
    NF >= 8 {
      if ($1 == "smtp" && $2 == "inet") $1 = listen
      $5 = "n"
    }
    { print }' /etc/postfix/master.cf >"$base/conf/master.cf"
  grep -q "^127.0.0.1:$smtp[[:space:]]*inet" "$base/conf/master.cf" || die "no smtpd line in the derived master.cf"

  # (postfix reports its errors to maillog_file, not to a non-terminal stderr)
  postfix -c "$base/conf" check >"$base/check.out" 2>&1 \
    || { cat "$base/check.out" >&2; tail -20 "$base/maillog" >&2 2>/dev/null; die "postfix check failed"; }
  postfix_dir="$base/conf"
  timeout 60 postfix -c "$base/conf" start >"$base/start.out" 2>&1 \
    || { cat "$base/start.out" >&2; tail -20 "$base/maillog" >&2 2>/dev/null; die "postfix start failed"; }
  local i
  for ((i = 0; i < 40; i++)); do
    [[ -n "$(ss -Hltn "sport = :$smtp" 2>/dev/null)" ]] && break
    sleep 0.25
  done
  [[ -n "$(ss -Hltn "sport = :$smtp" 2>/dev/null)" ]] || { pf_diagnose "$base"; die "Postfix smtpd not listening on $smtp"; }
  log "Postfix is running"
  warm_up "$smtp" "$warm" "$base" pf_warmup_done || { failed=1; pf_diagnose "$base"; log "warm-up failed"; return 1; }

  out_src="$base/smtp-source.out"
  t_accept0=$(now)
  send "$smtp" "$out_src" || { failed=1; pf_diagnose "$base"; return 1; }
  # every accepted message has been tried once and deferred (the equivalent of "held")
  if wait_for "$phase_timeout" "$messages deferred messages" pf_all_deferred; then
    settled_s=$(elapsed "$t_accept0")
    log "all $messages deferred after ${settled_s}s"
  else
    failed=1
    pf_diagnose "$base"
    log "continuing with the drain anyway"
  fi

  out_sink="$base/smtp-sink.out"
  first_s=""
  t_drain0=$(now)
  start_sink "$dest" "$out_sink"
  timeout 30 postfix -c "$base/conf" flush >"$base/flush.out" 2>&1 || { cat "$base/flush.out" >&2; log "postfix flush failed"; }
  log "smtp-sink started on 127.0.0.1:$dest and queue flushed, waiting for the queue to empty"
  if wait_for "$drain_timeout" "an empty Postfix queue" pf_empty; then
    drain_s=$(elapsed "$t_drain0")
    delivered=$(stop_sink "$out_sink")
    log "drained in ${drain_s}s ($(rate "$messages" "$drain_s") msg/s); smtp-sink received ${delivered:-?}"
    result[postfix]="Postfix|$messages|$size|$accept_s|$(rate "$messages" "$accept_s")|$settled_s|${first_s:--}|$drain_s|$(rate "$messages" "$drain_s")|${delivered:-?}"
  else
    failed=1
    pf_diagnose "$base"
    delivered=$(stop_sink "$out_sink")
    result[postfix]="Postfix|$messages|$size|$accept_s|$(rate "$messages" "$accept_s")|$settled_s|${first_s:--}|timeout ($(pf_count incoming active deferred maildrop) left)|-|${delivered:-?}"
  fi
  stop_postfix
}

# --- run ----------------------------------------------------------------------------------------------------------
load_before=$(uptime)
log "load before: $load_before"
log "$messages messages of $size bytes, $sessions sessions, timeouts ${phase_timeout}s (drain ${drain_timeout}s), systems: $systems"
first_system=1
for system in $systems; do
  if ((!first_system && pause > 0)); then
    log "pausing ${pause}s before $system (BENCH_PAUSE)"
    sleep "$pause"
  fi
  first_system=0
  case "$system" in
    mxsuite) run_mxsuite ;;
    postfix) run_postfix ;;
    *) die "unknown system '$system' (mxsuite, postfix)" ;;
  esac
done
load_after=$(uptime)

echo
echo "Backup MX drain benchmark, $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs, $sessions SMTP sessions"
echo "load before: ${load_before#*load average: }"
echo "load after:  ${load_after#*load average: }"
((warmup > 0)) && echo "warm: each system first accepted and delivered $warmup messages for $warmup_domain (BENCH_WARMUP)"
{
  echo "system|messages|size (B)|accept (s)|accept msg/s|held after (s)|1st delivery (s)|drain (s)|drain msg/s|sink received"
  for system in $systems; do echo "${result[$system]}"; done
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NF; rows = NR }
  END {
    for (r = 1; r <= rows; r++) {
      line = ""
      for (i = 1; i <= n; i++) line = line sprintf(i == 1 ? "%-" w[i] "s" : "  %" w[i] "s", cell[r, i])
      print line
    }
  }'
echo "held after: from the first SMTP connection until the queue holds every message (MX Suite: REST \"messages\";"
echo "Postfix: every message tried once and in deferred/). 1st delivery and drain: from the start of smtp-sink until"
echo "the queue is one message short, and until it is empty (drain msg/s = messages / drain)."
exit "$failed"
