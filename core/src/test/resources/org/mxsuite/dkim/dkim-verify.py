#!/usr/bin/python3
"""Verifies every DKIM-Signature of the message on stdin with dkimpy (Debian's python3-dkim), an implementation
independent of ours. The public keys come from a DNS server given as --dns HOST:PORT (queried with dnspython, not the
system resolver), or from NAME=TEXT arguments. Prints one line per signature; exits 0 only when there is at least
one signature and all of them verify."""
import sys

import dkim


def dns_lookup(server):
    import dns.message
    import dns.query
    import dns.rdatatype
    host, port = server.rsplit(':', 1)

    def lookup(name, timeout=5):
        query = dns.message.make_query(name.decode('ascii'), dns.rdatatype.TXT)
        response = dns.query.udp(query, host, port=int(port), timeout=timeout)
        for rrset in response.answer:
            if rrset.rdtype == dns.rdatatype.TXT:
                return b''.join(list(rrset.items)[0].strings)
        return None
    return lookup


def given_records(records):
    def lookup(name, timeout=5):
        return records.get(name.decode('ascii').rstrip('.'))
    return lookup


def main(args):
    if args and args[0] == '--dns':
        dnsfunc = dns_lookup(args[1])
    else:
        dnsfunc = given_records({name: text.encode() for name, text in (arg.split('=', 1) for arg in args)})
    message = sys.stdin.buffer.read()
    verifier = dkim.DKIM(message)
    count = sum(1 for line in message.split(b'\r\n\r\n', 1)[0].split(b'\n') if line.lower().startswith(b'dkim-signature:'))
    passed = 0
    for index in range(count):
        try:
            ok = verifier.verify(idx=index, dnsfunc=dnsfunc)
        except dkim.DKIMException as e:
            ok = False
            print('signature %d: error %s' % (index, e))
        print('signature %d: %s' % (index, 'pass' if ok else 'fail'))
        passed += 1 if ok else 0
    print('%d of %d signatures pass' % (passed, count))
    sys.exit(0 if count > 0 and passed == count else 1)


main(sys.argv[1:])
