#!/usr/bin/env bash
# Mailbox benchmarks: MX Suite's mailbox service against a private Postfix delivering to a private Dovecot (LMTP,
# Maildir), side by side on this machine. Three modes:
#
#   bench/mailbox-delivery.sh [delivery] [MESSAGES [SIZE]]   (default: 10000 messages of 10240 bytes to 100 users)
#       SMTP acceptance over 20 sessions, then the time until every message is readable over IMAP (the SELECT counts
#       of the users' INBOXes add up to MESSAGES)
#   bench/mailbox-delivery.sh fetch [MESSAGES [SIZE]]        (default: 10000 messages of 10240 bytes)
#       the same MESSAGES messages APPENDed to one user's INBOX on MX Suite and on Dovecot, then
#       "FETCH 1:* ENVELOPE" timed a few times
#   bench/mailbox-delivery.sh heap [MESSAGES [SIZE]]         (default: 100000 messages of 10240 bytes to 100 users)
#       MX Suite alone: the messages in BENCH_HEAP_STEPS batches, each sent and counted as in delivery, and the
#       server's heap after a full collection (jcmd GC.run, GC.heap_info) before the first batch and after each
#
# Everything listens on 127.0.0.1 only, on free ports picked at start, under new temporary directories; everything
# started here is stopped on exit (success, failure or Ctrl-C). See bench/README.md.
#
# Environment:
#   BENCH_SYSTEMS          systems to run, in order: mxsuite, dovecot (delivery: Postfix -> Dovecot; "postfix" is the
#                          same). Default "mxsuite dovecot"; heap: "mxsuite" (the only one it measures)
#   BENCH_USERS            users the messages are spread over, round robin (default 100; fetch: always 1)
#   BENCH_SESSIONS         parallel SMTP sessions (default 20)
#   BENCH_POLLERS          delivery, heap: IMAP connections SELECTing at once while waiting for the mail (default 10)
#   BENCH_COUNT_COMMAND    delivery, heap: SELECT (default, as a mail client opens its INBOX), EXAMINE (read-only: no
#                          \Recent flags cleared, nothing written) or STATUS: what the counter asks each INBOX
#   BENCH_REPEAT           fetch: timed FETCHes per system (default 5)
#   BENCH_APPEND_CONNECTIONS  fetch: parallel IMAP connections that APPEND the messages (default 4)
#   BENCH_HEAP_STEPS       heap: batches the messages are sent in, the heap measured after each (default 5)
#   BENCH_HEAP_LIMIT_MB    heap: the limit the heap after a full collection is checked against (default 512)
#   BENCH_PHASE_TIMEOUT    seconds allowed to each phase (default 300 + MESSAGES/10)
#   BENCH_START_TIMEOUT    seconds allowed to MX Suite to start (default 180)
#   BENCH_KEEP=1           keep the temporary directories (logs, mail) even on success
#   MXSUITE_NO_BUILD       passed to ./mxsuite (default 1 here: build first with mvn -B -q package -DskipTests)
#   MXSUITE_JAVA_OPTS      passed to ./mxsuite (JVM options)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
imap_tool="$root/bench/mailbox_imap.py"

mode=delivery
case "${1:-}" in
  delivery | fetch | heap) mode=$1; shift ;;
esac
default_messages=10000
[[ "$mode" == heap ]] && default_messages=100000
messages=${1:-$default_messages}
size=${2:-10240}
sessions=${BENCH_SESSIONS:-20}
users=${BENCH_USERS:-100}
[[ "$mode" == fetch ]] && users=1
pollers=${BENCH_POLLERS:-10}
export BENCH_COUNT_COMMAND=${BENCH_COUNT_COMMAND:-SELECT}   # read by mailbox_imap.py
[[ "$BENCH_COUNT_COMMAND" =~ ^(SELECT|EXAMINE|STATUS)$ ]] || { echo "BENCH_COUNT_COMMAND: SELECT, EXAMINE or STATUS" >&2; exit 2; }
repeat=${BENCH_REPEAT:-5}
heap_steps=${BENCH_HEAP_STEPS:-5}
append_connections=${BENCH_APPEND_CONNECTIONS:-4}
heap_limit_mb=${BENCH_HEAP_LIMIT_MB:-512}
systems=${BENCH_SYSTEMS:-"mxsuite dovecot"}
[[ "$mode" == heap ]] && systems=${BENCH_SYSTEMS:-mxsuite}
[[ "$mode" != heap || "$systems" == mxsuite ]] || { echo "heap measures MX Suite alone (BENCH_SYSTEMS=mxsuite)" >&2; exit 2; }
for n in "$messages" "$size" "$sessions" "$users" "$pollers" "$repeat" "$heap_steps" "$append_connections" "$heap_limit_mb"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [delivery|fetch|heap] [MESSAGES [SIZE]]  (positive integers; BENCH_* too)" >&2; exit 2; }
done
((users <= messages)) || { echo "BENCH_USERS ($users) must not exceed MESSAGES ($messages)" >&2; exit 2; }
phase_timeout=${BENCH_PHASE_TIMEOUT:-$((300 + messages / 10))}
start_timeout=${BENCH_START_TIMEOUT:-180}
[[ "$phase_timeout" =~ ^[1-9][0-9]*$ && "$start_timeout" =~ ^[1-9][0-9]*$ ]] \
  || { echo "BENCH_PHASE_TIMEOUT and BENCH_START_TIMEOUT must be positive integers" >&2; exit 2; }
