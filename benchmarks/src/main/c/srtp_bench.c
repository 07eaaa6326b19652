/*
 * srtp_bench: protect/unprotect time per SRTP packet for libsrtp 2, measured the way the JMH
 * benchmarks in ims.benchmarks.srtp measure the Java engines (see SrtpBenchmark.java), so the
 * numbers can be divided by each other.
 *
 *   protect:   one buffer protected in place again and again, the sequence number advanced before
 *              each call (libsrtp's own srtp_driver -t loop, srtp_bits_per_second).
 *   unprotect: a ring of RING packets. Untimed: each slot gets the next sequence number and is
 *              protected by a sender session. Timed: the receiver session unprotects the whole ring in
 *              place. Every packet is fresh (its index is new to the replay window) and passes
 *              authentication; no copy is timed. Unprotect leaves the plaintext in the slot, so the
 *              next untimed pass re-protects it without a copy either.
 *
 * Scores follow JMH: warm-up iterations, then measurement iterations of a fixed wall time; the score
 * is the mean of the iterations' ns/packet and the error is the 99.9% confidence half-width
 * (Student t), as JMH prints it.
 *
 * -cpu times the same regions in this thread's CPU time instead of wall time (see timer below).
 *
 * Output (stdout), one CSV line per case:  impl,suite,op,payload,ns_per_packet,error_ns,iterations
 * Build: see benchmarks/run-srtp.sh (static libsrtp2 built with OpenSSL, and Debian's NSS build).
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "srtp.h"

#define RING 256
#define HEADER_LEN 12
#define MAX_PAYLOAD 1500
#define SLOT_LEN (HEADER_LEN + MAX_PAYLOAD + SRTP_MAX_TRAILER_LEN + 16)
#define SSRC 0xdeadbeefu
#define PROTECT_BATCH 256

typedef void (*policy_setter)(srtp_crypto_policy_t *);

typedef struct {
    const char *name;
    policy_setter rtp;
    int key_len; /* master key + master salt, bytes */
} suite_t;

static void set_cm128_80(srtp_crypto_policy_t *p) { srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p); }

static const suite_t SUITES[] = {
    {"AES_CM_128_HMAC_SHA1_80", set_cm128_80, 30},
    {"AES_CM_128_HMAC_SHA1_32", srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, 30},
    {"AES_192_CM_HMAC_SHA1_80", srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80, 38},
    {"AES_256_CM_HMAC_SHA1_80", srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80, 46},
    {"AEAD_AES_128_GCM", srtp_crypto_policy_set_aes_gcm_128_16_auth, 28},
    {"AEAD_AES_256_GCM", srtp_crypto_policy_set_aes_gcm_256_16_auth, 44},
};

/* Two-sided 99.9% Student t quantiles (JMH's error), index = degrees of freedom. */
static double t999(int df)
{
    static const double t[] = {0,     636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408,
                               5.041, 4.781,   4.587,  4.437,  4.318, 4.221, 4.140, 4.073,
                               4.015, 3.965,   3.922,  3.883,  3.850};
    if (df < 1) return NAN;
    if (df <= 20) return t[df];
    return df <= 30 ? 3.646 : 3.291;
}

static uint64_t clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Iteration budgets are wall time; timed regions use `timer`: CLOCK_MONOTONIC (as JMH) or, with -cpu, this
 * thread's CPU time, which leaves out the time other processes hold the CPU (SrtpCpuTimeBench does the same). */
static clockid_t timer = CLOCK_MONOTONIC;

static uint64_t now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

static uint64_t timer_ns(void) { return clock_ns(timer); }

static void die(const char *what, int status)
{
    fprintf(stderr, "srtp_bench: %s failed with srtp_err_status %d\n", what, status);
    exit(2);
}

static srtp_t new_session(const suite_t *suite, srtp_ssrc_type_t type, unsigned char *key)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    suite->rtp(&policy.rtp);
    suite->rtp(&policy.rtcp);
    policy.ssrc.type = type;
    policy.ssrc.value = SSRC;
    policy.key = key;
    policy.window_size = 128;
    srtp_t session;
    srtp_err_status_t status = srtp_create(&session, &policy);
    if (status != srtp_err_status_ok) die("srtp_create", status);
    return session;
}

static void write_rtp(uint8_t *p, uint16_t seq, int payload)
{
    p[0] = 0x80; /* V=2, no padding, extension or CSRC */
    p[1] = 8;    /* PT 8 = PCMA */
    p[2] = (uint8_t)(seq >> 8);
    p[3] = (uint8_t)seq;
    uint32_t ts = htonl(seq * 160u), ssrc = htonl(SSRC);
    memcpy(p + 4, &ts, 4);
    memcpy(p + 8, &ssrc, 4);
    for (int i = 0; i < payload; i++) p[HEADER_LEN + i] = (uint8_t)(0xd5 ^ i);
}

static void set_seq(uint8_t *p, uint16_t seq)
{
    p[2] = (uint8_t)(seq >> 8);
    p[3] = (uint8_t)seq;
}

/* Runs timed work until `budget_ns` of wall time has passed; returns the ns per packet. */
static double protect_iteration(srtp_t tx, uint8_t *buf, int plain_len, uint16_t *seq, uint64_t budget_ns)
{
    uint64_t start = now_ns(), timed = 0, packets = 0;
    while (now_ns() - start < budget_ns) {
        uint64_t t0 = timer_ns();
        for (int i = 0; i < PROTECT_BATCH; i++) {
            int len = plain_len;
            set_seq(buf, ++*seq);
            srtp_err_status_t status = srtp_protect(tx, buf, &len);
            if (status != srtp_err_status_ok) die("srtp_protect", status);
        }
        timed += timer_ns() - t0;
        packets += PROTECT_BATCH;
    }
    return (double)timed / (double)packets;
}

