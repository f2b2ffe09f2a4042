#!/usr/bin/env python3
"""Capture /proc/net/{tcp,tcp6,udp,udp6,unix} with known sockets open.

Run as root inside a private network namespace so that only these sockets appear:
    unshare --net --fork sh -c 'ip link set lo up && python3 capture.py OUTDIR'
Prints, for each socket, its kind, address and inode (fstat of the socket fd) for the
hand-checked expectations in the tests.
"""
import os
import shutil
import socket
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
keep = []


def note(kind, sock, what):
    keep.append(sock)
    print(f"{kind:5} {what:40} inode {os.fstat(sock.fileno()).st_ino}")


def as_user(uid, make):
    """The kernel records the creating process's fsuid as the socket's uid column."""
    os.seteuid(uid)
    try:
        return make()
    finally:
        os.seteuid(0)


def tcp(family, host, port, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((host, port))
    s.listen()
    note("tcp", s, f"{host}:{port} LISTEN")
    return s


def udp(family, host, port, connect_to=None, v6only=None):
    s = socket.socket(family, socket.SOCK_DGRAM)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((host, port))
    if connect_to:
        s.connect(connect_to)
    note("udp", s, f"{host}:{port}" + (f" -> {connect_to}" if connect_to else ""))
    return s


def unix(kind, address, listen):
    s = socket.socket(socket.AF_UNIX, kind)
    s.bind(address)
    if listen:
        s.listen()
    note("unix", s, f"{address!r} {'STREAM' if kind == socket.SOCK_STREAM else 'DGRAM'}{' LISTEN' if listen else ''}")
    return s


memcached = as_user(103, lambda: tcp(socket.AF_INET, "127.0.0.1", 11211))
tcp(socket.AF_INET, "0.0.0.0", 80)
tcp(socket.AF_INET, "127.0.0.2", 9000)
as_user(102, lambda: tcp(socket.AF_INET6, "::1", 3306))
tcp(socket.AF_INET6, "::", 443, v6only=1)
tcp(socket.AF_INET6, "::ffff:127.0.0.1", 5000)

client = socket.create_connection(("127.0.0.1", 11211))
served, _ = memcached.accept()
note("tcp", client, f"{client.getsockname()} -> 127.0.0.1:11211 ESTABLISHED")
note("tcp", served, "127.0.0.1:11211 accepted ESTABLISHED")

as_user(103, lambda: udp(socket.AF_INET, "0.0.0.0", 11211))
udp(socket.AF_INET, "127.0.0.1", 53)
udp(socket.AF_INET, "127.0.0.1", 40000, connect_to=("127.0.0.1", 53))
udp(socket.AF_INET6, "::", 11211, v6only=1)
udp(socket.AF_INET6, "::1", 123)

work = "/tmp/cloudshark-probe"
os.makedirs(work)
unix(socket.SOCK_STREAM, os.path.join(work, "mysql.sock"), listen=True)
unix(socket.SOCK_STREAM, os.path.join(work, "with space.sock"), listen=True)
unix(socket.SOCK_STREAM, "\0cloudshark-probe", listen=True)
unix(socket.SOCK_STREAM, os.path.join(work, "bound-only.sock"), listen=False)
unix(socket.SOCK_DGRAM, os.path.join(work, "journal.sock"), listen=False)
a, b = socket.socketpair()
note("unix", a, "socketpair end a")
note("unix", b, "socketpair end b")

for name in ("tcp", "tcp6", "udp", "udp6", "unix"):
    with open(f"/proc/net/{name}", "rb") as source, open(os.path.join(out, name), "wb") as target:
        target.write(source.read())
shutil.rmtree(work)
