#!/usr/bin/env python3
"""ovs-lab's link relay: forwards Ethernet frames between an endpoint's veth host end and the bridge-side
pair, and impairs them on the way (random loss, a token-bucket rate, delay with jitter), each direction
on its own. Used where the kernel has no netem (see "Link impairments" in the repository's README).

Frames are forwarded exactly as they came, checksums included: a frame the endpoint left with an unfinished
checksum (TX offload on) goes on unfinished, as the userspace switch would forward it. VLAN tags the kernel
took off into the socket's auxiliary data are put back.

Usage: link_relay.py --host IF --link IF --lock FILE --to JSON --from JSON [--seed N]
  --to:   the impairment of frames towards the endpoint (arriving on --link, sent on --host)
  --from: the impairment of frames from the endpoint (arriving on --host, sent on --link)
  JSON: {"delayMs": 0, "jitterMs": 0, "lossPercent": 0, "rateKbit": null}
Exit codes: 0 stopped by a signal, 3 another relay holds the lock, 4 an interface is gone, 2 bad usage.
"""
import argparse
import ctypes
import errno
import fcntl
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP = 1
PACKET_MR_PROMISC = 1
PACKET_AUXDATA = 8
PACKET_IGNORE_OUTGOING = 23
PACKET_OUTGOING = 4
TP_STATUS_VLAN_VALID = 0x10
TP_STATUS_VLAN_TPID_VALID = 0x40
AUXDATA = struct.Struct("IIIHHHH")
PR_SET_PDEATHSIG = 1
GONE = (errno.ENETDOWN, errno.ENXIO, errno.ENODEV)


class Direction:
    """One direction's impairment: which frames are lost and when the others leave. Pure: time is given."""

    def __init__(self, delay_ms=0, jitter_ms=0, loss_percent=0.0, rate_kbit=None, rng=None, max_backlog_s=0.5):
        self.delay = delay_ms / 1000.0
        self.jitter = jitter_ms / 1000.0
        self.loss = loss_percent / 100.0
        self.rate = rate_kbit * 1000.0 / 8.0 if rate_kbit else None  # bytes per second
        # The bucket holds 5 ms of the rate, at least two full frames.
        self.burst = max(5e-3, 2 * 1514 / self.rate) if self.rate else 0.0
        self.max_backlog = max_backlog_s
        self.rng = rng or random.Random()
        self.paid_until = 0.0  # when the bucket is full again (seconds)
        self.last_departure = 0.0
        self.lost = 0
        self.overflow = 0

    def schedule(self, now, size):
        """The time this frame leaves, or None when it is dropped (lost, or over the rate's backlog)."""
        if self.loss and self.rng.random() < self.loss:
            self.lost += 1
            return None
        leave = now
        if self.rate:
            cost = size / self.rate
            leave = max(now, self.paid_until - self.burst + cost)
            if leave - now > self.max_backlog:
                self.overflow += 1
                return None
            self.paid_until = max(self.paid_until, leave) + cost
        if self.delay:
            spread = self.rng.uniform(-self.jitter, self.jitter) if self.jitter else 0.0
            leave += max(0.0, self.delay + spread)
        # Frames keep their order (jitter never reorders: TCP would take it for loss).
        leave = max(leave, self.last_departure)
        self.last_departure = leave
        return leave


def direction_of(text, rng):
    spec = json.loads(text)
    return Direction(spec.get("delayMs") or 0, spec.get("jitterMs") or 0, spec.get("lossPercent") or 0, spec.get("rateKbit"), rng)


def open_port(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((ifname, ETH_P_ALL))
    index = socket.if_nametoindex(ifname)
    s.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, struct.pack("iHH8s", index, PACKET_MR_PROMISC, 0, b""))
    s.setblocking(False)
    return s


def with_vlan(frame, ancdata):
    """The frame with the VLAN tag the kernel moved into auxdata put back after the MAC addresses."""
    for level, kind, data in ancdata:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(data) >= AUXDATA.size:
            status, _len, _snap, _mac, _net, tci, tpid = AUXDATA.unpack(data[: AUXDATA.size])
            if status & TP_STATUS_VLAN_VALID:
                tpid = tpid if status & TP_STATUS_VLAN_TPID_VALID and tpid else 0x8100
                return frame[:12] + struct.pack("!HH", tpid, tci) + frame[12:]
    return frame


class Gone(Exception):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--link", required=True)
    parser.add_argument("--lock", required=True)
    parser.add_argument("--to", dest="to_endpoint", required=True)
    parser.add_argument("--from", dest="from_endpoint", required=True)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    # No orphan: the relay ends with the server that started it.
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = os.getppid()
    lock = open(args.lock, "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(json.dumps({"error": "another relay holds " + args.lock}), flush=True)
        return 3
    rng = random.Random(args.seed)
    try:
        host, link = open_port(args.host), open_port(args.link)
    except OSError as e:
        print(json.dumps({"error": "cannot open the link: %s" % e}), flush=True)
        return 4 if e.errno in GONE else 1
    # Frames from the bridge go to the endpoint with --to's impairment, and the other way with --from's.
    routes = {link.fileno(): (host, direction_of(args.to_endpoint, rng)), host.fileno(): (link, direction_of(args.from_endpoint, rng))}
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    poller = select.poll()
    for fd in routes:
        poller.register(fd, select.POLLIN)
    queue = []
    seq = 0
    stats = {"forwarded": 0, "lost": 0, "overflow": 0, "failed": 0}
    reported = 0.0
    print(json.dumps({"ready": True, "pid": os.getpid()}), flush=True)

    def send(out, frame):
        try:
            out.send(frame)
            stats["forwarded"] += 1
        except OSError as e:
            if e.errno in GONE:
                raise Gone()
            stats["failed"] += 1  # EMSGSIZE (a GSO frame over the MTU), ENOBUFS

    try:
        while not stop:
            now = time.monotonic()
            while queue and queue[0][0] <= now:
                _, _, out, frame = heapq.heappop(queue)
                send(out, frame)
            wait = max(0, int((queue[0][0] - now) * 1000) + 1) if queue else 1000
            for fd, event in poller.poll(wait):
                if event & (select.POLLERR | select.POLLNVAL | select.POLLHUP):
                    raise Gone()
                out, direction = routes[fd]
                sock = host if fd == host.fileno() else link
                for _ in range(64):
                    try:
                        frame, ancdata, _flags, address = sock.recvmsg(262144, socket.CMSG_SPACE(AUXDATA.size))
                    except BlockingIOError:
                        break
                    except OSError as e:
                        if e.errno in GONE:
                            raise Gone()
                        raise
                    if address[2] == PACKET_OUTGOING:
                        continue
                    frame = with_vlan(frame, ancdata)
                    leave = direction.schedule(time.monotonic(), len(frame))
                    if leave is None:
                        continue
                    seq += 1
                    heapq.heappush(queue, (leave, seq, out, frame))
            now = time.monotonic()
            if now - reported >= 2:
                reported = now
                lost = sum(d.lost for _, d in routes.values())
                overflow = sum(d.overflow for _, d in routes.values())
                if (lost, overflow) != (stats["lost"], stats["overflow"]) or stats["forwarded"]:
                    stats.update(lost=lost, overflow=overflow)
                    print(json.dumps({"stats": stats}), flush=True)
                if os.getppid() != parent:
                    return 0
    except Gone:
        print(json.dumps({"error": "an interface of the link is gone"}), flush=True)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
