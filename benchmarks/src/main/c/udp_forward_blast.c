/*
 * udp_forward_blast: what one loopback UDP forward costs this machine's kernel, with no SRTP and no relay logic.
 * A sender thread (CPU 1) blasts 172-byte datagrams from S sockets in sendmmsg batches of 32; a forwarder (CPU 0)
 * reads its S sockets with recvmmsg (batches of 32, epoll, as relay_floor does) and sends each batch on with sendmmsg
 * to a sink socket that a third thread (CPU 1) drains. Reports the forwarder's datagrams per CPU-second of its own
 * thread (utime + stime), i.e. the ceiling for any relay's "forwarded packets per core-second" here before it does any
 * work of its own.
 *
 *   udp_forward_blast [-sockets S] [-secs T]      (defaults 1 and 5)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define LEN 172
#define MAX_SOCKETS 256

static int nsock = 1;
static volatile int stop;
static int in_fd[MAX_SOCKETS], out_fd, sink_fd;
static struct sockaddr_in in_addr[MAX_SOCKETS], sink_addr;

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static int bound_socket(struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int big = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)addr, sizeof *addr)) { perror("bind"); exit(2); }
    socklen_t len = sizeof *addr;
    getsockname(fd, (struct sockaddr *)addr, &len);
    return fd;
}

static void *sender(void *arg) {
    (void)arg;
    pin(1);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    static char payload[LEN];
    struct mmsghdr m[BATCH];
    struct iovec iov[BATCH];
    for (unsigned long long k = 0; !stop; k++) {
        int s = (int)(k % (unsigned)nsock);
        for (int i = 0; i < BATCH; i++) {
            iov[i] = (struct iovec){payload, LEN};
            memset(&m[i], 0, sizeof m[i]);
            m[i].msg_hdr.msg_name = &in_addr[s];
            m[i].msg_hdr.msg_namelen = sizeof in_addr[s];
            m[i].msg_hdr.msg_iov = &iov[i];
            m[i].msg_hdr.msg_iovlen = 1;
        }
        sendmmsg(fd, m, BATCH, 0);
    }
    return NULL;
}

static void *sink(void *arg) {
    (void)arg;
    pin(1);
    static char buf[BATCH][2048];
    struct mmsghdr m[BATCH];
    struct iovec iov[BATCH];
    while (!stop) {
        for (int i = 0; i < BATCH; i++) {
            iov[i] = (struct iovec){buf[i], sizeof buf[i]};
            memset(&m[i], 0, sizeof m[i]);
            m[i].msg_hdr.msg_iov = &iov[i];
            m[i].msg_hdr.msg_iovlen = 1;
        }
        if (recvmmsg(sink_fd, m, BATCH, 0, NULL) < 0 && errno == EAGAIN) sched_yield();
    }
    return NULL;
}

static double thread_cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    double secs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-sockets")) nsock = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-secs")) secs = atof(argv[i + 1]);
    }
    if (nsock < 1 || nsock > MAX_SOCKETS) { fprintf(stderr, "1 <= sockets <= %d\n", MAX_SOCKETS); return 2; }
    int ep = epoll_create1(0);
    for (int s = 0; s < nsock; s++) {
        in_fd[s] = bound_socket(&in_addr[s]);
        struct epoll_event e = {.events = EPOLLIN, .data.u32 = (unsigned)s};
        epoll_ctl(ep, EPOLL_CTL_ADD, in_fd[s], &e);
    }
    sink_fd = bound_socket(&sink_addr);
    out_fd = socket(AF_INET, SOCK_DGRAM, 0);
    pin(0);
    pthread_t ts, tk;
    pthread_create(&tk, NULL, sink, NULL);
    pthread_create(&ts, NULL, sender, NULL);
    static char buf[BATCH][2048];
    struct mmsghdr in[BATCH], out[BATCH];
    struct iovec iov[BATCH], oiov[BATCH];
    struct epoll_event ev[64];
    unsigned long long forwarded = 0, warm = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double cpu0 = 0, start = -1;
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double el = (double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9;
        if (start < 0 && el >= 1.0) { start = el; cpu0 = thread_cpu(); warm = forwarded; }   /* 1 s warm-up */
        if (el >= secs + 1.0) break;
        int n = epoll_wait(ep, ev, 64, 100);
        for (int k = 0; k < n; k++) {
            int fd = in_fd[ev[k].data.u32];
            for (int i = 0; i < BATCH; i++) {
                iov[i] = (struct iovec){buf[i], sizeof buf[i]};
                memset(&in[i], 0, sizeof in[i]);
                in[i].msg_hdr.msg_iov = &iov[i];
                in[i].msg_hdr.msg_iovlen = 1;
            }
            int got = recvmmsg(fd, in, BATCH, MSG_DONTWAIT, NULL);
            if (got <= 0) continue;
            for (int i = 0; i < got; i++) {
                oiov[i] = (struct iovec){buf[i], in[i].msg_len};
                memset(&out[i], 0, sizeof out[i]);
                out[i].msg_hdr.msg_name = &sink_addr;
                out[i].msg_hdr.msg_namelen = sizeof sink_addr;
                out[i].msg_hdr.msg_iov = &oiov[i];
                out[i].msg_hdr.msg_iovlen = 1;
            }
            int sent = sendmmsg(out_fd, out, (unsigned)got, 0);
            if (sent > 0) forwarded += (unsigned long long)sent;
        }
    }
    double cpu = thread_cpu() - cpu0;
    stop = 1;
    pthread_join(ts, NULL);
    pthread_join(tk, NULL);
    printf("udp_forward_blast sockets=%d secs=%.1f forwarded=%llu forwarder_cpu_s=%.2f per_cpu_s=%.0f\n", nsock, secs,
           forwarded - warm, cpu, cpu > 0 ? (double)(forwarded - warm) / cpu : 0);
    return 0;
}
