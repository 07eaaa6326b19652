/*
 * relay_floor: the minimal C e2ae relay of benchmarks/run-relay-load.sh, the floor the Java gateway is compared with.
 * Per call an access socket and a core socket on 127.0.0.1 (ephemeral ports); SRTP arriving on the access socket
 * from the call's UE sink is unprotected with the call's UE key (libsrtp, OpenSSL build) and sent as RTP from the
 * core socket to the core sink; RTP arriving on the core socket from the core sink is protected with the call's
 * gateway key and sent from the access socket to the UE sink. Packets from any other source are dropped before any
 * crypto (as the gateway does without latching). recvmmsg/sendmmsg in batches of 32, epoll, -threads event loops
 * (calls spread i % threads, like the gateway's contexts over its loops). No RTCP sockets, no statistics beyond a
 * few counters, no control plane: the floor of what a relay must spend per packet.
 *
 *   relay_floor -plan P -ports Q [-threads T] [-batch B] [-max-seconds S]
 * Reads the generator's plan, writes the ports file, serves until SIGTERM/SIGINT or the time limit.
 */
#include "relay_load.h"

#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>

#define MAX_BATCH 64

typedef struct {
    int access_fd, core_fd;
    srtp_t rx; /* UE key: unprotect what the UE sends */
    srtp_t tx; /* gateway key: protect toward the UE */
    struct sockaddr_in ue, core;
} fcall_t;

typedef struct {
    int epfd;
    pthread_t thread;
    unsigned long long forwarded, dropped;
    unsigned long long recv_calls, recv_datagrams, send_calls; /* how large the batches were */
} loop_t;

static fcall_t *fcalls;
static int batch = 32;
static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void)sig;
    stop = 1;
}

