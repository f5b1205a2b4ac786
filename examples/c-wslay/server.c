/*
 * wsclose-echo: a WebSocket echo server on wslay whose every Close decision comes from
 * libwsclose. See README.md beside this file for how the two are wired together.
 *
 * wslay is used at its frame layer (wslay_frame_*): it parses and serializes frames (header,
 * lengths, masking) and reports framing errors. The message layer above it is ours, because
 * wslay's event layer (wslay_event_*) validates and answers Close frames by itself (its own table
 * of valid codes, which rejects 1012-1014, and an automatic echo queued before the application
 * sees the frame). Here:
 *   - a received Close payload is checked with wsclose_parse_close_payload; on error the reply
 *     code is wsclose_result_close_code(result) and the TCP connection is closed after it;
 *     otherwise the peer's code is echoed (an empty payload gets an empty Close);
 *   - every Close payload we send is built by wsclose_encode_close_payload;
 *   - framing errors (reported by wslay or found here) close with WSCLOSE_PROTOCOL_ERROR, an
 *     invalid UTF-8 text message with WSCLOSE_INVALID_PAYLOAD_DATA, an oversized message with
 *     WSCLOSE_MESSAGE_TOO_BIG. Message UTF-8 is not wsclose's business (it only knows Close
 *     frames), so text messages are checked by the small validator utf8_feed below.
 *
 * Single-threaded, poll(2), loopback only. Exits on SIGTERM or SIGINT.
 * Usage: wsclose-echo [-p PORT] [-q]      (PORT 0 picks a free port; default 9001)
 * Prints "listening on 127.0.0.1:PORT" on stdout once it accepts connections.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <wslay/wslay.h>
#include <wsclose.h>

#define MAX_CONNS 64
#define MAX_HANDSHAKE 8192
#define MAX_MESSAGE (64u * 1024u * 1024u) /* larger messages close with 1009 */
#define OUT_HIGH_WATER (4u * 1024u * 1024u) /* stop reading while this much is unsent */
#define LINGER_MS 2000                     /* wait for the peer's FIN after ours */

enum conn_state {
    ST_HANDSHAKE, /* reading the HTTP upgrade request */
    ST_OPEN,      /* WebSocket frames flow */
    ST_CLOSING,   /* our last bytes (a Close or an HTTP error) are being flushed */
    ST_LINGER     /* FIN sent: discard input until the peer's FIN or a timeout */
};

/* Incremental UTF-8 check for text messages (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
struct utf8 {
    uint8_t need, lo, hi;
};

struct conn {
    int fd;
    unsigned id;
    enum conn_state state;
    wslay_frame_context_ptr frame;
    /* input: the handshake buffer; bytes after the request are replayed to wslay first */
    char hs[MAX_HANDSHAKE + 1];
    size_t hs_len, pending_off, pending_len;
    int eof;
    /* output, appended by wslay's send callback and flushed on POLLOUT */
    uint8_t *out;
    size_t out_len, out_off, out_cap;
    /* the frame being received */
    int in_frame, f_fin;
    uint8_t f_opcode;
    uint64_t f_len, f_off;
    /* the data message being assembled */
    int msg_open;
    uint8_t msg_opcode;
    uint8_t *msg;
    size_t msg_len, msg_cap;
    struct utf8 utf8;
    /* a control frame's payload (at most 125 bytes: wslay rejects longer ones) */
    uint8_t ctl[WSCLOSE_MAX_CLOSE_PAYLOAD];
    size_t ctl_len;
    long long linger_deadline;
    int paused; /* reading stopped while too much output is unsent */
};

