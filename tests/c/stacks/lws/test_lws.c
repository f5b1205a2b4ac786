/*
 * include/wsclose/lws.h against Debian's libwebsockets 4.1 (make test-stacks-lws).
 *
 *  1. The converters, every one of the 65,536 codes (and out-of-range statuses).
 *  2. wsclose_lws_parse_peer_close on in-memory payloads: each kind of payload and its reply.
 *  3. A real loopback exchange in one process (an lws server and lws clients on one context):
 *     a Close set by wsclose_lws_close_reason arrives at the other side as built, from the client
 *     and from the server; the helper's refusals leave lws's close reason untouched.
 *  4. lws's own rule, measured: a client sends a Close with each code (all 65,536 with "full",
 *     the edges of every range with "sample") and the server's LWS_CALLBACK_WS_PEER_INITIATED_CLOSE
 *     shows whether lws passed it on or rewrote it to 1002. Compared with wsclose_is_sendable, the
 *     codes on which the two disagree must be exactly the expected list below.
 *
 * Usage: test_lws full|sample        Exit status 0 when every check passed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wsclose/lws.h>

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            if (failures <= 30) fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                          \
    } while (0)

/* ---- 1. the converters ---- */

static void test_converters(void) {
    /* the LWS_CLOSE_STATUS_* names that wsclose says may not be on the wire; 1004-1006 and 1015
     * are the RFC's, 0, 2000 and 9999 lws's own (no status, client transaction done, context
     * destroyed) */
    static const enum lws_close_status not_sendable[] = {
        LWS_CLOSE_STATUS_NOSTATUS,        LWS_CLOSE_STATUS_RESERVED,
        LWS_CLOSE_STATUS_NO_STATUS,       LWS_CLOSE_STATUS_ABNORMAL_CLOSE,
        LWS_CLOSE_STATUS_TLS_FAILURE,     LWS_CLOSE_STATUS_CLIENT_TRANSACTION_DONE,
        LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY};
    static const enum lws_close_status sendable[] = {
        LWS_CLOSE_STATUS_NORMAL,          LWS_CLOSE_STATUS_GOINGAWAY,
        LWS_CLOSE_STATUS_PROTOCOL_ERR,    LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE,
        LWS_CLOSE_STATUS_INVALID_PAYLOAD, LWS_CLOSE_STATUS_POLICY_VIOLATION,
        LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, LWS_CLOSE_STATUS_EXTENSION_REQUIRED,
        LWS_CLOSE_STATUS_UNEXPECTED_CONDITION};
    enum lws_close_status st;
    uint16_t code;
    unsigned i, n_sendable = 0;
    long v;

    for (v = 0; v <= 65535; v++) {
        uint16_t c = (uint16_t)v;
        /* code -> status: exactly the codes wsclose lets on the wire, as the same number */
        st = LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY; /* 9999: no code converts to it */
        if (wsclose_is_sendable(c)) {
            n_sendable++;
            CHECK(wsclose_lws_status_from_code(c, &st) == WSCLOSE_OK);
            CHECK((long)st == v);
            /* and back */
            code = 0;
            CHECK(wsclose_lws_code_from_status(st, &code) == WSCLOSE_OK && code == c);
        } else {
            CHECK(wsclose_lws_status_from_code(c, &st) == WSCLOSE_ERR_INVALID_CODE);
            CHECK(st == LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY); /* untouched */
        }
        /* status -> code: every status in range is its own number */
        code = 7;
        CHECK(wsclose_lws_code_from_status((enum lws_close_status)v, &code) == WSCLOSE_OK);
        CHECK(code == c);
    }
    /* the core's sendable codes: 1000-1003, 1007-1014, 3000-4999 */
    CHECK(n_sendable == 4 + 8 + 2000);

    for (i = 0; i < sizeof not_sendable / sizeof not_sendable[0]; i++) {
        CHECK(wsclose_lws_code_from_status(not_sendable[i], &code) == WSCLOSE_OK);
        CHECK(code == (uint16_t)not_sendable[i]);
        CHECK(!wsclose_is_sendable(code));
        CHECK(wsclose_lws_status_from_code(code, &st) == WSCLOSE_ERR_INVALID_CODE);
    }
    for (i = 0; i < sizeof sendable / sizeof sendable[0]; i++) {
        CHECK(wsclose_lws_code_from_status(sendable[i], &code) == WSCLOSE_OK);
        CHECK(wsclose_lws_status_from_code(code, &st) == WSCLOSE_OK && st == sendable[i]);
    }
    /* values cast into the enum from outside 0-65535 */
    code = 7;
    CHECK(wsclose_lws_code_from_status((enum lws_close_status)-1, &code) == WSCLOSE_ERR_INVALID_ARGUMENT);
    CHECK(wsclose_lws_code_from_status((enum lws_close_status)65536, &code) == WSCLOSE_ERR_INVALID_ARGUMENT);
    CHECK(code == 7);
    CHECK(wsclose_lws_code_from_status(LWS_CLOSE_STATUS_NORMAL, NULL) == WSCLOSE_ERR_NULL_ARGUMENT);
    CHECK(wsclose_lws_status_from_code(1000, NULL) == WSCLOSE_ERR_NULL_ARGUMENT);
}