stop_timeout=30
domain=mailbox.example
sender=sender@bench-sender.example
password=bench-secret-1

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
# elapsed START [END]: seconds with two decimals
elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f", b - a }'; }
# rate COUNT SECONDS: per second, one decimal
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "-" }'; }
# cpu_seconds PID: the CPU time (user + system) a process has used, in seconds; empty when it is gone
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null; }

for tool in curl ss awk timeout python3; do
  command -v "$tool" >/dev/null || die "$tool is needed"
done
[[ "$mode" == fetch ]] || command -v smtp-source >/dev/null || die "smtp-source (Debian's postfix package) is needed"
[[ "$mode" == heap ]] && { command -v jcmd >/dev/null || die "jcmd (a JDK) is needed"; }

# --- everything started here, stopped on exit ------------------------------------------------------------------
tmp_dirs=()        # removed on success (kept on failure or with BENCH_KEEP=1)
java_pid=""
dovecot_pid=""     # dovecot -F: the master in the foreground, so that this script holds its pid
counter_pid=""     # mailbox_imap.py count
worker_pids=()     # SMTP senders
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

stop_workers() {
  local pid
  for pid in "${worker_pids[@]}"; do stop_pid "$pid" "SMTP sender"; done
  worker_pids=()
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  stop_workers
  stop_pid "$counter_pid" "IMAP counter"
  stop_pid "$java_pid" "MX Suite"
  stop_postfix
  stop_pid "$dovecot_pid" "Dovecot"
  local d
  if [[ $rc != 0 || $failed != 0 || "${BENCH_KEEP:-}" == 1 ]]; then
    ((${#tmp_dirs[@]})) && log "kept for inspection: ${tmp_dirs[*]}"
  else
    for d in "${tmp_dirs[@]}"; do rm -rf -- "$d"; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- ports and directories ----------------------------------------------------------------------------------------
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

work_dir() { # work_dir PREFIX: a new directory /tmp/PREFIX.XXXXXX, last in tmp_dirs
  local dir
  dir=$(mktemp -d "/tmp/$1.XXXXXX") || die "mktemp"
  chmod 755 "$dir"   # Postfix's and Dovecot's unprivileged processes reach their sockets and mail through it
  tmp_dirs+=("$dir")
}

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every 0.25 s until it succeeds, at most SECONDS s
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(($(date +%s) + limit))
  while ! "$@"; do
    if (($(date +%s) >= deadline)); then
      log "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.25
  done
}

listening() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

# --- the workload -------------------------------------------------------------------------------------------------
# Message j of a batch goes to user (j mod USERS) and is sent by session (j mod SESSIONS): every user gets its share of
# the batch and every session the same number of messages. smtp-source sends to one recipient address per run (its -r
# and -N make new addresses, not a rotation over 100 users), so each session runs smtp-source once per user of its
# share, one after the other: with 100 users and 20 sessions, session w sends to users w, w+20, ..., w+80, MESSAGES/100
# each. There are always SESSIONS connections open at once, one message per connection as in backup-mx-drain.sh.
# delivery sends one batch of MESSAGES; heap sends BENCH_HEAP_STEPS batches, measuring the heap after each.
user_name() { printf 'user%03d@%s' "$1" "$domain"; }

expect=()       # per user: messages its INBOX must hold once every batch so far is delivered
stored=0        # messages delivered by the batches so far

# users_file FILE BATCH: adds BATCH's messages to expect; writes "address password expected-count" per user (read by
# mailbox_imap.py count)
users_file() {
  local u batch=$2
  for ((u = 0; u < users; u++)); do
    expect[u]=$((${expect[u]:-0} + batch / users + (u < batch % users ? 1 : 0)))
    echo "$(user_name "$u") $password ${expect[u]}"
  done >"$1"
}

# plan_file FILE BATCH: "session user count" lines, the smtp-source runs of each session in order
plan_file() {
  awk -v n="$2" -v s="$sessions" -v u="$users" 'BEGIN {
    for (j = 0; j < n; j++) count[j % s, j % u]++
    for (w = 0; w < s; w++) for (k = 0; k < u; k++) if ((w, k) in count) print w, k, count[w, k]
  }' >"$1"
}

# send PORT DIR BATCH: runs the sessions against 127.0.0.1:PORT; sets accept_s (from the first connection until the
# last session ends, i.e. after the last 250 and its QUIT); returns non-zero if any smtp-source failed or timed out
send() {
  local port=$1 dir=$2 batch=$3 t0 w pid deadline rc=0
  plan_file "$dir/plan" "$batch"
  rm -f "$dir"/session-*.out
  deadline=$(($(date +%s) + phase_timeout))
  log "sending $batch messages of $size bytes to $users users over $sessions sessions at 127.0.0.1:$port"
  t0=$(now)
  worker_pids=()
  for ((w = 0; w < sessions; w++)); do
    (
      # a stopped session stops its smtp-source too
      child=""
      trap '[[ -n "$child" ]] && kill "$child" 2>/dev/null; exit 143' TERM
      while read -r session user count; do
        ((session == w)) || continue
        left=$((deadline - $(date +%s)))
        ((left > 0)) || { echo "session $w: out of time"; exit 124; }
        timeout "$left" smtp-source -l "$size" -m "$count" -s 1 -f "$sender" -t "$(user_name "$user")" \
          "127.0.0.1:$port" &
        child=$!
        wait "$child" || { echo "session $w: smtp-source to $(user_name "$user") failed (exit $?)"; exit 1; }
        child=""
      done <"$dir/plan"
    ) >"$dir/session-$w.out" 2>&1 &
    worker_pids+=($!)
  done
  for pid in "${worker_pids[@]}"; do
    wait "$pid" || rc=1
  done
  worker_pids=()
  accept_s=$(elapsed "$t0")
  # smtp-source says nothing on success: any line is a problem (a refused recipient, a 4xx/5xx reply, a timeout)
  local problems
  problems=$(cat "$dir"/session-*.out | grep -c .)
  if ((problems)); then
    log "the SMTP sessions reported $problems problem line(s), first ones:"
    cat "$dir"/session-*.out | head -5 >&2
    rc=1
  fi
  ((rc == 0)) && log "accepted in ${accept_s}s ($(rate "$batch" "$accept_s") msg/s)"
  return "$rc"
}

# deliver LABEL SMTPPORT IMAPPORT DIR DIAGNOSE BATCH: one batch, sent and counted; sets row (a line of the table)
# The IMAP counter logs every user in before the clock starts, waits for the last 250 (it would load the server during
# the acceptance), then SELECTs the INBOXes still short every 0.25 s, from BENCH_POLLERS threads, until every user's
# INBOX holds its share.
deliver() {
  local label=$1 smtp=$2 imap=$3 dir=$4 diagnose=$5 batch=$6 t0 line state epoch total final readable_s slowest refused
  local want=$((stored + batch))
  row="$label|$want|$users|$size|failed|-|-|-|-|-|-"
  users_file "$dir/users" "$batch"
  rm -f "$dir/count.ready" "$dir/count.sent"
  python3 "$imap_tool" count "$imap" "$dir/users" "$want" "$dir/count.ready" "$dir/count.sent" \
    "$((2 * phase_timeout))" "$pollers" >"$dir/count.out" 2>"$dir/count.err" &
  counter_pid=$!
  counter_started() { [[ -f "$dir/count.ready" ]] || ! kill -0 "$counter_pid" 2>/dev/null; }
  wait_for 120 "the IMAP logins of $users users" counter_started
  if [[ ! -f "$dir/count.ready" ]]; then
    failed=1; cat "$dir/count.err" >&2; "$diagnose" "$dir"; log "IMAP logins failed"; return 1
  fi
  t0=$(now)
  local cpu0=""
  [[ -n "$java_pid" ]] && cpu0=$(cpu_seconds "$java_pid")
  if ! send "$smtp" "$dir" "$batch"; then
    failed=1; "$diagnose" "$dir"
    row="$label|$want|$users|$size|failed (see log)|-|-|-|-|-|-"
    stop_pid "$counter_pid" "IMAP counter"; counter_pid=""
    return 1
  fi
  touch "$dir/count.sent"
  log "waiting until the $users INBOXes hold $want messages"
  # the counter's own time limit is 2 x phase_timeout from its start; this wait is bounded by it
  local progress="" last
  while kill -0 "$counter_pid" 2>/dev/null; do
    sleep 0.5
    last=$(grep '^count:' "$dir/count.err" 2>/dev/null | tail -1)
    [[ -n "$last" && "$last" != "$progress" ]] && { progress=$last; log "$last"; }
  done
  wait "$counter_pid"
  counter_pid=""
  line=$(grep -E '^(done|timeout) ' "$dir/count.out" | tail -1)
  read -r state epoch total final <<<"$line"
  slowest=$(awk '/^selects/ { print $3 }' "$dir/count.out")
  refused=$(awk '/^selects/ { print $4 }' "$dir/count.out")
  log "$(awk '/^selects/ { printf "%d SELECTs, the slowest took %.2f s, %d refused by the server", $2, $3, $4 }' "$dir/count.out")"
  # a refused SELECT (NO or BAD: the server failed to read the mailbox) is an error of the server: the run fails
  if [[ "${refused:-0}" != 0 ]]; then
    failed=1; log "WARNING: the server refused $refused SELECTs, first ones:"; grep 'refused after' "$dir/count.err" | head -3 >&2
    "$diagnose" "$dir"
  fi
  if [[ "$state" != done ]]; then
    failed=1; cat "$dir/count.err" >&2; "$diagnose" "$dir"
    log "not all readable: ${total:-?} of $want"
    row="$label|$want|$users|$size|$accept_s|$(rate "$batch" "$accept_s")|timeout (${total:-?} readable)|-|${final:-?}|${slowest:--}|${refused:--}"
    return 1
  fi
  readable_s=$(elapsed "$t0" "$epoch")
  log "all $want readable over IMAP after ${readable_s}s ($(rate "$batch" "$readable_s") msg/s); a second count found $final"
  # the server's own CPU from the first connection until the mail was readable (MX Suite; Postfix and Dovecot are
  # many processes): what a message costs, whatever else the machine is doing
  if [[ -n "$cpu0" ]]; then
    local cpu1
    cpu1=$(cpu_seconds "$java_pid")
    [[ -n "$cpu1" ]] && log "MX Suite used $(elapsed "$cpu0" "$cpu1") s of CPU meanwhile: $(awk -v c="$(elapsed "$cpu0" "$cpu1")" -v n="$batch" 'BEGIN { printf "%.1f", 1000 * c / n }') ms per message"
  fi
  # more than sent would be duplicates: reported, and the run fails
  if [[ "$final" != "$want" ]]; then
    failed=1; log "WARNING: the INBOXes hold $final messages, $want were sent"
  fi
  stored=$want
  row="$label|$want|$users|$size|$accept_s|$(rate "$batch" "$accept_s")|$readable_s|$(rate "$batch" "$readable_s")|$final|$slowest|$refused"
}

# fetch_run NAME LABEL IMAPPORT DIR DIAGNOSE: APPENDs the messages to one user, then times FETCH 1:* ENVELOPE
fetch_run() {
  local name=$1 label=$2 imap=$3 dir=$4 diagnose=$5 user line append_s times
  result[$name]="$label|$messages|$size|failed|-|-|-|-|-|-|-"
  user=$(user_name 0)
  log "appending $messages messages of $size bytes to $user over $append_connections IMAP connections"
  if ! timeout "$phase_timeout" python3 "$imap_tool" append "$imap" "$user" "$password" "$messages" "$size" \
    "$append_connections" >"$dir/append.out" 2>"$dir/append.err"; then
    failed=1; cat "$dir/append.err" >&2; "$diagnose" "$dir"; log "APPEND failed or timed out"; return 1
  fi
  append_s=$(awk '/^appended/ { print $3 }' "$dir/append.out")
  log "appended in ${append_s}s ($(rate "$messages" "$append_s") msg/s); FETCH 1:* ENVELOPE $repeat times"
  if ! timeout "$phase_timeout" python3 "$imap_tool" fetch "$imap" "$user" "$password" "$messages" "$repeat" \
    >"$dir/fetch.out" 2>"$dir/fetch.err"; then
    failed=1; cat "$dir/fetch.err" >&2; "$diagnose" "$dir"; log "FETCH failed or timed out"
    result[$name]="$label|$messages|$size|$append_s|$(rate "$messages" "$append_s")|failed|-|-|-|-|-"
    return 1
  fi
  log "FETCH times (s): $(awk '{ printf "%s ", $2 }' "$dir/fetch.out"); the SELECTs before them: $(awk '{ printf "%s ", $5 }' "$dir/fetch.out")"
  # every repetition must have answered one FETCH response per message
  if awk -v n="$messages" '$3 != n { bad = 1 } END { exit !bad }' "$dir/fetch.out"; then
    failed=1; log "WARNING: a FETCH did not answer $messages responses: $(awk '{ printf "%s ", $3 }' "$dir/fetch.out")"
  fi
  # first (nothing of the mailbox cached by the FETCH path yet), then the median, min and max of all repetitions
  times=$(awk '{ print $2 }' "$dir/fetch.out" | sort -n | awk '{ t[NR] = $1 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%.3f|%.3f|%.3f", m, t[1], t[NR] }')
  local select_median
  select_median=$(awk '{ print $5 }' "$dir/fetch.out" | sort -n | awk '{ t[NR] = $1 } END {
    printf "%.3f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
  result[$name]="$label|$messages|$size|$append_s|$(rate "$messages" "$append_s")|$(awk 'NR == 1 { print $2 }' "$dir/fetch.out")|$times|$(awk 'NR == 1 { printf "%.1f", $4 / 1048576 }' "$dir/fetch.out")|$select_median"
}

# --- MX Suite -----------------------------------------------------------------------------------------------------
mx_diagnose() { # thread dump and log tail when a phase fails
  local home=$1
  if [[ -n "$java_pid" ]] && kill -0 "$java_pid" 2>/dev/null && command -v jstack >/dev/null; then
    timeout 60 jstack "$java_pid" >"$home/jstack-$(date +%H%M%S).txt" 2>&1 && log "thread dump: $home/jstack-*.txt"
  fi
  log "last lines of $home/server.log:"
  tail -20 "$home/server.log" >&2
  local errors
  errors=$(grep -c -E ' (ERROR|WARN) ' "$home/server.log")
  ((errors)) && { log "$errors ERROR/WARN lines in server.log, the first ones:"; grep -E ' (ERROR|WARN) ' "$home/server.log" | head -10 >&2; }
}

# mx_put HOME PATH JSON: a WebAdmin PUT that must answer 204
mx_put() {
  local code
  code=$(curl -s --max-time 30 -o "$1/put.out" -w '%{http_code}' -XPUT -H 'Content-Type: application/json' \
    -d "$3" "http://127.0.0.1:$mx_web$2")
  [[ "$code" == 204 ]] || { cat "$1/put.out" >&2; log "PUT $2 answered $code"; return 1; }
}

# mx_heap HOME WHEN: a full collection, then the heap in use (sets heap_mb, heap_committed_mb, heap_max_mb)
mx_heap() {
  local home=$1 when=$2
  timeout 120 jcmd "$java_pid" GC.run >"$home/gc-run.out" 2>&1 || { cat "$home/gc-run.out" >&2; return 1; }
  timeout 60 jcmd "$java_pid" GC.heap_info >"$home/heap-info.out" 2>&1 || { cat "$home/heap-info.out" >&2; return 1; }
  # the generations' lines ("PSYoungGen total 76288K, used 1310K", "ParOldGen ...", or G1's "garbage-first heap
  # total ..., used ..."); Metaspace lines have no "total": they are not heap
  read -r heap_mb heap_committed_mb < <(awk '/total [0-9]+K, used [0-9]+K/ {
      for (i = 1; i <= NF; i++) { if ($i == "total") t += $(i + 1) + 0; if ($i == "used") u += $(i + 1) + 0 }
    } END { printf "%.1f %.1f\n", u / 1024, t / 1024 }' "$home/heap-info.out")
  heap_max_mb=$(timeout 60 jcmd "$java_pid" VM.flags 2>/dev/null | tr ' ' '\n' \
    | awk -F= '$1 == "-XX:MaxHeapSize" { printf "%.0f", $2 / 1048576 }')
  log "heap $when, after a full collection: ${heap_mb} MB used, ${heap_committed_mb} MB committed, max ${heap_max_mb:-?} MB"
}

run_mxsuite() {
  local home smtp imap i name port other=()
  expect=(); stored=0
  work_dir bench-mxsuite; home=${tmp_dirs[-1]}
  free_port smtp; free_port mx_web; free_port imap
  for name in SUBMISSION SMTPS IMAPS POP3 POP3S SMTP_ALT; do free_port port; other+=("MXSUITE_${name}_PORT=$port"); done
  log "MX Suite: home $home, SMTP $smtp, IMAP $imap, WebAdmin $mx_web"
  (
    cd "$root" || exit 1
    export MXSUITE_HOME="$home" MXSUITE_BIND=127.0.0.1 MXSUITE_WEBADMIN_HOST=127.0.0.1
    export MXSUITE_NO_BUILD="${MXSUITE_NO_BUILD:-1}"
    export MXSUITE_SMTP_PORT=$smtp MXSUITE_IMAP_PORT=$imap MXSUITE_WEBADMIN_PORT=$mx_web
    export "${other[@]}" MXSUITE_SMTP_ALT_ENABLED=false
    # the delivery path alone, as the private Postfix runs it (no greylisting, blocklists, DNS or header checks)
    export MXSUITE_CHECKS_GREYLISTING_ENABLED=false MXSUITE_CHECKS_DNSBL_ENABLED=false \
      MXSUITE_CHECKS_REVERSEDNS_ENABLED=false MXSUITE_CHECKS_SENDERDOMAIN_ENABLED=false \
      MXSUITE_CHECKS_HEADERCHECKS_ENABLED=false
    exec ./mxsuite start   # the launcher execs java: $! below is the JVM
  ) >"$home/server.log" 2>&1 &
  java_pid=$!
  for ((i = 0; i < start_timeout * 4; i++)); do
    grep -q "MX Suite is running." "$home/server.log" && break
    kill -0 "$java_pid" 2>/dev/null || { tail -20 "$home/server.log" >&2; failed=1; log "MX Suite exited at start"; return 1; }
    sleep 0.25
  done
  grep -q "MX Suite is running." "$home/server.log" \
    || { failed=1; mx_diagnose "$home"; log "MX Suite not running after ${start_timeout}s"; return 1; }
  log "MX Suite is running (pid $java_pid)"

  # the mailbox domain and its users, over WebAdmin as an administrator would
  mx_put "$home" "/hosted-domains/$domain" '{"service":"mailbox"}' || { failed=1; return 1; }
  for ((i = 0; i < users; i++)); do
    mx_put "$home" "/users/$(user_name "$i")" "{\"password\":\"$password\"}" || { failed=1; return 1; }
  done
  log "domain $domain and $users users created"

  case "$mode" in
    delivery) deliver "MX Suite" "$smtp" "$imap" "$home" mx_diagnose "$messages"; result[mxsuite]=$row ;;
    fetch) fetch_run mxsuite "MX Suite" "$imap" "$home" mx_diagnose ;;
    heap)
      # the heap with the users and no mail, then after each batch: how it grows with the mail stored
      mx_heap "$home" "with no mail" || { failed=1; log "jcmd failed"; }
      heap_rows=("0|-|-|-|-|-|-|${heap_mb:--}|${heap_committed_mb:--}")
      local step batch ok a ar r rr sl rf
      for ((step = 1; step <= heap_steps; step++)); do
        # the last batch takes the remainder
        batch=$((messages / heap_steps))
        ((step == heap_steps)) && batch=$((messages - stored))
        deliver "MX Suite" "$smtp" "$imap" "$home" mx_diagnose "$batch"
        ok=$?
        result[mxsuite]=$row
        ((ok == 0)) || break
        if ! mx_heap "$home" "with $stored messages stored"; then
          failed=1; log "jcmd failed"; break
        fi
        IFS='|' read -r _ _ _ _ a ar r rr _ sl rf <<<"$row"   # accept s, msg/s, readable s, msg/s, slowest SELECT, refused
        heap_rows+=("$stored|$a|$ar|$r|$rr|$sl|$rf|$heap_mb|$heap_committed_mb")
      done
      if ((stored == messages)) && awk -v h="$heap_mb" -v l="$heap_limit_mb" 'BEGIN { exit !(h >= l) }'; then
        failed=1; log "the heap after a full collection (${heap_mb} MB) is not under ${heap_limit_mb} MB"
      fi
      ;;
  esac
  stop_pid "$java_pid" "MX Suite"
  java_pid=""
}