static volatile sig_atomic_t stop_requested;
static int quiet;
static unsigned next_id = 1;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static void logf_(const struct conn *c, const char *fmt, ...) {
    va_list ap;
    if (quiet) return;
    fprintf(stderr, "wsclose-echo: conn %u: ", c->id);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- UTF-8 (messages only; Close reasons are checked by wsclose) ---- */

static int utf8_feed(struct utf8 *u, const uint8_t *p, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t b = p[i];
        if (u->need) {
            if (b < u->lo || b > u->hi) return -1;
            u->need--;
            u->lo = 0x80;
            u->hi = 0xBF;
            continue;
        }
        u->lo = 0x80;
        u->hi = 0xBF;
        if (b < 0x80) continue;
        if (b >= 0xC2 && b <= 0xDF) {
            u->need = 1;
        } else if (b == 0xE0) {
            u->need = 2;
            u->lo = 0xA0;
        } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
            u->need = 2;
        } else if (b == 0xED) {
            u->need = 2;
            u->hi = 0x9F;
        } else if (b == 0xF0) {
            u->need = 3;
            u->lo = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
            u->need = 3;
        } else if (b == 0xF4) {
            u->need = 3;
            u->hi = 0x8F;
        } else {
            return -1;
        }
    }
    return 0;
}

/* ---- SHA-1 and base64 for Sec-WebSocket-Accept ---- */

