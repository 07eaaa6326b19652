/*
 * Shared by relay_load_gen.c (the load generator) and relay_floor.c (the minimal C relay): the plan file the
 * generator writes, the ports file a relay writes back, libsrtp sessions, small helpers.
 *
 * Plan (generator -> relay), ASCII lines:
 *   ims-relay-load-plan 1
 *   calls N
 *   ue_sinks K p1 .. pK          generator sockets that play the UEs (remote of the access terminations)
 *   core_sinks K p1 .. pK        generator sockets that play the core peers (remote of the core terminations)
 *   key i UEKEY AGWKEY           hex master key||salt (30 bytes) per call: the UE protects with UEKEY (the relay
 *                                unprotects with it); the relay protects toward the UE with AGWKEY
 * Call i uses ue_sinks[i % K] and core_sinks[i % K]. All addresses are 127.0.0.1.
 *
 * Ports (relay -> generator), written to a temporary file and renamed:
 *   ims-relay-load-ports 1
 *   pid P
 *   impl free text
 *   calls N
 *   port i ACCESS_RTP_PORT CORE_RTP_PORT [AGWKEY]
 * AGWKEY (optional, hex key||salt, 30 bytes): the key the relay protects with toward the UE when it chose its own (the
 * rtpengine driver writes rtpengine's); the generator then uses it instead of the plan's.
 */
#ifndef RELAY_LOAD_H
#define RELAY_LOAD_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "srtp.h"

#define KEY_LEN 30
#define MAX_SINKS 64
#define RTP_HEADER 12
#define PKT_MAX 2048

typedef struct {
    int calls;
    int ue_sinks, core_sinks;
    int ue_port[MAX_SINKS], core_port[MAX_SINKS];
    uint8_t (*ue_key)[KEY_LEN];
    uint8_t (*agw_key)[KEY_LEN];
} plan_t;

static inline void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(2);
}

static inline void fail(const char *what) {
    fprintf(stderr, "%s\n", what);
    exit(2);
}

static inline uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static inline int hex_nibble(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static inline int parse_hex(const char *s, uint8_t *out, int len) {
    for (int i = 0; i < len; i++) {
        int hi = hex_nibble(s[2 * i]), lo = hex_nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return s[2 * len] == 0 ? 0 : -1;
}

static inline void write_hex(FILE *f, const uint8_t *b, int len) {
    for (int i = 0; i < len; i++) fprintf(f, "%02x", b[i]);
}

/* Waits up to timeout_s for path to exist (the writer renames it into place when complete). */
static inline int wait_for_file(const char *path, int timeout_s) {
    uint64_t deadline = now_ns() + (uint64_t)timeout_s * 1000000000ull;
    while (access(path, R_OK) != 0) {
        if (now_ns() > deadline) return -1;
        struct timespec d = {0, 50 * 1000000};
        nanosleep(&d, NULL);
    }
    return 0;
}

static inline void read_ports_list(char *rest, int *n, int *ports) {
    char *save = NULL;
    char *tok = strtok_r(rest, " \t\n", &save);
    if (!tok) fail("plan: sink count missing");
    *n = atoi(tok);
    if (*n < 1 || *n > MAX_SINKS) fail("plan: bad sink count");
    for (int i = 0; i < *n; i++) {
        tok = strtok_r(NULL, " \t\n", &save);
        if (!tok) fail("plan: sink port missing");
        ports[i] = atoi(tok);
    }
}

static inline void plan_read(const char *path, plan_t *p) {
    FILE *f = fopen(path, "r");
    if (!f) die(path);
    memset(p, 0, sizeof(*p));
    char line[256];
    int keys = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "calls ", 6) == 0) {
            p->calls = atoi(line + 6);
            if (p->calls < 1) fail("plan: bad call count");
            p->ue_key = calloc((size_t)p->calls, KEY_LEN);
            p->agw_key = calloc((size_t)p->calls, KEY_LEN);
        } else if (strncmp(line, "ue_sinks ", 9) == 0) {
            read_ports_list(line + 9, &p->ue_sinks, p->ue_port);
        } else if (strncmp(line, "core_sinks ", 11) == 0) {
            read_ports_list(line + 11, &p->core_sinks, p->core_port);
        } else if (strncmp(line, "key ", 4) == 0) {
            int i;
            char ue[2 * KEY_LEN + 1], agw[2 * KEY_LEN + 1];
            if (!p->ue_key || sscanf(line, "key %d %60s %60s", &i, ue, agw) != 3 || i != keys || i >= p->calls)
                fail("plan: bad key line");
            if (parse_hex(ue, p->ue_key[i], KEY_LEN) || parse_hex(agw, p->agw_key[i], KEY_LEN)) fail("plan: bad hex");
            keys++;
        }
    }
    fclose(f);
    if (p->calls < 1 || keys != p->calls || p->ue_sinks < 1 || p->core_sinks < 1) fail("plan: incomplete");
}

/* One session with one key, AES_CM_128_HMAC_SHA1_80 for RTP and RTCP, replay window 128 (the relay's). */
static inline srtp_t srtp_session(const uint8_t *key, srtp_ssrc_type_t type, uint32_t ssrc) {
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
    policy.ssrc.type = type;
    policy.ssrc.value = ssrc;
    policy.key = (unsigned char *)key;
    policy.window_size = 128;
    policy.allow_repeat_tx = 0;
    policy.next = NULL;
    srtp_t s;
    srtp_err_status_t st = srtp_create(&s, &policy);
    if (st != srtp_err_status_ok) {
        fprintf(stderr, "srtp_create failed: %d\n", st);
        exit(2);
    }
    return s;
}

static inline int udp_socket(int port, int buffer_bytes) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    if (buffer_bytes > 0) {
        /* FORCE needs CAP_NET_ADMIN; the plain option is capped by net.core.rmem_max/wmem_max. */
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer_bytes, sizeof buffer_bytes) != 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer_bytes, sizeof buffer_bytes);
        if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buffer_bytes, sizeof buffer_bytes) != 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer_bytes, sizeof buffer_bytes);
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) die("bind");
    return fd;
}

static inline int local_port(int fd) {
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &len) != 0) die("getsockname");
    return ntohs(a.sin_port);
}

static inline struct sockaddr_in loopback(int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

#endif
