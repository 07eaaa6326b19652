/*
 * srtp_ue: the media side of a UE in the integration tests: libsrtp 2 (Debian libsrtp2-dev) and one UDP
 * socket on 127.0.0.1, driven over stdin/stdout by ims.integration.LibSrtpUe. The UE's SRTP on the wire is
 * protected and checked by libsrtp, an implementation independent of the project's SRTP engine.
 *
 * One command per line, one answer line per command. Binary values are hex.
 *   port                        -> ok <local RTP port> (RTCP is that port + 1)
 *   tx <suite> <key||salt>      -> ok | err ...   outbound session (ssrc_any_outbound) for 'send'
 *   rx <suite> <key||salt>      -> ok | err ...   inbound session (ssrc_any_inbound) for 'recv' and 'unprotect'
 *   send <port> <rtp>           -> ok <srtp> | err <code> <name>      protect, then send to 127.0.0.1:<port>
 *   recv <timeout-ms>           -> ok <from-port> <rtp> | err <code> <name> <from-port> | timeout
 *   unprotect <srtp>            -> ok <rtp> | err <code> <name>       inbound session, nothing on the wire
 *   send_rtcp <port> <rtcp>     -> ok <srtcp> | err ...     protect (SRTCP), send from the RTCP socket to <port>
 *   recv_rtcp <timeout-ms>      -> ok <from-port> <rtcp> | err <code> <name> <from-port> | timeout
 *   quit
 *       suite  AES_CM_128_HMAC_SHA1_80 | AES_CM_128_HMAC_SHA1_32 | AES_256_CM_HMAC_SHA1_80 |
 *              AES_256_CM_HMAC_SHA1_32
 * Anything malformed answers "bad <reason>". Key material is wiped after use and never printed.
 */
#include <srtp2/srtp.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_PACKET 4096
#define MAX_LINE 20000

static int sock = -1, rtcp_sock = -1;
static srtp_t tx_session, rx_session;

static const char *status_name(srtp_err_status_t s)
{
    switch (s) {
    case srtp_err_status_ok: return "ok";
    case srtp_err_status_auth_fail: return "auth_fail";
    case srtp_err_status_replay_fail: return "replay_fail";
    case srtp_err_status_replay_old: return "replay_old";
    case srtp_err_status_bad_param: return "bad_param";
    case srtp_err_status_no_ctx: return "no_ctx";
    case srtp_err_status_parse_err: return "parse_err";
    default: return "other";
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int from_hex(const char *hex, uint8_t *out, size_t cap)
{
    size_t len = strlen(hex);
    if (len % 2 != 0 || len / 2 > cap) return -1;
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (int)(len / 2);
}

static void print_hex(const uint8_t *b, int len)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < len; i++) {
        putchar(digits[b[i] >> 4]);
        putchar(digits[b[i] & 15]);
    }
}