static uint32_t rol(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

static void sha1(const uint8_t *data, size_t len, uint8_t digest[20]) {
    uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    uint64_t bits = (uint64_t)len * 8;
    size_t total = ((len + 8) / 64 + 1) * 64, off, i;
    for (off = 0; off < total; off += 64) {
        uint8_t block[64];
        uint32_t w[80], a, b, c, d, e;
        for (i = 0; i < 64; i++) {
            size_t k = off + i;
            if (k < len) block[i] = data[k];
            else if (k == len) block[i] = 0x80;
            else if (k >= total - 8) block[i] = (uint8_t)(bits >> (8 * (total - 1 - k)));
            else block[i] = 0;
        }
        for (i = 0; i < 16; i++)
            w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
                   (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
        for (i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (i = 0; i < 80; i++) {
            uint32_t f, k, t;
            if (i < 20) f = (b & c) | (~b & d), k = 0x5A827999u;
            else if (i < 40) f = b ^ c ^ d, k = 0x6ED9EBA1u;
            else if (i < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDCu;
            else f = b ^ c ^ d, k = 0xCA62C1D6u;
            t = rol(a, 5) + f + e + k + w[i];
            e = d, d = c, c = rol(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    for (i = 0; i < 20; i++) digest[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static void base64(const uint8_t *in, size_t n, char *out) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, o = 0;
    for (i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        out[o++] = tbl[(v >> 18) & 63];
        out[o++] = tbl[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tbl[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    out[o] = '\0';
}

/* ---- output buffer and wslay callbacks ---- */

static int out_append(struct conn *c, const void *data, size_t len) {
    if (c->out_off == c->out_len) c->out_off = c->out_len = 0;
    if (c->out_len + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 4096;
        uint8_t *p;
        while (cap < c->out_len + len) cap *= 2;
        p = realloc(c->out, cap);
        if (!p) return -1;
        c->out = p;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, len);
    c->out_len += len;
    return 0;
}

static ssize_t send_cb(const uint8_t *data, size_t len, int flags, void *user_data) {
    struct conn *c = user_data;
    (void)flags;
    return out_append(c, data, len) == 0 ? (ssize_t)len : -1;
}

static ssize_t recv_cb(uint8_t *buf, size_t len, int flags, void *user_data) {
    struct conn *c = user_data;
    ssize_t n;
    (void)flags;
    if (c->pending_len) { /* bytes that arrived together with the handshake */
        size_t k = c->pending_len < len ? c->pending_len : len;
        memcpy(buf, c->hs + c->pending_off, k);
        c->pending_off += k;
        c->pending_len -= k;
        return (ssize_t)k;
    }
    n = recv(c->fd, buf, len, 0);
    if (n > 0) return n;
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) c->eof = 1;
    return -1; /* wslay_frame_recv turns this into WSLAY_ERR_WANT_READ */
}

static int genmask_cb(uint8_t *buf, size_t len, void *user_data) {
    (void)user_data;
    memset(buf, 0, len); /* a server never masks; wslay only asks when mask = 1 */
    return 0;
}

static const struct wslay_frame_callbacks frame_callbacks = {send_cb, recv_cb, genmask_cb};

static int send_frame(struct conn *c, uint8_t opcode, const uint8_t *data, size_t len) {
    struct wslay_frame_iocb io;
    memset(&io, 0, sizeof io);
    io.fin = 1;
    io.opcode = opcode;
    io.payload_length = len;
    io.data = data;
    io.data_length = len;
    /* send_cb never blocks, so the whole frame goes out in one call */
    return wslay_frame_send(c->frame, &io) == (ssize_t)len ? 0 : -1;
}

/* ---- Close: every payload goes through wsclose ---- */

/* Sends a Close with `code` (0: an empty Close) and moves to ST_CLOSING. */
static void send_close(struct conn *c, uint16_t code) {
    uint8_t payload[WSCLOSE_MAX_CLOSE_PAYLOAD];
    size_t len = 0;
    if (code != 0) {
        wsclose_result r = wsclose_encode_close_payload(code, NULL, 0, payload, sizeof payload, &len);
        if (r != WSCLOSE_OK) {
            /* the code may not be sent (e.g. 1005): say so with what wsclose advises */
            logf_(c, "cannot encode %u: %s", code, wsclose_result_message(r));
            code = wsclose_result_close_code(r) ? wsclose_result_close_code(r) : WSCLOSE_INTERNAL_ERROR;
            if (wsclose_encode_close_payload(code, NULL, 0, payload, sizeof payload, &len) != WSCLOSE_OK)
                len = 0;
        }
    }
    if (send_frame(c, WSLAY_CONNECTION_CLOSE, payload, len) != 0) logf_(c, "could not queue Close");
    c->state = ST_CLOSING;
}

/* Fails the connection (RFC 6455 section 7.1.7) with a standard code. */
static void fail(struct conn *c, uint16_t code, const char *why) {
    logf_(c, "failing with %u %s: %s", code, wsclose_name(code) ? wsclose_name(code) : "", why);
    send_close(c, code);
}

/* A complete Close frame from the peer. */
static void on_close_frame(struct conn *c) {
    uint16_t code = 0;
    const uint8_t *reason = NULL;
    size_t reason_len = 0;
    wsclose_result r = wsclose_parse_close_payload(c->ctl, c->ctl_len, &code, &reason, &reason_len);
    if (r != WSCLOSE_OK) {
        uint16_t reply = wsclose_result_close_code(r);
        logf_(c, "peer Close rejected (%s, %zu bytes): replying %u", wsclose_result_message(r),
              c->ctl_len, reply);
        send_close(c, reply ? reply : WSCLOSE_INTERNAL_ERROR);
    } else if (c->ctl_len == 0) {
        logf_(c, "peer Close without a code: replying with an empty Close");
        send_close(c, 0);
    } else {
        struct wsclose_code_info info;
        if (wsclose_info(code, &info) == WSCLOSE_OK)
            logf_(c, "peer Close %u (%s, %s, reconnect: %s, reason %zu bytes): echoing it", code,
                  info.name ? info.name : "unnamed", wsclose_category_label(info.category),
                  wsclose_reconnect_label(info.reconnect), reason_len);
        send_close(c, code);
    }
}

/* ---- message layer ---- */

static int msg_append(struct conn *c, const uint8_t *p, size_t n) {
    if (c->msg_len + n > c->msg_cap) {
        size_t cap = c->msg_cap ? c->msg_cap : 4096;
        uint8_t *q;
        while (cap < c->msg_len + n) cap *= 2;
        q = realloc(c->msg, cap);
        if (!q) return -1;
        c->msg = q;
        c->msg_cap = cap;
    }
    if (n) memcpy(c->msg + c->msg_len, p, n);
    c->msg_len += n;
    return 0;
}

/* One chunk from wslay_frame_recv. Returns 0 to go on reading, -1 when the connection closes. */
static int on_chunk(struct conn *c, const struct wslay_frame_iocb *io) {
    if (!c->in_frame) { /* a new frame starts */
        c->in_frame = 1;
        c->f_fin = io->fin;
        c->f_opcode = io->opcode;
        c->f_len = io->payload_length;
        c->f_off = 0;
        if (io->rsv) return fail(c, WSCLOSE_PROTOCOL_ERROR, "reserved bits set"), -1;
        if (!io->mask) return fail(c, WSCLOSE_PROTOCOL_ERROR, "unmasked client frame"), -1;
        switch (io->opcode) {
        case WSLAY_CONTINUATION_FRAME:
            if (!c->msg_open) return fail(c, WSCLOSE_PROTOCOL_ERROR, "continuation without a message"), -1;
            break;
        case WSLAY_TEXT_FRAME:
        case WSLAY_BINARY_FRAME:
            if (c->msg_open) return fail(c, WSCLOSE_PROTOCOL_ERROR, "new message inside a fragmented one"), -1;
            c->msg_open = 1;
            c->msg_opcode = io->opcode;
            c->msg_len = 0;
            memset(&c->utf8, 0, sizeof c->utf8);
            break;
        case WSLAY_CONNECTION_CLOSE:
        case WSLAY_PING:
        case WSLAY_PONG: /* wslay has checked FIN = 1 and length <= 125 */
            c->ctl_len = 0;
            break;
        default:
            return fail(c, WSCLOSE_PROTOCOL_ERROR, "reserved opcode"), -1;
        }
        if (io->opcode < 8 && c->f_len > MAX_MESSAGE - c->msg_len)
            return fail(c, WSCLOSE_MESSAGE_TOO_BIG, "message too big"), -1;
    }
    if (c->f_opcode >= 8) {
        memcpy(c->ctl + c->ctl_len, io->data, io->data_length);
        c->ctl_len += io->data_length;
    } else {
        if (c->msg_opcode == WSLAY_TEXT_FRAME && utf8_feed(&c->utf8, io->data, io->data_length) != 0)
            return fail(c, WSCLOSE_INVALID_PAYLOAD_DATA, "text message is not UTF-8"), -1;
        if (msg_append(c, io->data, io->data_length) != 0)
            return fail(c, WSCLOSE_INTERNAL_ERROR, "out of memory"), -1;
    }
    c->f_off += io->data_length;
    if (c->f_off < c->f_len) return 0;

    c->in_frame = 0; /* the frame is complete */
    switch (c->f_opcode) {
    case WSLAY_CONNECTION_CLOSE:
        on_close_frame(c);
        return -1;
    case WSLAY_PING:
        send_frame(c, WSLAY_PONG, c->ctl, c->ctl_len);
        return 0;
    case WSLAY_PONG:
        return 0;
    default:
        if (!c->f_fin) return 0;
        if (c->msg_opcode == WSLAY_TEXT_FRAME && c->utf8.need)
            return fail(c, WSCLOSE_INVALID_PAYLOAD_DATA, "text message ends inside a character"), -1;
        c->msg_open = 0;
        return send_frame(c, c->msg_opcode, c->msg, c->msg_len) == 0 ? 0 : -1;
    }
}

static void on_readable_ws(struct conn *c) {
    for (;;) {
        struct wslay_frame_iocb io;
        ssize_t r;
        memset(&io, 0, sizeof io);
        r = wslay_frame_recv(c->frame, &io);
        if (r == WSLAY_ERR_WANT_READ) {
            if (c->eof) {
                logf_(c, "TCP closed without a Close frame");
                c->state = ST_LINGER;
                c->linger_deadline = 0; /* drop now */
            }
            return;
        }
        if (r < 0) { /* WSLAY_ERR_PROTO: bad length encoding, or a long/fragmented control frame */
            fail(c, WSCLOSE_PROTOCOL_ERROR, "framing error reported by wslay");
            return;
        }
        if (on_chunk(c, &io) != 0) return;
        if (c->out_len - c->out_off > OUT_HIGH_WATER) { /* let the peer read first */
            c->paused = 1;
            return;
        }
    }
}

/* ---- HTTP upgrade ---- */

static const char *header_value(char *req, const char *name, size_t *len) {
    size_t nl = strlen(name);
    char *line = strstr(req, "\r\n");
    while (line && line[2] != '\r') {
        char *p = line + 2, *end;
        line = strstr(p, "\r\n");
        if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            p += nl + 1;
            while (*p == ' ' || *p == '\t') p++;
            end = line;
            while (end > p && (end[-1] == ' ' || end[-1] == '\t')) end--;
            *len = (size_t)(end - p);
            return p;
        }
    }
    return NULL;
}

static void on_readable_handshake(struct conn *c) {
    static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static const char bad[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    char *end, keybuf[128 + sizeof guid], accept[32], resp[256];
    uint8_t digest[20];
    const char *key;
    size_t key_len = 0;
    ssize_t n = recv(c->fd, c->hs + c->hs_len, MAX_HANDSHAKE - c->hs_len, 0);
    if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            c->state = ST_LINGER;
            c->linger_deadline = 0;
        }
        return;
    }
    c->hs_len += (size_t)n;
    c->hs[c->hs_len] = '\0';
    end = strstr(c->hs, "\r\n\r\n");
    if (!end) {
        if (c->hs_len == MAX_HANDSHAKE) goto reject;
        return;
    }
    c->pending_off = (size_t)(end + 4 - c->hs);
    c->pending_len = c->hs_len - c->pending_off;
    end[2] = '\0'; /* keep the last header's CRLF for header_value */
    end[3] = '\0';
    if (strncmp(c->hs, "GET ", 4) != 0) goto reject;
    key = header_value(c->hs, "Sec-WebSocket-Key", &key_len);
    if (!key || key_len == 0 || key_len > 128) goto reject;
    memcpy(keybuf, key, key_len);
    memcpy(keybuf + key_len, guid, sizeof guid - 1);
    sha1((const uint8_t *)keybuf, key_len + sizeof guid - 1, digest);
    base64(digest, sizeof digest, accept);
    n = snprintf(resp, sizeof resp,
                 "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
                 accept);
    if (out_append(c, resp, (size_t)n) != 0 || wslay_frame_context_init(&c->frame, &frame_callbacks, c) != 0) {
        c->state = ST_LINGER;
        c->linger_deadline = 0;
        return;
    }
    c->state = ST_OPEN;
    if (c->pending_len) on_readable_ws(c);
    return;
reject:
    logf_(c, "not a WebSocket upgrade: 400");
    out_append(c, bad, sizeof bad - 1);
    c->state = ST_CLOSING;
}

/* ---- connections and the loop ---- */

static void conn_free(struct conn *c) {
    close(c->fd);
    if (c->frame) wslay_frame_context_free(c->frame);
    free(c->out);
    free(c->msg);
    free(c);
}

/* Writes what is buffered; after the last bytes of a closing connection, sends our FIN. */
static void flush_out(struct conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
            c->state = ST_LINGER;
            c->linger_deadline = 0;
            return;
        }
        c->out_off += (size_t)n;
    }
    if (c->state == ST_CLOSING) {
        /* RFC 6455 7.1.1: the server closes the TCP connection first */
        shutdown(c->fd, SHUT_WR);
        c->state = ST_LINGER;
        c->linger_deadline = now_ms() + LINGER_MS;
    }
}

static int listen_on(unsigned port, unsigned *bound) {
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &alen) != 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    *bound = ntohs(addr.sin_port);
    return fd;
}

int main(int argc, char **argv) {
    struct conn *conns[MAX_CONNS];
    struct pollfd pfds[MAX_CONNS + 1];
    size_t nconns = 0, i;
    unsigned port = 9001, bound = 0;
    struct sigaction sa;
    int lfd, opt;

    while ((opt = getopt(argc, argv, "p:q")) != -1) {
        if (opt == 'p') port = (unsigned)strtoul(optarg, NULL, 10);
        else if (opt == 'q') quiet = 1;
        else {
            fprintf(stderr, "usage: %s [-p PORT] [-q]\n", argv[0]);
            return 2;
        }
    }
    if (strcmp(wsclose_version(), WSCLOSE_VERSION) != 0)
        fprintf(stderr, "wsclose-echo: header %s, library %s\n", WSCLOSE_VERSION, wsclose_version());

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    lfd = listen_on(port, &bound);
    if (lfd < 0) {
        perror("wsclose-echo: listen on 127.0.0.1");
        return 1;
    }
    printf("listening on 127.0.0.1:%u (wslay %s, wsclose %s)\n", bound, WSLAY_VERSION, wsclose_version());
    fflush(stdout);

    while (!stop_requested) {
        long long now = now_ms();
        int timeout = 250;
        /* drop lingering connections whose time is up */
        for (i = 0; i < nconns;) {
            if (conns[i]->state == ST_LINGER && conns[i]->linger_deadline <= now) {
                conn_free(conns[i]);
                conns[i] = conns[--nconns];
            } else {
                i++;
            }
        }
        pfds[0].fd = lfd;
        pfds[0].events = nconns < MAX_CONNS ? POLLIN : 0;
        for (i = 0; i < nconns; i++) {
            struct conn *c = conns[i];
            short ev = 0;
            if (c->out_off < c->out_len) ev |= POLLOUT;
            if (c->state == ST_LINGER || ((c->state == ST_OPEN || c->state == ST_HANDSHAKE) &&
                                          c->out_len - c->out_off <= OUT_HIGH_WATER))
                ev |= POLLIN;
            pfds[i + 1].fd = c->fd;
            pfds[i + 1].events = ev;
            pfds[i + 1].revents = 0;
        }
        if (poll(pfds, nconns + 1, timeout) < 0) {
            if (errno == EINTR) continue;
            perror("wsclose-echo: poll");
            break;
        }
        for (i = nconns; i-- > 0;) { /* backwards: new connections are appended below */
            struct conn *c = conns[i];
            short re = pfds[i + 1].revents;
            if (re & (POLLIN | POLLHUP | POLLERR)) {
                if (c->state == ST_HANDSHAKE) on_readable_handshake(c);
                else if (c->state == ST_OPEN) on_readable_ws(c);
                else if (c->state == ST_LINGER) {
                    uint8_t sink[4096];
                    ssize_t n = recv(c->fd, sink, sizeof sink, 0);
                    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                        c->linger_deadline = 0;
                }
            }
            if (c->state != ST_LINGER || c->out_off < c->out_len) flush_out(c);
            /* wslay may hold frames already read from the socket: resume once drained */
            if (c->paused && c->state == ST_OPEN && c->out_len - c->out_off <= OUT_HIGH_WATER) {
                c->paused = 0;
                on_readable_ws(c);
            }
        }
        if (pfds[0].revents & POLLIN) {
            int fd = accept(lfd, NULL, NULL);
            if (fd >= 0) {
                struct conn *c = calloc(1, sizeof *c);
                int one = 1;
                if (!c) {
                    close(fd);
                    continue;
                }
                fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                c->fd = fd;
                c->id = next_id++;
                c->state = ST_HANDSHAKE;
                conns[nconns++] = c;
            }
        }
    }
    for (i = 0; i < nconns; i++) conn_free(conns[i]);
    close(lfd);
    if (!quiet) fprintf(stderr, "wsclose-echo: stopped\n");
    return 0;
}
