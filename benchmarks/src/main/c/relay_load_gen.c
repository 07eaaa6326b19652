/*
 * relay_load_gen: the load generator of benchmarks/run-relay-load.sh. It plays N G.711 calls through an e2ae relay
 * (the Java gateway, ims.benchmarks.relay.LoadGateway, or the C floor, relay_floor.c), both directions at 50
 * packets/s each way, 160-byte payload:
 *   up:   a UE sink socket protects RTP with the call's UE key (libsrtp) and sends SRTP to the access port; the relay
 *         unprotects and forwards plain RTP to a core sink socket, which checks header and payload.
 *   down: a core sink socket sends plain RTP to the core port; the relay protects it with the call's gateway key and
 *         sends SRTP to the UE sink socket, which unprotects it (libsrtp) and checks it.
 * The plaintext payload carries a magic, the call, the step and the send time, so each received packet gives its
 * one-way time through the relay and late packets of an earlier step are not counted as received; a packet later than
 * -max-delay-ms (100) is counted as lost ("overdue"). A relay may choose its own key toward the UE: a 4th field of a
 * ports-file line ("port i access core HEXKEY") replaces the plan's gateway key for that call (rtpengine).
 *
 * Pacing: a timerfd of -tick-us (1000; the script passes 100); call i sends in slot i % (20 ms / tick) of each 20 ms period, so the load is
 * spread evenly (-train K: K packets back to back every K x 20 ms, same mean rate). Each packet carries its send time
 * in both clocks, taken right before SRTP protect (up) or right before sendmmsg (down), and each sink reads the
 * kernel's receive stamp (SO_TIMESTAMPNS) beside its own clock after recvmmsg. Sends go
 * out with sendmmsg (-send-batch, 16, per sink socket), receives are drained with recvmmsg (batches of 64); one
 * thread, epoll.
 *
 * Steps: each step runs for a whole number of send periods, then stops sending and drains until 100 ms pass without a
 * packet (at most 2 s); the relay's CPU time (utime + stime of /proc/<pid>/stat, pid from the ports file) is read at
 * the step's start and after the drain.
 *   -mode sweep   warm-up; calls grow by -growth from -start while both directions lose < 0.1 % (a failed step is
 *                 run once more before it counts); two bisection steps; then half the largest clean load (latency),
 *                 uplink only (SRTP->RTP only) at -uplink-calls (default twice the clean load), 2x overload, and
 *                 recovery at the clean load for two steps (the first drains what overload left queued; in the
 *                 second every stream must flow and loss be back under 0.1 %); last, with -trains, the capacity steps.
 *   -mode capacity  warm-up, then SRTP->RTP only at -calls-used for -secs once per train size of -trains "1,8,32".
 *   -mode steady  one load (-calls-used) for -secs, reported every -interval seconds (the 10-minute heap run).
 *   -mode fixed   one step at -calls-used.
 * Bounded: -setup-timeout for the ports file, -max-seconds for the whole run (SIGALRM exits).
 *
 *   relay_load_gen -plan P -ports Q -calls N [-mode sweep|steady|fixed|capacity] [-calls-used n] [-secs S]
 *                  [-train K] [-trains K1,K2..] [-capacity-calls n] [-capacity-secs S] [-tick-us U] [-send-batch B]
 *                  [-max-delay-ms D] [-relay-cpus C] [-relay-cpu I] ...
 */
#include "relay_load.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/timerfd.h>

#define PERIOD_NS 20000000ull  /* one G.711 packet per 20 ms */
#define MAX_SEND_BATCH 64   /* -send-batch: datagrams per sendmmsg on one sink socket (default 16) */
#define RECV_BATCH 64
#define PAYLOAD 160
#define PKT_LEN (RTP_HEADER + PAYLOAD)
#define MAGIC 0x494d534cu
#define UP_TAG 0x55u        /* SSRC high byte of UE->core streams; low 24 bits = call */
#define DOWN_TAG 0xc0u      /* SSRC high byte of core->UE streams */
#define HIST_US 200000      /* 1 us buckets up to 200 ms */
#define STAMPS 28           /* payload bytes before the pattern: magic, call, step, monotonic and realtime send time */
#define MAX_TRAIN 64
#define QUIET_NS 100000000ull  /* a step's drain ends after this long without a packet (at most MAX_DRAIN_NS) */
#define MAX_DRAIN_NS 2000000000ull
#define MIN_OFFERED 0.97        /* a step that offers less than this share of its nominal rate is generator-limited */
#define MAX_CATCHUP_NS 100000000ull /* ticks sent at once after the generator fell behind; more are skipped, counted */

