/*
 * tlsload: the gateway benchmark's load generator in C on OpenSSL, for figures the JSSE client (LoadGen.java) cannot
 * reach: one JSSE client core tops out at 300-660 full handshakes/s, below every server measured. Same arguments and
 * the same RESULT line as LoadGen.java, so run.sh and Report.java take either.
 *
 *   mode=handshake  every request on a new TCP + TLS connection (full handshake: the client keeps no session, so it
 *                   never offers one), SNI round-robin over the N names, "Connection: close", reads to the end
 *   mode=keepalive  conns persistent connections (SNI and Host spread over the names), requests back to back
 *   rate=R          open loop at R requests/s in all; latency from the time each request was due (no coordinated
 *                   omission); p50/p99/p99.9 from a log-linear histogram (error under 1 %)
 *
 * key=value arguments: port, names (prefix, e.g. e), n, mode, proto (TLSv1.3|TLSv1.2), conns (32), warmup (s),
 * seconds (s), rate, path, host (Host header; default the SNI name), expect (status; default any), pids (server pids
 * whose CPU time is read from /proc over the measured window), label. Bounded: stops after warmup + seconds; every
 * socket has a 10 s timeout. Loopback only: connects to 127.0.0.1.
 *
 * Build: cc -O2 -o tlsload tlsload.c -lssl -lcrypto -lpthread   (Debian: libssl-dev)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 32
#define BUCKETS (64 * 40) /* 64 sub-buckets per power of two of nanoseconds, up to 2^40 ns (18 min) */

static const char *keys[MAX_ARGS], *values[MAX_ARGS];
static int nargs;
static const char *arg(const char *key, const char *fallback) {
    for (int i = 0; i < nargs; i++) if (!strcmp(keys[i], key)) return values[i];
    return fallback;
}

static SSL_CTX *ctx;
static int port, n_names, handshake_mode, expect;
static const char *prefix, *path, *host_override;
static long long period_ns;
static atomic_llong next_name, ok_count, error_count, next_due;
static atomic_int measuring, stopping;
static long long due_start, measure_start = -1;
static atomic_llong histogram[BUCKETS];

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int bucket_of(long long ns) {
    if (ns < 64) return ns < 0 ? 0 : (int) ns;
    int exp = 63 - __builtin_clzll((unsigned long long) ns); /* >= 6 */
    int sub = (int) ((ns >> (exp - 6)) & 63);
    int b = (exp - 5) * 64 + sub;
    return b < BUCKETS ? b : BUCKETS - 1;
}
static double bucket_value(int b) { /* the bucket's upper bound, in ns */
    if (b < 64) return b;
    int exp = b / 64 + 5, sub = b % 64;
    return (double) ((64LL + sub + 1) << (exp - 6));
}
static double percentile(double p) {
    long long total = 0;
    for (int b = 0; b < BUCKETS; b++) total += histogram[b];
    if (total == 0) return 0;
    long long rank = (long long) ceil(p / 100.0 * total), seen = 0;
    for (int b = 0; b < BUCKETS; b++) if ((seen += histogram[b]) >= rank) return bucket_value(b);
    return bucket_value(BUCKETS - 1);
}

static void name_for(long long i, char *out, size_t size) {
    snprintf(out, size, "%s%lld.bench.test", prefix, i % n_names + 1);
}

typedef struct { int fd; SSL *ssl; char host[256]; } conn_t;

static void conn_close(conn_t *c) {
    if (c->ssl) SSL_free(c->ssl);
    if (c->fd >= 0) close(c->fd);
    c->ssl = NULL; c->fd = -1;
}

static int conn_open(conn_t *c, const char *sni) {
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    c->ssl = NULL;
    if (c->fd < 0) return -1;
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {10, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(c->fd, (struct sockaddr *) &a, sizeof a) != 0) { conn_close(c); return -1; }
    c->ssl = SSL_new(ctx);
    SSL_set_fd(c->ssl, c->fd);
    SSL_set_tlsext_host_name(c->ssl, sni);
    snprintf(c->host, sizeof c->host, "%s", host_override ? host_override : sni);
    if (SSL_connect(c->ssl) != 1) { conn_close(c); return -1; }
    return 0;
}

