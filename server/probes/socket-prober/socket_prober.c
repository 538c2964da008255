/*
 * TCP and UDP probes for every namespace of every lab, from one long-lived process, each failure named by its packet.
 *
 * Each probe's socket is made inside its source's namespace (setns, socket(), setns back); every probe of a
 * run goes out at once (up to its in-flight limit) and all are waited for in one epoll. The checksum watch, a
 * packet socket in each namespace, gets a copy of each probe packet that namespace receives before its IP
 * layer checks it: one that arrives with a sum its kernel will refuse names its probe by its addresses and
 * ports, and that probe ends there: `bad-checksum`, with the namespace that dropped it and the sum it carried.
 *
 * It was Python (CPython's interpreter was half of this process's CPU in a 20-container run, a fifth of the
 * whole run's); the protocol, the outcomes and their words are the same. Protocol, JSON lines (socket-prober.ts):
 *   in:  {"id": 1, "run": {"namespaces": [{"netns": "/proc/123/ns/net", "address": "10.0.0.7", "watch"?: false}, ...],
 *         "port": 47007, "timeoutMs": 200, "inFlight": 400, "probes": [["tcp", 0, 1], ["udp", 1, 0], ...]}}
 *        probes: [protocol, index of the source namespace, index of the target's]
 *   out: {"id":1,"i":0,"ok":true,"rttMs":0.21}                                one line per probe, as it ends
 *        {"id":1,"i":1,"ok":false,"error":"bad-checksum","at":0,"side":"to","sum":"0x1a2b","want":"0x5c6d"}
 *        {"id":1,"i":2,"ok":false,"error":"refused","detail":"ECONNREFUSED"}
 *   out: {"id":1,"done":true,"lost":0,"watchErrors":[null,...]}   once every probe has ended; lost: packets the watch lost
 *   in:  {"id": 2, "watch": [{"netns": ..., "address": ..., "port": ...}]} / {"id": 3, "sync": 2} / {"id": 4, "end": 2}
 *        a watch alone: {"bad":2,"at":0,...packet facts} per bad packet; sync and end answer {"id":N,"drops":lost}
 * Outcomes mean what the probe agents' do (server/probes/agent/socket-probes.ts): TCP is ok once the echo of its
 * data came back (its RTT is the handshake's, by the kernel's TCP_INFO), UDP once the echo came back (by the
 * kernel's send and arrival times); an ICMP error or a refused connection is `refused`, `no-route` or `unreachable`;
 * silence until the timeout is `timeout`, or `no-arp` when the source never resolved the target's MAC address.
 *
 * The kernel verifies a packet's checksum itself unless the packet says it need not (PACKET_AUXDATA's
 * TP_STATUS_CSUMNOTREADY: still to be finished, as over a Linux bridge; TP_STATUS_CSUM_VALID: already checked);
 * only a packet with neither and a wrong sum is reported, which is exactly what the kernel drops and counts.
 * A namespace's packet socket stays open between watches: closing one waits for an RCU grace period (~13 ms),
 * so it is closed on a thread of its own, once no watch uses it and its namespace ended or it sat idle for 30 s.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/errqueue.h>
#include <linux/if_packet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../native/helper-io.h"

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif
#define ATF_COM 0x2
#define TP_CSUMNOTREADY (1u << 3)
#define TP_CSUM_VALID (1u << 7)
/* Once the handshake is done, both ends' checksums passed: what is left is the echo, which needs the target's
 * agent to be scheduled; on a busy machine that alone took longer than a 200 ms timeout. */
#define ECHO_GRACE_S 1.0
#define WATCH_IDLE_S 30.0
#define PROTO_TCP 6
#define PROTO_UDP 17

const char *helper_name = "socket prober";

/* ---- the checksum watch ---- */

typedef struct BadPacket {
  int proto;
  uint32_t src, dst; /* network order */
  uint16_t sport, dport;
  bool syn, ack;
  uint16_t sum, want;
} BadPacket;

/* The probe facts of a TCP or UDP packet (from its IP header on) whose checksum is wrong; false for a good one. */
static bool bad_checksum(const uint8_t *packet, size_t length, BadPacket *facts) {
  if (length < 20) return false;
  size_t ihl = (size_t)(packet[0] & 0x0F) * 4;
  size_t total = (size_t)(packet[2] << 8 | packet[3]);
  if (total > length) total = length;
  int proto = packet[9];
  if (proto != PROTO_TCP && proto != PROTO_UDP) return false;
  if (ihl >= total || total - ihl < (proto == PROTO_TCP ? 20u : 8u)) return false;
  const uint8_t *segment = packet + ihl;
  size_t segment_length = total - ihl;
  size_t field_at = proto == PROTO_TCP ? 16 : 6;
  uint16_t field = (uint16_t)(segment[field_at] << 8 | segment[field_at + 1]);
  if (proto == PROTO_UDP && field == 0) return false; /* no checksum asked for */
  uint32_t pseudo = ones_add(0, packet + 12, 8) + (uint32_t)proto + (uint32_t)segment_length;
  uint32_t whole = ones_add(pseudo, segment, segment_length);
  if (ones_fold(whole) == 0xFFFF) return false;
  uint16_t want = (uint16_t)~ones_fold(whole - field); /* the sum with the field zeroed */
  if (proto == PROTO_UDP && want == 0) want = 0xFFFF; /* a computed 0 goes on the wire as all ones */
  facts->proto = proto;
  memcpy(&facts->src, packet + 12, 4);
  memcpy(&facts->dst, packet + 16, 4);
  facts->sport = (uint16_t)(segment[0] << 8 | segment[1]);
  facts->dport = (uint16_t)(segment[2] << 8 | segment[3]);
  uint8_t flags = proto == PROTO_TCP ? segment[13] : 0;
  facts->syn = flags & 0x02;
  facts->ack = flags & 0x10;
  facts->sum = field;
  facts->want = want;
  return true;
}

