/*
 * relay_load_gen: the load generator of benchmarks/run-relay-load.sh. It plays N G.711 calls through an e2ae relay
 * (the Java gateway, ims.benchmarks.relay.LoadGateway, or the C floor, relay_floor.c), both directions at 50
 * packets/s each way, 160-byte payload:
 *   up:   a UE sink socket protects RTP with the call's UE key (libsrtp) and sends SRTP to the access port; the relay
 *         unprotects and forwards plain RTP to a core sink socket, which checks header and payload.
 *   down: a core sink socket sends plain RTP to the core port; the relay protects it with the call's gateway key and
 *         sends SRTP to the UE sink socket, which unprotects it (libsrtp) and checks it.
 * The plaintext payload carries a magic, the call, the step and the CLOCK_MONOTONIC send time, so each received
 * packet gives its one-way time through the relay (both hops of loopback included) and late packets of an earlier
 * step are not counted as received.
 *
 * Pacing: a 1 ms timerfd; call i sends in slot i % 20 of each 20 ms period, so the load is spread evenly. Sends go
 * out with sendmmsg (batches of 16), receives are drained with recvmmsg (batches of 64); one thread, epoll.
 *
 * Steps: each step runs for a fixed time, then stops sending and drains for 300 ms; the relay's CPU time (utime +
 * stime of /proc/<pid>/stat, pid from the ports file) is read at the step's start and end.
 *   -mode sweep   warm-up; calls grow by -growth from -start while both directions lose < 0.1 % (a failed step is
 *                 run once more before it counts); two bisection steps; then half the largest clean load (latency),
 *                 uplink only (SRTP->RTP only) at -uplink-calls (default twice the clean load), 2x overload, and
 *                 recovery at the clean load for two steps (the first drains what overload left queued; in the
 *                 second every stream must flow and loss be back under 0.1 %).
 *   -mode steady  one load (-calls-used) for -secs, reported every -interval seconds (the 10-minute heap run).
 *   -mode fixed   one step at -calls-used.
 * Bounded: -setup-timeout for the ports file, -max-seconds for the whole run (SIGALRM exits).
 *
 *   relay_load_gen -plan P -ports Q -calls N [-mode sweep|steady|fixed] [-calls-used n] [-secs S] ...
 */
#include "relay_load.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/timerfd.h>

#define SLOTS 20            /* 20 ms period / 1 ms tick */
#define TICK_NS 1000000ull
#define SEND_BATCH 16
#define RECV_BATCH 64
#define PAYLOAD 160
#define PKT_LEN (RTP_HEADER + PAYLOAD)
#define MAGIC 0x494d534cu
#define UP_TAG 0x55u        /* SSRC high byte of UE->core streams; low 24 bits = call */
#define DOWN_TAG 0xc0u      /* SSRC high byte of core->UE streams */
#define HIST_US 200000      /* 1 us buckets up to 200 ms */
#define QUIET_NS 100000000ull  /* a step's drain ends after this long without a packet (at most MAX_DRAIN_NS) */
#define MAX_DRAIN_NS 2000000000ull
#define MIN_OFFERED 0.97        /* a step that offers less than this share of its nominal rate is generator-limited */
#define MAX_CATCHUP 100     /* ticks sent at once after the generator fell behind; more are skipped and counted */

typedef struct {
    srtp_t tx;              /* the UE's sender: UE key */
    srtp_t rx;              /* the UE's receiver: the gateway's key */
    struct sockaddr_in access, core;
    uint16_t seq_up, seq_down;
    uint32_t ts_up, ts_down;
    uint32_t sent_up, sent_down, recv_up, recv_down; /* this step */
} call_t;

typedef struct {
    struct mmsghdr msg[SEND_BATCH];
    struct iovec iov[SEND_BATCH];
    uint8_t buf[SEND_BATCH][PKT_MAX];
    struct sockaddr_in dst[SEND_BATCH];
    int call[SEND_BATCH];
    int count;
} batch_t;

typedef struct {
    uint64_t n, over;
    uint32_t *bucket;
} hist_t;