static int same(const struct sockaddr_in *a, const struct sockaddr_in *b) {
    return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* One readable socket: read batches until it is empty (or 4 batches), convert, send the batch from the peer socket. */
static void relay_ready(loop_t *l, fcall_t *c, int from_access) {
    struct mmsghdr in[MAX_BATCH], out[MAX_BATCH];
    struct iovec iov[MAX_BATCH], oiov[MAX_BATCH];
    struct sockaddr_in from[MAX_BATCH];
    static __thread uint8_t buf[MAX_BATCH][PKT_MAX];
    int rfd = from_access ? c->access_fd : c->core_fd;
    int wfd = from_access ? c->core_fd : c->access_fd;
    const struct sockaddr_in *expected = from_access ? &c->ue : &c->core;
    struct sockaddr_in *to = from_access ? &c->core : &c->ue;
    for (int round = 0; round < 4; round++) {
        for (int k = 0; k < batch; k++) {
            iov[k].iov_base = buf[k];
            iov[k].iov_len = PKT_MAX - SRTP_MAX_TRAILER_LEN;
            memset(&in[k].msg_hdr, 0, sizeof in[k].msg_hdr);
            in[k].msg_hdr.msg_name = &from[k];
            in[k].msg_hdr.msg_namelen = sizeof from[k];
            in[k].msg_hdr.msg_iov = &iov[k];
            in[k].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(rfd, in, (unsigned)batch, MSG_DONTWAIT, NULL);
        l->recv_calls++;
        if (n <= 0) return;
        l->recv_datagrams += (unsigned long long)n;
        int m = 0;
        for (int k = 0; k < n; k++) {
            int len = (int)in[k].msg_len;
            if (!same(&from[k], expected) || len < RTP_HEADER) {
                l->dropped++;
                continue;
            }
            srtp_err_status_t st = from_access ? srtp_unprotect(c->rx, buf[k], &len) : srtp_protect(c->tx, buf[k], &len);
            if (st != srtp_err_status_ok) {
                l->dropped++;
                continue;
            }
            oiov[m].iov_base = buf[k];
            oiov[m].iov_len = (size_t)len;
            memset(&out[m].msg_hdr, 0, sizeof out[m].msg_hdr);
            out[m].msg_hdr.msg_name = to;
            out[m].msg_hdr.msg_namelen = sizeof *to;
            out[m].msg_hdr.msg_iov = &oiov[m];
            out[m].msg_hdr.msg_iovlen = 1;
            m++;
        }
        int done = 0;
        while (done < m) {
            int s = sendmmsg(wfd, out + done, (unsigned)(m - done), 0);
            l->send_calls++;
            if (s < 0) {
                if (errno == EINTR) continue;
                l->dropped++;
                done++;
                continue;
            }
            done += s;
            l->forwarded += (unsigned long long)s;
        }
        if (n < batch) return;
    }
}

static void *run_loop(void *arg) {
    loop_t *l = arg;
    struct epoll_event ev[256];
    while (!stop) {
        int n = epoll_wait(l->epfd, ev, 256, 200);
        for (int k = 0; k < n; k++) {
            uint32_t tag = ev[k].data.u32;
            relay_ready(l, &fcalls[tag >> 1], (int)(tag & 1));
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    const char *plan_path = NULL, *ports_path = NULL;
    int threads = 2, max_seconds = 3600;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-plan")) plan_path = argv[i + 1];
        else if (!strcmp(argv[i], "-ports")) ports_path = argv[i + 1];
        else if (!strcmp(argv[i], "-threads")) threads = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-batch")) batch = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-max-seconds")) max_seconds = atoi(argv[i + 1]);
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (!plan_path || !ports_path || threads < 1 || threads > 64 || batch < 1 || batch > MAX_BATCH)
        fail("usage: relay_floor -plan P -ports Q [-threads T] [-batch B] [-max-seconds S]");
    if (srtp_init() != srtp_err_status_ok) fail("srtp_init failed");
    plan_t p;
    plan_read(plan_path, &p);
    loop_t *loops = calloc((size_t)threads, sizeof(loop_t));
    for (int t = 0; t < threads; t++) {
        loops[t].epfd = epoll_create1(EPOLL_CLOEXEC);
        if (loops[t].epfd < 0) die("epoll_create1");
    }
    fcalls = calloc((size_t)p.calls, sizeof(fcall_t));
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", ports_path);
    FILE *f = fopen(tmp, "w");
    if (!f) die(tmp);
    fprintf(f, "ims-relay-load-ports 1\npid %d\nimpl c-floor libsrtp+openssl threads=%d batch=%d\ncalls %d\n",
            (int)getpid(), threads, batch, p.calls);
    for (int i = 0; i < p.calls; i++) {
        fcall_t *c = &fcalls[i];
        /* The gateway's sockets keep the kernel's default buffers; so do these. */
        c->access_fd = udp_socket(0, 0);
        c->core_fd = udp_socket(0, 0);
        c->ue = loopback(p.ue_port[i % p.ue_sinks]);
        c->core = loopback(p.core_port[i % p.core_sinks]);
        c->rx = srtp_session(p.ue_key[i], ssrc_any_inbound, 0);
        c->tx = srtp_session(p.agw_key[i], ssrc_any_outbound, 0);
        int ep = loops[i % threads].epfd;
        struct epoll_event e = {.events = EPOLLIN};
        e.data.u32 = (uint32_t)i << 1 | 1;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c->access_fd, &e)) die("epoll_ctl");
        e.data.u32 = (uint32_t)i << 1;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c->core_fd, &e)) die("epoll_ctl");
        fprintf(f, "port %d %d %d\n", i, local_port(c->access_fd), local_port(c->core_fd));
    }
    memset(p.ue_key, 0, (size_t)p.calls * KEY_LEN);
    memset(p.agw_key, 0, (size_t)p.calls * KEY_LEN);
    if (fclose(f) != 0 || rename(tmp, ports_path) != 0) die(ports_path);
    fprintf(stderr, "relay_floor: %d calls on %d threads, batch %d\n", p.calls, threads, batch);

    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)max_seconds);
    for (int t = 0; t < threads; t++) pthread_create(&loops[t].thread, NULL, run_loop, &loops[t]);
    unsigned long long fwd = 0, drop = 0, rc = 0, rd = 0, sc = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(loops[t].thread, NULL);
        fwd += loops[t].forwarded;
        drop += loops[t].dropped;
        rc += loops[t].recv_calls;
        rd += loops[t].recv_datagrams;
        sc += loops[t].send_calls;
    }
    /* recvmmsg calls include the few that found the queue empty (after a full batch, or a spurious wake-up). */
    fprintf(stderr, "relay_floor: forwarded %llu, dropped %llu; recvmmsg calls %llu, datagrams %llu (%.2f per call);"
            " sendmmsg calls %llu (%.2f datagrams per call)\n", fwd, drop, rc, rd, rc ? (double)rd / (double)rc : 0, sc,
            sc ? (double)fwd / (double)sc : 0);
    return 0;
}