/* SRTCP keeps the 80-bit tag for the _32 suites (RFC 4568 6.2); only SRTP is used here. */
static int set_suite(const char *suite, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp)
{
    if (strcmp(suite, "AES_CM_128_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
    } else if (strcmp(suite, "AES_CM_128_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
    } else if (strcmp(suite, "AES_256_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
    } else if (strcmp(suite, "AES_256_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(rtp);
    } else {
        return -1;
    }
    srtp_crypto_policy_set_rtcp_default(rtcp);
    if (strstr(suite, "256") != NULL) srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    return 0;
}

static void cmd_session(int outbound, char *save)
{
    char *suite = strtok_r(NULL, " ", &save);
    char *key_hex = strtok_r(NULL, " ", &save);
    if (suite == NULL || key_hex == NULL) {
        printf("bad arguments\n");
        return;
    }
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (set_suite(suite, &policy.rtp, &policy.rtcp) != 0) {
        printf("bad suite\n");
        return;
    }
    uint8_t key[SRTP_MAX_KEY_LEN];
    memset(key, 0, sizeof key);
    if (from_hex(key_hex, key, sizeof key) < 0) {
        printf("bad key\n");
        return;
    }
    memset(key_hex, 0, strlen(key_hex));
    policy.key = key;
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.window_size = 128;
    srtp_t *session = outbound ? &tx_session : &rx_session;
    if (*session != NULL) {
        srtp_dealloc(*session);
        *session = NULL;
    }
    srtp_err_status_t s = srtp_create(session, &policy);
    memset(key, 0, sizeof key);
    if (s != srtp_err_status_ok) {
        *session = NULL;
        printf("err %d %s\n", (int)s, status_name(s));
    } else {
        printf("ok\n");
    }
}

static void cmd_send(int rtcp, char *save)
{
    char *port_tok = strtok_r(NULL, " ", &save);
    char *hex = strtok_r(NULL, " ", &save);
    static uint8_t packet[MAX_PACKET + SRTP_MAX_TRAILER_LEN];
    int len = hex == NULL ? -1 : from_hex(hex, packet, MAX_PACKET);
    if (port_tok == NULL || len < 0 || tx_session == NULL) {
        printf("bad arguments\n");
        return;
    }
    srtp_err_status_t s = rtcp ? srtp_protect_rtcp(tx_session, packet, &len) : srtp_protect(tx_session, packet, &len);
    if (s != srtp_err_status_ok) {
        printf("err %d %s\n", (int)s, status_name(s));
        return;
    }
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((uint16_t)atoi(port_tok));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (sendto(rtcp ? rtcp_sock : sock, packet, (size_t)len, 0, (struct sockaddr *)&to, sizeof to) != len) {
        printf("bad sendto\n");
        return;
    }
    printf("ok ");
    print_hex(packet, len);
    putchar('\n');
}

static void cmd_recv(int rtcp, char *save)
{
    char *timeout_tok = strtok_r(NULL, " ", &save);
    if (timeout_tok == NULL || rx_session == NULL) {
        printf("bad arguments\n");
        return;
    }
    int fd = rtcp ? rtcp_sock : sock;
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (poll(&pfd, 1, atoi(timeout_tok)) <= 0) {
        printf("timeout\n");
        return;
    }
    static uint8_t packet[MAX_PACKET];
    struct sockaddr_in from;
    socklen_t from_len = sizeof from;
    ssize_t n = recvfrom(fd, packet, sizeof packet, 0, (struct sockaddr *)&from, &from_len);
    if (n < 0) {
        printf("bad recvfrom\n");
        return;
    }
    int len = (int)n;
    srtp_err_status_t s = rtcp ? srtp_unprotect_rtcp(rx_session, packet, &len) : srtp_unprotect(rx_session, packet, &len);
    if (s != srtp_err_status_ok) {
        printf("err %d %s %d\n", (int)s, status_name(s), ntohs(from.sin_port));
        return;
    }
    printf("ok %d ", ntohs(from.sin_port));
    print_hex(packet, len);
    putchar('\n');
}

static void cmd_unprotect(char *save)
{
    char *hex = strtok_r(NULL, " ", &save);
    static uint8_t packet[MAX_PACKET];
    int len = hex == NULL ? -1 : from_hex(hex, packet, MAX_PACKET);
    if (len < 0 || rx_session == NULL) {
        printf("bad arguments\n");
        return;
    }
    srtp_err_status_t s = srtp_unprotect(rx_session, packet, &len);
    if (s != srtp_err_status_ok) {
        printf("err %d %s\n", (int)s, status_name(s));
        return;
    }
    printf("ok ");
    print_hex(packet, len);
    putchar('\n');
}

/* An RTP socket on an even port of 127.0.0.1 (chosen by the kernel) and an RTCP socket on the next one. */
static int bind_pair(struct sockaddr_in *local)
{
    for (int attempt = 0; attempt < 200; attempt++) {
        int rtp = socket(AF_INET, SOCK_DGRAM, 0), rtcp = socket(AF_INET, SOCK_DGRAM, 0);
        if (rtp < 0 || rtcp < 0) return -1;
        memset(local, 0, sizeof *local);
        local->sin_family = AF_INET;
        local->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof *local;
        if (bind(rtp, (struct sockaddr *)local, sizeof *local) == 0
            && getsockname(rtp, (struct sockaddr *)local, &len) == 0 && ntohs(local->sin_port) % 2 == 0
            && ntohs(local->sin_port) < 65535) {
            struct sockaddr_in next = *local;
            next.sin_port = htons((uint16_t)(ntohs(local->sin_port) + 1));
            if (bind(rtcp, (struct sockaddr *)&next, sizeof next) == 0) {
                sock = rtp;
                rtcp_sock = rtcp;
                return 0;
            }
        }
        close(rtp);
        close(rtcp);
    }
    return -1;
}

int main(void)
{
    static char line[MAX_LINE];
    if (srtp_init() != srtp_err_status_ok) {
        printf("bad srtp_init\n");
        return 1;
    }
    struct sockaddr_in local;
    if (bind_pair(&local) != 0) {
        printf("bad socket\n");
        return 1;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *save = NULL;
        char *cmd = strtok_r(line, " ", &save);
        if (cmd == NULL) {
            printf("bad empty\n");
        } else if (strcmp(cmd, "port") == 0) {
            printf("ok %d\n", ntohs(local.sin_port));
        } else if (strcmp(cmd, "tx") == 0) {
            cmd_session(1, save);
        } else if (strcmp(cmd, "rx") == 0) {
            cmd_session(0, save);
        } else if (strcmp(cmd, "send") == 0) {
            cmd_send(0, save);
        } else if (strcmp(cmd, "recv") == 0) {
            cmd_recv(0, save);
        } else if (strcmp(cmd, "send_rtcp") == 0) {
            cmd_send(1, save);
        } else if (strcmp(cmd, "recv_rtcp") == 0) {
            cmd_recv(1, save);
        } else if (strcmp(cmd, "unprotect") == 0) {
            cmd_unprotect(save);
        } else if (strcmp(cmd, "quit") == 0) {
            break;
        } else {
            printf("bad command\n");
        }
        fflush(stdout);
    }
    if (tx_session != NULL) srtp_dealloc(tx_session);
    if (rx_session != NULL) srtp_dealloc(rx_session);
    close(sock);
    close(rtcp_sock);
    srtp_shutdown();
    return 0;
}
