/*
 * srtp_peer: libsrtp 2 driven over stdin/stdout, the independent SRTP peer of the interop tests
 * (ims.media.srtp.interop). Built by the tests with gcc against Debian's libsrtp2-dev.
 *
 * One command per line, one answer line per command. Binary values are lower- or upper-case hex.
 *   version                                   -> ok <libsrtp version string>
 *   new <sid> <suite> <ssrc> <window> <flags> <key>[:<mki>] ...
 *                                             -> ok | err <code> <name>
 *       sid    0..63, a session slot (one srtp_t with one ssrc_specific policy)
 *       suite  AES_CM_128_HMAC_SHA1_80 | AES_CM_128_HMAC_SHA1_32 | AES_192_CM_HMAC_SHA1_80 |
 *              AES_192_CM_HMAC_SHA1_32 | AES_256_CM_HMAC_SHA1_80 | AES_256_CM_HMAC_SHA1_32 |
 *              AEAD_AES_128_GCM | AEAD_AES_256_GCM | NULL_HMAC_SHA1_80 | NULL_HMAC_SHA1_32
 *       ssrc   8 hex digits; window: replay window size (decimal, 0 = libsrtp default 128)
 *       flags  decimal bit set: 1 UNENCRYPTED_SRTP, 2 UNENCRYPTED_SRTCP, 4 UNAUTHENTICATED_SRTP,
 *              8 allow_repeat_tx
 *       key    master key || master salt; mki: the MKI value of that key (all keys then need one)
 *   protect <sid> <mki_index|-1> <hex>        -> ok <hex> | err <code> <name>   (-1: no MKI)
 *   unprotect <sid> <use_mki 0|1> <hex>       -> ok <hex> | err <code> <name>
 *   protect_rtcp <sid> <mki_index|-1> <hex>   -> idem, SRTCP
 *   unprotect_rtcp <sid> <use_mki 0|1> <hex>  -> idem, SRTCP
 *   set_roc <sid> <ssrc> <roc>                -> ok | err ...   (srtp_set_stream_roc, roc decimal)
 *   get_roc <sid> <ssrc>                      -> ok <roc>
 *   free <sid>                                -> ok
 *   quit                                      -> (exits)
 * Anything malformed answers "bad <reason>". The peer never prints key material.
 */
#include <srtp2/crypto_types.h>
#include <srtp2/srtp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SESSIONS 64
#define MAX_KEYS 8
#define MAX_PACKET 4096
#define MAX_LINE 20000

static srtp_t sessions[MAX_SESSIONS];

static const char *status_name(srtp_err_status_t s)
{
    switch (s) {
    case srtp_err_status_ok: return "ok";
    case srtp_err_status_fail: return "fail";
    case srtp_err_status_bad_param: return "bad_param";
    case srtp_err_status_alloc_fail: return "alloc_fail";
    case srtp_err_status_init_fail: return "init_fail";
    case srtp_err_status_auth_fail: return "auth_fail";
    case srtp_err_status_cipher_fail: return "cipher_fail";
    case srtp_err_status_replay_fail: return "replay_fail";
    case srtp_err_status_replay_old: return "replay_old";
    case srtp_err_status_algo_fail: return "algo_fail";
    case srtp_err_status_no_ctx: return "no_ctx";
    case srtp_err_status_key_expired: return "key_expired";
    case srtp_err_status_parse_err: return "parse_err";
    case srtp_err_status_bad_mki: return "bad_mki";
    case srtp_err_status_pkt_idx_old: return "pkt_idx_old";
    case srtp_err_status_pkt_idx_adv: return "pkt_idx_adv";
    default: return "other";
    }
}

static void answer_status(srtp_err_status_t s)
{
    if (s == srtp_err_status_ok)
        printf("ok\n");
    else
        printf("err %d %s\n", (int)s, status_name(s));
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes hex into out (capacity cap). Returns the byte count, or -1 when malformed or too long. */
static int from_hex(const char *hex, size_t hex_len, uint8_t *out, size_t cap)
{
    if (hex_len % 2 != 0 || hex_len / 2 > cap) return -1;
    for (size_t i = 0; i < hex_len / 2; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (int)(hex_len / 2);
}

static void print_hex(const uint8_t *b, int len)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < len; i++) {
        putchar(digits[b[i] >> 4]);
        putchar(digits[b[i] & 15]);
    }
}

