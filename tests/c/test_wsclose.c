/* C99 test of the wsclose C ABI: golden vectors, an exhaustive loop over all 65,536 codes against
 * rules written out independently below, and the edge cases of every pointer argument (NULL,
 * zero length, oversize lengths, exact-size buffers so that AddressSanitizer and valgrind see any
 * access past the end).
 *
 * Usage: test_c VECTORS_DIR        (VECTORS_DIR holds codes.tsv, parse.tsv, encode.tsv)
 * Closing line: "c: N passed, 0 failed" (N test cases; any failed check fails its case).
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsclose.h"

static unsigned long checks;
static unsigned case_failures;

#define CHECK(cond, ...)                                              \
  do {                                                                \
    checks++;                                                         \
    if (!(cond)) {                                                    \
      case_failures++;                                                \
      if (case_failures <= 20) {                                      \
        fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
        fprintf(stderr, __VA_ARGS__);                                 \
        fputc('\n', stderr);                                          \
      }                                                               \
    }                                                                 \
  } while (0)

static const char *vectors_dir;

/* ---------------------------------------------------------------- the independent rules */

static unsigned rule_category(unsigned c) {
  if (c <= 999) return 0;
  if (c <= 1015) return 1;
  if (c <= 2999) return 2;
  if (c <= 3999) return 3;
  if (c <= 4999) return 4;
  return 5;
}
static bool rule_sendable(unsigned c) {
  return (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
}
static bool rule_local_only(unsigned c) { return c == 1005 || c == 1006 || c == 1015; }
static bool rule_browser_closeable(unsigned c) { return c == 1000 || (c >= 3000 && c <= 4999); }
static bool rule_ok(unsigned c) { return c == 1000 || c == 1001 || c == 1005; }
static unsigned rule_reconnect(unsigned c) {
  switch (c) {
    case 1001: case 1005: case 1006: case 1011: case 1012: case 1013: case 1014:
      return 1;
    default:
      return (c >= 3000 && c <= 4999) ? 2 : 0;
  }
}
static const char *const rule_names[16] = {
    "Normal Closure", "Going Away", "Protocol Error", "Unsupported Data", "Reserved",
    "No Status Received", "Abnormal Closure", "Invalid Frame Payload Data", "Policy Violation",
    "Message Too Big", "Mandatory Extension", "Internal Error", "Service Restart",
    "Try Again Later", "Bad Gateway", "TLS Handshake"};
static const char *rule_name(unsigned c) {
  return (c >= 1000 && c <= 1015) ? rule_names[c - 1000] : NULL;
}
static bool str_eq(const char *a, const char *b) {
  if (a == NULL || b == NULL) return a == b;
  return strcmp(a, b) == 0;
}

/* ---------------------------------------------------------------- TSV reading (docs/VECTORS.md) */

#define MAX_FIELDS 12
#define MAX_LINE 4096

typedef struct {
  FILE *file;
  char line[MAX_LINE];
  char *fields[MAX_FIELDS];
  int count;
  bool header_seen;
} tsv;

static bool tsv_open(tsv *t, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", vectors_dir, name);
  memset(t, 0, sizeof *t);
  t->file = fopen(path, "r");
  if (t->file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    return false;
  }
  return true;
}

/* Next data row (comments and the header skipped); false at the end. */
static bool tsv_next(tsv *t) {
  while (fgets(t->line, sizeof t->line, t->file) != NULL) {
    size_t len = strlen(t->line);
    while (len > 0 && (t->line[len - 1] == '\n' || t->line[len - 1] == '\r')) t->line[--len] = '\0';
    if (len == 0 || t->line[0] == '#') continue;
    if (!t->header_seen) {
      t->header_seen = true;
      continue;
    }
    t->count = 0;
    char *p = t->line;
    for (;;) {
      if (t->count < MAX_FIELDS) t->fields[t->count++] = p;
      char *tab = strchr(p, '\t');
      if (tab == NULL) break;
      *tab = '\0';
      p = tab + 1;
    }
    return true;
  }
  return false;
}

static void tsv_close(tsv *t) {
  if (t->file != NULL) fclose(t->file);
}

/* Decodes lowercase hex ("-" = empty) into a fresh buffer of exactly the decoded size (at least
 * one byte is allocated so that the pointer is never NULL). Returns the length. */
static size_t hex_decode(const char *hex, uint8_t **out) {
  size_t n = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
  uint8_t *buf = malloc(n == 0 ? 1 : n);
  if (buf == NULL) abort();
  for (size_t i = 0; i < n; i++) {
    unsigned byte = 0;
    if (sscanf(hex + 2 * i, "%2x", &byte) != 1) abort();
    buf[i] = (uint8_t)byte;
  }
  *out = buf;
  return n;
}

static int32_t result_from_name(const char *name) {
  static const struct {
    const char *name;
    int32_t value;
  } table[] = {{"OK", WSCLOSE_OK},
               {"ONE_BYTE", WSCLOSE_ERR_ONE_BYTE},
               {"TOO_LONG", WSCLOSE_ERR_TOO_LONG},
               {"INVALID_CODE", WSCLOSE_ERR_INVALID_CODE},
               {"INVALID_UTF8", WSCLOSE_ERR_INVALID_UTF8},
               {"REASON_TOO_LONG", WSCLOSE_ERR_REASON_TOO_LONG},
               {"BUFFER_TOO_SMALL", WSCLOSE_ERR_BUFFER_TOO_SMALL}};
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (strcmp(table[i].name, name) == 0) return table[i].value;
  }
  fprintf(stderr, "unknown result name %s\n", name);
  abort();
}

