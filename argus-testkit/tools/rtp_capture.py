#!/usr/bin/env python3
"""Captures RTP packets from a UDP port into Argus' length-prefixed capture format.

Format: the file is a sequence of records, each a 4-byte big-endian length followed by that many bytes of one
RTP packet exactly as received (header included). Nothing else: no file header, no timestamps.

Usage: rtp_capture.py PORT OUTFILE [IDLE_SECONDS]
Stops after IDLE_SECONDS (default 2) without a packet, once at least one packet arrived.
"""
import socket
import struct
import sys

port, out = int(sys.argv[1]), sys.argv[2]
idle = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
sock.bind(("127.0.0.1", port))
count = 0
with open(out, "wb") as f:
    sock.settimeout(30.0)
    while True:
        try:
            data = sock.recv(65535)
        except socket.timeout:
            break
        f.write(struct.pack(">I", len(data)))
        f.write(data)
        count += 1
        sock.settimeout(idle)
print(f"{out}: {count} packets", file=sys.stderr)