# --- Postfix and Dovecot ------------------------------------------------------------------------------------------
dc_diagnose() {
  local base=$1
  [[ -f "$base/maillog" ]] && { log "last lines of $base/maillog:"; tail -15 "$base/maillog" >&2; }
  log "last lines of $base/dovecot.log:"
  tail -15 "$base/dovecot.log" >&2
}

# the private Dovecot's whole configuration (no /etc/dovecot): kept in sync with bench/README.md
dc_conf() { # dc_conf BASE IMAPPORT
  cat <<EOF
# private Dovecot instance of bench/mailbox-delivery.sh
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $1/dovecot-run
state_dir = $1/dovecot-state
instance_name = dovecot-bench-${1##*.}
log_path = $1/dovecot.log
ssl = no
# LOGIN in clear on loopback, as ./mxsuite start allows it
disable_plaintext_auth = no
auth_mechanisms = plain login
# the users: one passwd-file for passwords and for uid, gid and home (mail_fsync keeps its default, optimized: a
# delivered message is fsync'd before LMTP's 250)
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $1/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $1/passwd
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $2
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
EOF
}

dc_start() { # dc_start BASE IMAPPORT: the private Dovecot, users user000... with mail under BASE/mail
  local base=$1 imap=$2 u nobody_ids
  command -v dovecot >/dev/null || die "Dovecot (Debian's dovecot-imapd and dovecot-lmtpd) is needed"
  [[ $(id -u) == 0 ]] || die "a private Dovecot instance needs root (it changes to the mail user)"
  mkdir -p "$base/dovecot-run" "$base/dovecot-state" "$base/mail"
  # mail belongs to nobody (Dovecot refuses root as the mail user)
  nobody_ids="$(id -u nobody):$(id -g nobody)"
  chown "$nobody_ids" "$base/mail"
  for ((u = 0; u < users; u++)); do
    echo "$(user_name "$u"):{PLAIN}$password:$nobody_ids::$base/mail/$(user_name "$u")::"
  done >"$base/passwd"
  dc_conf "$base" "$imap" >"$base/dovecot.conf"
  doveconf -c "$base/dovecot.conf" -n >"$base/doveconf.out" 2>&1 || { cat "$base/doveconf.out" >&2; die "doveconf: invalid configuration"; }
  dovecot -F -c "$base/dovecot.conf" >"$base/dovecot.out" 2>&1 &
  dovecot_pid=$!
  dc_ready() { listening "$imap" && [[ -S "$base/dovecot-run/lmtp" ]]; }
  wait_for 30 "Dovecot to listen" dc_ready || { failed=1; cat "$base/dovecot.out" >&2; dc_diagnose "$base"; return 1; }
  log "Dovecot is running (pid $dovecot_pid), IMAP 127.0.0.1:$imap, LMTP $base/dovecot-run/lmtp"
}

# the private Postfix's main.cf: kept in sync with bench/README.md
pf_main_cf() { # pf_main_cf BASE
  cat <<EOF
# private Postfix instance of bench/mailbox-delivery.sh
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
# the mailbox domain: its users (unknown ones refused at RCPT, as MX Suite does), delivered by LMTP to Dovecot
virtual_mailbox_domains = $domain
virtual_mailbox_maps = texthash:$1/conf/users
virtual_transport = lmtp:unix:$1/dovecot-run/lmtp
EOF
}

pf_start() { # pf_start BASE SMTPPORT
  local base=$1 smtp=$2 u
  command -v postfix >/dev/null && [[ -f /etc/postfix/master.cf ]] || die "Postfix (postfix, /etc/postfix/master.cf) is needed"
  mkdir -p "$base/conf" "$base/queue"
  for ((u = 0; u < users; u++)); do echo "$(user_name "$u") OK"; done >"$base/conf/users"
  pf_main_cf "$base" >"$base/conf/main.cf"
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
  pf_ready() { listening "$smtp"; }
  wait_for 10 "Postfix smtpd on $smtp" pf_ready || { dc_diagnose "$base"; die "Postfix smtpd not listening on $smtp"; }
  log "Postfix is running, SMTP 127.0.0.1:$smtp"
}

run_dovecot() {
  local base smtp imap
  expect=(); stored=0
  if [[ $(id -u) != 0 ]]; then
    failed=1; log "Postfix and Dovecot: private instances need root; skipped"
    result[dovecot]="Dovecot|$messages|-|$size|skipped (needs root)|-|-|-|-|-|-"
    return 1
  fi
  work_dir bench-dovecot; base=${tmp_dirs[-1]}
  free_port imap
  dc_start "$base" "$imap" || return 1
  case "$mode" in
    delivery)
      free_port smtp
      pf_start "$base" "$smtp"
      deliver "Postfix+Dovecot" "$smtp" "$imap" "$base" dc_diagnose "$messages"
      result[dovecot]=$row
      # Dovecot's LMTP answers a delivery it could not make with 4xx: Postfix would keep it deferred
      local deferred
      deferred=$(find "$base/queue/deferred" -type f 2>/dev/null | wc -l)
      ((deferred)) && log "WARNING: $deferred messages deferred in Postfix's queue"
      stop_postfix
      ;;
    fetch) fetch_run dovecot "Dovecot" "$imap" "$base" dc_diagnose ;;
  esac
  stop_pid "$dovecot_pid" "Dovecot"
  dovecot_pid=""
}