static double unprotect_iteration(srtp_t tx, srtp_t rx, uint8_t (*ring)[SLOT_LEN], int plain_len, uint16_t *seq,
                                  uint64_t budget_ns)
{
    static int lens[RING];
    uint64_t start = now_ns(), timed = 0, packets = 0;
    while (now_ns() - start < budget_ns) {
        for (int k = 0; k < RING; k++) { /* untimed: fresh protected packets */
            lens[k] = plain_len;
            set_seq(ring[k], ++*seq);
            srtp_err_status_t status = srtp_protect(tx, ring[k], &lens[k]);
            if (status != srtp_err_status_ok) die("srtp_protect (ring)", status);
        }
        uint64_t t0 = timer_ns();
        for (int k = 0; k < RING; k++) {
            srtp_err_status_t status = srtp_unprotect(rx, ring[k], &lens[k]);
            if (status != srtp_err_status_ok) die("srtp_unprotect", status);
        }
        timed += timer_ns() - t0;
        packets += RING;
        if (lens[0] != plain_len) die("unprotect length check", -1);
    }
    return (double)timed / (double)packets;
}

static void run_case(const char *impl, const suite_t *suite, int unprotect, int payload, int warmups,
                     int iterations, uint64_t warmup_ns, uint64_t iteration_ns)
{
    unsigned char key[46];
    for (int i = 0; i < (int)sizeof key; i++) key[i] = (unsigned char)(i * 7 + 3);
    srtp_t tx = new_session(suite, ssrc_specific, key);
    srtp_t rx = new_session(suite, ssrc_specific, key);
    static uint8_t ring[RING][SLOT_LEN];
    int plain_len = HEADER_LEN + payload;
    uint16_t seq = 1000;
    for (int k = 0; k < RING; k++) write_rtp(ring[k], 0, payload);

    double scores[64];
    if (iterations > 64) iterations = 64;
    for (int w = 0; w < warmups + iterations; w++) {
        int measuring = w >= warmups;
        uint64_t budget = measuring ? iteration_ns : warmup_ns;
        double score = unprotect ? unprotect_iteration(tx, rx, ring, plain_len, &seq, budget)
                                 : protect_iteration(tx, ring[0], plain_len, &seq, budget);
        if (measuring) scores[w - warmups] = score;
    }
    double mean = 0, var = 0;
    for (int i = 0; i < iterations; i++) mean += scores[i];
    mean /= iterations;
    for (int i = 0; i < iterations; i++) var += (scores[i] - mean) * (scores[i] - mean);
    double error = iterations > 1 ? t999(iterations - 1) * sqrt(var / (iterations - 1)) / sqrt(iterations) : NAN;
    printf("%s,%s,%s,%d,%.2f,%.2f,%d\n", impl, suite->name, unprotect ? "unprotect" : "protect", payload, mean,
           error, iterations);
    fflush(stdout);
    srtp_dealloc(tx);
    srtp_dealloc(rx);
}

static int wanted(const char *name, int argc, char **argv, int first)
{
    if (first >= argc) return 1;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *impl = "libsrtp";
    int warmups = 3, iterations = 5, opt = 1;
    double warmup_s = 2, iteration_s = 2;
    const char *sizes = "160,1200";
    for (; opt < argc && argv[opt][0] == '-'; opt += 2) {
        if (strcmp(argv[opt], "-cpu") == 0) {
            timer = CLOCK_THREAD_CPUTIME_ID;
            opt--;
            continue;
        }
        if (opt + 1 >= argc) break;
        if (strcmp(argv[opt], "-impl") == 0) impl = argv[opt + 1];
        else if (strcmp(argv[opt], "-wi") == 0) warmups = atoi(argv[opt + 1]);
        else if (strcmp(argv[opt], "-w") == 0) warmup_s = atof(argv[opt + 1]);
        else if (strcmp(argv[opt], "-i") == 0) iterations = atoi(argv[opt + 1]);
        else if (strcmp(argv[opt], "-r") == 0) iteration_s = atof(argv[opt + 1]);
        else if (strcmp(argv[opt], "-sizes") == 0) sizes = argv[opt + 1];
        else {
            fprintf(stderr, "usage: %s [-cpu] [-impl NAME] [-wi N] [-w SECONDS] [-i N] [-r SECONDS] "
                            "[-sizes 160,1200] [SUITE...]\n", argv[0]);
            return 1;
        }
    }
    if (iterations < 2) iterations = 2;
    srtp_err_status_t status = srtp_init();
    if (status != srtp_err_status_ok) die("srtp_init", status);
    fprintf(stderr, "# %s: %s, ring %d, %d x %.1fs warm-up, %d x %.1fs measurement, %s\n", impl,
            srtp_get_version_string(), RING, warmups, warmup_s, iterations, iteration_s,
            timer == CLOCK_MONOTONIC ? "wall time" : "thread CPU time");
    for (size_t s = 0; s < sizeof SUITES / sizeof SUITES[0]; s++) {
        if (!wanted(SUITES[s].name, argc, argv, opt)) continue;
        char list[64];
        snprintf(list, sizeof list, "%s", sizes);
        for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
            int payload = atoi(tok);
            if (payload <= 0 || payload > MAX_PAYLOAD) continue;
            for (int unprotect = 0; unprotect <= 1; unprotect++)
                run_case(impl, &SUITES[s], unprotect, payload, warmups, iterations, (uint64_t)(warmup_s * 1e9),
                         (uint64_t)(iteration_s * 1e9));
        }
    }
    srtp_shutdown();
    return 0;
}
