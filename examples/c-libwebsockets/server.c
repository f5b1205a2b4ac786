/*
 * wsclose-lws-echo: a WebSocket echo server on libwebsockets whose Close decisions come from
 * libwsclose, through the interop header <wsclose/lws.h>. See README.md beside this file.
 *
 * lws does the HTTP upgrade, the framing and the mechanics of the closing handshake; wsclose
 * decides:
 *   - a peer's Close (LWS_CALLBACK_WS_PEER_INITIATED_CLOSE) is parsed by wsclose
 *     (wsclose_lws_parse_peer_close); a valid code is echoed, an invalid payload is answered with
 *     the code wsclose gives (1002, or 1007 for a reason that is not UTF-8), an empty one with an
 *     empty Close. Every Close payload the server sets is built by wsclose
 *     (wsclose_lws_close_reason);
 *   - the server's own closes: a text message that is not UTF-8 (WSCLOSE_INVALID_PAYLOAD_DATA),
 *     a message over 64 MiB (WSCLOSE_MESSAGE_TOO_BIG).
 * lws decides two things before the callback (README.md): it rewrites the codes it rejects to
 * 1002 in the payload it hands over, and it fails a control frame over 125 bytes without a Close
 * (the server logs a connection that closes before any Close reached it).
 *
 * Usage: wsclose-lws-echo [-p PORT] [-q] [-n]
 *   -p PORT  port on 127.0.0.1 (0: a free one; default 9001)
 *   -q       no log on stderr (lws's own log included)
 *   -n       no wsclose: lws alone answers every Close (the callback returns 0, and
 *            LWS_SERVER_OPTION_VALIDATE_UTF8 is on), to measure lws's own behaviour
 *            (docs/peers.md); not for use
 * Prints "listening on 127.0.0.1:PORT (libwebsockets VERSION, wsclose VERSION)" first; exits 0 on
 * SIGTERM or SIGINT.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libwebsockets.h>
#include <wsclose.h>
#include <wsclose/lws.h>

#define MAX_MESSAGE (64u * 1024u * 1024u)   /* larger messages close with 1009 */
#define QUEUE_HIGH_WATER (4u * 1024u * 1024u) /* stop reading while this much waits for echo */

/* A message waiting to be echoed: `data` has LWS_PRE bytes of room before the message, as
 * lws_write wants. */
struct msg {
    struct msg *next;
    unsigned char *data;
    size_t len;
    int binary;
};

struct session {
    unsigned id;
    struct msg *head, *tail; /* the echo queue */
    size_t queued;           /* bytes in it */
    unsigned char *in;       /* the message being received, LWS_PRE bytes of room first */
    size_t in_len, in_cap;
    int in_binary;
    int paused;      /* reading stopped (lws_rx_flow_control) while the queue is full */
    int closing;     /* our own Close is set (close_with): write nothing more */
    int peer_closed; /* the peer's Close reached the callback */
    int replied;     /* our reply to it is set: close TCP at the next writeable */
};

static volatile sig_atomic_t stop_requested;
static struct lws_context *volatile context; /* read by the signal handler */
static int quiet, no_wsclose;
static unsigned next_id = 1;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
    if (context) lws_cancel_service(context); /* wakes lws_service: writes to lws's event pipe */
}

static void logf_(const struct session *s, const char *fmt, ...) {
    va_list ap;
    if (quiet) return;
    fprintf(stderr, "wsclose-lws-echo: conn %u: ", s ? s->id : 0);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Message UTF-8 (RFC 3629) over a whole text message: wsclose only knows Close frames, and lws
 * 4.1 has no public validator (LWS_SERVER_OPTION_VALIDATE_UTF8 would also judge Close reasons
 * before the callback, where wsclose is to decide). Decodes each sequence and checks its value:
 * no overlong form, no surrogate, nothing above U+10FFFF. */
static int is_utf8(const unsigned char *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i], extra, k;
        uint32_t v;
        static const uint32_t min_value[4] = {0, 0x80, 0x800, 0x10000};
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) extra = 1, v = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) extra = 2, v = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) extra = 3, v = c & 0x07;
        else return 0;
        if (n - i <= extra) return 0;
        for (k = 1; k <= extra; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return 0;
            v = v << 6 | (p[i + k] & 0x3F);
        }
        if (v < min_value[extra] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
        i += extra + 1;
    }
    return 1;
}

/* Closes the connection with `code` (a reason-less Close built by wsclose): the caller returns -1
 * from the callback, and lws sends the Close and waits for the peer's. */