/* Classic BPF: IPv4 to `address`, not a fragment, a TCP SYN (or SYN/ACK) or a UDP datagram from or to `port`. */
static int attach_probe_filter(int fd, uint32_t address_host_order, uint16_t port) {
  /* Offsets are from the IP header (a SOCK_DGRAM packet socket). */
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 6),                      /* 0 fragment offset and flags */
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x1FFF, 13, 0),        /* 1 a later fragment: drop */
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),                     /* 2 destination */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, address_host_order, 0, 11), /* 3 */
      BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),                     /* 4 x = header length */
      BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),                      /* 5 protocol */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROTO_TCP, 0, 2),       /* 6 */
      BPF_STMT(BPF_LD | BPF_B | BPF_IND, 13),                     /* 7 TCP flags */
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x02, 1, 6),           /* 8 SYN: check the ports, else drop */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PROTO_UDP, 0, 5),       /* 9 */
      BPF_STMT(BPF_LD | BPF_H | BPF_IND, 0),                      /* 10 source port */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 2, 0),            /* 11 */
      BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),                      /* 12 destination port */
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 0, 1),            /* 13 */
      BPF_STMT(BPF_RET | BPF_K, 0xFFFF),                          /* 14 keep */
      BPF_STMT(BPF_RET | BPF_K, 0),                               /* 15 drop */
  };
  struct sock_fprog program = {.len = sizeof code / sizeof code[0], .filter = code};
  return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program);
}

typedef void (*BadPacketHandler)(void *owner, int at, const BadPacket *facts);

typedef struct Watcher {
  int watch_id;
  int at; /* this socket's index in the watch */
  BadPacketHandler handler;
  void *owner;
} Watcher;

typedef struct WatchSocket {
  char *netns;
  char *address;
  int port;
  dev_t dev;
  ino_t inode;
  int fd;
  uint64_t drops;
  double idle_since;
  Watcher *watchers;
  int watcher_count, watcher_cap;
} WatchSocket;

typedef struct WatchEntry {
  WatchSocket *socket; /* NULL: not watched */
  uint64_t drops_at_start;
} WatchEntry;

typedef struct Watch {
  int id;
  int count;
  WatchEntry *entries;
  struct Watch *next;
} Watch;

static WatchSocket **watch_sockets;
static int watch_socket_count, watch_socket_cap;
static Watch *watches;
static int epoll_fd;
static int closer_pipe[2];

/* What each descriptor in the epoll is: the probes' sockets and the watch's, by descriptor number. */
typedef enum { FD_NONE, FD_STDIN, FD_WATCH, FD_PROBE, FD_UDP } FdKind;
typedef struct FdOwner {
  FdKind kind;
  void *object; /* WatchSocket or Run */
  int probe;     /* FD_PROBE: the probe's index; FD_UDP: its source namespace's */
} FdOwner;
static FdOwner *fd_owners;
static int fd_owner_cap;

static void own_fd(int fd, FdKind kind, void *object, int probe) {
  if (fd >= fd_owner_cap) {
    int cap = fd * 2 + 64;
    fd_owners = xrealloc(fd_owners, sizeof(FdOwner) * (size_t)cap);
    memset(fd_owners + fd_owner_cap, 0, sizeof(FdOwner) * (size_t)(cap - fd_owner_cap));
    fd_owner_cap = cap;
  }
  fd_owners[fd] = (FdOwner){kind, object, probe};
}

static uint64_t watch_socket_lost(WatchSocket *s) {
  struct tpacket_stats stats; /* reading it resets it */
  socklen_t len = sizeof stats;
  if (getsockopt(s->fd, SOL_PACKET, PACKET_STATISTICS, &stats, &len) == 0) s->drops += stats.tp_drops;
  return s->drops;
}

static void drain(WatchSocket *s) {
  static uint8_t packet[65536];
  char control[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
  for (;;) {
    struct iovec iov = {packet, sizeof packet};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(s->fd, &msg, MSG_DONTWAIT);
    if (n < 0) return;
    uint32_t status = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA && c->cmsg_len >= CMSG_LEN(sizeof(uint32_t)))
        memcpy(&status, CMSG_DATA(c), sizeof status);
    }
    if (status & (TP_CSUMNOTREADY | TP_CSUM_VALID)) continue; /* the kernel will not check this one's sum */
    BadPacket facts;
    if (!bad_checksum(packet, (size_t)n, &facts)) continue;
    /* A handler ends a probe or writes a line; it never changes the watchers. */
    for (int i = 0; i < s->watcher_count; i++) {
      Watcher w = s->watchers[i];
      w.handler(w.owner, w.at, &facts);
    }
  }
}

static WatchSocket *watch_socket_open(const char *netns, const char *address, int port, char *error, size_t error_size) {
  struct in_addr addr;
  if (inet_pton(AF_INET, address, &addr) != 1) {
    snprintf(error, error_size, "cannot watch %s: %s is no IPv4 address", netns ? netns : "the root namespace", address);
    return NULL;
  }
  struct stat st = {0};
  int ns = open_netns(netns);
  if (ns == -1) goto failed;
  int fd = ns >= 0 && fstat(ns, &st) != 0 ? -1 : socket_in(ns, AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_IP));
  int err = errno;
  if (ns >= 0) close(ns);
  errno = err;
  if (fd < 0) goto failed;
  int on = 1, buffer = 4 << 20;
  if (attach_probe_filter(fd, ntohl(addr.s_addr), (uint16_t)port) != 0 || setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on) != 0 ||
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer) != 0) {
    err = errno;
    close(fd);
    errno = err;
    goto failed;
  }
  WatchSocket *s = xcalloc(1, sizeof *s);
  s->netns = xstrdup(netns);
  s->address = xstrdup(address);
  s->port = port;
  s->dev = st.st_dev;
  s->inode = st.st_ino;
  s->fd = fd;
  s->idle_since = monotonic_s();
  return s;