/* ---------------------------------------------------------------- golden vectors */

static void test_vectors_codes(void) {
  tsv t;
  unsigned rows = 0;
  CHECK(tsv_open(&t, "codes.tsv"), "codes.tsv");
  if (t.file == NULL) return;
  while (tsv_next(&t)) {
    CHECK(t.count == 9, "codes.tsv row with %d fields", t.count);
    if (t.count != 9) continue;
    rows++;
    uint16_t code = (uint16_t)strtoul(t.fields[0], NULL, 10);
    const char *name = strcmp(t.fields[2], "-") == 0 ? NULL : t.fields[2];
    CHECK(wsclose_classify(code) == atoi(t.fields[1]), "classify(%u)", code);
    CHECK(str_eq(wsclose_name(code), name), "name(%u)", code);
    CHECK(wsclose_is_sendable(code) == (atoi(t.fields[3]) == 1), "sendable(%u)", code);
    CHECK(wsclose_is_local_only(code) == (atoi(t.fields[4]) == 1), "local_only(%u)", code);
    CHECK(wsclose_is_browser_closeable(code) == (atoi(t.fields[5]) == 1), "browser(%u)", code);
    CHECK(wsclose_is_ok(code) == (atoi(t.fields[6]) == 1), "ok(%u)", code);
    CHECK(wsclose_reconnect(code) == atoi(t.fields[7]), "reconnect(%u)", code);
    wsclose_code_info info;
    CHECK(wsclose_info(code, &info) == WSCLOSE_OK, "info(%u)", code);
    CHECK(info.code == code && info.category == atoi(t.fields[1]) &&
              info.reconnect == atoi(t.fields[7]) && str_eq(info.name, name),
          "info fields of %u", code);
  }
  tsv_close(&t);
  CHECK(rows > 0, "codes.tsv has no rows");
}

static void test_vectors_parse(void) {
  tsv t;
  unsigned rows = 0;
  CHECK(tsv_open(&t, "parse.tsv"), "parse.tsv");
  if (t.file == NULL) return;
  while (tsv_next(&t)) {
    CHECK(t.count == 4, "parse.tsv row with %d fields", t.count);
    if (t.count != 4) continue;
    rows++;
    uint8_t *payload;
    uint8_t *reason;
    size_t len = hex_decode(t.fields[0], &payload);
    size_t reason_len = hex_decode(t.fields[3], &reason);
    int32_t expected = result_from_name(t.fields[1]);
    unsigned expected_code = (unsigned)strtoul(t.fields[2], NULL, 10);
    uint16_t code = 0;
    const uint8_t *got_reason = NULL;
    size_t got_len = 99;
    int32_t result = wsclose_parse_close_payload(payload, len, &code, &got_reason, &got_len);
    CHECK(result == expected, "parse %s: %d, expected %s", t.fields[0], result, t.fields[1]);
    CHECK(code == expected_code, "parse %s: code %u, expected %u", t.fields[0], code,
          expected_code);
    if (expected == WSCLOSE_OK) {
      CHECK(got_len == reason_len && got_reason != NULL &&
                (reason_len == 0 || memcmp(got_reason, reason, reason_len) == 0),
            "parse %s: reason", t.fields[0]);
      CHECK(len == 0 ? got_reason == payload : got_reason == payload + 2,
            "parse %s: reason must point into the payload", t.fields[0]);
    } else {
      CHECK(got_reason == NULL && got_len == 0, "parse %s: error outputs", t.fields[0]);
      CHECK(wsclose_result_close_code(result) == expected_code, "close code for %d", result);
    }
    free(payload);
    free(reason);
  }
  tsv_close(&t);
  CHECK(rows > 0, "parse.tsv has no rows");
}