/* One request and its whole response; 0 when it was a complete HTTP response with the expected status. */
static int exchange(conn_t *c, int close_after) {
    char request[1024], buf[16384];
    int len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", path, c->host,
                       close_after ? "Connection: close\r\n" : "");
    if (SSL_write(c->ssl, request, len) != len) return -1;
    int have = 0, header_end = -1;
    while (header_end < 0) {
        if (have == (int) sizeof buf - 1) return -1;
        int r = SSL_read(c->ssl, buf + have, (int) sizeof buf - 1 - have);
        if (r <= 0) return -1;
        have += r; buf[have] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (end) header_end = (int) (end - buf) + 4;
    }
    if (strncmp(buf, "HTTP/1.", 7) != 0) return -1;
    int status = atoi(buf + 9);
    long content_length = -1;
    for (char *line = strstr(buf, "\r\n"); line && line < buf + header_end; line = strstr(line + 2, "\r\n")) {
        if (!strncasecmp(line + 2, "content-length:", 15)) content_length = atol(line + 17);
    }
    if (content_length >= 0) {
        long body = have - header_end;
        while (body < content_length) {
            int r = SSL_read(c->ssl, buf, sizeof buf);
            if (r <= 0) return -1;
            body += r;
        }
    } else if (close_after) {
        while (SSL_read(c->ssl, buf, sizeof buf) > 0) { /* to the end */ }
    } else {
        return -1; /* keep-alive needs a length */
    }
    return expect == 0 || status == expect ? 0 : -1;
}

static void *worker(void *slot_arg) {
    long slot = (long) slot_arg;
    conn_t keep = {.fd = -1, .ssl = NULL};
    char sni[256];
    while (!stopping) {
        long long due = 0;
        if (period_ns > 0) {
            long long k = atomic_fetch_add(&next_due, 1);
            due = due_start + k * period_ns;
            long long wait = due - now_ns();
            if (wait > 0) {
                struct timespec t = {wait / 1000000000LL, wait % 1000000000LL};
                nanosleep(&t, NULL);
            }
            if (stopping) break;
        }
        int failed;
        if (handshake_mode) {
            conn_t c;
            name_for(atomic_fetch_add(&next_name, 1), sni, sizeof sni);
            failed = conn_open(&c, sni) != 0 || exchange(&c, 1) != 0;
            if (c.ssl || c.fd >= 0) conn_close(&c);
        } else {
            if (keep.ssl == NULL) {
                name_for(slot, sni, sizeof sni);
                if (conn_open(&keep, sni) != 0) { atomic_fetch_add(&error_count, measuring ? 1 : 0); usleep(10000); continue; }
            }
            failed = exchange(&keep, 0) != 0;
            if (failed) conn_close(&keep);
        }
        long long done = now_ns();
        if (measuring && (period_ns == 0 || due >= measure_start)) {
            if (failed) atomic_fetch_add(&error_count, 1);
            else {
                atomic_fetch_add(&ok_count, 1);
                if (period_ns > 0) atomic_fetch_add(&histogram[bucket_of(done - due)], 1);
            }
        }
        if (failed && !measuring) usleep(1000);
    }
    if (keep.ssl || keep.fd >= 0) conn_close(&keep);
    return NULL;
}