static int close_with(struct lws *wsi, struct session *s, uint16_t code, const char *why) {
    wsclose_result r = wsclose_lws_close_reason(wsi, code, NULL, 0);
    logf_(s, "closing with %u %s: %s", code, wsclose_name(code) ? wsclose_name(code) : "", why);
    if (r != WSCLOSE_OK) logf_(s, "wsclose refused %u: %s", code, wsclose_result_message(r));
    s->closing = 1;
    return -1;
}

/* A peer's Close (LWS_CALLBACK_WS_PEER_INITIATED_CLOSE). lws hands the payload over after its own
 * code check (see README.md), then either echoes that payload itself (return 0) or, on a nonzero
 * return, sends the Close set by lws_close_reason() and waits 5 s for a second Close from a peer
 * that has already sent its own. So:
 *   - an empty Close: return 0, lws echoes the empty payload (wsclose's answer: an empty Close);
 *   - otherwise the reply code wsclose gives (the peer's code, or 1002/1007 after an error), in a
 *     payload wsclose builds (wsclose_lws_close_reason), and return -1; lws sends it at the next
 *     POLLOUT, and the following LWS_CALLBACK_SERVER_WRITEABLE (on_writeable) closes the TCP
 *     connection instead of waiting for the peer. */
static int on_peer_close(struct lws *wsi, struct session *s, void *in, size_t len) {
    struct wsclose_lws_peer_close pc;
    wsclose_result r;
    s->peer_closed = 1;
    if (no_wsclose) {
        logf_(s, "peer Close (%zu bytes): lws answers it", len);
        return 0;
    }
    r = wsclose_lws_parse_peer_close(in, len, &pc);
    if (r != WSCLOSE_OK && pc.reply == 0) { /* not a payload error (lws gave no buffer) */
        logf_(s, "cannot parse the Close: %s", wsclose_result_message(r));
        return -1;
    }
    /* lws has already judged the code (README.md): what it passed on, wsclose judges again, and a
     * disagreement is logged; a code lws rejected arrives as 1002 and cannot be told apart */
    if (r != WSCLOSE_OK)
        logf_(s, "peer Close rejected by wsclose, though lws passed it on (%s, %zu bytes): replying %u",
              wsclose_result_message(r), len, pc.reply);
    else if (pc.reply == 0)
        logf_(s, "peer Close without a code: replying with an empty Close");
    else
        logf_(s, "peer Close %u (%s, reason %zu bytes%s): echoing it", pc.code,
              wsclose_name(pc.code) ? wsclose_name(pc.code) : "unnamed", pc.reason_len,
              pc.code == WSCLOSE_PROTOCOL_ERROR ? "; or a code lws rewrote to 1002" : "");
    if (pc.reply == 0) return 0;
    r = wsclose_lws_close_reason(wsi, pc.reply, NULL, 0);
    if (r != WSCLOSE_OK) logf_(s, "wsclose refused the reply %u: %s", pc.reply, wsclose_result_message(r));
    s->replied = 1;
    lws_callback_on_writable(wsi);
    return -1;
}

static void free_session(struct session *s) {
    while (s->head) {
        struct msg *m = s->head;
        s->head = m->next;
        free(m->data);
        free(m);
    }
    s->tail = NULL;
    free(s->in);
    s->in = NULL;
}

/* One fragment of a data message; the whole message is queued for echo at its final fragment. */
static int on_receive(struct lws *wsi, struct session *s, const void *in, size_t len) {
    struct msg *m;
    if (lws_is_first_fragment(wsi)) {
        s->in_len = 0;
        s->in_binary = lws_frame_is_binary(wsi);
    }
    if (len > MAX_MESSAGE - s->in_len) return close_with(wsi, s, WSCLOSE_MESSAGE_TOO_BIG, "message too big");
    if (LWS_PRE + s->in_len + len > s->in_cap) {
        size_t cap = s->in_cap ? s->in_cap : 4096;
        unsigned char *p;
        while (cap < LWS_PRE + s->in_len + len) cap *= 2;
        p = realloc(s->in, cap);
        if (!p) return close_with(wsi, s, WSCLOSE_INTERNAL_ERROR, "out of memory");
        s->in = p;
        s->in_cap = cap;
    }
    if (len) memcpy(s->in + LWS_PRE + s->in_len, in, len);
    s->in_len += len;
    if (!lws_is_final_fragment(wsi)) return 0;

    if (!s->in_binary && !no_wsclose && !is_utf8(s->in + LWS_PRE, s->in_len))
        return close_with(wsi, s, WSCLOSE_INVALID_PAYLOAD_DATA, "text message is not UTF-8");
    m = malloc(sizeof *m);
    if (!m) return close_with(wsi, s, WSCLOSE_INTERNAL_ERROR, "out of memory");
    m->next = NULL;
    m->data = s->in; /* the queue takes the buffer */
    m->len = s->in_len;
    m->binary = s->in_binary;
    s->in = NULL;
    s->in_len = s->in_cap = 0;
    if (s->tail) s->tail->next = m;
    else s->head = m;
    s->tail = m;
    s->queued += m->len;
    if (s->queued > QUEUE_HIGH_WATER && !s->paused) {
        s->paused = 1;
        lws_rx_flow_control(wsi, 0);
    }
    lws_callback_on_writable(wsi);
    return 0;
}