# --- run ----------------------------------------------------------------------------------------------------------
declare -A result
heap_rows=()      # heap: "stored|accept s|accept msg/s|readable s|readable msg/s|slowest SELECT|refused|heap MB|committed MB"
mx_web=""
load_before=$(uptime)
log "load before: $load_before"
case "$mode" in
  fetch) log "mode fetch: $messages messages of $size bytes to one user, $repeat FETCHes, systems: $systems" ;;
  *) log "mode $mode: $messages messages of $size bytes to $users users, $sessions sessions, systems: $systems" ;;
esac
for system in $systems; do
  case "$system" in
    mxsuite) run_mxsuite ;;
    dovecot | postfix) run_dovecot ;;
    *) die "unknown system '$system' (mxsuite, dovecot)" ;;
  esac
done
load_after=$(uptime)

# table: the rows of result in the order of the systems, columns aligned
table() {
  awk -F'|' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } if (NF > n) n = NF; rows = NR }
    END {
      for (r = 1; r <= rows; r++) {
        line = ""
        for (i = 1; i <= n; i++) line = line sprintf(i == 1 ? "%-" w[i] "s" : "  %" w[i] "s", cell[r, i])
        print line
      }
    }'
}
rows() { local s; for s in $systems; do [[ "$s" == postfix ]] && s=dovecot; echo "${result[$s]:-}"; done; }

