/*
 * What the project's C helpers share (the socket and ICMP probers): memory that cannot fail quietly, their
 * JSON-lines protocol with the server (requests in, as JSON.stringify writes them; lines out, written once
 * per turn of their loop), and network namespaces entered and left around a socket's making.
 */
#ifndef OVSLAB_HELPER_IO_H
#define OVSLAB_HELPER_IO_H

#include <stdbool.h>
#include <stddef.h>

/* The helper's name in what it says on stderr ("socket prober"). */
extern const char *helper_name;

void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s); /* NULL for NULL */
double monotonic_s(void);
long long realtime_ns(void);

/* ---- lines out: gathered during a turn of the loop, written at its end ---- */
void out_put(const char *s, size_t n);
void out_text(const char *s);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_json_string(const char *s); /* quoted and escaped; null for NULL */
void flush_out(void);                /* exits when the server is gone */

/* ---- requests in ---- */
typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JsonKind;
typedef struct Json {
  JsonKind kind;
  double number;
  char *string;
  int count;
  struct Json *items; /* array items, or object values */
  char **keys;        /* object keys */
} Json;

/* Parses one whole JSON text; false (and nothing to free) for anything else. */
bool json_parse(const char *text, Json *value);
void json_free(Json *value);
const Json *json_get(const Json *object, const char *key);
bool json_is_number(const Json *j);
const char *json_string(const Json *j); /* NULL unless a string */

/*
 * Reads what `fd` has and hands each whole line, parsed, to `on_request`, which says whether it was one it
 * knows; a line that is not JSON, or not known, is said on stderr. False once the input has ended: the server is gone.
 */
bool read_requests(int fd, bool (*on_request)(const Json *request));

/* Ignores SIGPIPE (a gone server is seen at the next write) and remembers the process's namespace; the epoll of its loop. */
int helper_init(void);
/* The first line the server waits for: {"ready":true,"pid":N}. */
void say_ready(void);

/* ---- packets ---- */
/* The internet checksum's 16-bit big-endian words added to `total` (an odd last byte is padded), and the sum folded to 16 bits. */
unsigned ones_add(unsigned total, const unsigned char *data, size_t n);
unsigned short ones_fold(unsigned total);
struct msghdr;
/* The kernel's receive time of a message read with SO_TIMESTAMPNS on (ns since the epoch); -1 without one. */
long long arrival_ns(struct msghdr *msg);

/* ---- network namespaces ---- */
#define OWN_NETNS (-2)
void netns_init(void);              /* remembers this process's own */
int open_netns(const char *path);   /* OWN_NETNS for NULL (this process's own), -1 (errno) when it cannot be opened */
int enter_netns(int fd);            /* 0, or -1 with errno; OWN_NETNS needs no entering */
void leave_netns(void);             /* back to this process's own; exits if it cannot */
int socket_in(int netns_fd, int domain, int type, int protocol); /* a socket keeps the namespace it was made in */

#endif
