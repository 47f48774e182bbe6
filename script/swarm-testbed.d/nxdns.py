# The test bed's upstream DNS (dockerd --dns): answers NXDOMAIN to every query, at once.
# Usage: python3 nxdns.py ADDRESS   (binds ADDRESS:53/udp)
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 17:
        continue
    i = 12
    while i < len(q) and q[i]:  # skip the QNAME labels
        i += q[i] + 1
    i += 5  # root label + QTYPE + QCLASS
    # same id, QR=1, opcode and RD copied, RA=1, RCODE=3 (NXDOMAIN), the question only
    s.sendto(q[:2] + bytes([0x80 | (q[2] & 0x79), 0x83]) + q[4:6] + b"\0" * 6 + q[12:i], peer)
