"""TCP and UDP probes for every namespace of every lab, from one long-lived process, each failure named by its packet.

A matrix run used to ask each endpoint's probe agent (a Node process in its namespace) for its probes: on two
cores, the agents' own work per probe was most of a 20-container run. This process makes each probe's socket
inside the source's namespace (setns, socket(), setns back), sends every probe of the run at once (up to the
run's in-flight limit) and waits for all of them in one epoll. The checksum watch (csum_watch.py) reports each
probe packet that arrives somewhere with a sum its kernel will refuse; its addresses and ports name the probe,
which ends there: `bad-checksum`, with the namespace that dropped it and the sum it carried.

Protocol, JSON lines (see socket-prober.ts):
  in:  {"id": 1, "run": {"namespaces": [{"netns": "/proc/123/ns/net", "address": "10.0.0.7"}, ...], "port": 47007,
        "timeoutMs": 200, "inFlight": 400, "probes": [["tcp", 0, 1], ["udp", 1, 0], ...]}}
       probes: [protocol, index of the source namespace, index of the target's]
  out: {"id": 1, "i": 0, "ok": true, "rttMs": 0.21}                       one line per probe, as it ends
       {"id": 1, "i": 1, "ok": false, "error": "bad-checksum", "at": 0, "side": "to", "sum": "0x1a2b", "want": "0x5c6d"}
       {"id": 1, "i": 2, "ok": false, "error": "refused", "detail": "ECONNREFUSED"}
  out: {"id": 1, "done": true, "lost": 0}   once every probe has ended; lost: packets the watch lost (silence may hide a drop)
  in:  {"id": 2, "watch": [{"netns": ..., "address": ..., "port": ...}]} / {"id": 3, "sync": 2} / {"id": 4, "end": 2}
       a watch alone: {"bad": 2, "at": 0, ...packet facts} per bad packet; sync and end answer {"id": N, "drops": lost}
Outcomes mean what the probe agents' did (server/probes/agent/socket-probes.ts): TCP is ok once the echo of its
data came back (its RTT is the handshake's), UDP once the echo came back; an ICMP error or a refused connection
is `refused`, `no-route` or `unreachable`; silence until the timeout is `timeout`, or `no-arp` when the source
never resolved the target's MAC address.
"""

import collections
import errno
import json
import os
import select
import socket
import struct
import sys
import time

from csum_watch import Sockets, made_in, open_netns

IP_BIND_ADDRESS_NO_PORT = 24
ERRORS = {
    errno.ECONNREFUSED: "refused",
    errno.ENETUNREACH: "no-route",
    errno.EHOSTUNREACH: "unreachable",
    errno.EHOSTDOWN: "unreachable",
    errno.ETIMEDOUT: "timeout",
}
ATF_COM = 0x2
# Once the handshake is done, the checksums of both ends passed: what is left is the echo, which needs the
# target's agent to be scheduled. On a busy machine (a browser drawing 30,000 squares on the same two cores)
# that alone took longer than a 200 ms timeout, and working pairs read as timeouts.
ECHO_GRACE_S = 1.0
# struct tcp_info: 8 one-byte fields, then 32-bit ones; tcpi_rtt (µs) is the 16th of those.
TCP_INFO_RTT_AT = 8 + 15 * 4


def handshake_rtt_ms(sock: socket.socket) -> float | None:
    """
    The kernel's own measure of a connection's handshake (SYN sent to SYN/ACK back), not this loop's:
    a run's checksum watch reads every packet in this same loop, and on the seed lab the time the loop took
    to notice a connection read 3 to 11 ms where the kernel measured under one.
    """
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    except OSError:
        return None
    if len(info) < TCP_INFO_RTT_AT + 4:
        return None
    (rtt_us,) = struct.unpack_from("I", info, TCP_INFO_RTT_AT)
    return rtt_us / 1000 if rtt_us else None


SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)


def arrival_rtt_ms(ancdata: list, sent_ns: int) -> float | None:
    """A datagram's round trip by the kernel's clock: its send, and the echo's arrival (SO_TIMESTAMPNS), not when this loop read it."""
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            sec, nsec = struct.unpack_from("qq", data)
            rtt_ns = sec * 1_000_000_000 + nsec - sent_ns
            return rtt_ns / 1e6 if rtt_ns > 0 else None
    return None

out: list[str] = []


def write(message: dict) -> None:
    out.append(json.dumps(message))


