#!/usr/bin/env python3
"""IMAP side of bench/mailbox-delivery.sh: counting delivered mail, loading a mailbox, timing a FETCH.

Plain IMAP on 127.0.0.1 with LOGIN (both servers allow it on loopback only), Python's standard library only.

  mailbox_imap.py count  PORT USERS_FILE EXPECTED READY_FILE SENT_FILE TIMEOUT POLLERS
      USERS_FILE: "address password expected" per line. Logs in every user (one connection each), writes READY_FILE,
      waits for SENT_FILE (the last 250), then SELECTs INBOX of every user whose count is still short (POLLERS
      threads, each with its share of the users) until every user's count is reached. Prints "done EPOCH TOTAL FINAL" (EPOCH: when the sum was first seen complete; FINAL: every
      INBOX counted again a second later) or "timeout EPOCH TOTAL", then "selects COUNT SLOWEST REFUSED".
  mailbox_imap.py append PORT USER PASSWORD COUNT SIZE CONNECTIONS
      APPENDs COUNT generated messages (the same bytes on every run and every server) to USER's INBOX over
      CONNECTIONS parallel connections. Prints "appended COUNT SECONDS".
  mailbox_imap.py fetch  PORT USER PASSWORD EXPECTED REPEAT
      Per repetition: a new connection, LOGIN, SELECT INBOX, then "FETCH 1:* ENVELOPE" timed from the command's
      first byte to its tagged OK. Prints "fetch SECONDS RESPONSES BYTES SELECT-SECONDS" per repetition (the SELECT
      INBOX before it, timed too).
"""
import os
import re
import socket
import sys
import threading
import time

TIMEOUT = 600  # seconds a single IMAP reply may take before the benchmark gives up


def is_ok(tagged):
    """Whether a tagged reply line ("A7 OK ...") is OK."""
    parts = tagged.split(b" ", 2)
    return len(parts) > 1 and parts[1].upper() == b"OK"


class Imap:
    """A minimal IMAP client: enough for LOGIN, SELECT, APPEND and a timed FETCH without parsing overhead (imaplib
    parses every response into Python objects, which would be timed along with the server)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.tag = 0
        greeting = self.line()
        if not greeting.startswith(b"* OK"):
            raise RuntimeError("greeting: %r" % greeting)

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed by the server")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def command(self, text, literal=None):
        """Sends a command (with one synchronizing literal appended, if given); returns (tagged line, untagged lines).
        Untagged lines are returned without their literals' content, which this benchmark never needs."""
        self.tag += 1
        tag = b"A%d" % self.tag
        if literal is None:
            self.sock.sendall(tag + b" " + text.encode() + b"\r\n")
        else:
            self.sock.sendall(tag + b" " + text.encode() + b" {%d}\r\n" % len(literal))
            cont = self.line()
            if not cont.startswith(b"+"):
                return cont, []
            self.sock.sendall(literal + b"\r\n")
        untagged = []
        while True:
            line = self.line()
            if line.startswith(tag + b" "):
                return line, untagged
            untagged.append(line)
            self.skip_literal(line)

    def skip_literal(self, line):
        m = re.search(rb"\{(\d+)\}$", line)
        if m:
            n = int(m.group(1))
            while len(self.buf) < n:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise RuntimeError("connection closed by the server")
                self.buf += chunk
            self.buf = self.buf[n:]

    def ok(self, text, literal=None):
        tagged, untagged = self.command(text, literal)
        if not is_ok(tagged):
            raise RuntimeError("%s: %r" % (text.split()[0], tagged))
        return untagged

    def login(self, user, password):
        self.ok('LOGIN "%s" "%s"' % (user, password))

    def select_count(self, command="SELECT"):
        """SELECT INBOX (or EXAMINE INBOX, or STATUS INBOX (MESSAGES)); the number of messages, or the tagged reply
        (bytes) when the server refused the command."""
        if command == "STATUS":
            tagged, untagged = self.command("STATUS INBOX (MESSAGES)")
            pattern = rb"\* STATUS .*\(MESSAGES (\d+)\)"
        else:
            tagged, untagged = self.command(command + " INBOX")
            pattern = rb"\* (\d+) EXISTS"
        if not is_ok(tagged):
            return tagged
        for line in untagged:
            m = re.match(pattern, line)
            if m:
                return int(m.group(1))
        raise RuntimeError("%s INBOX answered no message count" % command)

    def logout(self):
        try:
            self.command("LOGOUT")
        except Exception:
            pass
        self.sock.close()


