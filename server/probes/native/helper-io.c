#define _GNU_SOURCE
#include "helper-io.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "%s: out of memory\n", helper_name);
    exit(1);
  }
  return q;
}
void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) {
    fprintf(stderr, "%s: out of memory\n", helper_name);
    exit(1);
  }
  return p;
}
char *xstrdup(const char *s) { return s ? strcpy(xrealloc(NULL, strlen(s) + 1), s) : NULL; }

double monotonic_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- output: lines gathered during a turn of the loop, written at its end ---- */

static char *out;
static size_t out_len, out_cap;

void out_put(const char *s, size_t n) {
  if (out_len + n > out_cap) {
    out_cap = (out_len + n) * 2 + 4096;
    out = xrealloc(out, out_cap);
  }
  memcpy(out + out_len, s, n);
  out_len += n;
}
void out_text(const char *s) { out_put(s, strlen(s)); }

void out_printf(const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < (int)sizeof small) return out_put(small, (size_t)n);
  char *big = xrealloc(NULL, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  out_put(big, (size_t)n);
  free(big);
}
void out_json_string(const char *s) {
  if (!s) return out_text("null");
  out_text("\"");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      char e[2] = {'\\', (char)*p};
      out_put(e, 2);
    } else if (*p < 0x20) {
      out_printf("\\u%04x", *p);
    } else {
      out_put((const char *)p, 1);
    }
  }
  out_text("\"");
}
void flush_out(void) {
  size_t done = 0;
  while (done < out_len) {
    ssize_t n = write(STDOUT_FILENO, out + done, out_len - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      exit(0); /* the server is gone */
    }
    done += (size_t)n;
  }
  out_len = 0;
}

/* ---- JSON input: the server's requests (JSON.stringify's output) ---- */

void json_free(Json *j) {
  free(j->string);
  for (int i = 0; i < j->count; i++) {
    json_free(&j->items[i]);
    if (j->keys) free(j->keys[i]);
  }
  free(j->items);
  free(j->keys);
}

static const char *skip_space(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
  return p;
}

static void put_utf8(char **buf, size_t *len, size_t *cap, unsigned code) {
  char bytes[4];
  size_t n;
  if (code < 0x80) bytes[0] = (char)code, n = 1;
  else if (code < 0x800) bytes[0] = (char)(0xC0 | code >> 6), bytes[1] = (char)(0x80 | (code & 0x3F)), n = 2;
  else bytes[0] = (char)(0xE0 | code >> 12), bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F)), bytes[2] = (char)(0x80 | (code & 0x3F)), n = 3;
  if (*len + n + 1 > *cap) *buf = xrealloc(*buf, *cap = (*len + n + 1) * 2);
  memcpy(*buf + *len, bytes, n);
  *len += n;
}

static const char *parse_string(const char *p, char **result) {
  if (*p != '"') return NULL;
  p++;
  size_t len = 0, cap = 32;
  char *buf = xrealloc(NULL, cap);
  while (*p && *p != '"') {
    unsigned code = (unsigned char)*p++;
    if (code == '\\') {
      char e = *p++;
      switch (e) {
        case '"': case '\\': case '/': code = (unsigned char)e; break;
        case 'b': code = '\b'; break;
        case 'f': code = '\f'; break;
        case 'n': code = '\n'; break;
        case 'r': code = '\r'; break;
        case 't': code = '\t'; break;
        case 'u': {
          char hex[5] = {0};
          for (int i = 0; i < 4; i++) {
            if (!p[i]) return free(buf), NULL;
            hex[i] = p[i];
          }
          code = (unsigned)strtoul(hex, NULL, 16);
          p += 4;
          put_utf8(&buf, &len, &cap, code);
          continue;
        }
        default: return free(buf), NULL;
      }
    }
    if (len + 2 > cap) buf = xrealloc(buf, cap *= 2);
    buf[len++] = (char)code;
  }
  if (*p != '"') return free(buf), NULL;
  buf[len] = 0;
  *result = buf;
  return p + 1;
}

static const char *parse_value(const char *p, Json *value, int depth) {
  memset(value, 0, sizeof *value);
  p = skip_space(p);
  if (depth > 16) return NULL;
  if (*p == '{' || *p == '[') {
    bool object = *p == '{';
    char close = object ? '}' : ']';
    value->kind = object ? J_OBJECT : J_ARRAY;
    p = skip_space(p + 1);
    int cap = 0;
    if (*p == close) return p + 1;
    for (;;) {
      if (value->count == cap) {
        cap = cap ? cap * 2 : 8;
        value->items = xrealloc(value->items, sizeof(Json) * (size_t)cap);
        if (object) value->keys = xrealloc(value->keys, sizeof(char *) * (size_t)cap);
      }
      if (object) {
        char *key = NULL;
        p = parse_string(skip_space(p), &key);
        if (!p) return NULL;
        value->keys[value->count] = key;
        p = skip_space(p);
        if (*p != ':') {
          value->items[value->count++] = (Json){0};
          return NULL;
        }
        p++;
      }
      p = parse_value(p, &value->items[value->count], depth + 1);
      value->count++;
      if (!p) return NULL;
      p = skip_space(p);
      if (*p == ',') {
        p++;
        continue;
      }
      if (*p == close) return p + 1;
      return NULL;
    }
  }
  if (*p == '"') {
    value->kind = J_STRING;
    return parse_string(p, &value->string);
  }
  if (!strncmp(p, "null", 4)) return value->kind = J_NULL, p + 4;
  if (!strncmp(p, "true", 4)) return value->kind = J_TRUE, p + 4;
  if (!strncmp(p, "false", 5)) return value->kind = J_FALSE, p + 5;
  char *end;
  value->number = strtod(p, &end);
  if (end == p) return NULL;
  value->kind = J_NUMBER;
  return end;
}