/* Fills rtp and rtcp from a suite name. SRTCP keeps an 80-bit tag for the _32 suites (RFC 4568 6.2, RFC 6188). */
static int set_suite(const char *suite, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp)
{
    if (strcmp(suite, "AES_CM_128_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AES_CM_128_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AES_192_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AES_192_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AES_256_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AES_256_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "AEAD_AES_128_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtcp);
    } else if (strcmp(suite, "AEAD_AES_256_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtcp);
    } else if (strcmp(suite, "NULL_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtcp);
    } else if (strcmp(suite, "NULL_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtp);
        rtp->auth_tag_len = 4;
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtcp);
    } else {
        return -1;
    }
    return 0;
}

static int parse_sid(const char *tok)
{
    if (tok == NULL) return -1;
    char *end;
    long sid = strtol(tok, &end, 10);
    if (*end != '\0' || sid < 0 || sid >= MAX_SESSIONS) return -1;
    return (int)sid;
}

static void cmd_new(char *save)
{
    int sid = parse_sid(strtok_r(NULL, " ", &save));
    char *suite = strtok_r(NULL, " ", &save);
    char *ssrc_tok = strtok_r(NULL, " ", &save);
    char *window_tok = strtok_r(NULL, " ", &save);
    char *flags_tok = strtok_r(NULL, " ", &save);
    if (sid < 0 || suite == NULL || ssrc_tok == NULL || window_tok == NULL || flags_tok == NULL) {
        printf("bad arguments\n");
        return;
    }
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (set_suite(suite, &policy.rtp, &policy.rtcp) != 0) {
        printf("bad suite\n");
        return;
    }
    long flags = strtol(flags_tok, NULL, 10);
    if (flags & 1) policy.rtp.sec_serv &= ~sec_serv_conf;
    if (flags & 2) policy.rtcp.sec_serv &= ~sec_serv_conf;
    if (flags & 4) {
        policy.rtp.auth_type = SRTP_NULL_AUTH;
        policy.rtp.auth_key_len = 0;
        policy.rtp.auth_tag_len = 0;
        policy.rtp.sec_serv &= ~sec_serv_auth;
    }
    policy.allow_repeat_tx = (flags & 8) != 0;
    policy.ssrc.type = ssrc_specific;
    policy.ssrc.value = (unsigned int)strtoul(ssrc_tok, NULL, 16);
    policy.window_size = strtoul(window_tok, NULL, 10);

    static uint8_t keys[MAX_KEYS][SRTP_MAX_KEY_LEN];
    static uint8_t mkis[MAX_KEYS][SRTP_MAX_MKI_LEN];
    srtp_master_key_t master_keys[MAX_KEYS];
    srtp_master_key_t *key_list[MAX_KEYS];
    int count = 0, with_mki = 0;
    for (char *tok; (tok = strtok_r(NULL, " ", &save)) != NULL;) {
        if (count == MAX_KEYS) {
            printf("bad too many keys\n");
            return;
        }
        char *colon = strchr(tok, ':');
        size_t key_hex_len = colon ? (size_t)(colon - tok) : strlen(tok);
        memset(keys[count], 0, SRTP_MAX_KEY_LEN);
        if (from_hex(tok, key_hex_len, keys[count], SRTP_MAX_KEY_LEN) < 0) {
            printf("bad key\n");
            return;
        }
        int mki_len = 0;
        if (colon) {
            mki_len = from_hex(colon + 1, strlen(colon + 1), mkis[count], SRTP_MAX_MKI_LEN);
            if (mki_len <= 0) {
                printf("bad mki\n");
                return;
            }
            with_mki = 1;
        }
        master_keys[count].key = keys[count];
        master_keys[count].mki_id = mkis[count];
        master_keys[count].mki_size = (unsigned int)mki_len;
        key_list[count] = &master_keys[count];
        count++;
    }
    if (count == 0) {
        printf("bad no key\n");
        return;
    }
    if (with_mki) {
        policy.keys = key_list;
        policy.num_master_keys = (unsigned long)count;
    } else {
        policy.key = keys[0];
    }
    if (sessions[sid] != NULL) {
        srtp_dealloc(sessions[sid]);
        sessions[sid] = NULL;
    }
    srtp_err_status_t s = srtp_create(&sessions[sid], &policy);
    if (s != srtp_err_status_ok) sessions[sid] = NULL;
    for (int i = 0; i < count; i++) memset(keys[i], 0, SRTP_MAX_KEY_LEN);
    answer_status(s);
}

enum op { PROTECT, UNPROTECT, PROTECT_RTCP, UNPROTECT_RTCP };

static void cmd_packet(enum op op, char *save)
{
    int sid = parse_sid(strtok_r(NULL, " ", &save));
    char *mki_tok = strtok_r(NULL, " ", &save);
    char *hex = strtok_r(NULL, " ", &save);
    if (sid < 0 || mki_tok == NULL || hex == NULL || sessions[sid] == NULL) {
        printf("bad arguments\n");
        return;
    }
    /* room for the trailer libsrtp may append: tag, MKI and the SRTCP index */
    static uint8_t packet[MAX_PACKET + SRTP_MAX_TRAILER_LEN + 16];
    int len = from_hex(hex, strlen(hex), packet, MAX_PACKET);
    if (len < 0) {
        printf("bad hex\n");
        return;
    }
    long mki = strtol(mki_tok, NULL, 10);
    unsigned int use_mki = mki >= 0;
    unsigned int mki_index = use_mki ? (unsigned int)mki : 0;
    srtp_err_status_t s;
    switch (op) {
    case PROTECT: s = srtp_protect_mki(sessions[sid], packet, &len, use_mki, mki_index); break;
    case UNPROTECT: s = srtp_unprotect_mki(sessions[sid], packet, &len, mki != 0); break;
    case PROTECT_RTCP: s = srtp_protect_rtcp_mki(sessions[sid], packet, &len, use_mki, mki_index); break;
    default: s = srtp_unprotect_rtcp_mki(sessions[sid], packet, &len, mki != 0); break;
    }
    if (s != srtp_err_status_ok) {
        answer_status(s);
        return;
    }
    printf("ok ");
    print_hex(packet, len);
    putchar('\n');
}

static void cmd_roc(int set, char *save)
{
    int sid = parse_sid(strtok_r(NULL, " ", &save));
    char *ssrc_tok = strtok_r(NULL, " ", &save);
    char *roc_tok = set ? strtok_r(NULL, " ", &save) : "0";
    if (sid < 0 || ssrc_tok == NULL || roc_tok == NULL || sessions[sid] == NULL) {
        printf("bad arguments\n");
        return;
    }
    uint32_t ssrc = (uint32_t)strtoul(ssrc_tok, NULL, 16);
    if (set) {
        answer_status(srtp_set_stream_roc(sessions[sid], ssrc, (uint32_t)strtoul(roc_tok, NULL, 10)));
        return;
    }
    uint32_t roc = 0;
    srtp_err_status_t s = srtp_get_stream_roc(sessions[sid], ssrc, &roc);
    if (s != srtp_err_status_ok)
        answer_status(s);
    else
        printf("ok %u\n", roc);
}

int main(void)
{
    static char line[MAX_LINE];
    srtp_err_status_t s = srtp_init();
    if (s != srtp_err_status_ok) {
        printf("err %d srtp_init\n", (int)s);
        return 1;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *save = NULL;
        char *cmd = strtok_r(line, " ", &save);
        if (cmd == NULL) {
            printf("bad empty\n");
        } else if (strcmp(cmd, "version") == 0) {
            printf("ok %s\n", srtp_get_version_string());
        } else if (strcmp(cmd, "new") == 0) {
            cmd_new(save);
        } else if (strcmp(cmd, "protect") == 0) {
            cmd_packet(PROTECT, save);
        } else if (strcmp(cmd, "unprotect") == 0) {
            cmd_packet(UNPROTECT, save);
        } else if (strcmp(cmd, "protect_rtcp") == 0) {
            cmd_packet(PROTECT_RTCP, save);
        } else if (strcmp(cmd, "unprotect_rtcp") == 0) {
            cmd_packet(UNPROTECT_RTCP, save);
        } else if (strcmp(cmd, "set_roc") == 0) {
            cmd_roc(1, save);
        } else if (strcmp(cmd, "get_roc") == 0) {
            cmd_roc(0, save);
        } else if (strcmp(cmd, "free") == 0) {
            int sid = parse_sid(strtok_r(NULL, " ", &save));
            if (sid >= 0 && sessions[sid] != NULL) {
                srtp_dealloc(sessions[sid]);
                sessions[sid] = NULL;
            }
            printf(sid >= 0 ? "ok\n" : "bad arguments\n");
        } else if (strcmp(cmd, "quit") == 0) {
            break;
        } else {
            printf("bad command\n");
        }
        fflush(stdout);
    }
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (sessions[i] != NULL) srtp_dealloc(sessions[i]);
    srtp_shutdown();
    return 0;
}
