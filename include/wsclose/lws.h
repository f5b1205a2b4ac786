/*
 * wsclose/lws.h: libwebsockets' close codes through libwsclose (docs/cpp-stacks.md).
 *
 * Optional and header-only (static inline), for C99 and later and for C++. Include it after
 * nothing in particular: it includes <libwebsockets.h> and <wsclose.h> itself. It only converts
 * types and errors; every rule (which codes may be sent, the 123-byte reason limit, UTF-8, the
 * code to answer a bad Close with) is libwsclose's. Every function returns a wsclose_result
 * (WSCLOSE_OK or a negative error, docs/c-abi.md); the converters write nothing on error.
 *
 *   wsclose_lws_code_from_status   enum lws_close_status -> wsclose code (the same number)
 *   wsclose_lws_status_from_code   wsclose code -> enum lws_close_status, for a code that may be sent
 *   wsclose_lws_close_reason       lws_close_reason() with a payload validated by wsclose
 *   wsclose_lws_parse_peer_close   the Close of LWS_CALLBACK_WS_PEER_INITIATED_CLOSE, and the reply
 *
 * libwebsockets 4.1 checks a received code itself before LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
 * it overwrites a code below 1000, 1004-1006, 1012-1015 and 1016-2999 with 1002 in the buffer
 * the callback gets (lib/roles/ws/ops-ws.c, lws_ws_rx_sm), so for those codes
 * wsclose_lws_parse_peer_close sees 1002. Codes of 5000 and above reach the callback unchanged.
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */
#ifndef WSCLOSE_LWS_H
#define WSCLOSE_LWS_H

#include <stddef.h>
#include <stdint.h>

#include <libwebsockets.h>
#include <wsclose.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The wsclose code of an lws status: the same number. WSCLOSE_ERR_NULL_ARGUMENT when `code_out`
 * is NULL, WSCLOSE_ERR_INVALID_ARGUMENT when `status` is outside 0-65535 (a value cast into the
 * enum). Every code in range converts, also the ones lws uses only locally (1005, 1006, 9999 for
 * LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY): ask libwsclose what they mean (wsclose_info).
 */
static inline wsclose_result wsclose_lws_code_from_status(enum lws_close_status status,
                                                          uint16_t *code_out) {
    long long value = (long long)status;
    if (code_out == NULL) return WSCLOSE_ERR_NULL_ARGUMENT;
    if (value < 0 || value > (long long)UINT16_MAX) return WSCLOSE_ERR_INVALID_ARGUMENT;
    *code_out = (uint16_t)value;
    return WSCLOSE_OK;
}

/*
 * The lws status for a code a Close frame may carry (libwsclose's wsclose_is_sendable), for
 * lws_close_reason(). WSCLOSE_ERR_INVALID_CODE for a code that may not be sent (0-999, 1004-1006,
 * 1015, 1016-2999, 5000 and above), WSCLOSE_ERR_NULL_ARGUMENT when `status_out` is NULL.
 * The status is the code's number, whether or not lws names it (1012-1014, 3000-4999 have no
 * LWS_CLOSE_STATUS_* name).
 */
static inline wsclose_result wsclose_lws_status_from_code(uint16_t code,
                                                          enum lws_close_status *status_out) {
    if (status_out == NULL) return WSCLOSE_ERR_NULL_ARGUMENT;
    if (!wsclose_is_sendable(code)) return WSCLOSE_ERR_INVALID_CODE;
    *status_out = (enum lws_close_status)code;
    return WSCLOSE_OK;
}

/*
 * Sets the Close that lws sends when the connection closes (lws_close_reason()), after libwsclose
 * has built the payload from `code` and `len` bytes of UTF-8 `reason` (wsclose_encode_close_payload:
 * WSCLOSE_ERR_REASON_TOO_LONG over 123 bytes, WSCLOSE_ERR_INVALID_CODE for a code that may not be
 * sent, WSCLOSE_ERR_INVALID_UTF8). `reason` may be NULL when `len` is 0. On error lws_close_reason
 * is not called. Then return -1 from the callback: lws sends this Close and waits for the peer's.
 */
static inline wsclose_result wsclose_lws_close_reason(struct lws *wsi, uint16_t code,
                                                      const char *reason, size_t len) {
    uint8_t payload[WSCLOSE_MAX_CLOSE_PAYLOAD];
    size_t payload_len = 0;
    enum lws_close_status status;
    wsclose_result r;
    if (wsi == NULL) return WSCLOSE_ERR_NULL_ARGUMENT;
    r = wsclose_encode_close_payload(code, (const uint8_t *)reason, len, payload, sizeof payload,
                                     &payload_len);
    if (r != WSCLOSE_OK) return r;
    r = wsclose_lws_status_from_code(code, &status);
    if (r != WSCLOSE_OK) return r;
    /* the payload is the big-endian code, then the reason: lws writes the code itself */
    lws_close_reason(wsi, status, payload + 2, payload_len - 2);
    return WSCLOSE_OK;
}

/* A peer's Close as LWS_CALLBACK_WS_PEER_INITIATED_CLOSE gives it (wsclose_lws_parse_peer_close). */
struct wsclose_lws_peer_close {
    /* WSCLOSE_OK, a payload error (WSCLOSE_ERR_ONE_BYTE, WSCLOSE_ERR_TOO_LONG,
     * WSCLOSE_ERR_INVALID_CODE, WSCLOSE_ERR_INVALID_UTF8), or WSCLOSE_ERR_NULL_ARGUMENT for a NULL
     * `in` with a non-zero `len` */
    wsclose_result result;
    /* the peer's code: 1005 for an empty payload; after a payload error the code the payload
     * carried (0 when there was none) */
    uint16_t code;
    /* the reason, pointing into the callback's `in` (not NUL-terminated, UTF-8); NULL after an
     * error */
    const char *reason;
    size_t reason_len;
    /* the code to answer with: the peer's code (a Close is echoed), or after a payload error the
     * code libwsclose gives for it (1002, or 1007 for a reason that is not UTF-8). 0 with
     * WSCLOSE_OK: answer with an empty Close (the peer's was empty); 0 with an error: no answer
     * (not a payload error) */
    uint16_t reply;
};

/*
 * Parses the Close payload of LWS_CALLBACK_WS_PEER_INITIATED_CLOSE (`in`, `len`) with
 * wsclose_parse_close_payload, fills `*out` and returns `out->result`.
 * WSCLOSE_ERR_NULL_ARGUMENT without writing when `out` is NULL.
 */
static inline wsclose_result wsclose_lws_parse_peer_close(const void *in, size_t len,
                                                          struct wsclose_lws_peer_close *out) {
    const uint8_t *reason = NULL;
    size_t reason_len = 0;
    uint16_t code = 0;
    wsclose_result r = WSCLOSE_ERR_NULL_ARGUMENT;
    if (out == NULL) return WSCLOSE_ERR_NULL_ARGUMENT;
    if (in != NULL || len == 0)
        r = wsclose_parse_close_payload((const uint8_t *)in, len, &code, &reason, &reason_len);
    out->result = r;
    out->code = code;
    out->reason = r == WSCLOSE_OK ? (const char *)reason : NULL;
    out->reason_len = r == WSCLOSE_OK ? reason_len : 0;
    if (r != WSCLOSE_OK) out->reply = wsclose_result_close_code(r);
    else out->reply = len == 0 ? 0 : code;
    return r;
}

#ifdef __cplusplus
}
#endif

#endif /* WSCLOSE_LWS_H */