failed:
  snprintf(error, error_size, "cannot watch %s: %s", netns ? netns : "the root namespace", strerror(errno));
  return NULL;
}

/* Its namespace has ended (the agent whose /proc/PID/ns/net it was has exited). */
static bool watch_socket_gone(const WatchSocket *s) {
  if (!s->netns) return false;
  struct stat st;
  return stat(s->netns, &st) != 0 || st.st_ino != s->inode || st.st_dev != s->dev;
}

static void *closer(void *unused) {
  (void)unused;
  int fd;
  while (read(closer_pipe[0], &fd, sizeof fd) == sizeof fd) close(fd); /* the kernel waits here, not the loop */
  return NULL;
}

static void watch_socket_retire(WatchSocket *s) {
  for (int i = 0; i < watch_socket_count; i++) {
    if (watch_sockets[i] == s) {
      watch_sockets[i] = watch_sockets[--watch_socket_count];
      break;
    }
  }
  epoll_ctl(epoll_fd, EPOLL_CTL_DEL, s->fd, NULL);
  own_fd(s->fd, FD_NONE, NULL, 0);
  if (write(closer_pipe[1], &s->fd, sizeof s->fd) != sizeof s->fd) close(s->fd);
  free(s->netns);
  free(s->address);
  free(s->watchers);
  free(s);
}

static bool same_string(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

typedef struct WatchSpec {
  const char *netns;
  const char *address;
  int port;
  bool watch;
} WatchSpec;

/* Watch `id` hears, through `handler(owner, index of the namespace in specs, facts)`, each bad probe packet from now on.
 * Fills errors[i] (NULL, or why namespace i cannot be watched; the caller frees them). */
static Watch *watch_open(int id, const WatchSpec *specs, int count, BadPacketHandler handler, void *owner, char **errors) {
  Watch *w = xcalloc(1, sizeof *w);
  w->id = id;
  w->count = count;
  w->entries = xcalloc((size_t)count, sizeof(WatchEntry));
  for (int at = 0; at < count; at++) {
    errors[at] = NULL;
    if (!specs[at].watch) {
      errors[at] = xstrdup("no namespace to watch (its endpoint has no probe agent)");
      continue;
    }
    WatchSocket *s = NULL;
    for (int i = 0; i < watch_socket_count; i++) {
      WatchSocket *c = watch_sockets[i];
      if (same_string(c->netns, specs[at].netns) && !strcmp(c->address, specs[at].address) && c->port == specs[at].port) {
        s = c;
        break;
      }
    }
    if (s && watch_socket_gone(s)) {
      /* Another namespace took the path (a pid used again). Watches still using the old socket keep it until they end; the sweep closes it. */
      if (s->watcher_count == 0) watch_socket_retire(s);
      else s->port = -1; /* found by no key */
      s = NULL;
    }
    if (!s) {
      char error[512];
      s = watch_socket_open(specs[at].netns, specs[at].address, specs[at].port, error, sizeof error);
      if (!s) {
        errors[at] = xstrdup(error);
        continue;
      }
      if (watch_socket_count == watch_socket_cap) watch_sockets = xrealloc(watch_sockets, sizeof(WatchSocket *) * (size_t)(watch_socket_cap = watch_socket_cap * 2 + 16));
      watch_sockets[watch_socket_count++] = s;
      own_fd(s->fd, FD_WATCH, s, 0);
      struct epoll_event ev = {.events = EPOLLIN, .data.fd = s->fd};
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, s->fd, &ev);
    }
    drain(s); /* what came before the watch is not its */
    if (s->watcher_count == s->watcher_cap) s->watchers = xrealloc(s->watchers, sizeof(Watcher) * (size_t)(s->watcher_cap = s->watcher_cap * 2 + 4));
    s->watchers[s->watcher_count++] = (Watcher){id, at, handler, owner};
    w->entries[at] = (WatchEntry){s, watch_socket_lost(s)};
  }
  w->next = watches;
  watches = w;
  return w;
}

/* Reports what the watch's sockets hold now; the packets they lost since it began (-1: no such watch). */
static int64_t watch_sync(int id, bool end) {
  Watch **link = &watches;
  while (*link && (*link)->id != id) link = &(*link)->next;
  Watch *w = *link;
  if (!w) return -1;
  int64_t lost = 0;
  for (int i = 0; i < w->count; i++) {
    WatchSocket *s = w->entries[i].socket;
    if (!s) continue;
    drain(s);
    lost += (int64_t)(watch_socket_lost(s) - w->entries[i].drops_at_start);
  }
  if (!end) return lost;
  *link = w->next;
  double now = monotonic_s();
  for (int i = 0; i < w->count; i++) {
    WatchSocket *s = w->entries[i].socket;
    if (!s) continue;
    for (int k = 0; k < s->watcher_count; k++) {
      if (s->watchers[k].watch_id == id) {
        s->watchers[k--] = s->watchers[--s->watcher_count];
      }
    }
    s->idle_since = now;
  }
  free(w->entries);
  free(w);
  return lost;
}

/* Closes, off the main loop, the sockets no watch uses whose namespace ended or that sat idle. */
static void watch_sweep(void) {
  static double swept;
  double now = monotonic_s();
  if (now - swept < 1) return;
  swept = now;
  for (int i = watch_socket_count - 1; i >= 0; i--) {
    WatchSocket *s = watch_sockets[i];
    if (s->watcher_count == 0 && (watch_socket_gone(s) || now - s->idle_since > WATCH_IDLE_S)) watch_socket_retire(s);
  }
}

/* ---- runs ---- */

typedef struct Probe {
  uint8_t proto; /* PROTO_TCP or PROTO_UDP */
  bool made, started, ended, connected; /* made: its socket exists (a UDP probe's is its source's) */
  int src, dst;
  int fd; /* a TCP probe's own socket */
  uint16_t local_port;
  double started_at, deadline, echo_deadline, connected_ms;
  int64_t sent_ns;
} Probe;

