#!/usr/bin/python3
"""A downstream SMTP server for the end-to-end tests (aiosmtpd).

Writes each message it accepts to DIR/<n>.eml exactly as received (after dot-unstuffing) and
its envelope to DIR/<n>.json (with the client's port, which tells connections apart, and the time). Refuses recipients whose local part starts with "reject" (550), and for now those starting
with "busy" (450).
For a recipient starting with "drop" it keeps the message but hangs up before its 250, once.
Runs until killed.

    downstream.py HOST PORT DIR [CERT KEY]

With CERT and KEY (PEM files) it offers STARTTLS, and each envelope says whether TLS was on.
"""
import asyncio
import itertools
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    dropped = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # recipients whose local part starts with "reject" are refused for good
        if address.lower().startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        # recipients whose local part starts with "busy" are refused for now
        if address.lower().startswith("busy"):
            return "450 4.2.1 <%s>: Recipient address rejected: mailbox busy, try later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(len([f for f in os.listdir(directory) if f.endswith(".eml")]) + 1)

    async def handle_DATA(self, server, session, envelope):
        drop = any(r.lower().startswith("drop") for r in envelope.rcpt_tos)
        first_time = envelope.original_content not in self.dropped
        n = next(self.counter)
        base = os.path.join(self.directory, "%06d" % n)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "mail_options": envelope.mail_options, "to": envelope.rcpt_tos, "helo": session.host_name,
                       "peer": session.peer[1], "time": time.time(), "tls": session.ssl is not None}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        if drop and first_time:
            # keep the message but hang up before the 250: the sender cannot know it arrived
            self.dropped.add(envelope.original_content)
            server.transport.close()
            return "421 4.4.2 closing"
        return "250 2.0.0 Ok: stored as %06d" % n


def main():
    host, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(directory, exist_ok=True)
    options = {}
    if len(sys.argv) > 5:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[4], sys.argv[5])
        options["tls_context"] = context
    controller = Controller(Store(directory), hostname=host, port=port, data_size_limit=50_000_000, **options)
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