def outcome_line(rid: int, index: int, outcome: dict) -> str:
    """A probe's end as a line; the two that come by the thousand per run (an echo, a bad sum) without json's encoder."""
    if outcome["ok"]:
        return f'{{"id":{rid},"i":{index},"ok":true,"rttMs":{float(outcome["rttMs"])!r}}}'
    if outcome["error"] == "bad-checksum":
        return f'{{"id":{rid},"i":{index},"ok":false,"error":"bad-checksum","at":{int(outcome["at"])},"side":"{outcome["side"]}","sum":"{outcome["sum"]}","want":"{outcome["want"]}"}}'
    return json.dumps(dict(outcome, id=rid, i=index))


def flush() -> None:
    if out:
        sys.stdout.write("\n".join(out) + "\n")
        sys.stdout.flush()
        out.clear()


def failure(err: int) -> dict:
    return {"ok": False, "error": ERRORS.get(err, "failed"), "detail": errno.errorcode.get(err, os.strerror(err))}


def address_words(ipv4: str) -> int:
    a, b, c, d = socket.inet_aton(ipv4)
    return ((a << 8) | b) + ((c << 8) | d)


def fold(total: int) -> int:
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def udp_payload(source: str, target: str, sport: int, dport: int) -> bytes:
    """"ovs-lab", padded with dots where the plain one's unfinished sum would pass (see partial-checksum.ts)."""
    pad = 0
    while True:
        payload = b"ovs-lab" + b"." * pad
        length = 8 + len(payload)
        words = payload + b"\0" * (len(payload) % 2)
        pseudo = fold(address_words(source) + address_words(target) + 17 + length)
        total = fold(2 * pseudo + sport + dport + length + sum(struct.unpack(f"!{len(words) // 2}H", words)))
        if total not in (0xFFFF, 0):
            return payload
        pad += 1


class Probe:
    __slots__ = ("index", "proto", "source", "target", "src_at", "dst_at", "sock", "started", "sent_ns", "deadline", "keys", "connected_ms", "echo_deadline", "ended")

    def __init__(self, index: int, proto: str, src_at: int, dst_at: int, source: str, target: str, deadline: float):
        self.index, self.proto, self.src_at, self.dst_at = index, proto, src_at, dst_at
        self.source, self.target = source, target
        self.sock: socket.socket | None = None
        self.started = time.monotonic()
        self.sent_ns = 0
        self.deadline = deadline
        self.keys: list[tuple] = []
        self.connected_ms: float | None = None
        self.echo_deadline = 0.0
        self.ended = False