static void test_vectors_encode(void) {
  tsv t;
  unsigned rows = 0;
  CHECK(tsv_open(&t, "encode.tsv"), "encode.tsv");
  if (t.file == NULL) return;
  while (tsv_next(&t)) {
    CHECK(t.count == 4, "encode.tsv row with %d fields", t.count);
    if (t.count != 4) continue;
    rows++;
    uint16_t code = (uint16_t)strtoul(t.fields[0], NULL, 10);
    uint8_t *reason;
    uint8_t *expected_payload;
    size_t reason_len = hex_decode(t.fields[1], &reason);
    int32_t expected = result_from_name(t.fields[2]);
    size_t expected_len = hex_decode(t.fields[3], &expected_payload);
    /* An output buffer of exactly the payload's size (or the largest payload on error). */
    size_t cap = expected == WSCLOSE_OK ? expected_len : WSCLOSE_MAX_CLOSE_PAYLOAD;
    uint8_t *out = malloc(cap);
    if (out == NULL) abort();
    memset(out, 0xAA, cap);
    size_t out_len = 999;
    int32_t result = wsclose_encode_close_payload(code, reason, reason_len, out, cap, &out_len);
    CHECK(result == expected, "encode %u/%s: %d, expected %s", code, t.fields[1], result,
          t.fields[2]);
    if (expected == WSCLOSE_OK) {
      CHECK(out_len == expected_len && memcmp(out, expected_payload, expected_len) == 0,
            "encode %u/%s: bytes", code, t.fields[1]);
      /* One byte short: refused, told the size, buffer untouched. */
      memset(out, 0xAA, cap);
      result = wsclose_encode_close_payload(code, reason, reason_len, out, cap - 1, &out_len);
      CHECK(result == WSCLOSE_ERR_BUFFER_TOO_SMALL && out_len == expected_len,
            "encode %u into %zu bytes: %d / %zu", code, cap - 1, result, out_len);
      bool untouched = true;
      for (size_t i = 0; i < cap; i++) untouched = untouched && out[i] == 0xAA;
      CHECK(untouched, "encode %u wrote into a buffer that was too small", code);
      /* The payload parses back to the same code and reason. */
      uint16_t back = 0;
      const uint8_t *back_reason = NULL;
      size_t back_len = 0;
      CHECK(wsclose_parse_close_payload(expected_payload, expected_len, &back, &back_reason,
                                        &back_len) == WSCLOSE_OK &&
                back == code && back_len == reason_len,
            "round trip of %u", code);
    } else {
      CHECK(out_len == 0, "encode %u/%s: out_len %zu on error", code, t.fields[1], out_len);
      bool untouched = true;
      for (size_t i = 0; i < cap; i++) untouched = untouched && out[i] == 0xAA;
      CHECK(untouched, "encode %u wrote on error", code);
    }
    free(out);
    free(reason);
    free(expected_payload);
  }
  tsv_close(&t);
  CHECK(rows > 0, "encode.tsv has no rows");
}

/* ---------------------------------------------------------------- exhaustive against the rules */

