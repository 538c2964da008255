/*
 * ICMP echo for every namespace of every lab, from one long-lived process.
 *
 * A raw ICMP socket is opened inside the source's network namespace (setns into it, socket(), setns back: the
 * socket keeps the namespace it was made in), every echo request of the request goes out at once and the replies
 * are read with the kernel's receive timestamps, so an RTT does not include this process's own scheduling.
 * It was Python; the protocol, the outcomes and their words are the same.
 *
 * Protocol, JSON lines (see icmp-prober.ts):
 *   in:  {"id": 1, "netns": "/proc/123/ns/net", "source": "10.0.0.8", "targets": ["10.0.0.7"], "timeoutMs": 200}
 *   out: {"ready":true,"pid":456} once, then {"id":1,"outcomes":[{"target":...,"ok":...,"rttMs":...,"error":...,"detail"?:...}]}
 * Outcomes mean what fping's did (server/probes/parse-fping.ts): an echo reply is ok; an ICMP error names who sent
 * it ("unreachable", or "no-route" for a network unreachable); a send the kernel refuses is "no-route" for no route
 * to the host or network, else "unreachable"; silence until the timeout is "timeout".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../native/helper-io.h"

const char *helper_name = "ICMP prober";

#define ECHO_REQUEST 8
#define ECHO_REPLY 0
#define DEST_UNREACHABLE 3
#define TIME_EXCEEDED 11
#define PAYLOAD "ovs-lab icmp probe.............." /* 32 bytes */

typedef struct Outcome {
  bool set, ok;
  double rtt_ms;
  const char *error;
  char *detail;
} Outcome;

typedef struct Request {
  int id;
  int count;
  char **targets;
  uint32_t *addresses; /* network order; 0 for a target that is no address */
  long long *sent_ns;
  Outcome *outcomes;
  int unanswered;
  uint16_t ident;
  int fd;
  double deadline;
  struct Request *next;
} Request;

static Request *requests;
static int epoll_fd;

static void set_outcome(Request *r, int seq, bool ok, double rtt_ms, const char *error, char *detail) {
  if (r->outcomes[seq].set) return free(detail);
  r->outcomes[seq] = (Outcome){true, ok, rtt_ms, error, detail};
  r->unanswered--;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...) {
  char *text = NULL;
  va_list ap;
  va_start(ap, fmt);
  if (vasprintf(&text, fmt, ap) < 0) text = NULL;
  va_end(ap);
  return text;
}

static void echo_request(uint8_t packet[40], uint16_t ident, uint16_t seq) {
  packet[0] = ECHO_REQUEST;
  packet[1] = 0;
  packet[2] = packet[3] = 0;
  packet[4] = (uint8_t)(ident >> 8), packet[5] = (uint8_t)ident;
  packet[6] = (uint8_t)(seq >> 8), packet[7] = (uint8_t)seq;
  memcpy(packet + 8, PAYLOAD, 32);
  uint16_t sum = (uint16_t)~ones_fold(ones_add(0, packet, 40));
  packet[2] = (uint8_t)(sum >> 8), packet[3] = (uint8_t)sum;
}

/* An ICMP packet (from its IP header on) that answers one of this request's echo requests. */
static void consider(Request *r, const uint8_t *packet, size_t length, long long received_ns) {
  if (length < 20) return;
  size_t ihl = (size_t)(packet[0] & 0x0F) * 4;
  if (length < ihl + 8) return;
  uint32_t sender;
  memcpy(&sender, packet + 12, 4);
  const uint8_t *icmp = packet + ihl;
  size_t icmp_length = length - ihl;
  uint8_t kind = icmp[0], code = icmp[1];
  if (kind == ECHO_REPLY) {
    uint16_t ident = (uint16_t)(icmp[4] << 8 | icmp[5]), seq = (uint16_t)(icmp[6] << 8 | icmp[7]);
    if (ident != r->ident || seq >= r->count || r->outcomes[seq].set || sender != r->addresses[seq]) return;
    double rtt_ms = fmax(0, (double)(received_ns - r->sent_ns[seq])) / 1e6;
    return set_outcome(r, seq, true, round(rtt_ms * 1000) / 1000, NULL, NULL);
  }
  if (kind != DEST_UNREACHABLE && kind != TIME_EXCEEDED) return;
  const uint8_t *inner = icmp + 8;
  size_t inner_length = icmp_length - 8;
  if (inner_length < 28) return;
  size_t inner_ihl = (size_t)(inner[0] & 0x0F) * 4;
  if (inner_length < inner_ihl + 8 || inner[inner_ihl] != ECHO_REQUEST) return;
  const uint8_t *inner_icmp = inner + inner_ihl;
  uint16_t ident = (uint16_t)(inner_icmp[4] << 8 | inner_icmp[5]), seq = (uint16_t)(inner_icmp[6] << 8 | inner_icmp[7]);
  if (ident != r->ident || seq >= r->count || r->outcomes[seq].set) return;
  char from[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &sender, from, sizeof from);
  if (kind == TIME_EXCEEDED) return set_outcome(r, seq, false, 0, "unreachable", format("time exceeded from %s", from));
  static const char *const what[] = {"Network", "Host", "Protocol", "Port"};
  const char *name = code < 4 ? what[code] : "Host";
  set_outcome(r, seq, false, 0, code == 0 ? "no-route" : "unreachable", format("%s unreachable from %s", name, from));
}

static void receive(Request *r) {
  uint8_t packet[2048];
  char control[CMSG_SPACE(sizeof(struct timespec))];
  while (r->fd >= 0) {
    struct iovec iov = {packet, sizeof packet};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(r->fd, &msg, MSG_DONTWAIT);
    if (n < 0) return;
    long long arrived = arrival_ns(&msg);
    consider(r, packet, (size_t)n, arrived > 0 ? arrived : realtime_ns());
  }
}