class Run:
    """One request's probes: their sockets, the packets that name them, and their outcomes as they come."""

    def __init__(self, rid: int, spec: dict, sockets: Sockets, poller: "Poller"):
        self.id = rid
        self.namespaces = spec["namespaces"]
        self.port = int(spec["port"])
        self.timeout_s = max(1, int(spec["timeoutMs"])) / 1000
        self.echo_wait_s = max(self.timeout_s, ECHO_GRACE_S)
        self.in_flight_max = max(1, int(spec.get("inFlight", 400)))
        self.waiting = collections.deque(enumerate(spec["probes"]))
        self.remaining = len(self.waiting)
        self.in_flight: collections.deque[Probe] = collections.deque()  # in start order: the first to time out first
        self.echoing: collections.deque[Probe] = collections.deque()  # connected, waiting for the echo, in connect order
        self.active = 0  # started, not ended (the deque keeps ended ones until those before them end)
        self.by_packet: dict[tuple, tuple[Probe, str]] = {}
        self.sockets = sockets
        self.poller = poller
        self.netns_fds = [self.enter(ns.get("netns")) for ns in self.namespaces]
        self.watch_errors = sockets.watch(rid, [dict(ns, port=self.port) for ns in self.namespaces], self.bad_packet)
        self.launch()

    @staticmethod
    def enter(netns: str | None) -> int | None:
        """The namespace's descriptor; -1 for one that has gone (making a socket there then fails, and says so)."""
        try:
            return open_netns(netns)
        except OSError:
            return -1

    def launch(self) -> None:
        batch: list[tuple[int, list]] = []
        while self.waiting and self.active + len(batch) < self.in_flight_max:
            batch.append(self.waiting.popleft())
        # One setns there and back per source namespace of the batch.
        by_source: dict[int, list[tuple[int, list]]] = collections.defaultdict(list)
        for index, (proto, src_at, dst_at) in batch:
            by_source[int(src_at)].append((index, [proto, int(src_at), int(dst_at)]))
        for src_at, probes in by_source.items():
            kinds = [socket.SOCK_STREAM if p[1][0] == "tcp" else socket.SOCK_DGRAM for p in probes]
            try:
                made = made_in(self.netns_fds[src_at], lambda: [socket.socket(socket.AF_INET, kind | socket.SOCK_NONBLOCK) for kind in kinds])
            except OSError as err:
                for index, _ in probes:
                    self.end_unstarted(index, {"ok": False, "error": "failed", "detail": f"cannot make a socket in {self.namespaces[src_at].get('netns')}: {err.strerror or err}"})
                continue
            for (index, (proto, _src, dst_at)), sock in zip(probes, made):
                self.start(index, proto, src_at, dst_at, sock)

    def start(self, index: int, proto: str, src_at: int, dst_at: int, sock: socket.socket) -> None:
        source, target = self.namespaces[src_at]["address"], self.namespaces[dst_at]["address"]
        probe = Probe(index, proto, src_at, dst_at, source, target, time.monotonic() + self.timeout_s)
        probe.sock = sock
        self.in_flight.append(probe)
        self.active += 1
        try:
            if proto == "tcp":
                sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)  # the port is chosen at connect, unique per 4-tuple
                sock.bind((source, 0))
                err = sock.connect_ex((target, self.port))
                if err not in (0, errno.EINPROGRESS):
                    return self.end(probe, failure(err))
                events = select.EPOLLOUT
            else:
                sock.bind((source, 0))
                sock.connect((target, self.port))
                events = select.EPOLLIN
            local = sock.getsockname()[1]
            # The request (SYN, datagram) is seen at the target, the answer (SYN/ACK, echo) at the source.
            probe.keys = [(proto, source, local, target, self.port), (proto, target, self.port, source, local)]
            self.by_packet[probe.keys[0]] = (probe, "to")
            self.by_packet[probe.keys[1]] = (probe, "from")
            self.poller.add(sock, events, self, probe)
            if proto == "udp":
                sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
                probe.sent_ns = time.time_ns()
                sock.send(udp_payload(source, target, local, self.port))
        except OSError as err:
            self.end(probe, failure(err.errno or 0))

    def bad_packet(self, at: int, facts: dict) -> None:
        key = (facts["proto"], facts["src"], facts["sport"], facts["dst"], facts["dport"])
        found = self.by_packet.get(key)
        if found is None:
            return  # not this run's (another run's, or a stray sent again for an earlier probe)
        probe, side = found
        if at != (probe.dst_at if side == "to" else probe.src_at):
            return
        self.end(probe, {"ok": False, "error": "bad-checksum", "at": at, "side": side, "sum": facts["sum"], "want": facts["want"]})

    def ready(self, probe: Probe, events: int) -> None:
        if probe.ended or probe.sock is None:
            return
        sock = probe.sock
        if probe.proto == "udp":
            try:
                _data, ancdata, _flags, _addr = sock.recvmsg(2048, socket.CMSG_SPACE(16))
            except (BlockingIOError, InterruptedError):
                return
            except OSError as err:
                return self.end(probe, failure(err.errno or 0))
            rtt_ms = arrival_rtt_ms(ancdata, probe.sent_ns) or (time.monotonic() - probe.started) * 1000
            return self.end(probe, {"ok": True, "rttMs": round(rtt_ms, 3)})
        if probe.connected_ms is None:
            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                return self.end(probe, failure(err))
            probe.connected_ms = handshake_rtt_ms(sock) or (time.monotonic() - probe.started) * 1000
            probe.echo_deadline = time.monotonic() + self.echo_wait_s
            self.echoing.append(probe)
            try:
                sock.send(b"ovs-lab\n")  # the echo proves data crossed both ways, not just the handshake
            except OSError as err:
                return self.end(probe, failure(err.errno or 0))
            self.poller.modify(sock, select.EPOLLIN)
            return
        try:
            data = sock.recv(2048)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as err:
            return self.end(probe, failure(err.errno or 0))
        if data:
            self.end(probe, {"ok": True, "rttMs": round(probe.connected_ms, 3)})
        else:
            self.end(probe, {"ok": False, "error": "failed", "detail": "the connection closed before the echo"})

    def next_deadline(self) -> float | None:
        heads = ([self.in_flight[0].deadline] if self.in_flight else []) + ([self.echoing[0].echo_deadline] if self.echoing else [])
        return min(heads) if heads else None

    def expire(self, now: float) -> None:
        due = self.next_deadline()
        if due is None or due > now:
            return
        # A bad packet already received must still name its probe: report what the watch holds first.
        self.sockets.sync(self.id, False)
        while self.in_flight and self.in_flight[0].deadline <= now:
            probe = self.in_flight.popleft()
            if not probe.ended and probe.connected_ms is None:  # a connected one waits in `echoing`
                self.end(probe, self.silence(probe))
        while self.echoing and self.echoing[0].echo_deadline <= now:
            probe = self.echoing.popleft()
            if not probe.ended:
                self.end(probe, {"ok": False, "error": "timeout", "detail": f"connected in {probe.connected_ms:.1f} ms, but its data was not echoed within {round(self.echo_wait_s * 1000)} ms"})

    def silence(self, probe: Probe) -> dict:
        arp = ""
        try:
            arp = made_in(self.netns_fds[probe.src_at], lambda: open("/proc/thread-self/net/arp").read())
        except OSError:
            pass
        for line in arp.splitlines()[1:]:
            fields = line.split()
            if fields and fields[0] == probe.target:
                if int(fields[2], 16) & ATF_COM:
                    return {"ok": False, "error": "timeout"}
                break
        else:
            if arp == "":
                return {"ok": False, "error": "timeout"}
        return {"ok": False, "error": "no-arp", "detail": f"no ARP reply from {probe.target} within {round(self.timeout_s * 1000)} ms"}

    def end(self, probe: Probe, outcome: dict) -> None:
        if probe.ended:
            return
        probe.ended = True
        for key in probe.keys:
            self.by_packet.pop(key, None)
        if probe.sock is not None:
            self.poller.remove(probe.sock)
            probe.sock.close()
            probe.sock = None
        out.append(outcome_line(self.id, probe.index, outcome))
        self.remaining -= 1
        self.active -= 1
        for waiting in (self.in_flight, self.echoing):
            while waiting and waiting[0].ended:
                waiting.popleft()

    def end_unstarted(self, index: int, outcome: dict) -> None:
        write(dict(outcome, id=self.id, i=index))
        self.remaining -= 1

    @property
    def done(self) -> bool:
        return self.remaining == 0

    def finish(self) -> None:
        lost = self.sockets.sync(self.id, True)
        for fd in self.netns_fds:
            if fd is not None and fd >= 0:
                os.close(fd)
        write({"id": self.id, "done": True, "lost": lost, "watchErrors": self.watch_errors})