echo
echo "Mailbox benchmark ($mode), $(date '+%Y-%m-%d %H:%M'), $(nproc) CPUs"
echo "load before: ${load_before#*load average: }"
echo "load after:  ${load_after#*load average: }"
accept_note() {
  echo "$sessions SMTP sessions, one message per connection. accept: from the first connection until the last session ended"
  echo "(after the last 250). readable: from the first connection until every one of the $users INBOXes holds its share (from"
  echo "the last 250 on, $BENCH_COUNT_COMMAND of each INBOX still short every 0.25 s, $pollers at once). in INBOXes: all counted again a"
  echo "second later. slowest SELECT: the longest of those SELECTs (IMAP latency while the server delivers); SELECTs"
  echo "refused: answered NO or BAD (a server error; the run fails)."
}
case "$mode" in
  delivery)
    { echo "system|messages|users|size (B)|accept (s)|accept msg/s|readable (s)|readable msg/s|in INBOXes|slowest SELECT (s)|SELECTs refused"; rows; } | table
    accept_note
    ;;
  heap)
    echo "MX Suite's heap as $messages messages are stored in $heap_steps batches (limit: $heap_limit_mb MB after the last one):"
    { echo "stored messages|accept (s)|accept msg/s|readable (s)|readable msg/s|slowest SELECT (s)|SELECTs refused|heap used (MB)|committed (MB)"
      printf '%s\n' "${heap_rows[@]}"; } | table
    echo "heap used: after a full collection (jcmd GC.run, then GC.heap_info: the generations' used space), once the users"
    echo "exist (row 0) and after each batch is counted. Each batch's times and rates are for that batch alone:"
    accept_note
    ;;
  fetch)
    { echo "system|messages|size (B)|append (s)|append msg/s|1st FETCH (s)|median FETCH (s)|min (s)|max (s)|MB sent|median SELECT (s)"; rows; } | table
    echo "The same $messages messages APPENDed to one INBOX over $append_connections connections; then $repeat times: a new connection,"
    echo "LOGIN, SELECT INBOX, and FETCH 1:* ENVELOPE timed from the command to its tagged OK (median of the $repeat)."
    echo "median SELECT: the SELECT INBOX before each FETCH, timed the same way (not part of the FETCH times)."
    ;;
esac
exit "$failed"