/* ---- 2. the peer Close parser ---- */

static void test_parse(void) {
    struct wsclose_lws_peer_close pc;
    unsigned char p[130];

    CHECK(wsclose_lws_parse_peer_close(NULL, 0, &pc) == WSCLOSE_OK);
    CHECK(pc.result == WSCLOSE_OK && pc.code == 1005 && pc.reply == 0);
    CHECK(pc.reason != NULL && pc.reason_len == 0);

    p[0] = 'a';
    CHECK(wsclose_lws_parse_peer_close(p, 1, &pc) == WSCLOSE_ERR_ONE_BYTE);
    CHECK(pc.code == 0 && pc.reply == 1002 && pc.reason == NULL && pc.reason_len == 0);

    memset(p, '*', sizeof p);
    p[0] = 0x03, p[1] = 0xE8;
    CHECK(wsclose_lws_parse_peer_close(p, 126, &pc) == WSCLOSE_ERR_TOO_LONG && pc.reply == 1002);
    CHECK(wsclose_lws_parse_peer_close(p, 125, &pc) == WSCLOSE_OK);
    CHECK(pc.code == 1000 && pc.reply == 1000 && pc.reason == (const char *)p + 2 && pc.reason_len == 123);

    p[0] = 0x13, p[1] = 0x88; /* 5000: lws passes it to the callback unchanged */
    CHECK(wsclose_lws_parse_peer_close(p, 2, &pc) == WSCLOSE_ERR_INVALID_CODE);
    CHECK(pc.code == 5000 && pc.reply == 1002 && pc.reason == NULL);

    p[0] = 0x0F, p[1] = 0xA0, p[2] = 0xCE, p[3] = 0xBA, p[4] = 0xED, p[5] = 0xA0, p[6] = 0x80;
    CHECK(wsclose_lws_parse_peer_close(p, 7, &pc) == WSCLOSE_ERR_INVALID_UTF8);
    CHECK(pc.code == 4000 && pc.reply == 1007);
    CHECK(wsclose_lws_parse_peer_close(p, 4, &pc) == WSCLOSE_OK); /* 4000 "κ" */
    CHECK(pc.code == 4000 && pc.reply == 4000 && pc.reason_len == 2 && memcmp(pc.reason, "\xCE\xBA", 2) == 0);

    pc.reply = 9;
    CHECK(wsclose_lws_parse_peer_close(NULL, 3, &pc) == WSCLOSE_ERR_NULL_ARGUMENT);
    CHECK(pc.result == WSCLOSE_ERR_NULL_ARGUMENT && pc.reply == 0 && pc.reason == NULL);
    CHECK(wsclose_lws_parse_peer_close(p, 2, NULL) == WSCLOSE_ERR_NULL_ARGUMENT);
    CHECK(wsclose_lws_close_reason(NULL, 1000, NULL, 0) == WSCLOSE_ERR_NULL_ARGUMENT);
}

/* ---- 3 and 4. a real exchange ---- */

enum job_kind {
    JOB_CLIENT_HEADER, /* the client closes with wsclose_lws_close_reason(code, reason) */
    JOB_CLIENT_RAW,    /* the client closes with lws_close_reason(code, reason), unchecked */
    JOB_SERVER_HEADER, /* the server closes with wsclose_lws_close_reason(code, reason) */
    JOB_SWEEP          /* JOB_CLIENT_RAW with reason "sweep:CODE", many at once */
};

struct job {
    enum job_kind kind;
    uint16_t code;
    const char *reason;
    size_t reason_len;
};