class Poller:
    """The epoll of the probes' sockets and of stdin; the watch's sockets register themselves on Sockets' own."""

    def __init__(self) -> None:
        self.epoll = select.epoll()
        self.owners: dict[int, tuple[Run, Probe]] = {}

    def add(self, sock: socket.socket, events: int, run: Run, probe: Probe) -> None:
        self.owners[sock.fileno()] = (run, probe)
        self.epoll.register(sock.fileno(), events)

    def modify(self, sock: socket.socket, events: int) -> None:
        self.epoll.modify(sock.fileno(), events)

    def remove(self, sock: socket.socket) -> None:
        if self.owners.pop(sock.fileno(), None) is not None:
            self.epoll.unregister(sock.fileno())


def handle(request: dict, sockets: Sockets, poller: Poller, runs: dict[int, Run]) -> None:
    rid = int(request["id"])
    if "run" in request:
        runs[rid] = Run(rid, request["run"], sockets, poller)
    elif "watch" in request:
        errors = sockets.watch(rid, list(request["watch"]), lambda at, facts: write(dict(bad=rid, at=at, **facts)))
        write({"id": rid, "errors": errors})
    else:
        end = "end" in request
        write({"id": rid, "drops": sockets.sync(int(request["end"] if end else request["sync"]), end)})


def main() -> None:
    sys.stdout.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    sys.stdout.flush()
    sockets = Sockets()
    poller = Poller()
    runs: dict[int, Run] = {}
    pending = b""
    stdin = sys.stdin.fileno()
    poller.epoll.register(stdin, select.EPOLLIN)
    poller.epoll.register(sockets.poller.fileno(), select.EPOLLIN)  # the watch's epoll, nested
    while True:
        now = time.monotonic()
        nearest = min((d for d in (r.next_deadline() for r in runs.values()) if d is not None), default=now + 1.0)
        for fd, events in poller.epoll.poll(max(0.0, nearest - now)):
            if fd == stdin:
                chunk = os.read(stdin, 1 << 16)
                if not chunk:
                    return  # the server is gone
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if line.strip():
                        try:
                            handle(json.loads(line), sockets, poller, runs)
                        except (ValueError, KeyError, TypeError, IndexError, OSError) as err:
                            sys.stderr.write(f"socket prober: bad request {line[:200]!r}: {err}\n")
            elif fd == sockets.poller.fileno():
                sockets.drain_ready()
            else:
                owner = poller.owners.get(fd)
                if owner is not None:
                    owner[0].ready(owner[1], events)
        now = time.monotonic()
        for run in list(runs.values()):
            run.expire(now)
            run.launch()
            if run.done:
                run.finish()
                del runs[run.id]
        flush()
        sockets.sweep()


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