static void test_exhaustive(void) {
  static uint16_t all[65536];
  static uint8_t categories[65536];
  for (unsigned c = 0; c <= 65535; c++) all[c] = (uint16_t)c;
  CHECK(wsclose_classify_many(all, categories, 65536) == WSCLOSE_OK, "classify_many(all)");
  for (unsigned c = 0; c <= 65535; c++) {
    uint16_t code = (uint16_t)c;
    CHECK(wsclose_classify(code) == rule_category(c), "classify(%u)", c);
    CHECK(categories[c] == rule_category(c), "classify_many[%u]", c);
    CHECK(wsclose_is_sendable(code) == rule_sendable(c), "sendable(%u)", c);
    CHECK(wsclose_is_local_only(code) == rule_local_only(c), "local_only(%u)", c);
    CHECK(wsclose_is_browser_closeable(code) == rule_browser_closeable(c), "browser(%u)", c);
    CHECK(wsclose_is_ok(code) == rule_ok(c), "ok(%u)", c);
    CHECK(wsclose_reconnect(code) == rule_reconnect(c), "reconnect(%u)", c);
    CHECK(str_eq(wsclose_name(code), rule_name(c)), "name(%u)", c);
    const char *description = wsclose_description(code);
    CHECK(description != NULL && strlen(description) > 10, "description(%u)", c);

    wsclose_code_info info;
    memset(&info, 0x5A, sizeof info);
    CHECK(wsclose_info(code, &info) == WSCLOSE_OK, "info(%u)", c);
    CHECK(info.code == code && info.category == rule_category(c) &&
              info.reconnect == rule_reconnect(c) && info.sendable == rule_sendable(c) &&
              info.local_only == rule_local_only(c) &&
              info.browser_closeable == rule_browser_closeable(c) && info.ok == rule_ok(c) &&
              str_eq(info.name, rule_name(c)) && info.description == description,
          "info(%u)", c);

    /* A two-byte payload with this code parses iff the code may be sent. */
    uint8_t payload[2] = {(uint8_t)(c >> 8), (uint8_t)(c & 0xFF)};
    uint16_t parsed = 0;
    const uint8_t *reason = NULL;
    size_t reason_len = 1;
    int32_t result = wsclose_parse_close_payload(payload, 2, &parsed, &reason, &reason_len);
    if (rule_sendable(c)) {
      CHECK(result == WSCLOSE_OK && parsed == code && reason == payload + 2 && reason_len == 0,
            "parse code %u", c);
    } else {
      CHECK(result == WSCLOSE_ERR_INVALID_CODE && parsed == 1002, "parse code %u: %d", c, result);
    }
    uint8_t out[2];
    size_t out_len = 0;
    result = wsclose_encode_close_payload(code, NULL, 0, out, sizeof out, &out_len);
    if (rule_sendable(c)) {
      CHECK(result == WSCLOSE_OK && out_len == 2 && memcmp(out, payload, 2) == 0, "encode %u", c);
    } else {
      CHECK(result == WSCLOSE_ERR_INVALID_CODE && out_len == 0, "encode %u: %d", c, result);
    }
  }
}

/* ---------------------------------------------------------------- strings, results, version */

static void test_category_names(void) {
  static const char *const labels[6] = {"unused",      "standard",    "reserved",
                                        "registered",  "private use", "out of range"};
  for (uint32_t i = 0; i < 6; i++) {
    CHECK(str_eq(wsclose_category_name(i), labels[i]), "category_name(%u)", (unsigned)i);
  }
  const uint32_t bad[] = {6, 7, 255, 256, 257, 65536, UINT32_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CHECK(wsclose_category_name(bad[i]) == NULL, "category_name(%u)", (unsigned)bad[i]);
  }
  static const char *const advice[3] = {"never", "backoff", "app-defined"};
  for (uint32_t i = 0; i < 3; i++) {
    CHECK(str_eq(wsclose_reconnect_name(i), advice[i]), "reconnect_name(%u)", (unsigned)i);
  }
  const uint32_t bad_advice[] = {3, 4, 255, 256, 257, 65536, UINT32_MAX};
  for (size_t i = 0; i < sizeof bad_advice / sizeof bad_advice[0]; i++) {
    CHECK(wsclose_reconnect_name(bad_advice[i]) == NULL, "reconnect_name(%u)",
          (unsigned)bad_advice[i]);
  }
  /* Codes without a name describe their range: same text across one range. */
  CHECK(wsclose_description(4000) == wsclose_description(4999), "private descriptions");
  CHECK(wsclose_description(4000) != wsclose_description(3000), "range descriptions differ");
  CHECK(wsclose_description(1000) != wsclose_description(1001), "standard descriptions differ");
}

