#!/usr/bin/env python3
"""RCPT latency of MX Suite with recipient verification, measured by a real SMTP client against a running server.

Run by bench/recipient-verification.sh, which starts MX Suite and passes its ports. This program plays the customer's
server (a small SMTP server on 127.0.0.1: 250 to every RCPT, 550 5.1.1 to addresses starting with "unknown", each RCPT
reply after CUSTOMER_DELAY_MS) and the sending MTA (one SMTP session per client thread: EHLO, then MAIL FROM and up to
100 RCPT TO per transaction, RSET, ...), and prints the latency of each RCPT (from sending the command to reading the
whole reply) per phase:
  off    verifyRecipients false: the RCPT path without verification (the baseline)
  miss   verifyRecipients true, addresses never seen: each RCPT asks the customer's server
  hit    the same addresses again: answered from the state store
"""
import json
import socket
import socketserver
import statistics
import sys
import threading
import time
import urllib.request


class CustomerHandler(socketserver.StreamRequestHandler):
    delay = 0.0

    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 customer.bench ESMTP")
        for raw in self.rfile:
            line = raw.decode(errors="replace").strip()
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 customer.bench")
            elif verb == "RCPT":
                if self.delay:
                    time.sleep(self.delay)
                address = line[line.find("<") + 1:line.find(">")]
                self.reply("550 5.1.1 <%s>: User unknown" % address if address.startswith("unknown")
                           else "250 2.1.5 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("250 2.0.0 Ok")


class Customer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def put_domain(webadmin, domain, settings):
    request = urllib.request.Request("http://127.0.0.1:%d/hosted-domains/%s" % (webadmin, domain),
                                     data=json.dumps(settings).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204, answer.status


class Session:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.file = self.sock.makefile("rb")
        self.read()
        self.command("EHLO client.bench")

    def read(self):
        while True:
            line = self.file.readline().decode()
            if not line:
                raise IOError("connection closed")
            if line[3:4] != "-":
                return line.strip()

    def command(self, text):
        self.sock.sendall((text + "\r\n").encode())
        return self.read()

    def close(self):
        try:
            self.command("QUIT")
        finally:
            self.sock.close()


def rcpt_latencies(port, addresses, sessions):
    """The latency (ms) of each RCPT, addresses split over parallel sessions; and the replies' first digits."""
    chunks = [addresses[i::sessions] for i in range(sessions)]
    results = [[] for _ in chunks]
    codes = {}
    lock = threading.Lock()

    def run(index):
        session = Session(port)
        try:
            for start in range(0, len(chunks[index]), 100):
                session.command("MAIL FROM:<alice@sender.bench>")
                for address in chunks[index][start:start + 100]:
                    before = time.perf_counter()
                    reply = session.command("RCPT TO:<%s>" % address)
                    results[index].append((time.perf_counter() - before) * 1000)
                    with lock:
                        codes[reply[:1]] = codes.get(reply[:1], 0) + 1
                session.command("RSET")
        finally:
            session.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(chunks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [latency for result in results for latency in result], codes


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    smtp, webadmin, count, sessions, delay_ms = (int(value) for value in sys.argv[1:6])
    domain = "verify.bench"
    CustomerHandler.delay = delay_ms / 1000.0
    customer = Customer(("127.0.0.1", 0), CustomerHandler)
    threading.Thread(target=customer.serve_forever, daemon=True).start()
    destination = "127.0.0.1:%d" % customer.server_address[1]

    def addresses(prefix):
        # one address in ten unknown to the customer's server
        return ["%s%s-%d@%s" % ("unknown-" if i % 10 == 9 else "", prefix, i, domain) for i in range(count)]

    put_domain(webadmin, domain, {"service": "backup", "destination": destination, "verifyRecipients": True})
    rcpt_latencies(smtp, addresses("warmup"), sessions)  # the JIT compiles the hot paths: not measured
    phases = []
    put_domain(webadmin, domain, {"service": "backup", "destination": destination, "verifyRecipients": False})
    phases.append(("off",) + rcpt_latencies(smtp, addresses("off"), sessions))
    put_domain(webadmin, domain, {"service": "backup", "destination": destination, "verifyRecipients": True})
    measured = addresses("measured")
    phases.append(("miss",) + rcpt_latencies(smtp, measured, sessions))
    phases.append(("hit",) + rcpt_latencies(smtp, measured, sessions))

    print("RCPT latency, %d addresses per phase (1 in 10 refused by the customer), %d session(s), customer's server"
          " answering RCPT after %d ms" % (count, sessions, delay_ms))
    print("%-6s %8s %9s %9s %9s %9s   replies" % ("phase", "RCPTs", "p50 (ms)", "p99 (ms)", "max (ms)", "mean (ms)"))
    for name, latencies, codes in phases:
        print("%-6s %8d %9.2f %9.2f %9.2f %9.2f   %s" % (name, len(latencies), percentile(latencies, 0.50),
              percentile(latencies, 0.99), max(latencies), statistics.mean(latencies),
              " ".join("%sxx:%d" % item for item in sorted(codes.items()))))
    customer.shutdown()


if __name__ == "__main__":
    main()