static int raw_socket_in(const char *netns, const char *source) {
  struct sockaddr_in bound = {.sin_family = AF_INET};
  if (inet_pton(AF_INET, source, &bound.sin_addr) != 1) return errno = EINVAL, -1;
  int ns = open_netns(netns);
  if (ns == -1) return -1;
  int fd = socket_in(ns, AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMP);
  int err = errno;
  if (ns >= 0) close(ns);
  if (fd < 0) return errno = err, -1;
  int on = 1, buffer = 1 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0 || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer) != 0 ||
      bind(fd, (struct sockaddr *)&bound, sizeof bound) != 0) {
    err = errno;
    close(fd);
    return errno = err, -1;
  }
  return fd;
}

static bool start_request(const Json *request) {
  static uint16_t next_ident;
  const Json *id = json_get(request, "id"), *targets = json_get(request, "targets"), *timeout = json_get(request, "timeoutMs");
  const char *source = json_string(json_get(request, "source")), *netns = json_string(json_get(request, "netns"));
  if (!json_is_number(id) || !source || !targets || targets->kind != J_ARRAY || !json_is_number(timeout)) return false;
  for (int i = 0; i < targets->count; i++)
    if (targets->items[i].kind != J_STRING) return false;
  Request *r = xcalloc(1, sizeof *r);
  r->id = (int)id->number;
  r->count = r->unanswered = targets->count;
  r->targets = xcalloc((size_t)r->count, sizeof(char *));
  r->addresses = xcalloc((size_t)r->count, sizeof(uint32_t));
  r->sent_ns = xcalloc((size_t)r->count, sizeof(long long));
  r->outcomes = xcalloc((size_t)r->count, sizeof(Outcome));
  r->deadline = monotonic_s() + fmax(1, (double)(long)timeout->number) / 1000;
  next_ident = (uint16_t)(next_ident % 0xFFFF + 1);
  r->ident = (uint16_t)((getpid() * 31 + next_ident) & 0xFFFF);
  r->next = requests;
  requests = r;
  for (int i = 0; i < r->count; i++) r->targets[i] = xstrdup(targets->items[i].string);
  r->fd = raw_socket_in(netns, source);
  if (r->fd < 0) {
    const char *why = strerror(errno);
    for (int i = 0; i < r->count; i++) set_outcome(r, i, false, 0, "failed", format("cannot open an ICMP socket in %s: %s", netns ? netns : "the root namespace", why));
    return true;
  }
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = r};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, r->fd, &ev);
  for (int seq = 0; seq < r->count; seq++) {
    struct sockaddr_in to = {.sin_family = AF_INET};
    if (inet_pton(AF_INET, r->targets[seq], &to.sin_addr) != 1) {
      set_outcome(r, seq, false, 0, "unreachable", format("%s is no IPv4 address", r->targets[seq]));
      continue;
    }
    r->addresses[seq] = to.sin_addr.s_addr;
    uint8_t packet[40];
    echo_request(packet, r->ident, (uint16_t)seq);
    r->sent_ns[seq] = realtime_ns();
    if (sendto(r->fd, packet, sizeof packet, 0, (struct sockaddr *)&to, sizeof to) < 0)
      set_outcome(r, seq, false, 0, errno == ENETUNREACH || errno == EHOSTUNREACH ? "no-route" : "unreachable", xstrdup(strerror(errno)));
  }
  return true;
}

static void finish(Request *r) {
  if (r->fd >= 0) {
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, r->fd, NULL);
    close(r->fd);
  }
  out_printf("{\"id\":%d,\"outcomes\":[", r->id);
  for (int i = 0; i < r->count; i++) {
    Outcome *o = &r->outcomes[i];
    out_text(i ? ",{\"target\":" : "{\"target\":");
    out_json_string(r->targets[i]);
    if (!o->set) out_text(",\"ok\":false,\"rttMs\":null,\"error\":\"timeout\"}");
    else if (o->ok) out_printf(",\"ok\":true,\"rttMs\":%.3f,\"error\":null}", o->rtt_ms);
    else {
      out_printf(",\"ok\":false,\"rttMs\":null,\"error\":\"%s\"", o->error);
      if (o->detail) {
        out_text(",\"detail\":");
        out_json_string(o->detail);
      }
      out_text("}");
    }
    free(o->detail);
    free(r->targets[i]);
  }
  out_text("]}\n");
  free(r->targets);
  free(r->addresses);
  free(r->sent_ns);
  free(r->outcomes);
  free(r);
}

int main(void) {
  epoll_fd = helper_init();
  say_ready();
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, STDIN_FILENO, &ev);
  struct epoll_event events[64];
  for (;;) {
    double now = monotonic_s(), nearest = INFINITY;
    for (Request *r = requests; r; r = r->next) nearest = fmin(nearest, r->deadline);
    int wait_ms = isinf(nearest) ? -1 : nearest <= now ? 0 : (int)ceil((nearest - now) * 1000);
    int n = epoll_wait(epoll_fd, events, 64, wait_ms);
    if (n < 0 && errno != EINTR) {
      perror("ICMP prober: epoll_wait");
      return 1;
    }
    for (int e = 0; e < n; e++) {
      if (events[e].data.ptr == NULL) {
        if (!read_requests(STDIN_FILENO, start_request)) return 0; /* the server is gone */
      } else {
        receive(events[e].data.ptr);
      }
    }
    now = monotonic_s();
    for (Request **link = &requests; *link;) {
      Request *r = *link;
      if (r->unanswered > 0 && now < r->deadline) {
        link = &r->next;
        continue;
      }
      *link = r->next;
      finish(r);
    }
    flush_out();
  }
}