def count(port, users_file, expected, ready_file, sent_file, timeout, pollers):
    users = []
    with open(users_file) as f:
        for line in f:
            address, password, want = line.split()
            users.append([address, password, int(want), None, 0])  # connection, last count
    for u in users:
        u[3] = Imap(port)
        u[3].login(u[0], u[1])
    open(ready_file, "w").close()
    start = time.time()
    deadline = start + timeout
    # SELECT by default, as a mail client reads its INBOX; BENCH_COUNT_COMMAND=EXAMINE (read-only: \\Recent flags are
    # left alone, nothing is written) or STATUS (no mailbox opened) to tell delivery from SELECT's own cost
    command = os.environ.get("BENCH_COUNT_COMMAND", "SELECT").upper()
    if command not in ("SELECT", "EXAMINE", "STATUS"):
        raise SystemExit("BENCH_COUNT_COMMAND must be SELECT, EXAMINE or STATUS")
    selects, slowest = 0, 0.0  # how many SELECTs were needed, and the longest one (the server's latency under load)
    refused = []  # SELECTs the server answered with NO or BAD: reported, the user's count stays as it was
    lock = threading.Lock()

    def select(u):
        nonlocal selects, slowest
        t = time.time()
        try:
            n = u[3].select_count(command)
        except (OSError, RuntimeError):
            # a connection the server closed (an idle timeout during a long run): log in again, once
            print("count: %s: new connection" % u[0], file=sys.stderr, flush=True)
            u[3] = Imap(port)
            u[3].login(u[0], u[1])
            n = u[3].select_count(command)
        with lock:
            selects += 1
            slowest = max(slowest, time.time() - t)
            if isinstance(n, bytes):
                refused.append(n)
                print("count: %s INBOX of %s refused after %.1f s: %s"
                      % (command, u[0], time.time() - t, n.decode("ascii", "replace")[:200]), file=sys.stderr, flush=True)
                return u[4]
        return n

    # Nothing is counted while mail is being sent: SELECTs of 100 INBOXes would load the server during its
    # acceptance (one round takes seconds on a loaded server), and only the completion time is wanted. A NOOP a
    # minute keeps the connections from the servers' idle timeouts.
    last_noop = start
    while not os.path.exists(sent_file):
        if time.time() > deadline:
            print("timeout %.3f 0" % time.time(), flush=True)
            return 1
        if time.time() - last_noop >= 60:
            for u in users:
                try:
                    u[3].ok("NOOP")
                except (OSError, RuntimeError):
                    pass  # select() reconnects
            last_noop = time.time()
        time.sleep(0.1)
    # Then POLLERS threads, each with its share of the users: a round every 0.25 s over its users whose INBOX is still
    # short (a count only grows). Each thread's rounds stay short, so a server that is slow to answer SELECT while it
    # delivers does not delay the detection by a whole round over every user; the load stays at POLLERS requests at once.
    done_at = [0.0] * pollers
    errors = []

    def poll(k):
        mine = users[k::pollers]
        try:
            while time.time() <= deadline:
                for u in mine:
                    if u[4] < u[2]:
                        u[4] = select(u)
                if all(u[4] >= u[2] for u in mine):
                    done_at[k] = time.time()
                    return
                time.sleep(0.25)
        except Exception as e:  # reported below: the count fails
            errors.append(repr(e))

    threads = [threading.Thread(target=poll, args=(k,), daemon=True) for k in range(pollers)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(10)
            if t.is_alive():
                break
        total = sum(u[4] for u in users)
        if any(t.is_alive() for t in threads):
            print("count: %d of %d readable (%d SELECTs so far, the slowest %.2f s)"
                  % (total, expected, selects, slowest), file=sys.stderr, flush=True)
    total = sum(u[4] for u in users)
    if errors:
        print("count failed: %s" % errors[0], file=sys.stderr, flush=True)
    if total >= expected:
        # one more SELECT of every INBOX a second later: more than EXPECTED would be duplicates
        time.sleep(1)
        final = sum(select(u) for u in users)
        print("done %.3f %d %d" % (max(done_at), total, final), flush=True)
    else:
        print("timeout %.3f %d" % (time.time(), total), flush=True)
    print("selects %d %.3f %d" % (selects, slowest, len(refused)), flush=True)
    for u in users:
        u[3].logout()
    return 0 if total >= expected else 1


WORDS = ("invoice order meeting report update review question shipment contract agenda release budget "
         "schedule proposal reminder summary").split()


def message(i, user, size):
    """Message number i of the fetch benchmark: varied From, To, Cc, Subject, Date, Message-ID, In-Reply-To (what
    ENVELOPE returns), a body of text lines up to about SIZE bytes in all. The same bytes for a given (i, user, size)."""
    sender = "Sender %d <sender%d@example.org>" % (i % 97, i % 97)
    day = 1 + i % 28
    headers = [
        "Return-Path: <sender%d@example.org>" % (i % 97),
        "From: %s" % sender,
        "To: Bench User <%s>" % user,
        "Subject: %s %d: %s of week %d" % (WORDS[i % len(WORDS)].capitalize(), i, WORDS[(i * 7) % len(WORDS)],
                                          1 + i % 52),
        "Date: %s, %02d Nov 2026 %02d:%02d:%02d +0000" % (("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[day % 7],
                                                          day, i % 24, i % 60, (i * 7) % 60),
        "Message-ID: <%d.bench@mail.example.org>" % i,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=us-ascii",
    ]
    if i % 3 == 0:
        headers.append("Cc: Team %d <team%d@example.net>, archive@example.net" % (i % 11, i % 11))
    if i % 5 == 0 and i > 0:
        headers.append("In-Reply-To: <%d.bench@mail.example.org>" % (i - 1))
    head = "\r\n".join(headers) + "\r\n\r\n"
    line = "Line of the benchmark message body, %s, number %d.\r\n"
    body, n = [], 0
    length = len(head)
    while length < size:
        text = line % (WORDS[n % len(WORDS)], n)
        body.append(text)
        length += len(text)
        n += 1
    return (head + "".join(body)).encode("ascii")


def append(port, user, password, total, size, connections):
    errors = []
    next_index = [0]
    lock = threading.Lock()

    def worker():
        try:
            imap = Imap(port)
            imap.login(user, password)
            while True:
                with lock:
                    i = next_index[0]
                    if i >= total:
                        break
                    next_index[0] += 1
                imap.ok("APPEND INBOX", message(i, user, size))
            imap.logout()
        except Exception as e:  # reported below: the run fails
            errors.append(repr(e))

    t0 = time.time()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    if errors:
        print("append failed: %s" % errors[0], file=sys.stderr)
        return 1
    print("appended %d %.3f" % (total, elapsed), flush=True)
    return 0


def fetch(port, user, password, expected, repeat):
    for _ in range(repeat):
        imap = Imap(port)
        imap.login(user, password)
        t_select = time.time()
        if imap.select_count() != expected:
            print("fetch: INBOX does not hold %d messages" % expected, file=sys.stderr)
            return 1
        select_s = time.time() - t_select
        # raw reading: the clock stops at the tagged OK; only the responses are counted, nothing is parsed
        imap.tag += 1
        tag = b"A%d" % imap.tag
        t0 = time.time()
        imap.sock.sendall(tag + b" FETCH 1:* ENVELOPE\r\n")
        data = bytearray(imap.buf)
        end = b"\r\n" + tag + b" "
        k = -1
        while True:
            chunk = imap.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("connection closed during FETCH")
            data += chunk
            if k < 0:  # only the new bytes (and a tag split across two reads) are searched
                k = data.find(end, max(0, len(data) - len(chunk) - len(end)))
            if k >= 0 and data.endswith(b"\r\n"):
                break
        elapsed = time.time() - t0
        tagged = bytes(data[k + 2:]).strip()
        if not is_ok(tagged):
            print("FETCH failed: %r" % tagged[:200], file=sys.stderr)
            return 1
        responses = len(re.findall(rb"(?:^|\r\n)\* \d+ FETCH \(", data))
        # the first response, for the record (fetch.err): what ENVELOPE looked like on this server
        print(bytes(data[:data.find(b"\r\n* 2 FETCH")]).decode("ascii", "replace")[:800], file=sys.stderr)
        print("fetch %.3f %d %d %.3f" % (elapsed, responses, len(data), select_s), flush=True)
        imap.buf = b""
        imap.logout()
    return 0


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "count" and len(argv) == 9:
        return count(int(argv[2]), argv[3], int(argv[4]), argv[5], argv[6], float(argv[7]), int(argv[8]))
    if mode == "append" and len(argv) == 8:
        return append(int(argv[2]), argv[3], argv[4], int(argv[5]), int(argv[6]), int(argv[7]))
    if mode == "fetch" and len(argv) == 7:
        return fetch(int(argv[2]), argv[3], argv[4], int(argv[5]), int(argv[6]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
