"""Sees, inside each endpoint's network namespace, every probe packet that arrives with a bad checksum.

A TCP or UDP probe that fails for the seed's bug loses one packet: the SYN or datagram at its receiver, or the
SYN/ACK or echo reply at its sender, dropped by that kernel for a bad checksum (and counted in InCsumErrors). A
packet socket (AF_PACKET, bound to IPv4) made inside the namespace gets a copy of each packet the namespace
receives before the IP layer checks it, so the very packet, and so the probe it belongs to, is known by its
addresses and ports: no probe has to wait for another to be told apart.

The kernel verifies a packet's checksum itself unless the packet says it need not (PACKET_AUXDATA's
TP_STATUS_CSUMNOTREADY: still to be finished, as over a Linux bridge; TP_STATUS_CSUM_VALID: already checked);
only a packet with neither and a wrong sum is reported, which is exactly what the kernel drops and counts.

A namespace's socket stays open between watches (closing one waits for an RCU grace period, ~13 ms each): it
is closed, on a thread of its own, once no watch uses it and its namespace has ended or it sat idle for 30 s.
"""

import ctypes
import os
import queue
import select
import socket
import struct
import threading
import time
from typing import Callable, TypeVar

T = TypeVar("T")

CLONE_NEWNET = 0x40000000
ETH_P_IP = 0x0800
SOL_PACKET = 263
PACKET_AUXDATA = 8
PACKET_STATISTICS = 6
SO_ATTACH_FILTER = 26
TP_STATUS_CSUMNOTREADY = 1 << 3
TP_STATUS_CSUM_VALID = 1 << 7
TCP, UDP = 6, 17

libc = ctypes.CDLL("libc.so.6", use_errno=True)
own_netns = os.open("/proc/self/ns/net", os.O_RDONLY)


def setns(fd: int) -> None:
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def probe_filter(address: str, port: int) -> bytes:
    """Classic BPF: IPv4 to `address`, not a fragment, a TCP SYN (or SYN/ACK) or a UDP datagram from or to `port`."""
    addr = struct.unpack("!I", socket.inet_aton(address))[0]
    # (code, jt, jf, k); offsets are from the IP header (a SOCK_DGRAM packet socket).
    LDH, LDW, LDB, LDXB_MSH, LDB_X, LDH_X, JEQ, JSET, RET = 0x28, 0x20, 0x30, 0xB1, 0x50, 0x48, 0x15, 0x45, 0x06
    program = [
        (LDH, 0, 0, 6),  # 0 fragment offset and flags
        (JSET, 13, 0, 0x1FFF),  # 1 a later fragment: drop
        (LDW, 0, 0, 16),  # 2 destination
        (JEQ, 0, 11, addr),  # 3
        (LDXB_MSH, 0, 0, 0),  # 4 x = header length
        (LDB, 0, 0, 9),  # 5 protocol
        (JEQ, 0, 2, TCP),  # 6
        (LDB_X, 0, 0, 13),  # 7 TCP flags
        (JSET, 1, 6, 0x02),  # 8 SYN: check the ports, else drop
        (JEQ, 0, 5, UDP),  # 9
        (LDH_X, 0, 0, 0),  # 10 source port
        (JEQ, 2, 0, port),  # 11
        (LDH_X, 0, 0, 2),  # 12 destination port
        (JEQ, 0, 1, port),  # 13
        (RET, 0, 0, 0xFFFF),  # 14 keep
        (RET, 0, 0, 0),  # 15 drop
    ]
    return b"".join(struct.pack("HBBI", *ins) for ins in program)


def made_in(netns_fd: int | None, make: Callable[[], T]) -> T:
    """What `make` returns, made inside the namespace open at `netns_fd` (None: this process's own): a socket keeps the namespace it was made in."""
    if netns_fd is None:
        return make()
    setns(netns_fd)
    try:
        return make()
    finally:
        setns(own_netns)


def open_netns(netns: str | None) -> int | None:
    return None if netns is None else os.open(netns, os.O_RDONLY)