static plan_t plan;
static call_t *calls;
static int ue_fd[MAX_SINKS], core_fd[MAX_SINKS];
static batch_t *ue_batch, *core_batch;
static int epfd, tfd;
static int relay_pid;
static char relay_impl[256] = "?";
static uint32_t step_id;
static int last_starved;     /* the last sweep step lost packets while the relay was starved of CPU */
static double relay_cpus = 1; /* CPUs the relay may use (1 when pinned): a losing step far below them was starved */
static int active_calls;
static int up_only;
static uint64_t tick_no;
static uint64_t bad_packets, late_packets, auth_failures, send_errors, skipped_ticks, received_packets;
static hist_t hist_up, hist_down;
static struct mmsghdr rmsg[RECV_BATCH];
static struct iovec riov[RECV_BATCH];
static uint8_t rbuf[RECV_BATCH][PKT_MAX];

static void on_alarm(int sig) {
    (void)sig;
    static const char m[] = "relay_load_gen: time limit reached, exiting\n";
    ssize_t w = write(2, m, sizeof m - 1);
    (void)w;
    _exit(3);
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* RTP header (V=2, PT 8 PCMA) and the plaintext payload. */
static void build(uint8_t *b, uint16_t seq, uint32_t ts, uint32_t ssrc, uint32_t call, uint64_t sent) {
    b[0] = 0x80;
    b[1] = 8;
    put16(b + 2, seq);
    put32(b + 4, ts);
    put32(b + 8, ssrc);
    uint8_t *p = b + RTP_HEADER;
    put32(p, MAGIC);
    put32(p + 4, call);
    put32(p + 8, step_id);
    memcpy(p + 12, &sent, 8);
    for (int j = 20; j < PAYLOAD; j++) p[j] = (uint8_t)(seq + j);
}

static void flush(batch_t *b, int fd, int up) {
    int done = 0;
    while (done < b->count) {
        int n = sendmmsg(fd, b->msg + done, (unsigned)(b->count - done), 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            send_errors++; /* the first message failed (e.g. ICMP refused, buffer full): skip it */
            done++;
            continue;
        }
        for (int k = done; k < done + n; k++) {
            if (up) calls[b->call[k]].sent_up++;
            else calls[b->call[k]].sent_down++;
        }
        done += n;
    }
    b->count = 0;
}

static void queue(batch_t *b, int fd, int up, int call, const struct sockaddr_in *to, uint8_t *pkt, int len) {
    int k = b->count;
    if (pkt != b->buf[k]) memcpy(b->buf[k], pkt, (size_t)len);
    b->dst[k] = *to;
    b->iov[k].iov_base = b->buf[k];
    b->iov[k].iov_len = (size_t)len;
    memset(&b->msg[k], 0, sizeof b->msg[k]);
    b->msg[k].msg_hdr.msg_name = &b->dst[k];
    b->msg[k].msg_hdr.msg_namelen = sizeof b->dst[k];
    b->msg[k].msg_hdr.msg_iov = &b->iov[k];
    b->msg[k].msg_hdr.msg_iovlen = 1;
    b->call[k] = call;
    b->count++;
    if (b->count == SEND_BATCH) flush(b, fd, up);
}

static void send_tick(void) {
    int slot = (int)(tick_no++ % SLOTS);
    for (int i = slot; i < active_calls; i += SLOTS) {
        call_t *c = &calls[i];
        int ks = i % plan.ue_sinks;
        batch_t *ub = &ue_batch[ks];
        uint8_t *b = ub->buf[ub->count];
        build(b, ++c->seq_up, c->ts_up += PAYLOAD, UP_TAG << 24 | (uint32_t)i, (uint32_t)i, now_ns());
        int len = PKT_LEN;
        if (srtp_protect(c->tx, b, &len) != srtp_err_status_ok) fail("srtp_protect failed");
        queue(ub, ue_fd[ks], 1, i, &c->access, b, len);
        if (!up_only) {
            int kc = i % plan.core_sinks;
            batch_t *cb = &core_batch[kc];
            uint8_t *d = cb->buf[cb->count];
            build(d, ++c->seq_down, c->ts_down += PAYLOAD, DOWN_TAG << 24 | (uint32_t)i, (uint32_t)i, now_ns());
            queue(cb, core_fd[kc], 0, i, &c->core, d, PKT_LEN);
        }
    }
    for (int k = 0; k < plan.ue_sinks; k++) flush(&ue_batch[k], ue_fd[k], 1);
    for (int k = 0; k < plan.core_sinks; k++) flush(&core_batch[k], core_fd[k], 0);
}

static void record(hist_t *h, uint64_t ns) {
    uint64_t us = ns / 1000;
    h->n++;
    if (us >= HIST_US) h->over++;
    else h->bucket[us]++;
}

/* One received packet; plaintext in b[0..len). Returns the call on success, -1 when not countable. */
static int check_plain(const uint8_t *b, int len, uint32_t tag, uint64_t now, hist_t *h) {
    if (len != PKT_LEN || b[0] != 0x80 || (b[1] & 0x7f) != 8) { bad_packets++; return -1; }
    uint32_t ssrc = get32(b + 8);
    uint32_t call = ssrc & 0xffffff;
    const uint8_t *p = b + RTP_HEADER;
    if (ssrc >> 24 != tag || call >= (uint32_t)plan.calls || get32(p) != MAGIC || get32(p + 4) != call) {
        bad_packets++;
        return -1;
    }
    uint16_t seq = get16(b + 2);
    for (int j = 20; j < PAYLOAD; j++) {
        if (p[j] != (uint8_t)(seq + j)) { bad_packets++; return -1; }
    }
    if (get32(p + 8) != step_id) { late_packets++; return -1; }
    uint64_t sent;
    memcpy(&sent, p + 12, 8);
    record(h, now - sent);
    return (int)call;
}

static void drain(int fd, int ue_side) {
    for (int round = 0; round < 8; round++) {
        for (int k = 0; k < RECV_BATCH; k++) {
            riov[k].iov_base = rbuf[k];
            riov[k].iov_len = PKT_MAX;
            memset(&rmsg[k].msg_hdr, 0, sizeof rmsg[k].msg_hdr);
            rmsg[k].msg_hdr.msg_iov = &riov[k];
            rmsg[k].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(fd, rmsg, RECV_BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0) return;
        uint64_t t = now_ns();
        received_packets += (uint64_t)n;
        for (int k = 0; k < n; k++) {
            uint8_t *b = rbuf[k];
            int len = (int)rmsg[k].msg_len;
            if (ue_side) {
                /* SRTP from the access port: find the call by SSRC, unprotect with the gateway's key. */
                if (len < RTP_HEADER) { bad_packets++; continue; }
                uint32_t ssrc = get32(b + 8);
                uint32_t call = ssrc & 0xffffff;
                if (ssrc >> 24 != DOWN_TAG || call >= (uint32_t)plan.calls) { bad_packets++; continue; }
                if (srtp_unprotect(calls[call].rx, b, &len) != srtp_err_status_ok) { auth_failures++; continue; }
                int c = check_plain(b, len, DOWN_TAG, t, &hist_down);
                if (c >= 0) calls[c].recv_down++;
            } else {
                int c = check_plain(b, len, UP_TAG, t, &hist_up);
                if (c >= 0) calls[c].recv_up++;
            }
        }
        if (n < RECV_BATCH) return;
    }
}

/* Runs the event loop for duration_ns; sends on each tick when sending. */
static void run_for(uint64_t duration_ns, int sending) {
    uint64_t end = now_ns() + duration_ns;
    struct epoll_event ev[64];
    for (;;) {
        uint64_t now = now_ns();
        if (now >= end) return;
        int timeout = (int)((end - now) / 1000000) + 1;
        if (timeout > 100) timeout = 100;
        int n = epoll_wait(epfd, ev, 64, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int k = 0; k < n; k++) {
            int fd = ev[k].data.u32 >> 1;
            if (fd == tfd) {
                uint64_t expirations = 0;
                if (read(tfd, &expirations, sizeof expirations) != sizeof expirations) continue;
                if (!sending) continue;
                if (expirations > MAX_CATCHUP) {
                    skipped_ticks += expirations - MAX_CATCHUP;
                    tick_no += expirations - MAX_CATCHUP;
                    expirations = MAX_CATCHUP;
                }
                for (uint64_t e = 0; e < expirations; e++) send_tick();
            } else {
                drain(fd, (int)(ev[k].data.u32 & 1));
            }
        }
    }
}

static double relay_cpu_s(void) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", relay_pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    unsigned long utime = 0, stime = 0;
    /* after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* System-wide UDP receive/send buffer overflows (/proc/net/snmp): where a lost packet was dropped, if in a queue. */
static void udp_errors(unsigned long long *rcvbuf, unsigned long long *sndbuf) {
    *rcvbuf = *sndbuf = 0;
    FILE *f = fopen("/proc/net/snmp", "r");
    if (!f) return;
    char head[512], vals[512];
    while (fgets(head, sizeof head, f) && fgets(vals, sizeof vals, f)) {
        if (strncmp(head, "Udp:", 4) != 0) continue;
        /* Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors ... */
        sscanf(vals, "Udp: %*u %*u %*u %*u %llu %llu", rcvbuf, sndbuf);
        break;
    }
    fclose(f);
}

static double self_cpu_s(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (double)r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + (double)r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

static double load1(void) {
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1) l = -1;
        fclose(f);
    }
    return l;
}

static double percentile(const hist_t *h, double q) {
    if (h->n == 0) return NAN;
    uint64_t rank = (uint64_t)ceil(q * (double)h->n), seen = 0;
    if (rank < 1) rank = 1;
    for (int us = 0; us < HIST_US; us++) {
        seen += h->bucket[us];
        if (seen >= rank) return us + 0.5;
    }
    return HIST_US; /* in the overflow */
}

typedef struct {
    int calls, gen_limited, starved;
    double secs, nominal_pps, offered_pps, fwd_pps, fwd_all_pps, relay_cpu, gen_cpu, per_cpu_s, loss_up, loss_down, load;
    uint64_t sent_up, sent_down, recv_up, recv_down;
    int silent;
    double p50_up, p99_up, p999_up, p50_down, p99_down, p999_down;
} result_t;

static result_t run_step(const char *name, int n, int uplink_only, double secs) {
    if (n > plan.calls) n = plan.calls;
    if (n < 1) n = 1;
    if (kill(relay_pid, 0) != 0) fail("relay_load_gen: the relay process is gone");
    step_id++;
    for (int i = 0; i < plan.calls; i++) calls[i].sent_up = calls[i].sent_down = calls[i].recv_up = calls[i].recv_down = 0;
    memset(hist_up.bucket, 0, HIST_US * sizeof(uint32_t));
    memset(hist_down.bucket, 0, HIST_US * sizeof(uint32_t));
    hist_up.n = hist_up.over = hist_down.n = hist_down.over = 0;
    uint64_t bad0 = bad_packets, late0 = late_packets, auth0 = auth_failures, err0 = send_errors, skip0 = skipped_ticks;
    result_t r = {.calls = n, .load = load1()};
    active_calls = n;
    up_only = uplink_only;
    unsigned long long rcvbuf0, sndbuf0, rcvbuf1, sndbuf1;
    udp_errors(&rcvbuf0, &sndbuf0);
    double cpu0 = relay_cpu_s(), gcpu0 = self_cpu_s();
    uint64_t t0 = now_ns();
    run_for((uint64_t)(secs * 1e9), 1);
    uint64_t t1 = now_ns();
    /* Drain: until nothing arrived for QUIET_NS (packets still queued in the relay belong to this step). */
    for (uint64_t drained = 0; drained < MAX_DRAIN_NS; drained += QUIET_NS) {
        uint64_t before = received_packets;
        run_for(QUIET_NS, 0);
        if (received_packets == before) break;
    }
    double cpu1 = relay_cpu_s(), gcpu1 = self_cpu_s();
    udp_errors(&rcvbuf1, &sndbuf1);
    r.secs = (double)(t1 - t0) / 1e9;
    r.relay_cpu = cpu1 - cpu0;
    r.gen_cpu = gcpu1 - gcpu0;
    for (int i = 0; i < n; i++) {
        call_t *c = &calls[i];
        r.sent_up += c->sent_up;
        r.sent_down += c->sent_down;
        r.recv_up += c->recv_up;
        r.recv_down += c->recv_down;
        if (c->recv_up == 0 || (!uplink_only && c->recv_down == 0)) r.silent++;
    }
    r.loss_up = r.sent_up ? 100.0 * (double)(r.sent_up - (r.recv_up > r.sent_up ? r.sent_up : r.recv_up)) / (double)r.sent_up : 0;
    r.loss_down = r.sent_down ? 100.0 * (double)(r.sent_down - (r.recv_down > r.sent_down ? r.sent_down : r.recv_down)) / (double)r.sent_down : 0;
    r.offered_pps = (double)(r.sent_up + r.sent_down) / r.secs;
    r.nominal_pps = (double)n * (uplink_only ? 50.0 : 100.0);
    r.gen_limited = r.offered_pps < MIN_OFFERED * r.nominal_pps;
    double share = r.relay_cpu / ((double)(t1 - t0) / 1e9);
    r.starved = (r.loss_up >= 0.1 || r.loss_down >= 0.1) && share < 0.8 * relay_cpus;
    r.fwd_pps = (double)(r.recv_up + r.recv_down) / r.secs;
    /* The relay's CPU in this step also forwarded the late packets of the step before (a backlog): they count for
     * the CPU figure and the "all" rate, not for this step's loss and rate. */
    uint64_t late = late_packets - late0;
    r.fwd_all_pps = (double)(r.recv_up + r.recv_down + late) / r.secs;
    r.per_cpu_s = r.relay_cpu > 0 ? (double)(r.recv_up + r.recv_down + late) / r.relay_cpu : 0;
    r.p50_up = percentile(&hist_up, 0.50);
    r.p99_up = percentile(&hist_up, 0.99);
    r.p999_up = percentile(&hist_up, 0.999);
    r.p50_down = percentile(&hist_down, 0.50);
    r.p99_down = percentile(&hist_down, 0.99);
    r.p999_down = percentile(&hist_down, 0.999);
    printf("STEP %-9s calls=%-5d dir=%s secs=%.1f nominal_pps=%.0f offered_pps=%.0f%s fwd_pps=%.0f fwd_all_pps=%.0f"
           " loss_up=%.3f%% loss_down=%.3f%%%s"
           " relay_cpu_s=%.2f relay_cpu_share=%.2f fwd_per_cpu_s=%.0f gen_cpu_s=%.2f silent_streams=%d"
           " lat_up_us=%.0f/%.0f/%.0f lat_down_us=%.0f/%.0f/%.0f bad=%llu late=%llu auth_fail=%llu send_err=%llu"
           " skipped_ticks=%llu udp_rcvbuf_errors=%llu udp_sndbuf_errors=%llu load1=%.2f\n",
           name, n, uplink_only ? "up" : "both", r.secs, r.nominal_pps, r.offered_pps,
           r.gen_limited ? " (GENERATOR-LIMITED)" : "", r.fwd_pps, r.fwd_all_pps, r.loss_up, r.loss_down,
           r.starved ? " (RELAY-STARVED: it lost packets while other processes held its CPU)" : "", r.relay_cpu,
           share, r.per_cpu_s, r.gen_cpu, r.silent, r.p50_up, r.p99_up, r.p999_up, r.p50_down, r.p99_down,
           r.p999_down, (unsigned long long)(bad_packets - bad0), (unsigned long long)(late_packets - late0),
           (unsigned long long)(auth_failures - auth0), (unsigned long long)(send_errors - err0),
           (unsigned long long)(skipped_ticks - skip0), rcvbuf1 - rcvbuf0, sndbuf1 - sndbuf0, r.load);
    fflush(stdout);
    return r;
}

static int clean(const result_t *r, int uplink_only) {
    return r->loss_up < 0.1 && (uplink_only || r->loss_down < 0.1) && r->silent == 0;
}

/*
 * A step that fails is run once more (a neighbour's burst on a shared machine); it counts as failed only twice.
 * Returns 1 when clean, 0 when not, and sets *limited when the generator could not offer the load (then the relay's
 * limit was not reached and the sweep cannot go higher on this machine).
 */
static int clean_step(const char *name, int n, double secs, result_t *best, double *peak, int *limited) {
    for (int attempt = 0; attempt < 2; attempt++) {
        result_t r = run_step(name, n, 0, secs);
        if (r.fwd_pps > *peak) *peak = r.fwd_pps;
        *limited = r.gen_limited;
        last_starved = r.starved;
        if (clean(&r, 0)) {
            *best = r;
            return 1;
        }
    }
    return 0;
}

static void setup(const char *plan_path, const char *ports_path, int calls_n, int sinks, int setup_timeout) {
    plan.calls = calls_n;
    plan.ue_sinks = plan.core_sinks = sinks;
    plan.ue_key = calloc((size_t)calls_n, KEY_LEN);
    plan.agw_key = calloc((size_t)calls_n, KEY_LEN);
    FILE *rnd = fopen("/dev/urandom", "r");
    if (!rnd || fread(plan.ue_key, KEY_LEN, (size_t)calls_n, rnd) != (size_t)calls_n ||
        fread(plan.agw_key, KEY_LEN, (size_t)calls_n, rnd) != (size_t)calls_n)
        die("/dev/urandom");
    fclose(rnd);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) die("epoll_create1");
    for (int k = 0; k < sinks; k++) {
        ue_fd[k] = udp_socket(0, 16 << 20);
        core_fd[k] = udp_socket(0, 16 << 20);
        plan.ue_port[k] = local_port(ue_fd[k]);
        plan.core_port[k] = local_port(core_fd[k]);
        struct epoll_event e = {.events = EPOLLIN};
        e.data.u32 = (uint32_t)ue_fd[k] << 1 | 1;
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, ue_fd[k], &e)) die("epoll_ctl");
        e.data.u32 = (uint32_t)core_fd[k] << 1;
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, core_fd[k], &e)) die("epoll_ctl");
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", plan_path);
    FILE *f = fopen(tmp, "w");
    if (!f) die(tmp);
    fprintf(f, "ims-relay-load-plan 1\ncalls %d\nue_sinks %d", calls_n, sinks);
    for (int k = 0; k < sinks; k++) fprintf(f, " %d", plan.ue_port[k]);
    fprintf(f, "\ncore_sinks %d", sinks);
    for (int k = 0; k < sinks; k++) fprintf(f, " %d", plan.core_port[k]);
    fprintf(f, "\n");
    for (int i = 0; i < calls_n; i++) {
        fprintf(f, "key %d ", i);
        write_hex(f, plan.ue_key[i], KEY_LEN);
        fputc(' ', f);
        write_hex(f, plan.agw_key[i], KEY_LEN);
        fputc('\n', f);
    }
    if (fclose(f) != 0 || rename(tmp, plan_path) != 0) die(plan_path);

    if (wait_for_file(ports_path, setup_timeout) != 0) fail("relay_load_gen: no ports file from the relay in time");
    f = fopen(ports_path, "r");
    if (!f) die(ports_path);
    calls = calloc((size_t)calls_n, sizeof(call_t));
    char line[512];
    int got = 0;
    while (fgets(line, sizeof line, f)) {
        int i, a, c;
        if (sscanf(line, "pid %d", &relay_pid) == 1) continue;
        if (strncmp(line, "impl ", 5) == 0) {
            snprintf(relay_impl, sizeof relay_impl, "%.255s", line + 5);
            relay_impl[strcspn(relay_impl, "\n")] = 0;
        } else if (sscanf(line, "port %d %d %d", &i, &a, &c) == 3 && i >= 0 && i < calls_n) {
            calls[i].access = loopback(a);
            calls[i].core = loopback(c);
            got++;
        }
    }
    fclose(f);
    if (got != calls_n || relay_pid <= 0) fail("relay_load_gen: ports file incomplete");
    for (int i = 0; i < calls_n; i++) {
        calls[i].tx = srtp_session(plan.ue_key[i], ssrc_specific, UP_TAG << 24 | (uint32_t)i);
        calls[i].rx = srtp_session(plan.agw_key[i], ssrc_specific, DOWN_TAG << 24 | (uint32_t)i);
        calls[i].seq_up = (uint16_t)(i * 7919);
        calls[i].seq_down = (uint16_t)(i * 104729);
    }
    ue_batch = calloc((size_t)sinks, sizeof(batch_t));
    core_batch = calloc((size_t)sinks, sizeof(batch_t));
    hist_up.bucket = calloc(HIST_US, sizeof(uint32_t));
    hist_down.bucket = calloc(HIST_US, sizeof(uint32_t));
    tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (tfd < 0) die("timerfd_create");
    struct itimerspec its = {.it_interval = {0, TICK_NS}, .it_value = {0, TICK_NS}};
    if (timerfd_settime(tfd, 0, &its, NULL)) die("timerfd_settime");
    struct epoll_event e = {.events = EPOLLIN};
    e.data.u32 = (uint32_t)tfd << 1;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &e)) die("epoll_ctl");
    printf("GEN relay_pid=%d impl=\"%s\" contexts=%d sinks=%d+%d\n", relay_pid, relay_impl, calls_n, sinks, sinks);
    fflush(stdout);
}