const Json *json_get(const Json *object, const char *key) {
  if (!object || object->kind != J_OBJECT) return NULL;
  for (int i = 0; i < object->count; i++)
    if (!strcmp(object->keys[i], key)) return &object->items[i];
  return NULL;
}
bool json_is_number(const Json *j) { return j && j->kind == J_NUMBER; }
const char *json_string(const Json *j) { return j && j->kind == J_STRING ? j->string : NULL; }

/* ---- network namespaces ---- */

static int own_netns = -1;

void netns_init(void) {
  own_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (own_netns < 0) {
    fprintf(stderr, "%s: cannot open its own network namespace: %s\n", helper_name, strerror(errno));
    exit(1);
  }
}

int enter_netns(int fd) { return fd < 0 ? (errno = EBADF, -1) : setns(fd, CLONE_NEWNET); }
void leave_netns(void) {
  if (setns(own_netns, CLONE_NEWNET) != 0) {
    fprintf(stderr, "%s: cannot return to its own network namespace: %s\n", helper_name, strerror(errno));
    exit(1);
  }
}
int open_netns(const char *path) { return path ? open(path, O_RDONLY | O_CLOEXEC) : OWN_NETNS; }

/* A socket made inside the namespace open at `netns_fd` (a socket keeps the namespace it was made in). */
int socket_in(int netns_fd, int domain, int type, int protocol) {
  if (netns_fd == OWN_NETNS) return socket(domain, type, protocol);
  if (enter_netns(netns_fd) != 0) return -1;
  int fd = socket(domain, type, protocol);
  int err = errno;
  leave_netns();
  errno = err;
  return fd;
}


unsigned ones_add(unsigned total, const unsigned char *data, size_t n) {
  for (size_t i = 0; i + 1 < n; i += 2) total += (unsigned)(data[i] << 8 | data[i + 1]);
  if (n & 1) total += (unsigned)data[n - 1] << 8;
  return total;
}

unsigned short ones_fold(unsigned total) {
  while (total > 0xFFFF) total = (total & 0xFFFF) + (total >> 16);
  return (unsigned short)total;
}

long long arrival_ns(struct msghdr *msg) {
  for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS) {
      struct timespec t;
      memcpy(&t, CMSG_DATA(c), sizeof t);
      return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
    }
  }
  return -1;
}

int helper_init(void) {
  signal(SIGPIPE, SIG_IGN);
  /* A batch worker to the scheduler: woken by the server's request, it no longer takes the server's CPU
     from under it in the middle of the write (a run's request took 2 to 6 ms to write that way, the
     server's event loop stopped meanwhile). Only wakeups change; its share of the CPU stays. Best effort. */
  struct sched_param batch = {.sched_priority = 0};
  sched_setscheduler(0, SCHED_BATCH, &batch);
  netns_init();
  int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) {
    fprintf(stderr, "%s: epoll: %s\n", helper_name, strerror(errno));
    exit(1);
  }
  return epoll_fd;
}

void say_ready(void) {
  out_printf("{\"ready\":true,\"pid\":%d}\n", (int)getpid());
  flush_out();
}

long long realtime_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (long long)t.tv_sec * 1000000000 + t.tv_nsec;
}

bool json_parse(const char *text, Json *value) {
  const char *end = parse_value(skip_space(text), value, 0);
  if (end && !*skip_space(end)) return true;
  json_free(value);
  return false;
}

static void handle_line(char *line, bool (*on_request)(const Json *request)) {
  Json request;
  bool parsed = json_parse(line, &request), handled = parsed && on_request(&request);
  if (parsed) json_free(&request);
  if (!handled) fprintf(stderr, "%s: bad request %.200s\n", helper_name, line);
}

bool read_requests(int fd, bool (*on_request)(const Json *request)) {
  static char *pending;
  static size_t pending_len, pending_cap;
  if (pending_len + 65536 + 1 > pending_cap) pending = xrealloc(pending, pending_cap = (pending_len + 65536 + 1) * 2);
  ssize_t got = read(fd, pending + pending_len, 65536);
  if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) return false;
  if (got < 0) return true;
  pending_len += (size_t)got;
  pending[pending_len] = 0;
  char *start = pending, *newline;
  while ((newline = memchr(start, '\n', pending_len - (size_t)(start - pending)))) {
    *newline = 0;
    if (*skip_space(start)) handle_line(start, on_request);
    start = newline + 1;
  }
  pending_len -= (size_t)(start - pending);
  memmove(pending, start, pending_len);
  return true;
}