/* A probe packet's addresses and ports, and which of the probe's two packets it is. */
typedef struct PacketKey {
  uint8_t proto;
  uint32_t src, dst;
  uint16_t sport, dport;
} PacketKey;
typedef struct KeySlot {
  PacketKey key;
  int probe; /* -1: empty, -2: removed */
  bool to;   /* the request (SYN, datagram) at the target; else the answer (SYN/ACK, echo) at the source */
} KeySlot;

typedef struct Run {
  int id;
  int namespace_count;
  int *netns_fds;
  char **netns_paths;
  uint32_t *addresses; /* network order */
  char **address_texts;
  int port;
  double timeout_s, echo_wait_s;
  int in_flight_max;
  int probe_count;
  Probe *probes;
  int next_to_start;
  int remaining, active;
  int in_flight_head; /* probes before it have ended, connected, or been judged */
  int *echoing;       /* connected probes, in connect order */
  int echoing_head, echoing_count;
  KeySlot *keys;
  int key_capacity; /* a power of two */
  /*
   * Per source namespace, one UDP socket for all its UDP probes (-1 until the first): each target's echo
   * and ICMP error come back to it, named by their addresses (IP_RECVERR's queue for the errors). A
   * socket per probe cost a socket, bind, connect, epoll entry and close each, 420 per 20-container run.
   */
  int *udp_fds;
  uint16_t *udp_ports; /* 0 until its socket is bound */
  int *udp_errors;     /* why it could not be set up (its later probes say the same) */
  char **watch_errors;
  struct Run *next;
} Run;

static Run *runs;

static uint32_t key_hash(const PacketKey *k) {
  uint64_t h = (uint64_t)k->src * 0x9E3779B97F4A7C15ull ^ (uint64_t)k->dst * 0xC2B2AE3D27D4EB4Full ^ ((uint64_t)k->sport << 16 | k->dport) * 0x165667B19E3779F9ull ^ k->proto;
  return (uint32_t)(h ^ h >> 29);
}
static bool key_equal(const PacketKey *a, const PacketKey *b) { return a->proto == b->proto && a->src == b->src && a->dst == b->dst && a->sport == b->sport && a->dport == b->dport; }

static KeySlot *key_find(Run *run, const PacketKey *k, bool for_insert) {
  uint32_t mask = (uint32_t)run->key_capacity - 1;
  KeySlot *removed = NULL;
  for (uint32_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
    KeySlot *slot = &run->keys[i];
    if (slot->probe == -1) return for_insert ? (removed ? removed : slot) : NULL;
    if (slot->probe == -2) {
      if (!removed) removed = slot;
      continue;
    }
    if (key_equal(&slot->key, k)) return slot;
  }
}

static PacketKey request_key(const Run *run, const Probe *p) { return (PacketKey){p->proto, run->addresses[p->src], run->addresses[p->dst], p->local_port, (uint16_t)run->port}; }
static PacketKey answer_key(const Run *run, const Probe *p) { return (PacketKey){p->proto, run->addresses[p->dst], run->addresses[p->src], (uint16_t)run->port, p->local_port}; }

static const char *error_name(int err) {
  switch (err) {
#define E(x) case x: return #x;
    E(ECONNREFUSED) E(ENETUNREACH) E(EHOSTUNREACH) E(EHOSTDOWN) E(ETIMEDOUT) E(ECONNRESET) E(ECONNABORTED) E(EPIPE) E(EADDRNOTAVAIL) E(EADDRINUSE)
    E(EINVAL) E(EBADF) E(ENOENT) E(EPERM) E(EACCES) E(EMFILE) E(ENFILE) E(ENOBUFS) E(ENOMEM) E(ENETDOWN) E(ENODEV) E(EAFNOSUPPORT) E(EPROTO) E(EMSGSIZE)
#undef E
    default: return NULL;
  }
}
static const char *error_kind(int err) {
  switch (err) {
    case ECONNREFUSED: return "refused";
    case ENETUNREACH: return "no-route";
    case EHOSTUNREACH: case EHOSTDOWN: return "unreachable";
    case ETIMEDOUT: return "timeout";
    default: return "failed";
  }
}

static void end_probe(Run *run, int index);

static void emit_failure(Run *run, int index, const char *kind, const char *detail) {
  out_printf("{\"id\":%d,\"i\":%d,\"ok\":false,\"error\":", run->id, index);
  out_json_string(kind);
  if (detail) {
    out_text(",\"detail\":");
    out_json_string(detail);
  }
  out_text("}\n");
}
static void fail_probe(Run *run, int index, int err) {
  end_probe(run, index);
  const char *name = error_name(err);
  emit_failure(run, index, error_kind(err), name ? name : strerror(err));
}
static void finish_probe(Run *run, int index, const char *kind, const char *detail) {
  end_probe(run, index);
  emit_failure(run, index, kind, detail);
}
static void succeed_probe(Run *run, int index, double rtt_ms) {
  end_probe(run, index);
  out_printf("{\"id\":%d,\"i\":%d,\"ok\":true,\"rttMs\":%.3f}\n", run->id, index, round(rtt_ms * 1000) / 1000);
}

static void end_probe(Run *run, int index) {
  Probe *p = &run->probes[index];
  if (p->ended) return;
  p->ended = true;
  if (p->local_port) {
    PacketKey keys[2] = {request_key(run, p), answer_key(run, p)};
    for (int k = 0; k < 2; k++) {
      KeySlot *slot = key_find(run, &keys[k], false);
      if (slot && slot->probe == index) slot->probe = -2;
    }
  }
  if (p->fd >= 0) {
    own_fd(p->fd, FD_NONE, NULL, 0);
    close(p->fd); /* which takes it out of the epoll too: nothing else holds it */
    p->fd = -1;
  }
  run->remaining--;
  if (p->started) run->active--;
}