/* What arrived in LWS_CALLBACK_WS_PEER_INITIATED_CLOSE, on the server or on the client. */
struct arrival {
    int count;
    unsigned char payload[WSCLOSE_MAX_CLOSE_PAYLOAD];
    size_t len;
};

static struct lws_context *context;
static int listen_port;
static struct arrival at_server, at_client;
static int running, finished, connect_errors;
static uint32_t sweep_seen[65536]; /* the code the server saw for each sent code, + 1; 0: none */

static void record(struct arrival *a, const void *in, size_t len) {
    a->count++;
    a->len = len < sizeof a->payload ? len : sizeof a->payload;
    if (len) memcpy(a->payload, in, a->len);
}

/* The server side: the sweep's Close is recorded by its reason; one server job closes with the
 * header on its first writeable, after checking the helper's refusals on this real wsi. */
static int server_cb(struct lws *wsi, enum lws_callback_reasons reason, int *closing, void *in, size_t len) {
    char uri[64];
    switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) > 0 && strcmp(uri, "/server-close") == 0)
            lws_callback_on_writable(wsi);
        return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE: {
        char long_reason[WSCLOSE_MAX_REASON_LEN + 1];
        static const unsigned char want[] = {0x03, 0xE9, 'g', 'o', 'i', 'n', 'g'};
        /* lws calls this again once its Close is out (docs/cpp-stacks.md): close the socket */
        if (*closing) return -1;
        *closing = 1;
        memset(long_reason, 'x', sizeof long_reason);
        /* each refusal leaves lws's close reason unset */
        CHECK(wsclose_lws_close_reason(wsi, 1005, NULL, 0) == WSCLOSE_ERR_INVALID_CODE);
        CHECK(wsclose_lws_close_reason(wsi, 5000, "x", 1) == WSCLOSE_ERR_INVALID_CODE);
        CHECK(wsclose_lws_close_reason(wsi, 1000, long_reason, sizeof long_reason) == WSCLOSE_ERR_REASON_TOO_LONG);
        CHECK(wsclose_lws_close_reason(wsi, 1000, "\xC3", 1) == WSCLOSE_ERR_INVALID_UTF8);
        CHECK(lws_get_close_length(wsi) == 0);
        CHECK(wsclose_lws_close_reason(wsi, 1001, "going", 5) == WSCLOSE_OK);
        CHECK(lws_get_close_length(wsi) == (int)sizeof want);
        CHECK(memcmp(lws_get_close_payload(wsi), want, sizeof want) == 0);
        return -1; /* lws sends the Close */
    }
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE: {
        const unsigned char *p = in;
        if (len > 8 && memcmp(p + 2, "sweep:", 6) == 0) {
            struct wsclose_lws_peer_close pc;
            char digits[8];
            size_t n = len - 8 < sizeof digits - 1 ? len - 8 : sizeof digits - 1;
            unsigned long sent;
            uint16_t seen = (uint16_t)(p[0] << 8 | p[1]);
            memcpy(digits, p + 8, n);
            digits[n] = '\0';
            sent = strtoul(digits, NULL, 10);
            CHECK(sent <= 65535 && sweep_seen[sent] == 0);
            if (sent <= 65535) sweep_seen[sent] = (uint32_t)seen + 1;
            /* the header agrees with wsclose on what lws handed over */
            CHECK((wsclose_lws_parse_peer_close(in, len, &pc) == WSCLOSE_OK) == wsclose_is_sendable(seen));
        } else {
            record(&at_server, in, len);
        }
        return 0; /* lws echoes it */
    }
    default:
        return 0;
    }
}