def packet_socket_in(netns: str | None, address: str, port: int) -> socket.socket:
    fd = open_netns(netns)
    try:
        sock = made_in(fd, lambda: socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP)))
    finally:
        if fd is not None:
            os.close(fd)
    try:
        code = probe_filter(address, port)
        program = ctypes.create_string_buffer(code)
        fprog = struct.pack("HL", len(code) // 8, ctypes.addressof(program))
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
        sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def ones_sum(data: bytes) -> int:
    """The folded ones' complement sum of the 16-bit words: as a big number, each word counts once modulo 0xFFFF
    (2**16 is 1 modulo 0xFFFF), so one conversion in C replaces a loop over the words."""
    if len(data) % 2:
        data += b"\0"
    value = int.from_bytes(data, "big")
    total = value % 0xFFFF
    return 0xFFFF if total == 0 and value else total


def bad_checksum(packet: bytes) -> dict | None:
    """The probe facts of a TCP or UDP packet whose checksum is wrong; None for a good one."""
    if len(packet) < 20:
        return None
    ihl = (packet[0] & 0x0F) * 4
    total = struct.unpack("!H", packet[2:4])[0]
    proto = packet[9]
    segment = packet[ihl:total]
    if len(segment) < (20 if proto == TCP else 8):
        return None
    field_at = 16 if proto == TCP else 6
    field = struct.unpack("!H", segment[field_at : field_at + 2])[0]
    if proto == UDP and field == 0:
        return None  # no checksum asked for
    pseudo = packet[12:20] + struct.pack("!BBH", 0, proto, len(segment))
    if ones_sum(pseudo + segment) == 0xFFFF:
        return None
    zeroed = segment[:field_at] + b"\0\0" + segment[field_at + 2 :]
    want = ~ones_sum(pseudo + zeroed) & 0xFFFF
    if proto == UDP and want == 0:
        want = 0xFFFF  # a computed 0 goes on the wire as all ones
    sport, dport = struct.unpack("!HH", segment[:4])
    flags = segment[13] if proto == TCP else 0
    return {
        "proto": "tcp" if proto == TCP else "udp",
        "src": socket.inet_ntoa(packet[12:16]),
        "sport": sport,
        "dst": socket.inet_ntoa(packet[16:20]),
        "dport": dport,
        "syn": bool(flags & 0x02),
        "ack": bool(flags & 0x10),
        "sum": f"0x{field:04x}",
        "want": f"0x{want:04x}",
    }


class Socket:
    """A namespace's packet socket, kept between runs: closing one waits for an RCU grace period (~13 ms)."""

    def __init__(self, netns: str | None, address: str, port: int):
        self.netns = netns
        self.inode = os.stat(netns).st_ino if netns else None
        self.sock = packet_socket_in(netns, address, port)
        self.watches: dict[int, tuple[Callable[[int, dict], None], int]] = {}  # watch id -> (its handler, this socket's index in it)
        self.drops = 0
        self.idle_since = time.monotonic()

    def drain(self) -> None:
        while True:
            try:
                data, ancillary, _flags, _addr = self.sock.recvmsg(65535, socket.CMSG_SPACE(32))
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            status = 0
            for level, kind, value in ancillary:
                if level == SOL_PACKET and kind == PACKET_AUXDATA and len(value) >= 4:
                    status = struct.unpack("I", value[:4])[0]
            if status & (TP_STATUS_CSUMNOTREADY | TP_STATUS_CSUM_VALID):
                continue  # the kernel will not check this one's sum
            facts = bad_checksum(data)
            if facts is not None:
                for handler, at in list(self.watches.values()):
                    handler(at, facts)

    def lost(self) -> int:
        # struct tpacket_stats {tp_packets, tp_drops}; reading it resets it.
        _packets, drops = struct.unpack("II", self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
        self.drops += drops
        return self.drops

    def gone(self) -> bool:
        """Its namespace has ended (the agent whose /proc/PID/ns/net it was has exited)."""
        if self.netns is None:
            return False
        try:
            return os.stat(self.netns).st_ino != self.inode
        except OSError:
            return True


class Sockets:
    """The open sockets by (namespace, address, port), the watches using them, and their closing."""

    IDLE_S = 30

    def __init__(self) -> None:
        self.by_key: dict[tuple, Socket] = {}
        self.by_fd: dict[int, Socket] = {}
        self.watches: dict[int, list[tuple[Socket, int] | None]] = {}  # id -> (socket, drops when it began)
        self.poller = select.epoll()
        self.to_close: queue.Queue[socket.socket] = queue.Queue()
        threading.Thread(target=self.closer, daemon=True).start()
        self.swept = time.monotonic()

    def closer(self) -> None:
        while True:
            self.to_close.get().close()  # releases the GIL while the kernel waits

    def watch(self, wid: int, specs: list[dict], handler: Callable[[int, dict], None]) -> list[str | None]:
        """Watch `wid` hears, through `handler(index of the namespace in specs, packet facts)`, each bad probe packet from now on."""
        errors: list[str | None] = []
        entries: list[tuple[Socket, int] | None] = []
        for at, spec in enumerate(specs):
            if spec.get("watch") is False:
                entries.append(None)
                errors.append("no namespace to watch (its endpoint has no probe agent)")
                continue
            key = (spec.get("netns"), str(spec["address"]), int(spec["port"]))
            try:
                sock = self.by_key.get(key)
                if sock is not None and sock.gone():
                    self.retire(sock)
                    sock = None
                if sock is None:
                    sock = Socket(*key)
                    self.by_key[key] = sock
                    self.by_fd[sock.sock.fileno()] = sock
                    self.poller.register(sock.sock.fileno(), select.EPOLLIN)
                sock.drain()  # what came before the watch is not its
                sock.watches[wid] = (handler, at)
                entries.append((sock, sock.lost()))
                errors.append(None)
            except OSError as err:
                entries.append(None)
                errors.append(f"cannot watch {spec.get('netns') or 'the root namespace'}: {err.strerror or err}")
        self.watches[wid] = entries
        return errors

    def sync(self, wid: int, end: bool) -> int | None:
        """Reports what the watch's sockets hold now; the packets they lost since it began (None: no such watch)."""
        entries = self.watches.get(wid)
        if entries is None:
            return None
        lost = 0
        for entry in entries:
            if entry is not None:
                entry[0].drain()
                lost += entry[0].lost() - entry[1]
        if end:
            del self.watches[wid]
            for entry in entries:
                if entry is not None:
                    entry[0].watches.pop(wid, None)
                    entry[0].idle_since = time.monotonic()
        return lost

    def drain_ready(self) -> None:
        """Reads the sockets that have packets waiting (this object's epoll said it has some)."""
        for fd, _events in self.poller.poll(0):
            sock = self.by_fd.get(fd)
            if sock is not None:
                sock.drain()

    def retire(self, sock: Socket) -> None:
        self.by_key = {k: s for k, s in self.by_key.items() if s is not sock}
        self.by_fd.pop(sock.sock.fileno(), None)
        try:
            self.poller.unregister(sock.sock.fileno())
        except (OSError, ValueError):
            pass
        self.to_close.put(sock.sock)

    def sweep(self) -> None:
        """Closes, off the main loop, the sockets no watch uses whose namespace ended or that sat idle."""
        now = time.monotonic()
        if now - self.swept < 1:
            return
        self.swept = now
        for sock in list(self.by_key.values()):
            if not sock.watches and (sock.gone() or now - sock.idle_since > self.IDLE_S):
                self.retire(sock)