static void test_results(void) {
  const char *seen[10];
  for (int32_t r = 0; r >= -9; r--) {
    const char *message = wsclose_result_message(r);
    CHECK(message != NULL && strlen(message) > 0, "message(%d)", r);
    seen[-r] = message;
    for (int32_t q = 0; q > r; q--) CHECK(!str_eq(seen[-q], message), "messages %d, %d", q, r);
  }
  const int32_t unknown[] = {1, 2, 100, -10, -100, INT32_MIN, INT32_MAX};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    CHECK(wsclose_result_message(unknown[i]) != NULL, "message(%d)", unknown[i]);
    CHECK(wsclose_result_close_code(unknown[i]) == 0, "close_code(%d)", unknown[i]);
  }
  CHECK(wsclose_result_close_code(WSCLOSE_ERR_ONE_BYTE) == 1002, "ONE_BYTE");
  CHECK(wsclose_result_close_code(WSCLOSE_ERR_TOO_LONG) == 1002, "TOO_LONG");
  CHECK(wsclose_result_close_code(WSCLOSE_ERR_INVALID_CODE) == 1002, "INVALID_CODE");
  CHECK(wsclose_result_close_code(WSCLOSE_ERR_INVALID_UTF8) == 1007, "INVALID_UTF8");
  for (int32_t r = WSCLOSE_ERR_REASON_TOO_LONG; r >= WSCLOSE_ERR_PANIC; r--) {
    CHECK(wsclose_result_close_code(r) == 0, "close_code(%d)", r);
  }
  CHECK(wsclose_result_close_code(WSCLOSE_OK) == 0, "close_code(OK)");
  /* The numbers are part of the ABI. */
  CHECK(WSCLOSE_ERR_ONE_BYTE == -1 && WSCLOSE_ERR_BUFFER_TOO_SMALL == -6 &&
            WSCLOSE_ERR_NULL_ARGUMENT == -7 && WSCLOSE_ERR_PANIC == -9,
        "result numbers");
  CHECK(WSCLOSE_CATEGORY_OUT_OF_RANGE == 5 && WSCLOSE_RECONNECT_APP_DEFINED == 2, "enum numbers");
  CHECK(WSCLOSE_MAX_CLOSE_PAYLOAD == 125 && WSCLOSE_MAX_REASON_LEN == 123, "limits");
}

static void test_version(void) {
  char expected[64];
  snprintf(expected, sizeof expected, "%d.%d.%d", WSCLOSE_VERSION_MAJOR, WSCLOSE_VERSION_MINOR,
           WSCLOSE_VERSION_PATCH);
  CHECK(str_eq(wsclose_version(), WSCLOSE_VERSION), "version %s vs header %s", wsclose_version(),
        WSCLOSE_VERSION);
  CHECK(str_eq(expected, WSCLOSE_VERSION), "macros %s vs %s", expected, WSCLOSE_VERSION);
}

static void test_layout(void) {
  CHECK(sizeof(wsclose_category) == 1 && sizeof(wsclose_reconnect_advice) == 1 &&
            sizeof(wsclose_result) == 4,
        "enum sizes");
  CHECK(offsetof(wsclose_code_info, code) == 0 && offsetof(wsclose_code_info, category) == 2 &&
            offsetof(wsclose_code_info, reconnect) == 3 &&
            offsetof(wsclose_code_info, sendable) == 4 && offsetof(wsclose_code_info, ok) == 7 &&
            offsetof(wsclose_code_info, name) == 8 &&
            offsetof(wsclose_code_info, description) == 8 + sizeof(const char *),
        "wsclose_code_info layout");
}

/* ---------------------------------------------------------------- pointers and lengths */

static void test_info_null(void) {
  CHECK(wsclose_info(1000, NULL) == WSCLOSE_ERR_NULL_ARGUMENT, "info(NULL)");
}