static int client_cb(struct lws *wsi, enum lws_callback_reasons reason, void *in, size_t len) {
    const struct job *job = lws_get_opaque_user_data(wsi);
    switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        if (job->kind != JOB_SERVER_HEADER) lws_callback_on_writable(wsi);
        return 0;
    case LWS_CALLBACK_CLIENT_WRITEABLE: {
        unsigned char reason_buf[WSCLOSE_MAX_REASON_LEN];
        if (job->kind == JOB_CLIENT_HEADER) {
            CHECK(wsclose_lws_close_reason(wsi, job->code, job->reason, job->reason_len) == WSCLOSE_OK);
        } else if (job->kind == JOB_CLIENT_RAW) {
            memcpy(reason_buf, job->reason, job->reason_len);
            lws_close_reason(wsi, (enum lws_close_status)job->code, reason_buf, job->reason_len);
        } else {
            int n = snprintf((char *)reason_buf, sizeof reason_buf, "sweep:%u", (unsigned)job->code);
            lws_close_reason(wsi, (enum lws_close_status)job->code, (unsigned char *)reason_buf, (size_t)n);
        }
        return -1; /* lws sends the Close */
    }
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        record(&at_client, in, len);
        return 0;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        connect_errors++;
        fprintf(stderr, "client connection error: %s\n", in ? (const char *)in : "(none)");
        running--;
        finished++;
        return 0;
    case LWS_CALLBACK_CLIENT_CLOSED:
        running--;
        finished++;
        return 0;
    default:
        return 0;
    }
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
    case LWS_CALLBACK_CLIENT_WRITEABLE:
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_CLOSED:
        return client_cb(wsi, reason, in, len);
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        return lws_get_opaque_user_data(wsi) ? client_cb(wsi, reason, in, len)
                                              : server_cb(wsi, reason, user, in, len);
    case LWS_CALLBACK_ESTABLISHED:
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return server_cb(wsi, reason, user, in, len);
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols protocols[] = {{"wsclose-test", callback, sizeof(int), 0, 0, NULL, 0},
                                                 {NULL, NULL, 0, 0, 0, NULL, 0}};

static void connect_job(const struct job *job) {
    struct lws_client_connect_info ci;
    memset(&ci, 0, sizeof ci);
    ci.context = context;
    ci.address = "127.0.0.1";
    ci.port = listen_port;
    ci.path = job->kind == JOB_SERVER_HEADER ? "/server-close" : "/";
    ci.host = "127.0.0.1";
    ci.origin = "127.0.0.1";
    ci.protocol = protocols[0].name;
    ci.opaque_user_data = (void *)(uintptr_t)job; /* lws keeps it as void *; read back as const */
    running++;
    CHECK(lws_client_connect_via_info(&ci) != NULL);
}

/* Services the context until every started connection has closed (or 60 s pass). */
static void run_until_idle(void) {
    time_t start = time(NULL);
    while (running > 0 && time(NULL) - start < 60)
        if (lws_service(context, 0) < 0) break;
    CHECK(running == 0);
}

static void run_one(const struct job *job) {
    connect_job(job);
    run_until_idle();
}

static void test_exchange(void) {
    static const char reason123[] =
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq\xCE\xBA";
    const struct job bye = {JOB_CLIENT_HEADER, 4000, "bye", 3};
    const struct job longest = {JOB_CLIENT_HEADER, 1013, reason123, sizeof reason123 - 1};
    const struct job bad_utf8 = {JOB_CLIENT_RAW, 1000, "\xFF", 1};
    const struct job server = {JOB_SERVER_HEADER, 1001, "going", 5};
    struct wsclose_lws_peer_close pc;

    CHECK(sizeof reason123 - 1 == WSCLOSE_MAX_REASON_LEN);

    /* the client's Close, set by the header, arrives at the server as built */
    run_one(&bye);
    CHECK(at_server.count == 1);
    CHECK(wsclose_lws_parse_peer_close(at_server.payload, at_server.len, &pc) == WSCLOSE_OK);
    CHECK(pc.code == 4000 && pc.reply == 4000 && pc.reason_len == 3 && memcmp(pc.reason, "bye", 3) == 0);
    /* the echo that lws sends back (the server's callback returned 0) */
    CHECK(at_client.count == 0); /* lws's client takes the echo as the answer to its Close */

    /* a 123-byte reason with 1013, a code lws rewrites to 1002 when it receives it */
    run_one(&longest);
    CHECK(at_server.count == 2);
    CHECK(wsclose_lws_parse_peer_close(at_server.payload, at_server.len, &pc) == WSCLOSE_OK);
    CHECK(pc.code == 1002); /* lws: 1013 -> 1002 before the callback (lib/roles/ws/ops-ws.c) */
    CHECK(pc.reason_len == WSCLOSE_MAX_REASON_LEN && memcmp(pc.reason, reason123, pc.reason_len) == 0);

    /* a reason that is not UTF-8 (sent around the header): wsclose answers 1007 */
    run_one(&bad_utf8);
    CHECK(at_server.count == 3);
    CHECK(wsclose_lws_parse_peer_close(at_server.payload, at_server.len, &pc) == WSCLOSE_ERR_INVALID_UTF8);
    CHECK(pc.code == 1000 && pc.reply == 1007);

    /* the server's Close, set by the header, arrives at the client as built */
    run_one(&server);
    CHECK(at_client.count == 1);
    CHECK(wsclose_lws_parse_peer_close(at_client.payload, at_client.len, &pc) == WSCLOSE_OK);
    CHECK(pc.code == 1001 && pc.reply == 1001 && pc.reason_len == 5 && memcmp(pc.reason, "going", 5) == 0);
}