static void lat(const char *label, const result_t *r) {
    printf("RESULT %s_latency_us up_p50=%.0f up_p99=%.0f up_p999=%.0f down_p50=%.0f down_p99=%.0f down_p999=%.0f\n",
           label, r->p50_up, r->p99_up, r->p999_up, r->p50_down, r->p99_down, r->p999_down);
}

int main(int argc, char **argv) {
    const char *plan_path = NULL, *ports_path = NULL, *mode = "sweep";
    int calls_n = 1000, sinks = 4, start = 100, used = 100, setup_timeout = 180, max_seconds = 1800, uplink_calls = 0;
    double growth = 1.5, step_s = 5, latency_s = 10, overload_s = 10, recovery_s = 10, warmup_s = 10, secs = 600,
           interval = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "-plan")) plan_path = v;
        else if (!strcmp(k, "-ports")) ports_path = v;
        else if (!strcmp(k, "-calls")) calls_n = atoi(v);
        else if (!strcmp(k, "-sinks")) sinks = atoi(v);
        else if (!strcmp(k, "-mode")) mode = v;
        else if (!strcmp(k, "-start")) start = atoi(v);
        else if (!strcmp(k, "-growth")) growth = atof(v);
        else if (!strcmp(k, "-step-secs")) step_s = atof(v);
        else if (!strcmp(k, "-latency-secs")) latency_s = atof(v);
        else if (!strcmp(k, "-overload-secs")) overload_s = atof(v);
        else if (!strcmp(k, "-recovery-secs")) recovery_s = atof(v);
        else if (!strcmp(k, "-warmup-secs")) warmup_s = atof(v);
        else if (!strcmp(k, "-calls-used")) used = atoi(v);
        else if (!strcmp(k, "-uplink-calls")) uplink_calls = atoi(v);
        else if (!strcmp(k, "-relay-cpus")) relay_cpus = atof(v);
        else if (!strcmp(k, "-secs")) secs = atof(v);
        else if (!strcmp(k, "-interval")) interval = atof(v);
        else if (!strcmp(k, "-setup-timeout")) setup_timeout = atoi(v);
        else if (!strcmp(k, "-max-seconds")) max_seconds = atoi(v);
        else { fprintf(stderr, "unknown option %s\n", k); return 2; }
    }
    if (!plan_path || !ports_path || calls_n < 1 || calls_n > 0xffffff || sinks < 1 || sinks > MAX_SINKS || growth <= 1)
        fail("usage: relay_load_gen -plan P -ports Q -calls N [-mode sweep|steady|fixed] (see the header comment)");
    signal(SIGALRM, on_alarm);
    alarm((unsigned)max_seconds);
    if (srtp_init() != srtp_err_status_ok) fail("srtp_init failed");
    setup(plan_path, ports_path, calls_n, sinks, setup_timeout);

    if (!strcmp(mode, "fixed")) {
        run_step("warmup", used, 0, warmup_s);
        run_step("fixed", used, 0, secs);
        return 0;
    }
    if (!strcmp(mode, "steady")) {
        int rounds = (int)ceil(secs / interval);
        result_t first = {0}, last = {0};
        uint64_t lost = 0, sent = 0;
        for (int k = 0; k < rounds; k++) {
            result_t r = run_step("steady", used, 0, interval);
            if (k == 0) first = r;
            last = r;
            sent += r.sent_up + r.sent_down;
            lost += (r.sent_up - (r.recv_up > r.sent_up ? r.sent_up : r.recv_up)) +
                    (r.sent_down - (r.recv_down > r.sent_down ? r.sent_down : r.recv_down));
        }
        printf("RESULT steady calls=%d rounds=%d loss=%.4f%% first_fwd_per_cpu_s=%.0f last_fwd_per_cpu_s=%.0f\n", used,
               rounds, sent ? 100.0 * (double)lost / (double)sent : 0, first.per_cpu_s, last.per_cpu_s);
        return 0;
    }
    if (strcmp(mode, "sweep")) fail("unknown -mode");

    double peak = 0;
    result_t best = {0}, r;
    run_step("warmup", start, 0, warmup_s);
    int good = 0, bad = 0, n = start, limited = 0, bad_starved = 0;
    for (;;) {
        if (clean_step("sweep", n, step_s, &r, &peak, &limited)) {
            good = n;
            best = r;
            if (limited) break;          /* clean, but only because the generator offered less */
            if (n >= calls_n / 2) break; /* the overload step needs twice the clean load in contexts */
            int next = (int)((double)n * growth);
            n = next > calls_n / 2 ? calls_n / 2 : next;
        } else {
            bad = n;
            bad_starved = last_starved;
            break;
        }
    }
    for (int k = 0; k < 2 && good > 0 && bad > 0 && (double)(bad - good) > 0.05 * good; k++) {
        int mid = (good + bad) / 2;
        if (clean_step("bisect", mid, step_s, &r, &peak, &limited)) {
            good = mid;
            best = r;
        } else {
            bad = mid;
            bad_starved = last_starved;
        }
    }
    if (good == 0) {
        printf("RESULT impl=\"%s\" max_clean_calls=0 (even %d calls lose >= 0.1%%)\n", relay_impl, start);
        good = start;
    }
    printf("RESULT impl=\"%s\" max_clean_calls=%d%s fwd_pps=%.0f fwd_per_cpu_s=%.0f relay_cpu_s=%.2f secs=%.1f\n",
           relay_impl, good,
           best.gen_limited ? " (GENERATOR-LIMITED: a lower bound; the generator could not offer more here)"
           : good >= calls_n / 2 ? " (capped: -calls limits the sweep)"
           : bad_starved ? " (the first failing load was RELAY-STARVED: a limit of this machine's spare CPU, not of the relay)"
           : "", best.fwd_pps,
           best.per_cpu_s, best.relay_cpu, best.secs);
    fflush(stdout);
    result_t half = run_step("half", good / 2, 0, latency_s);
    lat("half_load", &half);
    result_t full = best;
    lat("max_clean", &full);
    result_t up = run_step("uplink", uplink_calls > 0 ? uplink_calls : 2 * good, 1, step_s);
    printf("RESULT uplink_only calls=%d srtp_to_rtp_pps=%.0f srtp_to_rtp_per_cpu_s=%.0f loss=%.3f%%\n", up.calls,
           up.fwd_pps, up.per_cpu_s, up.loss_up);
    if (up.fwd_pps > peak) peak = up.fwd_pps;
    result_t over = run_step("overload", 2 * good, 0, overload_s);
    /* Back to the clean load: the first step drains what overload left queued, the second must be clean again. */
    result_t rec = run_step("recovery", good, 0, recovery_s);
    result_t after = run_step("recovered", good, 0, recovery_s);
    printf("RESULT overload calls=%d nominal_pps=%.0f offered_pps=%.0f%s fwd_pps=%.0f fwd_all_pps=%.0f"
           " peak_fwd_pps=%.0f fraction_of_peak=%.1f%% (incl. late packets %.1f%%) fwd_per_cpu_s=%.0f\n",
           over.calls, over.nominal_pps, over.offered_pps, over.gen_limited ? " (GENERATOR-LIMITED)" : "",
           over.fwd_pps, over.fwd_all_pps, peak, peak > 0 ? 100.0 * over.fwd_pps / peak : 0,
           peak > 0 ? 100.0 * over.fwd_all_pps / peak : 0, over.per_cpu_s);
    printf("RESULT recovery calls=%d first %.0f s: silent_streams=%d loss_up=%.3f%% loss_down=%.3f%%;"
           " next %.0f s: silent_streams=%d loss_up=%.3f%% loss_down=%.3f%% %s\n",
           rec.calls, rec.secs, rec.silent, rec.loss_up, rec.loss_down, after.secs, after.silent, after.loss_up,
           after.loss_down, after.silent > 0 ? "SOME STREAMS DO NOT FLOW"
           : clean(&after, 0) ? "every stream flows, clean again" : "every stream flows, still losing");
    return 0;
}