static void test_parse_edges(void) {
  uint16_t code = 7;
  const uint8_t *reason = (const uint8_t *)"sentinel";
  const uint8_t *const sentinel = reason;
  size_t len = 77;
  uint8_t two[2] = {0x03, 0xE8};

  /* Every NULL out-pointer is refused and nothing is written. */
  CHECK(wsclose_parse_close_payload(two, 2, NULL, &reason, &len) == WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL code_out");
  CHECK(wsclose_parse_close_payload(two, 2, &code, NULL, &len) == WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL reason_out");
  CHECK(wsclose_parse_close_payload(two, 2, &code, &reason, NULL) == WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL reason_len_out");
  CHECK(code == 7 && reason == sentinel && len == 77, "outputs written despite NULL");

  /* A NULL payload is fine with length 0 only. */
  CHECK(wsclose_parse_close_payload(NULL, 5, &code, &reason, &len) == WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL payload, len 5");
  CHECK(wsclose_parse_close_payload(NULL, 0, &code, &reason, &len) == WSCLOSE_OK && code == 1005 &&
            reason != NULL && len == 0,
        "NULL payload, len 0");

  /* Zero length with a real buffer: the reason points at it. */
  uint8_t *empty = malloc(1);
  if (empty == NULL) abort();
  CHECK(wsclose_parse_close_payload(empty, 0, &code, &reason, &len) == WSCLOSE_OK && code == 1005 &&
            reason == empty && len == 0,
        "empty payload");
  free(empty);

  /* One byte, in a one-byte heap buffer. */
  uint8_t *one = malloc(1);
  if (one == NULL) abort();
  one[0] = 0x03;
  CHECK(wsclose_parse_close_payload(one, 1, &code, &reason, &len) == WSCLOSE_ERR_ONE_BYTE &&
            code == 1002 && reason == NULL && len == 0,
        "one byte");
  free(one);

  /* 125 bytes is the most; 126 and far more are too long (exact-size heap buffers). */
  for (size_t size = 124; size <= 300; size += (size < 127 ? 1 : 173)) {
    uint8_t *buf = malloc(size);
    if (buf == NULL) abort();
    memset(buf, 'r', size);
    buf[0] = 0x03;
    buf[1] = 0xE8;
    int32_t result = wsclose_parse_close_payload(buf, size, &code, &reason, &len);
    if (size <= 125) {
      CHECK(result == WSCLOSE_OK && code == 1000 && reason == buf + 2 && len == size - 2,
            "payload of %zu bytes", size);
    } else {
      CHECK(result == WSCLOSE_ERR_TOO_LONG && code == 1002, "payload of %zu bytes", size);
    }
    free(buf);
  }

  /* A length no buffer can have is refused before anything is read. */
  CHECK(wsclose_parse_close_payload(two, SIZE_MAX, &code, &reason, &len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "len SIZE_MAX");
  CHECK(wsclose_parse_close_payload(two, (size_t)PTRDIFF_MAX + 1, &code, &reason, &len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "len PTRDIFF_MAX + 1");

  /* Bad UTF-8 answers 1007; the answer code is also available from the result. */
  uint8_t bad[3] = {0x03, 0xE8, 0xFF};
  int32_t result = wsclose_parse_close_payload(bad, 3, &code, &reason, &len);
  CHECK(result == WSCLOSE_ERR_INVALID_UTF8 && code == 1007 &&
            wsclose_result_close_code(result) == 1007,
        "bad UTF-8");
}

static void test_encode_edges(void) {
  uint8_t out[WSCLOSE_MAX_CLOSE_PAYLOAD];
  size_t out_len = 5;
  const uint8_t bye[3] = {'b', 'y', 'e'};

  CHECK(wsclose_encode_close_payload(1000, bye, 3, out, sizeof out, NULL) ==
            WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL out_len");
  CHECK(wsclose_encode_close_payload(1000, NULL, 3, out, sizeof out, &out_len) ==
                WSCLOSE_ERR_NULL_ARGUMENT &&
            out_len == 0,
        "NULL reason with a length");
  CHECK(wsclose_encode_close_payload(1000, NULL, 0, out, sizeof out, &out_len) == WSCLOSE_OK &&
            out_len == 2 && out[0] == 0x03 && out[1] == 0xE8,
        "NULL reason, length 0");
  CHECK(wsclose_encode_close_payload(1000, bye, 3, NULL, 5, &out_len) == WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL out with a capacity");
  /* NULL out with capacity 0 is a size query. */
  CHECK(wsclose_encode_close_payload(1000, bye, 3, NULL, 0, &out_len) ==
                WSCLOSE_ERR_BUFFER_TOO_SMALL &&
            out_len == 5,
        "size query");
  CHECK(wsclose_encode_close_payload(1000, bye, SIZE_MAX, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "reason_len SIZE_MAX");
  /* An out_cap larger than the buffer is harmless: at most the payload is written. */
  uint8_t *exact = malloc(5);
  if (exact == NULL) abort();
  CHECK(wsclose_encode_close_payload(1000, bye, 3, exact, SIZE_MAX, &out_len) == WSCLOSE_OK &&
            out_len == 5 && memcmp(exact, "\x03\xE8" "bye", 5) == 0,
        "out_cap SIZE_MAX");
  free(exact);

  /* 123 bytes of reason fit exactly; 124 do not, whatever the buffer. */
  uint8_t reason[200];
  memset(reason, 'x', sizeof reason);
  uint8_t *full = malloc(WSCLOSE_MAX_CLOSE_PAYLOAD);
  if (full == NULL) abort();
  CHECK(wsclose_encode_close_payload(4000, reason, WSCLOSE_MAX_REASON_LEN, full,
                                     WSCLOSE_MAX_CLOSE_PAYLOAD, &out_len) == WSCLOSE_OK &&
            out_len == WSCLOSE_MAX_CLOSE_PAYLOAD,
        "123-byte reason");
  CHECK(wsclose_encode_close_payload(4000, reason, 124, full, WSCLOSE_MAX_CLOSE_PAYLOAD,
                                     &out_len) == WSCLOSE_ERR_REASON_TOO_LONG &&
            out_len == 0,
        "124-byte reason");
  CHECK(wsclose_encode_close_payload(4000, reason, sizeof reason, full, WSCLOSE_MAX_CLOSE_PAYLOAD,
                                     &out_len) == WSCLOSE_ERR_REASON_TOO_LONG,
        "200-byte reason");
  free(full);

  /* The code is checked before the text: a bad code with bad UTF-8 is INVALID_CODE. */
  const uint8_t ff[1] = {0xFF};
  CHECK(wsclose_encode_close_payload(1006, ff, 1, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_CODE,
        "bad code and bad text");
  CHECK(wsclose_encode_close_payload(1000, ff, 1, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_UTF8,
        "bad text");
  /* 1005 is reported for empty payloads but may never be encoded. */
  CHECK(wsclose_encode_close_payload(1005, NULL, 0, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_CODE,
        "encode 1005");
}

static void test_classify_many_edges(void) {
  uint16_t codes[1] = {4000};
  uint8_t out[1] = {9};
  CHECK(wsclose_classify_many(NULL, NULL, 0) == WSCLOSE_OK, "NULL, NULL, 0");
  CHECK(wsclose_classify_many(codes, out, 0) == WSCLOSE_OK && out[0] == 9, "count 0 writes nothing");
  CHECK(wsclose_classify_many(NULL, out, 1) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL codes");
  CHECK(wsclose_classify_many(codes, NULL, 1) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL out");
  CHECK(wsclose_classify_many(codes, out, SIZE_MAX) == WSCLOSE_ERR_INVALID_ARGUMENT, "SIZE_MAX");
  CHECK(out[0] == 9, "out written on error");

  /* Odd sizes in exact heap buffers, filled from a fixed pseudo-random sequence. */
  uint32_t state = 12345;
  const size_t sizes[] = {1, 2, 7, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4099};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    size_t n = sizes[s];
    uint16_t *in = malloc(n * sizeof *in);
    uint8_t *cats = malloc(n);
    if (in == NULL || cats == NULL) abort();
    for (size_t i = 0; i < n; i++) {
      state = state * 1103515245u + 12345u;
      in[i] = (uint16_t)(state >> 16);
    }
    CHECK(wsclose_classify_many(in, cats, n) == WSCLOSE_OK, "classify_many(%zu)", n);
    for (size_t i = 0; i < n; i++) {
      CHECK(cats[i] == rule_category(in[i]), "classify_many(%zu)[%zu]", n, i);
    }
    free(in);
    free(cats);
  }
}

/* ---------------------------------------------------------------- driver */

typedef struct {
  const char *name;
  void (*run)(void);
} test_case;

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
    return 2;
  }
  vectors_dir = argv[1];
  const test_case cases[] = {
      {"vectors_codes", test_vectors_codes},
      {"vectors_parse", test_vectors_parse},
      {"vectors_encode", test_vectors_encode},
      {"exhaustive_rules", test_exhaustive},
      {"category_names", test_category_names},
      {"results", test_results},
      {"version", test_version},
      {"layout", test_layout},
      {"info_null", test_info_null},
      {"parse_edges", test_parse_edges},
      {"encode_edges", test_encode_edges},
      {"classify_many_edges", test_classify_many_edges},
  };
  unsigned passed = 0;
  unsigned failed = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    case_failures = 0;
    cases[i].run();
    if (case_failures == 0) {
      passed++;
      printf("ok   %s\n", cases[i].name);
    } else {
      failed++;
      printf("FAIL %s (%u failed checks)\n", cases[i].name, case_failures);
    }
  }
  printf("(%lu checks)\n", checks);
  printf("c: %u passed, %u failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