/* utime + stime of the pids (comma-separated), in clock ticks */
static long long server_ticks(const char *pids) {
    long long ticks = 0;
    if (!pids || !*pids) return 0;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", pids);
    for (char *p = strtok(copy, ","); p; p = strtok(NULL, ",")) {
        char file[64], line[4096];
        snprintf(file, sizeof file, "/proc/%s/stat", p);
        FILE *f = fopen(file, "r");
        if (!f) continue;
        if (fgets(line, sizeof line, f)) {
            char *s = strrchr(line, ')');
            unsigned long long utime = 0, stime = 0;
            /* after ") ": state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime */
            if (s && sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) == 2)
                ticks += (long long) (utime + stime);
        }
        fclose(f);
    }
    return ticks;
}
static long long machine_busy_ticks(void) {
    FILE *f = fopen("/proc/stat", "r");
    unsigned long long v[10] = {0};
    if (f) {
        if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 8) v[0] = 0;
        fclose(f);
    }
    return (long long) (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]); /* all but idle and iowait */
}
static double process_cpu_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc && nargs < MAX_ARGS; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) { fprintf(stderr, "tlsload: arguments are key=value, not '%s'\n", argv[i]); return 2; }
        *eq = 0; keys[nargs] = argv[i]; values[nargs++] = eq + 1;
    }
    port = atoi(arg("port", "0"));
    n_names = atoi(arg("n", "1"));
    prefix = arg("names", "e");
    path = arg("path", "/");
    host_override = arg("host", NULL);
    expect = atoi(arg("expect", "0"));
    handshake_mode = strcmp(arg("mode", "handshake"), "handshake") == 0;
    const char *proto = arg("proto", "TLSv1.3");
    int conns = atoi(arg("conns", "32"));
    double warmup = atof(arg("warmup", "3")), seconds = atof(arg("seconds", "10"));
    double rate = atof(arg("rate", "0"));
    if (port <= 0 || n_names <= 0 || conns <= 0 || conns > 1024 || seconds <= 0 || seconds > 600 || warmup < 0) {
        fprintf(stderr, "tlsload: bad port, n, conns (1..1024) or seconds (..600)\n"); return 2;
    }
    period_ns = rate > 0 ? (long long) (1e9 / rate) : 0;

    ctx = SSL_CTX_new(TLS_client_method());
    int version = strcmp(proto, "TLSv1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
    SSL_CTX_set_min_proto_version(ctx, version);
    SSL_CTX_set_max_proto_version(ctx, version);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* the figures measure the servers, not chain checks */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF); /* and no SSL_set_session: never resumes */
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);

    pthread_t threads[1024];
    due_start = now_ns();
    for (long c = 0; c < conns; c++) pthread_create(&threads[c], NULL, worker, (void *) c);
    usleep((useconds_t) (warmup * 1e6));
    const char *pids = arg("pids", "");
    long long server0 = server_ticks(pids), machine0 = machine_busy_ticks();
    double cpu0 = process_cpu_s();
    long long t0 = now_ns();
    due_start = t0; /* open loop: the schedule starts again with the window (a warm-up backlog is dropped) */
    atomic_store(&next_due, 0);
    measure_start = t0;
    for (int b = 0; b < BUCKETS; b++) histogram[b] = 0;
    measuring = 1;
    usleep((useconds_t) (seconds * 1e6));
    measuring = 0;
    long long elapsed = now_ns() - t0;
    long long server1 = server_ticks(pids), machine1 = machine_busy_ticks();
    double cpu1 = process_cpu_s();
    stopping = 1;
    for (int c = 0; c < conns; c++) pthread_join(threads[c], NULL);

    double s = elapsed / 1e9, tck = (double) sysconf(_SC_CLK_TCK);
    double server_cpu = (server1 - server0) / tck;
    char per_core[32] = "-";
    if (*pids && server_cpu > 0) snprintf(per_core, sizeof per_core, "%.0f", ok_count / server_cpu);
    printf("RESULT label=%s mode=%s names=%s n=%d proto=%s conns=%d target_rate=%s seconds=%.2f ok=%lld errors=%lld"
           " rate=%.1f server_cpu=%.2f per_server_core_s=%s client_cpu=%.2f machine_cores=%.2f client=openssl",
           arg("label", "-"), handshake_mode ? "handshake" : "keepalive", prefix, n_names, proto, conns,
           arg("rate", "0"), s, (long long) ok_count, (long long) error_count, ok_count / s, server_cpu, per_core,
           (cpu1 - cpu0) / s, (machine1 - machine0) / tck / s);
    if (period_ns > 0)
        printf(" p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f", percentile(50) / 1e6, percentile(99) / 1e6,
               percentile(99.9) / 1e6, percentile(100) / 1e6);
    printf("\n");
    SSL_CTX_free(ctx);
    return 0;
}