/* Writes the next queued message. After our reply to a peer's Close (on_peer_close) this is the
 * POLLOUT after lws sent it: close the connection (lws shuts the socket down, the server closing
 * TCP first) rather than wait for a second Close. */
static int on_writeable(struct lws *wsi, struct session *s) {
    struct msg *m = s->head;
    if (s->replied) return -1;
    if (s->closing || s->peer_closed || !m) return 0;
    if (lws_write(wsi, m->data + LWS_PRE, m->len, m->binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT) < (int)m->len) {
        logf_(s, "write failed");
        return -1;
    }
    s->head = m->next;
    if (!s->head) s->tail = NULL;
    s->queued -= m->len;
    free(m->data);
    free(m);
    if (s->paused && s->queued <= QUEUE_HIGH_WATER) {
        s->paused = 0;
        lws_rx_flow_control(wsi, 1);
    }
    if (s->head) lws_callback_on_writable(wsi);
    return 0;
}

static int callback_echo(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                         size_t len) {
    struct session *s = user;
    switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
        memset(s, 0, sizeof *s);
        s->id = next_id++;
        return 0;
    case LWS_CALLBACK_RECEIVE:
        return on_receive(wsi, s, in, len);
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return on_writeable(wsi, s);
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        return on_peer_close(wsi, s, in, len);
    case LWS_CALLBACK_CLOSED:
        /* lws fails some connections before any callback sees the frame (a control frame over
         * 125 bytes: lws_ws_rx_sm's illegal_ctl_length), with no Close sent */
        if (!s->peer_closed) logf_(s, "closed without a Close from the peer reaching the server");
        free_session(s);
        return 0;
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols protocols[] = {
    {"wsclose-echo", callback_echo, sizeof(struct session), 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0}};

int main(int argc, char **argv) {
    struct lws_context_creation_info info;
    struct sigaction sa;
    int port = 9001, opt, rc = 0;

    while ((opt = getopt(argc, argv, "p:qn")) != -1) {
        if (opt == 'p') port = atoi(optarg);
        else if (opt == 'q') quiet = 1;
        else if (opt == 'n') no_wsclose = 1;
        else {
            fprintf(stderr, "usage: %s [-p PORT] [-q] [-n]\n", argv[0]);
            return 2;
        }
    }
    if (strcmp(wsclose_version(), WSCLOSE_VERSION) != 0)
        fprintf(stderr, "wsclose-lws-echo: header %s, library %s\n", WSCLOSE_VERSION, wsclose_version());
    /* lws's own log: errors and warnings on stderr (its default emitter), nothing with -q */
    lws_set_log_level(quiet ? 0 : LLL_ERR | LLL_WARN, NULL);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    memset(&info, 0, sizeof info);
    info.port = port;
    info.iface = "127.0.0.1";
    info.protocols = protocols;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
    if (no_wsclose) info.options |= LWS_SERVER_OPTION_VALIDATE_UTF8;
    context = lws_create_context(&info);
    if (!context) {
        fprintf(stderr, "wsclose-lws-echo: lws_create_context failed\n");
        return 1;
    }
    printf("listening on 127.0.0.1:%d (libwebsockets %s, wsclose %s)\n",
           lws_get_vhost_listen_port(lws_get_vhost_by_name(context, "default")), lws_get_library_version(),
           wsclose_version());
    fflush(stdout);

    while (!stop_requested)
        if (lws_service(context, 0) < 0) {
            rc = 1;
            break;
        }
    {
        struct lws_context *c = context;
        context = NULL; /* the signal handler no longer touches it */
        lws_context_destroy(c);
    }
    if (!quiet) fprintf(stderr, "wsclose-lws-echo: stopped\n");
    return rc;
}