static void on_run_bad_packet(void *owner, int at, const BadPacket *facts) {
  Run *run = owner;
  PacketKey key = {(uint8_t)facts->proto, facts->src, facts->dst, facts->sport, facts->dport};
  KeySlot *slot = key_find(run, &key, false);
  if (!slot) return; /* not this run's (another run's, or a stray sent again for an earlier probe) */
  int index = slot->probe;
  bool to = slot->to;
  Probe *p = &run->probes[index];
  if (at != (to ? p->dst : p->src)) return;
  end_probe(run, index);
  out_printf("{\"id\":%d,\"i\":%d,\"ok\":false,\"error\":\"bad-checksum\",\"at\":%d,\"side\":\"%s\",\"sum\":\"0x%04x\",\"want\":\"0x%04x\"}\n", run->id, index, at, to ? "to" : "from", facts->sum, facts->want);
}

/* "ovs-lab", padded with dots where the plain one's unfinished sum would pass (see partial-checksum.ts). */
static size_t udp_payload(uint32_t source, uint32_t target, uint16_t sport, uint16_t dport, char *payload, size_t size) {
  for (size_t pad = 0; 7 + pad < size; pad++) {
    memcpy(payload, "ovs-lab", 7);
    memset(payload + 7, '.', pad);
    size_t n = 7 + pad;
    uint32_t length = 8 + (uint32_t)n;
    uint32_t pseudo = ones_fold(ones_add(ones_add(0, (const uint8_t *)&source, 4), (const uint8_t *)&target, 4) + PROTO_UDP + length);
    uint32_t total = ones_fold(2 * pseudo + sport + dport + length + ones_fold(ones_add(0, (const uint8_t *)payload, n)));
    if (total != 0xFFFF && total != 0) return n;
  }
  return 7;
}

static void register_keys(Run *run, int index) {
  Probe *p = &run->probes[index];
  PacketKey keys[2] = {request_key(run, p), answer_key(run, p)};
  for (int k = 0; k < 2; k++) {
    KeySlot *slot = key_find(run, &keys[k], true);
    *slot = (KeySlot){keys[k], index, k == 0};
  }
}

/* The source's UDP socket, made in its namespace, set up here: bound to the source, with arrival times and ICMP errors. */
static int setup_udp_socket(Run *run, int src) {
  int fd = run->udp_fds[src], on = 1;
  struct sockaddr_in source = {.sin_family = AF_INET, .sin_addr.s_addr = run->addresses[src]}, local;
  socklen_t local_len = sizeof local;
  if (bind(fd, (struct sockaddr *)&source, sizeof source) != 0 || setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0 ||
      setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof on) != 0 || getsockname(fd, (struct sockaddr *)&local, &local_len) != 0)
    return errno;
  own_fd(fd, FD_UDP, run, src);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) return errno;
  run->udp_ports[src] = ntohs(local.sin_port);
  return 0;
}

static void close_udp_socket(Run *run, int src) {
  own_fd(run->udp_fds[src], FD_NONE, NULL, 0);
  close(run->udp_fds[src]);
  run->udp_fds[src] = -1;
  run->udp_ports[src] = 0;
}

/* Its socket made in its source's namespace, the rest happens here: bind, connect, send. */
static void start_probe(Run *run, int index) {
  Probe *p = &run->probes[index];
  p->started = true;
  p->started_at = monotonic_s();
  p->deadline = p->started_at + run->timeout_s;
  run->active++;
  struct sockaddr_in source = {.sin_family = AF_INET, .sin_addr.s_addr = run->addresses[p->src]};
  struct sockaddr_in target = {.sin_family = AF_INET, .sin_addr.s_addr = run->addresses[p->dst], .sin_port = htons((uint16_t)run->port)};
  if (p->proto == PROTO_UDP) {
    if (run->udp_fds[p->src] < 0) return fail_probe(run, index, run->udp_errors[p->src]);
    if (run->udp_ports[p->src] == 0) {
      int err = setup_udp_socket(run, p->src);
      if (err) {
        close_udp_socket(run, p->src);
        run->udp_errors[p->src] = err;
        return fail_probe(run, index, err);
      }
    }
    p->local_port = run->udp_ports[p->src];
    register_keys(run, index);
    char payload[64];
    size_t n = udp_payload(source.sin_addr.s_addr, target.sin_addr.s_addr, p->local_port, (uint16_t)run->port, payload, sizeof payload);
    p->sent_ns = realtime_ns();
    if (sendto(run->udp_fds[p->src], payload, n, 0, (struct sockaddr *)&target, sizeof target) < 0) return fail_probe(run, index, errno);
    return;
  }
  int fd = p->fd, on = 1;
  setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on); /* the port is chosen at connect, unique per 4-tuple */
  if (bind(fd, (struct sockaddr *)&source, sizeof source) != 0) return fail_probe(run, index, errno);
  if (connect(fd, (struct sockaddr *)&target, sizeof target) != 0 && errno != EINPROGRESS) return fail_probe(run, index, errno);
  struct sockaddr_in local;
  socklen_t local_len = sizeof local;
  if (getsockname(fd, (struct sockaddr *)&local, &local_len) != 0) return fail_probe(run, index, errno);
  p->local_port = ntohs(local.sin_port);
  register_keys(run, index);
  own_fd(fd, FD_PROBE, run, index);
  struct epoll_event ev = {.events = EPOLLOUT, .data.fd = fd};
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) return fail_probe(run, index, errno);
}

