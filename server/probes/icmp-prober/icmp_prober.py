"""ICMP echo for every namespace of every lab, from one long-lived process.

A matrix run used to start one fping per source endpoint (a fork in the source's probe agent, then fping's own
start-up): 21 programs at once for a 20-container lab, most of its ICMP time on a 2-core machine. This process
opens a raw ICMP socket inside the source's network namespace (setns into it, socket(), setns back: the socket
keeps the namespace it was made in), sends every echo request of the request at once and reads the replies with
the kernel's receive timestamps, so an RTT does not include this process's own scheduling.

Protocol, JSON lines (see icmp-prober.ts):
  in:  {"id": 1, "netns": "/proc/123/ns/net", "source": "10.0.0.8", "targets": ["10.0.0.7"], "timeoutMs": 200}
  out: {"ready": true, "pid": 456} once, then {"id": 1, "outcomes": [{"target": ..., "ok": ..., "rttMs": ..., "error": ..., "detail": ...}]}
Outcomes mean what fping's did (server/probes/parse-fping.ts): an echo reply is ok; an ICMP error names who sent it
("unreachable", or "no-route" for a network unreachable); a send the kernel refuses is "no-route" for no route to
the host or network, else "unreachable"; silence until the timeout is "timeout".
"""

import ctypes
import errno
import json
import os
import select
import socket
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
ECHO_REQUEST, ECHO_REPLY, DEST_UNREACHABLE, TIME_EXCEEDED = 8, 0, 3, 11
UNREACHABLE_KINDS = {0: "Network", 1: "Host", 2: "Protocol", 3: "Port"}

libc = ctypes.CDLL("libc.so.6", use_errno=True)
own_netns = os.open("/proc/self/ns/net", os.O_RDONLY)


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo_request(ident: int, seq: int) -> bytes:
    payload = b"ovs-lab icmp probe".ljust(32, b".")
    header = struct.pack("!BBHHH", ECHO_REQUEST, 0, 0, ident, seq)
    return struct.pack("!BBHHH", ECHO_REQUEST, 0, checksum(header + payload), ident, seq) + payload


def setns(fd: int) -> None:
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def raw_socket_in(netns: str | None, source: str) -> socket.socket:
    """A raw ICMP socket inside `netns` (None: this process's own namespace), sending from `source`."""
    if netns is None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    else:
        fd = os.open(netns, os.O_RDONLY)
        try:
            setns(fd)
            try:
                sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
            finally:
                setns(own_netns)
        finally:
            os.close(fd)
    try:
        sock.setblocking(False)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        sock.bind((source, 0))
    except OSError:
        sock.close()
        raise
    return sock


def send_failure(err: OSError) -> dict:
    no_route = err.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)
    return {"ok": False, "rttMs": None, "error": "no-route" if no_route else "unreachable", "detail": err.strerror or str(err)}


class Request:
    """One source's echo requests: its socket, what was sent when, and what came back."""

    next_ident = 0

    def __init__(self, req: dict):
        self.id = req["id"]
        self.targets = [str(t) for t in req["targets"]]
        self.deadline = time.monotonic() + max(1, int(req["timeoutMs"])) / 1000
        self.outcomes: list[dict | None] = [None] * len(self.targets)
        self.sent_ns: list[int] = [0] * len(self.targets)
        Request.next_ident = Request.next_ident % 0xFFFF + 1
        self.ident = (os.getpid() * 31 + Request.next_ident) & 0xFFFF
        self.sock: socket.socket | None = None
        try:
            self.sock = raw_socket_in(req.get("netns"), str(req["source"]))
        except OSError as err:
            detail = f"cannot open an ICMP socket in {req.get('netns') or 'the root namespace'}: {err.strerror or err}"
            self.outcomes = [{"ok": False, "rttMs": None, "error": "failed", "detail": detail} for _ in self.targets]
            return
        for seq, target in enumerate(self.targets):
            try:
                self.sent_ns[seq] = time.time_ns()
                self.sock.sendto(echo_request(self.ident, seq), (target, 0))
            except OSError as err:
                self.outcomes[seq] = send_failure(err)

    @property
    def done(self) -> bool:
        return all(o is not None for o in self.outcomes)

    def receive(self) -> None:
        while self.sock is not None:
            try:
                data, ancillary, _flags, _addr = self.sock.recvmsg(2048, socket.CMSG_SPACE(16))
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            received_ns = time.time_ns()
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= 16:
                    sec, nsec = struct.unpack("qq", value[:16])
                    received_ns = sec * 1_000_000_000 + nsec
            self.consider(data, received_ns)

    def consider(self, packet: bytes, received_ns: int) -> None:
        if len(packet) < 20:
            return
        ihl = (packet[0] & 0x0F) * 4
        sender = socket.inet_ntoa(packet[12:16])
        icmp = packet[ihl:]
        if len(icmp) < 8:
            return
        kind, code = icmp[0], icmp[1]
        if kind == ECHO_REPLY:
            ident, seq = struct.unpack("!HH", icmp[4:8])
            if ident != self.ident or seq >= len(self.targets) or self.outcomes[seq] is not None or sender != self.targets[seq]:
                return
            rtt_ms = max(0, received_ns - self.sent_ns[seq]) / 1e6
            self.outcomes[seq] = {"ok": True, "rttMs": round(rtt_ms, 3), "error": None}
        elif kind in (DEST_UNREACHABLE, TIME_EXCEEDED):
            inner = icmp[8:]
            if len(inner) < 28:
                return
            inner_ihl = (inner[0] & 0x0F) * 4
            inner_icmp = inner[inner_ihl:]
            if len(inner_icmp) < 8 or inner_icmp[0] != ECHO_REQUEST:
                return
            ident, seq = struct.unpack("!HH", inner_icmp[4:8])
            if ident != self.ident or seq >= len(self.targets) or self.outcomes[seq] is not None:
                return
            if kind == TIME_EXCEEDED:
                self.outcomes[seq] = {"ok": False, "rttMs": None, "error": "unreachable", "detail": f"time exceeded from {sender}"}
            else:
                what = UNREACHABLE_KINDS.get(code, "Host")
                self.outcomes[seq] = {"ok": False, "rttMs": None, "error": "no-route" if what == "Network" else "unreachable", "detail": f"{what} unreachable from {sender}"}

    def finish(self) -> dict:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        outcomes = [dict(o or {"ok": False, "rttMs": None, "error": "timeout"}, target=t) for o, t in zip(self.outcomes, self.targets)]
        return {"id": self.id, "outcomes": outcomes}


def write(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    write({"ready": True, "pid": os.getpid()})
    active: dict[int, Request] = {}
    pending = b""
    stdin = sys.stdin.fileno()
    while True:
        by_fd = {r.sock.fileno(): r for r in active.values() if r.sock is not None}
        now = time.monotonic()
        wait = min((r.deadline - now for r in active.values()), default=None)
        readable, _, _ = select.select([stdin, *by_fd], [], [], None if wait is None else max(0, wait))
        for fd in readable:
            if fd != stdin:
                by_fd[fd].receive()
                continue
            chunk = os.read(stdin, 1 << 16)
            if not chunk:
                return  # the server is gone
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if not line.strip():
                    continue
                try:
                    request = Request(json.loads(line))
                except (ValueError, KeyError, TypeError) as err:
                    sys.stderr.write(f"icmp prober: bad request {line[:200]!r}: {err}\n")
                    continue
                active[request.id] = request
        now = time.monotonic()
        for request in list(active.values()):
            if request.done or now >= request.deadline:
                del active[request.id]
                write(request.finish())


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