typedef struct {
    srtp_t tx;              /* the UE's sender: UE key */
    srtp_t rx;              /* the UE's receiver: the gateway's key */
    struct sockaddr_in access, core;
    uint16_t seq_up, seq_down;
    uint32_t ts_up, ts_down;
    uint32_t sent_up, sent_down, recv_up, recv_down; /* this step */
} call_t;

typedef struct {
    struct mmsghdr msg[MAX_SEND_BATCH];
    struct iovec iov[MAX_SEND_BATCH];
    uint8_t buf[MAX_SEND_BATCH][PKT_MAX];
    struct sockaddr_in dst[MAX_SEND_BATCH];
    int call[MAX_SEND_BATCH];
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
static int relay_cpu_index = -1; /* the CPU the relay is pinned to (-relay-cpu), -1 when it is not pinned */
static int active_calls;
static int up_only;
static uint64_t tick_no;
static uint64_t bad_packets, late_packets, auth_failures, send_errors, skipped_ticks, received_packets;
static hist_t hist_up, hist_down;     /* user space: recvmmsg returned (CLOCK_MONOTONIC) - send stamp */
static hist_t khist_up, khist_down;   /* kernel: the datagram's SO_TIMESTAMPNS receive time - send stamp (REALTIME) */
static uint64_t no_kernel_stamp;
static uint64_t overdue_packets;      /* arrived intact but later than max_delay_ns after sending: lost for a call */
static uint64_t max_delay_ns = 100000000ull;
static int send_batch = 16;
static uint64_t tick_ns = 1000000ull; /* -tick-us: the pacing timer; call i sends in slot i % (20 ms / tick) */
static int slots = 20;
static int train = 1;                 /* packets a call sends back to back, every train x 20 ms */
static struct mmsghdr rmsg[RECV_BATCH];
static struct iovec riov[RECV_BATCH];
static uint8_t rbuf[RECV_BATCH][PKT_MAX];
static uint64_t rctl[RECV_BATCH][8];  /* control messages: one SCM_TIMESTAMPNS (cmsghdr + timespec = 32 bytes) */

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

static uint64_t realtime_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* The send time, both clocks: CLOCK_MONOTONIC for the user-space figure, CLOCK_REALTIME for the kernel's
 * SO_TIMESTAMPNS receive stamp (which is REALTIME). Taken as late as possible: SRTP right before protect, plain RTP
 * right before its sendmmsg. */
static void stamp(uint8_t *b) {
    uint64_t mono = now_ns(), real = realtime_ns();
    memcpy(b + RTP_HEADER + 12, &mono, 8);
    memcpy(b + RTP_HEADER + 20, &real, 8);
}

/* RTP header (V=2, PT 8 PCMA) and the plaintext payload (send times left for stamp()). */
static void build(uint8_t *b, uint16_t seq, uint32_t ts, uint32_t ssrc, uint32_t call) {
    b[0] = 0x80;
    b[1] = 8;
    put16(b + 2, seq);
    put32(b + 4, ts);
    put32(b + 8, ssrc);
    uint8_t *p = b + RTP_HEADER;
    put32(p, MAGIC);
    put32(p + 4, call);
    put32(p + 8, step_id);
    for (int j = STAMPS; j < PAYLOAD; j++) p[j] = (uint8_t)(seq + j);
}

static void flush(batch_t *b, int fd, int up) {
    int done = 0;
    while (done < b->count) {
        if (!up)
            for (int k = done; k < b->count; k++) stamp(b->buf[k]);
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
    if (b->count == send_batch) flush(b, fd, up);
}

/* Call i sends in tick i % (20 x train) of each period: train packets per direction back to back (train 1: one
 * packet per 20 ms, the G.711 shape). The mean rate is 50 packets/s per direction whatever the train. */
static void send_tick(void) {
    int period = slots * train;
    int slot = (int)(tick_no++ % (uint64_t)period);
    for (int i = slot; i < active_calls; i += period) {
        call_t *c = &calls[i];
        for (int t = 0; t < train; t++) {
            int ks = i % plan.ue_sinks;
            batch_t *ub = &ue_batch[ks];
            uint8_t *b = ub->buf[ub->count];
            build(b, ++c->seq_up, c->ts_up += PAYLOAD, UP_TAG << 24 | (uint32_t)i, (uint32_t)i);
            stamp(b);
            int len = PKT_LEN;
            if (srtp_protect(c->tx, b, &len) != srtp_err_status_ok) fail("srtp_protect failed");
            queue(ub, ue_fd[ks], 1, i, &c->access, b, len);
            if (!up_only) {
                int kc = i % plan.core_sinks;
                batch_t *cb = &core_batch[kc];
                uint8_t *d = cb->buf[cb->count];
                build(d, ++c->seq_down, c->ts_down += PAYLOAD, DOWN_TAG << 24 | (uint32_t)i, (uint32_t)i);
                queue(cb, core_fd[kc], 0, i, &c->core, d, PKT_LEN);
            }
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

/* One received packet; plaintext in b[0..len); now = CLOCK_MONOTONIC after recvmmsg, kernel = its SO_TIMESTAMPNS
 * (REALTIME, 0 when missing). Returns the call on success, -1 when not countable. */
static int check_plain(const uint8_t *b, int len, uint32_t tag, uint64_t now, uint64_t kernel, hist_t *h, hist_t *kh) {
    if (len != PKT_LEN || b[0] != 0x80 || (b[1] & 0x7f) != 8) { bad_packets++; return -1; }
    uint32_t ssrc = get32(b + 8);
    uint32_t call = ssrc & 0xffffff;
    const uint8_t *p = b + RTP_HEADER;
    if (ssrc >> 24 != tag || call >= (uint32_t)plan.calls || get32(p) != MAGIC || get32(p + 4) != call) {
        bad_packets++;
        return -1;
    }
    uint16_t seq = get16(b + 2);
    for (int j = STAMPS; j < PAYLOAD; j++) {
        if (p[j] != (uint8_t)(seq + j)) { bad_packets++; return -1; }
    }
    if (get32(p + 8) != step_id) { late_packets++; return -1; }
    uint64_t sent, sent_real;
    memcpy(&sent, p + 12, 8);
    memcpy(&sent_real, p + 20, 8);
    record(h, now - sent);
    if (kernel == 0) no_kernel_stamp++;
    else record(kh, kernel > sent_real ? kernel - sent_real : 0);
    /* Later than a jitter buffer waits: useless to the call, so lost (its latency is still in the histogram). A
     * relay that falls behind and catches up in the drain would otherwise pass a step with seconds of queueing. */
    if (now - sent > max_delay_ns) { overdue_packets++; return -1; }
    return (int)call;
}

/* The kernel's receive time of a datagram (SCM_TIMESTAMPNS, CLOCK_REALTIME), 0 when absent. On loopback the
 * kernel stamps the datagram when the relay's send hands it to the loopback device (netif_rx), so this figure ends
 * where the relay's work on the packet ends: it leaves out the sink socket's queue and the generator's wake-up. */
static uint64_t kernel_stamp(struct msghdr *h) {
    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec t;
            memcpy(&t, CMSG_DATA(c), sizeof t);
            return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
        }
    }
    return 0;
}

static void drain(int fd, int ue_side) {
    for (int round = 0; round < 8; round++) {
        for (int k = 0; k < RECV_BATCH; k++) {
            riov[k].iov_base = rbuf[k];
            riov[k].iov_len = PKT_MAX;
            memset(&rmsg[k].msg_hdr, 0, sizeof rmsg[k].msg_hdr);
            rmsg[k].msg_hdr.msg_iov = &riov[k];
            rmsg[k].msg_hdr.msg_iovlen = 1;
            rmsg[k].msg_hdr.msg_control = rctl[k];
            rmsg[k].msg_hdr.msg_controllen = sizeof rctl[k];
        }
        int n = recvmmsg(fd, rmsg, RECV_BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0) return;
        uint64_t t = now_ns();
        received_packets += (uint64_t)n;
        for (int k = 0; k < n; k++) {
            uint8_t *b = rbuf[k];
            int len = (int)rmsg[k].msg_len;
            uint64_t kt = kernel_stamp(&rmsg[k].msg_hdr);
            if (ue_side) {
                /* SRTP from the access port: find the call by SSRC, unprotect with the gateway's key. */
                if (len < RTP_HEADER) { bad_packets++; continue; }
                uint32_t ssrc = get32(b + 8);
                uint32_t call = ssrc & 0xffffff;
                if (ssrc >> 24 != DOWN_TAG || call >= (uint32_t)plan.calls) { bad_packets++; continue; }
                if (srtp_unprotect(calls[call].rx, b, &len) != srtp_err_status_ok) { auth_failures++; continue; }
                int c = check_plain(b, len, DOWN_TAG, t, kt, &hist_down, &khist_down);
                if (c >= 0) calls[c].recv_down++;
            } else {
                int c = check_plain(b, len, UP_TAG, t, kt, &hist_up, &khist_up);
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
                uint64_t max_catchup = MAX_CATCHUP_NS / tick_ns;
                if (expirations > max_catchup) {
                    skipped_ticks += expirations - max_catchup;
                    tick_no += expirations - max_catchup;
                    expirations = max_catchup;
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

/* Idle (+ iowait) seconds of CPU `cpu` so far (/proc/stat), or -1 when not known. */
static double cpu_idle_s(int cpu) {
    if (cpu < 0) return -1;
    char name[32], line[512];
    snprintf(name, sizeof name, "cpu%d ", cpu);
    FILE *f = fopen("/proc/stat", "r");
    if (!f) return -1;
    double idle_s = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long long user, nice_, sys, idle, iowait;
        if (strncmp(line, name, strlen(name)) == 0
            && sscanf(line + strlen(name), "%llu %llu %llu %llu %llu", &user, &nice_, &sys, &idle, &iowait) == 5) {
            idle_s = (double)(idle + iowait) / (double)sysconf(_SC_CLK_TCK);
            break;
        }
    }
    fclose(f);
    return idle_s;
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

/* The three percentiles every step reports (p50, p99, p99.9). */
static void percentiles(const hist_t *h, double *p50, double *p99, double *p999) {
    *p50 = percentile(h, 0.50);
    *p99 = percentile(h, 0.99);
    *p999 = percentile(h, 0.999);
}

typedef struct {
    int calls, gen_limited, starved;
    double secs, nominal_pps, offered_pps, fwd_pps, fwd_all_pps, relay_cpu, gen_cpu, per_cpu_s, loss_up, loss_down, load;
    uint64_t sent_up, sent_down, recv_up, recv_down;
    int silent;
    double cpu_share;
    double p50_up, p99_up, p999_up, p50_down, p99_down, p999_down;
    double kp50_up, kp99_up, kp999_up, kp50_down, kp99_down, kp999_down;
} result_t;

static void hist_reset(hist_t *h) {
    memset(h->bucket, 0, HIST_US * sizeof(uint32_t));
    h->n = h->over = 0;
}

static result_t run_step(const char *name, int n, int uplink_only, double secs) {
    if (n > plan.calls) n = plan.calls;
    if (n < 1) n = 1;
    /* A whole number of send periods (train x 20 ms), so each call sends the same number of trains and the offered
     * rate is the nominal one (with train 32 a period is 640 ms: a 3 s step would be 4.7 periods). */
    double period_s = (double)train * PERIOD_NS / 1e9;
    secs = ceil(secs / period_s - 1e-9) * period_s;
    if (kill(relay_pid, 0) != 0) fail("relay_load_gen: the relay process is gone");
    step_id++;
    for (int i = 0; i < plan.calls; i++) calls[i].sent_up = calls[i].sent_down = calls[i].recv_up = calls[i].recv_down = 0;
    hist_reset(&hist_up);
    hist_reset(&hist_down);
    hist_reset(&khist_up);
    hist_reset(&khist_down);
    uint64_t nostamp0 = no_kernel_stamp, overdue0 = overdue_packets;
    uint64_t bad0 = bad_packets, late0 = late_packets, auth0 = auth_failures, err0 = send_errors, skip0 = skipped_ticks;
    result_t r = {.calls = n, .load = load1()};
    active_calls = n;
    up_only = uplink_only;
    unsigned long long rcvbuf0, sndbuf0, rcvbuf1, sndbuf1;
    udp_errors(&rcvbuf0, &sndbuf0);
    double cpu0 = relay_cpu_s(), gcpu0 = self_cpu_s(), idle0 = cpu_idle_s(relay_cpu_index);
    uint64_t t0 = now_ns();
    run_for((uint64_t)(secs * 1e9), 1);
    uint64_t t1 = now_ns();
    /* Drain: until nothing arrived for QUIET_NS (packets still queued in the relay belong to this step). */
    for (uint64_t drained = 0; drained < MAX_DRAIN_NS; drained += QUIET_NS) {
        uint64_t before = received_packets;
        run_for(QUIET_NS, 0);
        if (received_packets == before) break;
    }
    double cpu1 = relay_cpu_s(), gcpu1 = self_cpu_s(), idle1 = cpu_idle_s(relay_cpu_index);
    uint64_t t2 = now_ns(); /* the relay's CPU time spans the drain too */
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
    double share = r.relay_cpu / ((double)(t2 - t0) / 1e9);
    r.cpu_share = share;
    /* Starved: it lost packets while running far below the CPU it may use, and that CPU was busy with others. A
     * pinned relay whose CPU sat idle was not starved: it did not read (rtpengine after an overload does that). */
    double idle_share = idle0 >= 0 && idle1 >= idle0 ? (idle1 - idle0) / ((double)(t2 - t0) / 1e9) : 0;
    r.starved = (r.loss_up >= 0.1 || r.loss_down >= 0.1) && share < 0.8 * relay_cpus && idle_share < 0.2;
    r.fwd_pps = (double)(r.recv_up + r.recv_down) / r.secs;
    /* The relay's CPU in this step also forwarded the late packets of the step before (a backlog): they count for
     * the CPU figure and the "all" rate, not for this step's loss and rate. */
    uint64_t late = late_packets - late0 + overdue_packets - overdue0;
    r.fwd_all_pps = (double)(r.recv_up + r.recv_down + late) / r.secs;
    r.per_cpu_s = r.relay_cpu > 0 ? (double)(r.recv_up + r.recv_down + late) / r.relay_cpu : 0;
    percentiles(&hist_up, &r.p50_up, &r.p99_up, &r.p999_up);
    percentiles(&hist_down, &r.p50_down, &r.p99_down, &r.p999_down);
    percentiles(&khist_up, &r.kp50_up, &r.kp99_up, &r.kp999_up);
    percentiles(&khist_down, &r.kp50_down, &r.kp99_down, &r.kp999_down);
    printf("STEP %-9s calls=%-5d dir=%s train=%d secs=%.1f nominal_pps=%.0f offered_pps=%.0f%s fwd_pps=%.0f fwd_all_pps=%.0f"
           " loss_up=%.3f%% loss_down=%.3f%%%s"
           " relay_cpu_s=%.2f relay_cpu_share=%.2f fwd_per_cpu_s=%.0f gen_cpu_s=%.2f silent_streams=%d"
           " lat_up_us=%.0f/%.0f/%.0f lat_down_us=%.0f/%.0f/%.0f lat_up_kern_us=%.0f/%.0f/%.0f"
           " lat_down_kern_us=%.0f/%.0f/%.0f no_kern_stamp=%llu overdue=%llu bad=%llu late=%llu auth_fail=%llu send_err=%llu"
           " skipped_ticks=%llu udp_rcvbuf_errors=%llu udp_sndbuf_errors=%llu load1=%.2f\n",
           name, n, uplink_only ? "up" : "both", train, r.secs, r.nominal_pps, r.offered_pps,
           r.gen_limited ? " (GENERATOR-LIMITED)" : "", r.fwd_pps, r.fwd_all_pps, r.loss_up, r.loss_down,
           r.starved ? " (RELAY-STARVED: it lost packets while other processes held its CPU)" : "", r.relay_cpu,
           share, r.per_cpu_s, r.gen_cpu, r.silent, r.p50_up, r.p99_up, r.p999_up, r.p50_down, r.p99_down,
           r.p999_down, r.kp50_up, r.kp99_up, r.kp999_up, r.kp50_down, r.kp99_down, r.kp999_down,
           (unsigned long long)(no_kernel_stamp - nostamp0), (unsigned long long)(overdue_packets - overdue0),
           (unsigned long long)(bad_packets - bad0), (unsigned long long)(late_packets - late0),
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
        int on = 1;
        if (setsockopt(ue_fd[k], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) ||
            setsockopt(core_fd[k], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on))
            die("SO_TIMESTAMPNS");
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
    int own_keys = 0;
    while (fgets(line, sizeof line, f)) {
        int i, a, c;
        char key[2 * KEY_LEN + 2];
        if (sscanf(line, "pid %d", &relay_pid) == 1) continue;
        if (strncmp(line, "impl ", 5) == 0) {
            snprintf(relay_impl, sizeof relay_impl, "%.255s", line + 5);
            relay_impl[strcspn(relay_impl, "\n")] = 0;
        } else {
            int fields = sscanf(line, "port %d %d %d %61s", &i, &a, &c, key);
            if (fields < 3 || i < 0 || i >= calls_n) continue;
            calls[i].access = loopback(a);
            calls[i].core = loopback(c);
            /* An optional 4th field: the key the relay protects with toward the UE, when the relay chose it itself
             * (rtpengine answers with its own a=crypto); it replaces the plan's gateway key for this call. */
            if (fields == 4) {
                if (parse_hex(key, plan.agw_key[i], KEY_LEN)) fail("relay_load_gen: bad key in the ports file");
                own_keys++;
            }
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
    khist_up.bucket = calloc(HIST_US, sizeof(uint32_t));
    khist_down.bucket = calloc(HIST_US, sizeof(uint32_t));
    tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (tfd < 0) die("timerfd_create");
    struct itimerspec its = {.it_interval = {0, (long)tick_ns}, .it_value = {0, (long)tick_ns}};
    if (timerfd_settime(tfd, 0, &its, NULL)) die("timerfd_settime");
    struct epoll_event e = {.events = EPOLLIN};
    e.data.u32 = (uint32_t)tfd << 1;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &e)) die("epoll_ctl");
    printf("GEN relay_pid=%d impl=\"%s\" contexts=%d sinks=%d+%d send_batch=%d relay_keys=%d\n", relay_pid, relay_impl,
           calls_n, sinks, sinks, send_batch, own_keys);
    fflush(stdout);
}

/*
 * SRTP->RTP only at n calls, once per train size in the comma-separated list: the same mean rate (50 packets/s per
 * call), sent in trains of K back-to-back packets per call, so the relay's recvmmsg/sendmmsg find K datagrams on a
 * socket as in a saturated-throughput measurement. The figure is forwarded packets per relay CPU-second.
 */
static void capacity(const char *list, int n, double secs) {
    char copy[256], *save = NULL;
    snprintf(copy, sizeof copy, "%s", list);
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        int k = atoi(tok);
        if (k < 1 || k > MAX_TRAIN) fail("-trains: each train between 1 and 64");
        train = k;
        result_t r = run_step("capacity", n, 1, secs);
        printf("RESULT capacity train=%d calls=%d offered_pps=%.0f%s srtp_to_rtp_pps=%.0f srtp_to_rtp_per_cpu_s=%.0f"
               " loss=%.3f%% relay_cpu_share=%.2f\n",
               k, r.calls, r.offered_pps, r.gen_limited ? " (GENERATOR-LIMITED)" : "", r.fwd_pps, r.per_cpu_s,
               r.loss_up, r.cpu_share);
        fflush(stdout);
    }
    train = 1;
}

static void lat(const char *label, const result_t *r) {
    printf("RESULT %s_latency_us up_p50=%.0f up_p99=%.0f up_p999=%.0f down_p50=%.0f down_p99=%.0f down_p999=%.0f"
           " kernel: up_p50=%.0f up_p99=%.0f up_p999=%.0f down_p50=%.0f down_p99=%.0f down_p999=%.0f\n",
           label, r->p50_up, r->p99_up, r->p999_up, r->p50_down, r->p99_down, r->p999_down, r->kp50_up, r->kp99_up,
           r->kp999_up, r->kp50_down, r->kp99_down, r->kp999_down);
}

int main(int argc, char **argv) {
    const char *plan_path = NULL, *ports_path = NULL, *mode = "sweep";
    int calls_n = 1000, sinks = 4, start = 100, used = 100, setup_timeout = 180, max_seconds = 1800, uplink_calls = 0;
    int capacity_calls = 0;
    const char *trains = NULL;
    double capacity_s = 5;
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
        else if (!strcmp(k, "-relay-cpu")) relay_cpu_index = atoi(v);
        else if (!strcmp(k, "-secs")) secs = atof(v);
        else if (!strcmp(k, "-send-batch")) send_batch = atoi(v);
        else if (!strcmp(k, "-tick-us")) tick_ns = (uint64_t)atoi(v) * 1000ull;
        else if (!strcmp(k, "-max-delay-ms")) max_delay_ns = (uint64_t)(atof(v) * 1e6);
        else if (!strcmp(k, "-train")) train = atoi(v);
        else if (!strcmp(k, "-trains")) trains = v;
        else if (!strcmp(k, "-capacity-calls")) capacity_calls = atoi(v);
        else if (!strcmp(k, "-capacity-secs")) capacity_s = atof(v);
        else if (!strcmp(k, "-interval")) interval = atof(v);
        else if (!strcmp(k, "-setup-timeout")) setup_timeout = atoi(v);
        else if (!strcmp(k, "-max-seconds")) max_seconds = atoi(v);
        else { fprintf(stderr, "unknown option %s\n", k); return 2; }
    }
    if (!plan_path || !ports_path || calls_n < 1 || calls_n > 0xffffff || sinks < 1 || sinks > MAX_SINKS || growth <= 1 ||
        send_batch < 1 || send_batch > MAX_SEND_BATCH || train < 1 || train > MAX_TRAIN || tick_ns < 50000 ||
        PERIOD_NS % tick_ns != 0)
        fail("usage: relay_load_gen -plan P -ports Q -calls N [-mode sweep|steady|fixed] (see the header comment)");
    slots = (int)(PERIOD_NS / tick_ns);
    signal(SIGALRM, on_alarm);
    alarm((unsigned)max_seconds);
    if (srtp_init() != srtp_err_status_ok) fail("srtp_init failed");
    setup(plan_path, ports_path, calls_n, sinks, setup_timeout);

    if (!strcmp(mode, "fixed")) {
        run_step("warmup", used, 0, warmup_s);
        run_step("fixed", used, 0, secs);
        return 0;
    }
    if (!strcmp(mode, "capacity")) {
        int fixed_train = train;
        train = 1;
        run_step("warmup", used, 1, warmup_s);
        capacity(trains ? trains : "1", used, secs);
        train = fixed_train;
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
    fflush(stdout);
    /* Last: at a quota the capacity steps overload the relay, and the backlog they leave would spill into any step after. */
    if (trains) capacity(trains, capacity_calls > 0 ? capacity_calls : up.calls, capacity_s);
    return 0;
}