/* lws's rule where it differs from wsclose's: lws rewrites 1012-1014 to 1002 (wsclose: may be
 * sent, IANA-registered), and passes 5000-65535 on (wsclose: may not be sent). */
static int expected_difference(unsigned code) {
    return (code >= 1012 && code <= 1014) || code >= 5000;
}

static void test_lws_rule(int full) {
    static struct job jobs[65536];
    static const unsigned edges[] = {0,    1,    999,  1000, 1001, 1002, 1003, 1004, 1005, 1006,
                                     1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016,
                                     1100, 2000, 2999, 3000, 3999, 4000, 4999, 5000, 9999, 65535};
    unsigned n = full ? 65536 : sizeof edges / sizeof edges[0];
    unsigned i, next = 0, differ = 0, measured = 0;
    time_t start = time(NULL);
    for (i = 0; i < n; i++) {
        jobs[i].kind = JOB_SWEEP;
        jobs[i].code = (uint16_t)(full ? i : edges[i]);
    }
    finished = 0;
    while ((finished < (int)n || running > 0) && time(NULL) - start < 600) {
        while (next < n && running < 32) connect_job(&jobs[next++]);
        if (lws_service(context, 0) < 0) break;
    }
    CHECK(running == 0 && next == n);
    for (i = 0; i < n; i++) {
        unsigned code = jobs[i].code;
        int lws_accepts, wsclose_accepts = wsclose_is_sendable((uint16_t)code);
        if (!sweep_seen[code]) {
            CHECK(!"a sweep Close never reached the server");
            fprintf(stderr, "  code %u\n", code);
            continue;
        }
        measured++;
        /* lws either passes the code on or rewrites it to 1002 */
        CHECK(sweep_seen[code] - 1 == code || sweep_seen[code] - 1 == 1002);
        lws_accepts = sweep_seen[code] - 1 == code;
        if (lws_accepts != wsclose_accepts) {
            differ++;
            if (!expected_difference(code)) {
                failures++;
                fprintf(stderr, "unexpected difference at %u: lws %s, wsclose %s\n", code,
                        lws_accepts ? "accepts" : "rewrites to 1002", wsclose_accepts ? "accepts" : "rejects");
            }
        } else if (expected_difference(code)) {
            failures++;
            fprintf(stderr, "expected difference gone at %u (both %s)\n", code, lws_accepts ? "accept" : "reject");
        }
    }
    printf("lws rule: %u codes sent, %u measured, %u differ from wsclose (expected: 1012-1014, %s), %ld s\n", n,
           measured, differ, full ? "5000-65535" : "5000, 9999, 65535", (long)(time(NULL) - start));
    CHECK(measured == n);
    CHECK(differ == (full ? 3u + 60536u : 6u));
}

int main(int argc, char **argv) {
    struct lws_context_creation_info info;
    int full;
    if (argc != 2 || (strcmp(argv[1], "full") != 0 && strcmp(argv[1], "sample") != 0)) {
        fprintf(stderr, "usage: %s full|sample\n", argv[0]);
        return 2;
    }
    full = strcmp(argv[1], "full") == 0;
    lws_set_log_level(LLL_ERR, NULL);

    test_converters();
    test_parse();

    memset(&info, 0, sizeof info);
    info.port = 0;
    info.iface = "127.0.0.1";
    info.protocols = protocols;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
    context = lws_create_context(&info);
    CHECK(context != NULL);
    if (context) {
        listen_port = lws_get_vhost_listen_port(lws_get_vhost_by_name(context, "default"));
        CHECK(listen_port > 0);
        test_exchange();
        test_lws_rule(full);
        lws_context_destroy(context);
    }
    CHECK(connect_errors == 0);
    if (failures) {
        fprintf(stderr, "test_lws: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_lws: all checks passed (%s)\n", argv[1]);
    return 0;
}