static void launch(Run *run) {
  int first = run->next_to_start, last = first, room = run->in_flight_max - run->active;
  while (last < run->probe_count && last - first < room) last++;
  run->next_to_start = last;
  /* One setns there and back per source namespace of the batch. */
  for (int i = first; i < last; i++) {
    if (run->probes[i].made || run->probes[i].ended) continue;
    int src = run->probes[i].src, ns = run->netns_fds[src];
    bool entered = ns == OWN_NETNS || enter_netns(ns) == 0;
    int enter_error = errno;
    for (int k = i; k < last; k++) {
      Probe *q = &run->probes[k];
      if (q->src != src || q->made || q->ended) continue;
      int *fd = q->proto == PROTO_TCP ? &q->fd : &run->udp_fds[src];
      if (*fd < 0 && entered) *fd = socket(AF_INET, (q->proto == PROTO_TCP ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if ((q->made = *fd >= 0)) continue;
      char detail[600];
      snprintf(detail, sizeof detail, "cannot make a socket in %s: %s", run->netns_paths[src] ? run->netns_paths[src] : "the root namespace", strerror(entered ? errno : enter_error));
      finish_probe(run, k, "failed", detail);
    }
    if (entered && ns != OWN_NETNS) leave_netns();
  }
  for (int i = first; i < last; i++)
    if (!run->probes[i].ended) start_probe(run, i);
}

static double handshake_rtt_ms(int fd) {
  struct tcp_info info;
  socklen_t len = sizeof info;
  if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0 || info.tcpi_rtt == 0) return -1;
  return info.tcpi_rtt / 1000.0;
}

static void probe_ready(Run *run, int index) {
  Probe *p = &run->probes[index];
  if (p->ended || p->fd < 0) return;
  char data[2048];
  if (!p->connected) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) return fail_probe(run, index, err);
    double rtt = handshake_rtt_ms(p->fd);
    p->connected = true;
    p->connected_ms = rtt > 0 ? rtt : (monotonic_s() - p->started_at) * 1000;
    p->echo_deadline = monotonic_s() + run->echo_wait_s;
    run->echoing[run->echoing_count++] = index;
    if (send(p->fd, "ovs-lab\n", 8, MSG_NOSIGNAL) < 0) return fail_probe(run, index, errno); /* the echo proves data crossed both ways */
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = p->fd};
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, p->fd, &ev);
    return;
  }
  ssize_t n = recv(p->fd, data, sizeof data, MSG_DONTWAIT);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    return fail_probe(run, index, errno);
  }
  if (n > 0) return succeed_probe(run, index, p->connected_ms);
  finish_probe(run, index, "failed", "the connection closed before the echo");
}

/* The probe of this run a UDP packet from `from` to the source's socket answers; -1 for none. */
static int udp_probe_of(Run *run, int src, bool answer, const struct sockaddr_in *peer) {
  PacketKey key = answer ? (PacketKey){PROTO_UDP, peer->sin_addr.s_addr, run->addresses[src], ntohs(peer->sin_port), run->udp_ports[src]}
                         : (PacketKey){PROTO_UDP, run->addresses[src], peer->sin_addr.s_addr, run->udp_ports[src], ntohs(peer->sin_port)};
  KeySlot *slot = key_find(run, &key, false);
  return slot && slot->to != answer && run->probes[slot->probe].src == src && !run->probes[slot->probe].ended ? slot->probe : -1;
}

/* A source's UDP socket has echoes, or ICMP errors about its datagrams: each ends the probe its addresses name. */
static void udp_ready(Run *run, int src) {
  int fd = run->udp_fds[src];
  char data[2048], control[512];
  struct sockaddr_in peer;
  for (int tries = 0; tries < 1024; tries++) {
    struct iovec iov = {data, sizeof data};
    struct msghdr msg = {.msg_name = &peer, .msg_namelen = sizeof peer, .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(fd, &msg, MSG_DONTWAIT | MSG_ERRQUEUE) < 0) break;
    /* An ICMP error about a datagram: its destination is the one the datagram had. */
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_RECVERR) continue;
      struct sock_extended_err error;
      memcpy(&error, CMSG_DATA(c), sizeof error);
      int index = udp_probe_of(run, src, false, &peer);
      if (index >= 0) fail_probe(run, index, (int)error.ee_errno);
    }
  }
  for (int tries = 0; tries < 1024; tries++) {
    struct iovec iov = {data, sizeof data};
    struct msghdr msg = {.msg_name = &peer, .msg_namelen = sizeof peer, .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(fd, &msg, MSG_DONTWAIT) < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      continue; /* an ICMP error told once more (sk_err): the queue above said which datagram it was about */
    }
    int index = udp_probe_of(run, src, true, &peer);
    if (index < 0) continue; /* a stray, or an echo that came after its probe ended */
    Probe *p = &run->probes[index];
    long long arrived = arrival_ns(&msg), rtt_ns = arrived - p->sent_ns;
    succeed_probe(run, index, arrived > 0 && rtt_ns > 0 ? rtt_ns / 1e6 : (monotonic_s() - p->started_at) * 1000);
  }
}

/* The first probe still waiting for its first answer, and the first waiting for its echo: when the run must look again. */
static double next_deadline(Run *run) {
  while (run->in_flight_head < run->next_to_start) {
    Probe *p = &run->probes[run->in_flight_head];
    if (!p->ended && !p->connected) break;
    run->in_flight_head++;
  }
  while (run->echoing_head < run->echoing_count && run->probes[run->echoing[run->echoing_head]].ended) run->echoing_head++;
  double due = INFINITY;
  if (run->in_flight_head < run->next_to_start) due = run->probes[run->in_flight_head].deadline;
  if (run->echoing_head < run->echoing_count) due = fmin(due, run->probes[run->echoing[run->echoing_head]].echo_deadline);
  return due;
}

/* A silent probe: `no-arp` when its source never resolved the target's MAC address, else `timeout`. */
static void judge_silence(Run *run, int index) {
  Probe *p = &run->probes[index];
  char arp[1 << 16];
  ssize_t n = -1;
  int ns = run->netns_fds[p->src];
  if (ns == OWN_NETNS || enter_netns(ns) == 0) {
    int fd = open("/proc/thread-self/net/arp", O_RDONLY | O_CLOEXEC);
    if (ns != OWN_NETNS) leave_netns();
    if (fd >= 0) {
      size_t got = 0;
      ssize_t r;
      while (got < sizeof arp - 1 && (r = read(fd, arp + got, sizeof arp - 1 - got)) > 0) got += (size_t)r;
      n = (ssize_t)got;
      close(fd);
    }
  }
  if (n <= 0) return finish_probe(run, index, "timeout", NULL);
  arp[n] = 0;
  const char *target = run->address_texts[p->dst];
  size_t target_length = strlen(target);
  char *line = strchr(arp, '\n'); /* after the header */
  while (line && *++line) {
    if (!strncmp(line, target, target_length) && (line[target_length] == ' ' || line[target_length] == '\t')) {
      unsigned type = 0, flags = 0;
      if (sscanf(line + target_length, " %x %x", &type, &flags) == 2 && (flags & ATF_COM)) return finish_probe(run, index, "timeout", NULL);
      break;
    }
    line = strchr(line, '\n');
  }
  char detail[128];
  snprintf(detail, sizeof detail, "no ARP reply from %s within %ld ms", target, lround(run->timeout_s * 1000));
  finish_probe(run, index, "no-arp", detail);
}

static void expire(Run *run, double now) {
  if (next_deadline(run) > now) return;
  /* A bad packet already received must still name its probe: report what the watch holds first. */
  watch_sync(run->id, false);
  for (int i = run->in_flight_head; i < run->next_to_start; i++) {
    Probe *p = &run->probes[i];
    if (p->deadline > now) break;
    if (!p->ended && !p->connected) judge_silence(run, i);
  }
  while (run->echoing_head < run->echoing_count) {
    int index = run->echoing[run->echoing_head];
    Probe *p = &run->probes[index];
    if (!p->ended && p->echo_deadline > now) break;
    run->echoing_head++;
    if (p->ended) continue;
    char detail[160];
    snprintf(detail, sizeof detail, "connected in %.1f ms, but its data was not echoed within %ld ms", p->connected_ms, lround(run->echo_wait_s * 1000));
    finish_probe(run, index, "timeout", detail);
  }
}

static void run_free(Run *run) {
  for (int i = 0; i < run->namespace_count; i++) {
    if (run->netns_fds[i] >= 0) close(run->netns_fds[i]);
    free(run->netns_paths[i]);
    free(run->address_texts[i]);
    free(run->watch_errors[i]);
  }
  for (int i = 0; i < run->namespace_count; i++)
    if (run->udp_fds[i] >= 0) close_udp_socket(run, i);
  free(run->udp_fds);
  free(run->udp_ports);
  free(run->udp_errors);
  free(run->netns_fds);
  free(run->netns_paths);
  free(run->addresses);
  free(run->address_texts);
  free(run->probes);
  free(run->echoing);
  free(run->keys);
  free(run->watch_errors);
  free(run);
}

static void finish_run(Run *run) {
  int64_t lost = watch_sync(run->id, true);
  out_printf("{\"id\":%d,\"done\":true,\"lost\":", run->id);
  if (lost < 0) out_text("null");
  else out_printf("%lld", (long long)lost);
  out_text(",\"watchErrors\":[");
  for (int i = 0; i < run->namespace_count; i++) {
    if (i) out_text(",");
    out_json_string(run->watch_errors[i]);
  }
  out_text("]}\n");
}

/* Reads a run request; NULL (and a line on stderr) for one outside the protocol. */
static Run *run_start(int id, const Json *spec) {
  const Json *namespaces = json_get(spec, "namespaces"), *probes = json_get(spec, "probes");
  const Json *port = json_get(spec, "port"), *timeout = json_get(spec, "timeoutMs"), *in_flight = json_get(spec, "inFlight");
  if (!namespaces || namespaces->kind != J_ARRAY || !probes || probes->kind != J_ARRAY || !json_is_number(port) || !json_is_number(timeout)) return NULL;
  int count = namespaces->count;
  uint32_t *addresses = xcalloc((size_t)count, sizeof(uint32_t));
  for (int i = 0; i < count; i++) {
    struct in_addr a;
    const char *text = json_string(json_get(&namespaces->items[i], "address"));
    if (!text || inet_pton(AF_INET, text, &a) != 1) return free(addresses), NULL;
    addresses[i] = a.s_addr;
  }
  for (int i = 0; i < probes->count; i++) {
    const Json *p = &probes->items[i];
    const char *proto = p->kind == J_ARRAY && p->count == 3 ? json_string(&p->items[0]) : NULL;
    if (!proto || (strcmp(proto, "tcp") && strcmp(proto, "udp")) || !json_is_number(&p->items[1]) || !json_is_number(&p->items[2])) return free(addresses), NULL;
    double src = p->items[1].number, dst = p->items[2].number;
    if (src < 0 || dst < 0 || src >= count || dst >= count) return free(addresses), NULL;
  }
  Run *run = xcalloc(1, sizeof *run);
  run->id = id;
  run->namespace_count = count;
  run->addresses = addresses;
  run->netns_fds = xcalloc((size_t)count, sizeof(int));
  run->netns_paths = xcalloc((size_t)count, sizeof(char *));
  run->address_texts = xcalloc((size_t)count, sizeof(char *));
  run->watch_errors = xcalloc((size_t)count, sizeof(char *));
  WatchSpec *specs = xcalloc((size_t)count, sizeof(WatchSpec));
  run->port = (int)port->number;
  for (int i = 0; i < count; i++) {
    const Json *ns = &namespaces->items[i];
    run->netns_paths[i] = xstrdup(json_string(json_get(ns, "netns")));
    run->address_texts[i] = xstrdup(json_string(json_get(ns, "address")));
    run->netns_fds[i] = open_netns(run->netns_paths[i]); /* -1 for one that has gone: making a socket there then fails, and says so */
    const Json *watch = json_get(ns, "watch");
    specs[i] = (WatchSpec){run->netns_paths[i], run->address_texts[i], run->port, !(watch && watch->kind == J_FALSE)};
  }
  run->timeout_s = fmax(1, (double)(long)timeout->number) / 1000;
  run->echo_wait_s = fmax(run->timeout_s, ECHO_GRACE_S);
  run->in_flight_max = json_is_number(in_flight) ? (int)fmax(1, in_flight->number) : 400;
  run->probe_count = probes->count;
  run->remaining = probes->count;
  run->probes = xcalloc((size_t)probes->count, sizeof(Probe));
  run->echoing = xcalloc((size_t)probes->count, sizeof(int));
  run->key_capacity = 16; /* two keys per probe, at most half full */
  while (run->key_capacity < 4 * probes->count) run->key_capacity *= 2;
  run->keys = xcalloc((size_t)run->key_capacity, sizeof(KeySlot));
  run->udp_fds = xcalloc((size_t)count, sizeof(int));
  run->udp_ports = xcalloc((size_t)count, sizeof(uint16_t));
  run->udp_errors = xcalloc((size_t)count, sizeof(int));
  for (int i = 0; i < count; i++) run->udp_fds[i] = -1;
  for (int i = 0; i < run->key_capacity; i++) run->keys[i].probe = -1;
  for (int i = 0; i < probes->count; i++) {
    const Json *p = &probes->items[i];
    run->probes[i] = (Probe){.proto = strcmp(p->items[0].string, "tcp") ? PROTO_UDP : PROTO_TCP, .src = (int)p->items[1].number, .dst = (int)p->items[2].number, .fd = -1};
  }
  watch_open(id, specs, count, on_run_bad_packet, run, run->watch_errors);
  free(specs);
  run->next = runs;
  runs = run;
  launch(run);
  return run;
}

/* ---- requests ---- */

static void on_lone_bad_packet(void *owner, int at, const BadPacket *f) {
  char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &f->src, src, sizeof src);
  inet_ntop(AF_INET, &f->dst, dst, sizeof dst);
  out_printf("{\"bad\":%d,\"at\":%d,\"proto\":\"%s\",\"src\":\"%s\",\"sport\":%u,\"dst\":\"%s\",\"dport\":%u,\"syn\":%s,\"ack\":%s,\"sum\":\"0x%04x\",\"want\":\"0x%04x\"}\n", (int)(intptr_t)owner, at,
             f->proto == PROTO_TCP ? "tcp" : "udp", src, f->sport, dst, f->dport, f->syn ? "true" : "false", f->ack ? "true" : "false", f->sum, f->want);
}

static bool handle(const Json *request) {
  const Json *id_field = json_get(request, "id");
  if (!json_is_number(id_field)) return false;
  int id = (int)id_field->number;
  const Json *field;
  if ((field = json_get(request, "run"))) return run_start(id, field) != NULL;
  if ((field = json_get(request, "watch"))) {
    if (field->kind != J_ARRAY) return false;
    WatchSpec *specs = xcalloc((size_t)field->count, sizeof(WatchSpec));
    for (int i = 0; i < field->count; i++) {
      const Json *spec = &field->items[i];
      const char *address = json_string(json_get(spec, "address"));
      const Json *port = json_get(spec, "port"), *watch = json_get(spec, "watch");
      if (!address || !json_is_number(port)) return free(specs), false;
      specs[i] = (WatchSpec){json_string(json_get(spec, "netns")), address, (int)port->number, !(watch && watch->kind == J_FALSE)};
    }
    char **errors = xcalloc((size_t)field->count, sizeof(char *));
    watch_open(id, specs, field->count, on_lone_bad_packet, (void *)(intptr_t)id, errors);
    out_printf("{\"id\":%d,\"errors\":[", id);
    for (int i = 0; i < field->count; i++) {
      if (i) out_text(",");
      out_json_string(errors[i]);
      free(errors[i]);
    }
    out_text("]}\n");
    free(errors);
    free(specs);
    return true;
  }
  bool end = (field = json_get(request, "end")) != NULL;
  if (!end) field = json_get(request, "sync");
  if (!json_is_number(field)) return false;
  int64_t drops = watch_sync((int)field->number, end);
  if (drops < 0) out_printf("{\"id\":%d,\"drops\":null}\n", id);
  else out_printf("{\"id\":%d,\"drops\":%lld}\n", id, (long long)drops);
  return true;
}

int main(void) {
  epoll_fd = helper_init();
  if (pipe2(closer_pipe, O_CLOEXEC) != 0) {
    perror("socket prober");
    return 1;
  }
  pthread_t thread;
  pthread_create(&thread, NULL, closer, NULL);
  pthread_detach(thread);
  say_ready();
  own_fd(STDIN_FILENO, FD_STDIN, NULL, 0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = STDIN_FILENO};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, STDIN_FILENO, &ev);
  struct epoll_event events[256];
  for (;;) {
    double now = monotonic_s(), nearest = now + 1.0;
    for (Run *run = runs; run; run = run->next) nearest = fmin(nearest, next_deadline(run));
    int wait_ms = nearest <= now ? 0 : (int)ceil((nearest - now) * 1000);
    int n = epoll_wait(epoll_fd, events, 256, wait_ms);
    if (n < 0 && errno != EINTR) {
      perror("socket prober: epoll_wait");
      return 1;
    }
    for (int e = 0; e < n; e++) {
      int fd = events[e].data.fd;
      FdOwner owner = fd < fd_owner_cap ? fd_owners[fd] : (FdOwner){FD_NONE, NULL, 0};
      if (owner.kind == FD_STDIN && !read_requests(STDIN_FILENO, handle)) return 0; /* the server is gone */
      if (owner.kind == FD_WATCH) drain(owner.object);
      if (owner.kind == FD_PROBE) probe_ready(owner.object, owner.probe);
      if (owner.kind == FD_UDP) udp_ready(owner.object, owner.probe);
    }
    now = monotonic_s();
    for (Run **link = &runs; *link;) {
      Run *run = *link;
      expire(run, now);
      launch(run);
      if (run->remaining == 0) {
        finish_run(run);
        *link = run->next;
        run_free(run);
      } else {
        link = &run->next;
      }
    }
    flush_out();
    watch_sweep();
  }
}
