/* C99 test of the wsclose C ABI: golden vectors (the only source of expected answers: this file
 * types no code table, name, label, limit or result number), an exhaustive loop over all 65,536
 * codes that checks the functions against each other, and the edge cases of every pointer
 * argument (NULL, zero length, oversize lengths, exact-size buffers so that AddressSanitizer and
 * valgrind see any access past the end). That every answer equals the core's is the job of the
 * differential (tests/c/differential.c, `make diff-c`).
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

/* Decodes UTF-16 code units (4 hex digits each, "-" = empty) into a fresh buffer of exactly the
 * decoded size (never NULL). Returns the number of units. */
static size_t hex16_decode(const char *hex, uint16_t **out) {
  size_t n = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 4;
  uint16_t *buf = malloc(n == 0 ? sizeof *buf : n * sizeof *buf);
  if (buf == NULL) abort();
  for (size_t i = 0; i < n; i++) {
    unsigned unit = 0;
    if (sscanf(hex + 4 * i, "%4x", &unit) != 1) abort();
    buf[i] = (uint16_t)unit;
  }
  *out = buf;
  return n;
}

/* "-" is 0 (no code), else the decimal number. */
static unsigned code_field(const char *field) {
  return strcmp(field, "-") == 0 ? 0 : (unsigned)strtoul(field, NULL, 10);
}

/* The vectors name results by the suffix of their C enumerator; the table is built from the
 * enumerators themselves, so it holds no number. */
#define WSCLOSE_TEST_RESULT(suffix) {#suffix, WSCLOSE_ERR_##suffix}
static int32_t result_from_name(const char *name) {
  static const struct {
    const char *name;
    int32_t value;
  } table[] = {{"OK", WSCLOSE_OK},
               WSCLOSE_TEST_RESULT(ONE_BYTE),
               WSCLOSE_TEST_RESULT(TOO_LONG),
               WSCLOSE_TEST_RESULT(INVALID_CODE),
               WSCLOSE_TEST_RESULT(INVALID_UTF8),
               WSCLOSE_TEST_RESULT(REASON_TOO_LONG),
               WSCLOSE_TEST_RESULT(BUFFER_TOO_SMALL)};
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
    const char *const_name = strcmp(t.fields[8], "-") == 0 ? NULL : t.fields[8];
    CHECK(str_eq(wsclose_const_name(code), const_name), "const_name(%u)", code);
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
    /* For OK the parsed code; for an error the code to answer with. */
    unsigned expected_code = (unsigned)strtoul(t.fields[2], NULL, 10);
    uint16_t code = 0;
    const uint8_t *got_reason = NULL;
    size_t got_len = 99;
    int32_t result = wsclose_parse_close_payload(payload, len, &code, &got_reason, &got_len);
    CHECK(result == expected, "parse %s: %d, expected %s", t.fields[0], result, t.fields[1]);
    if (expected == WSCLOSE_OK) {
      CHECK(code == expected_code, "parse %s: code %u, expected %u", t.fields[0], code,
            expected_code);
      CHECK(got_len == reason_len && got_reason != NULL &&
                (reason_len == 0 || memcmp(got_reason, reason, reason_len) == 0),
            "parse %s: reason", t.fields[0]);
      CHECK(len == 0 ? got_reason == payload : got_reason == payload + 2,
            "parse %s: reason must point into the payload", t.fields[0]);
    } else {
      CHECK(got_reason == NULL && got_len == 0, "parse %s: error outputs", t.fields[0]);
      CHECK(wsclose_result_close_code(result) == expected_code, "close code for %d", result);
      /* The carried code: the first two bytes when parsing got that far, else 0. */
      unsigned carried = len >= 2 && result != WSCLOSE_ERR_TOO_LONG
                             ? (unsigned)payload[0] << 8 | payload[1]
                             : 0;
      CHECK(code == carried, "parse %s: carried code %u, expected %u", t.fields[0], code,
            carried);
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
  unsigned rows16 = 0;
  CHECK(tsv_open(&t, "encode.tsv"), "encode.tsv");
  if (t.file == NULL) return;
  while (tsv_next(&t)) {
    /* code reason_hex reason_utf16 result answer_code payload_hex */
    CHECK(t.count == 6, "encode.tsv row with %d fields", t.count);
    if (t.count != 6) continue;
    rows++;
    uint16_t code = (uint16_t)strtoul(t.fields[0], NULL, 10);
    uint8_t *reason;
    uint8_t *expected_payload;
    size_t reason_len = hex_decode(t.fields[1], &reason);
    int32_t expected = result_from_name(t.fields[3]);
    unsigned answer = code_field(t.fields[4]);
    size_t expected_len = hex_decode(t.fields[5], &expected_payload);
    CHECK(wsclose_result_close_code(expected) == answer, "encode %u/%s: answer code", code,
          t.fields[1]);
    /* An output buffer of exactly the payload's size (or the largest payload on error). */
    size_t cap = expected == WSCLOSE_OK ? expected_len : WSCLOSE_MAX_CLOSE_PAYLOAD;
    uint8_t *out = malloc(cap);
    if (out == NULL) abort();
    memset(out, 0xAA, cap);
    size_t out_len = 999;
    int32_t result = wsclose_encode_close_payload(code, reason, reason_len, out, cap, &out_len);
    CHECK(result == expected, "encode %u/%s: %d, expected %s", code, t.fields[1], result,
          t.fields[3]);
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
    /* The same reason as UTF-16 code units gives the same answer ("x": no string holds it). */
    if (strcmp(t.fields[2], "x") != 0) {
      rows16++;
      uint16_t *units;
      size_t count = hex16_decode(t.fields[2], &units);
      memset(out, 0xAA, cap);
      out_len = 999;
      result = wsclose_encode_close_payload_utf16(code, units, count, out, cap, &out_len);
      CHECK(result == expected, "encode16 %u/%s: %d, expected %s", code, t.fields[2], result,
            t.fields[3]);
      if (expected == WSCLOSE_OK) {
        CHECK(out_len == expected_len && memcmp(out, expected_payload, expected_len) == 0,
              "encode16 %u/%s: bytes", code, t.fields[2]);
      } else {
        CHECK(out_len == 0, "encode16 %u/%s: out_len %zu on error", code, t.fields[2], out_len);
      }
      free(units);
    }
    free(out);
    free(reason);
    free(expected_payload);
  }
  tsv_close(&t);
  CHECK(rows > 0, "encode.tsv has no rows");
  CHECK(rows16 > 0, "encode.tsv has no rows with a UTF-16 reason");
}

/* ---------------------------------------------------------------- exhaustive consistency */

/* Every function agrees with the others on every code: classify_many with classify, info with the
 * single functions, parse and encode of a bare code with is_sendable, names with const names.
 * (Whether the answers are the core's is checked by the differential.) */
static void test_exhaustive(void) {
  static uint16_t all[65536];
  static uint8_t categories[65536];
  for (unsigned c = 0; c <= 65535; c++) all[c] = (uint16_t)c;
  CHECK(wsclose_classify_many(all, categories, 65536) == WSCLOSE_OK, "classify_many(all)");
  for (unsigned c = 0; c <= 65535; c++) {
    uint16_t code = (uint16_t)c;
    wsclose_category category = wsclose_classify(code);
    CHECK(category <= WSCLOSE_CATEGORY_OUT_OF_RANGE, "classify(%u)", c);
    CHECK(categories[c] == category, "classify_many[%u]", c);
    CHECK(wsclose_category_label(category) != NULL, "label of the category of %u", c);
    CHECK(wsclose_reconnect_label(wsclose_reconnect(code)) != NULL, "reconnect(%u)", c);
    const char *name = wsclose_name(code);
    const char *const_name = wsclose_const_name(code);
    CHECK((name == NULL) == (const_name == NULL), "name and const_name of %u", c);
    const char *description = wsclose_description(code);
    CHECK(description != NULL && strlen(description) > 10, "description(%u)", c);
    bool sendable = wsclose_is_sendable(code);
    CHECK(!(sendable && wsclose_is_local_only(code)), "sendable and local-only %u", c);

    wsclose_code_info info;
    memset(&info, 0x5A, sizeof info);
    CHECK(wsclose_info(code, &info) == WSCLOSE_OK, "info(%u)", c);
    CHECK(info.code == code && info.category == category &&
              info.reconnect == wsclose_reconnect(code) && info.sendable == sendable &&
              info.local_only == wsclose_is_local_only(code) &&
              info.browser_closeable == wsclose_is_browser_closeable(code) &&
              info.ok == wsclose_is_ok(code) && info.name == name &&
              info.description == description,
          "info(%u)", c);

    /* A two-byte payload with this code parses iff the code may be sent; otherwise the error
     * carries the code and the answer is 1002. */
    uint8_t payload[2] = {(uint8_t)(c >> 8), (uint8_t)(c & 0xFF)};
    uint16_t parsed = 0;
    const uint8_t *reason = NULL;
    size_t reason_len = 1;
    int32_t result = wsclose_parse_close_payload(payload, 2, &parsed, &reason, &reason_len);
    if (sendable) {
      CHECK(result == WSCLOSE_OK && parsed == code && reason == payload + 2 && reason_len == 0,
            "parse code %u", c);
    } else {
      CHECK(result == WSCLOSE_ERR_INVALID_CODE && parsed == code &&
                wsclose_result_close_code(result) == WSCLOSE_PROTOCOL_ERROR,
            "parse code %u: %d", c, result);
    }
    uint8_t out[2];
    size_t out_len = 0;
    result = wsclose_encode_close_payload(code, NULL, 0, out, sizeof out, &out_len);
    if (sendable) {
      CHECK(result == WSCLOSE_OK && out_len == 2 && memcmp(out, payload, 2) == 0, "encode %u", c);
    } else {
      CHECK(result == WSCLOSE_ERR_INVALID_CODE && out_len == 0, "encode %u: %d", c, result);
    }
    out_len = 9;
    CHECK(wsclose_encode_close_payload_utf16(code, NULL, 0, out, sizeof out, &out_len) ==
                  (sendable ? WSCLOSE_OK : WSCLOSE_ERR_INVALID_CODE) &&
              out_len == (sendable ? 2u : 0u),
          "encode16 %u", c);
  }
}

/* ---------------------------------------------------------------- strings, results, version */

static void test_labels(void) {
  /* One distinct label per category and per advice, NULL past the last enumerator. */
  for (uint32_t i = 0; i <= WSCLOSE_CATEGORY_OUT_OF_RANGE; i++) {
    const char *label = wsclose_category_label(i);
    CHECK(label != NULL && *label != '\0', "category_label(%u)", (unsigned)i);
    for (uint32_t j = 0; j < i; j++) {
      CHECK(!str_eq(label, wsclose_category_label(j)), "labels %u, %u", (unsigned)j, (unsigned)i);
    }
  }
  const uint32_t bad[] = {WSCLOSE_CATEGORY_OUT_OF_RANGE + 1, 255, 256, 257, 65536, UINT32_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CHECK(wsclose_category_label(bad[i]) == NULL, "category_label(%u)", (unsigned)bad[i]);
  }
  for (uint32_t i = 0; i <= WSCLOSE_RECONNECT_APP_DEFINED; i++) {
    const char *label = wsclose_reconnect_label(i);
    CHECK(label != NULL && *label != '\0', "reconnect_label(%u)", (unsigned)i);
    for (uint32_t j = 0; j < i; j++) {
      CHECK(!str_eq(label, wsclose_reconnect_label(j)), "labels %u, %u", (unsigned)j, (unsigned)i);
    }
  }
  const uint32_t bad_advice[] = {WSCLOSE_RECONNECT_APP_DEFINED + 1, 255, 256, 257, 65536,
                                 UINT32_MAX};
  for (size_t i = 0; i < sizeof bad_advice / sizeof bad_advice[0]; i++) {
    CHECK(wsclose_reconnect_label(bad_advice[i]) == NULL, "reconnect_label(%u)",
          (unsigned)bad_advice[i]);
  }
  /* The standard code macros name the codes whose const name they carry. */
  CHECK(str_eq(wsclose_const_name(WSCLOSE_NORMAL_CLOSURE), "NORMAL_CLOSURE") &&
            str_eq(wsclose_const_name(WSCLOSE_TLS_HANDSHAKE), "TLS_HANDSHAKE"),
        "const names of the macros");
  /* Codes without a name describe their range: same text across one range. */
  CHECK(wsclose_description(4000) == wsclose_description(4999), "private descriptions");
  CHECK(wsclose_description(4000) != wsclose_description(3001), "range descriptions differ");
  CHECK(wsclose_description(1000) != wsclose_description(1001), "standard descriptions differ");
}

static void test_results(void) {
  /* Every result of the ABI has its own message; unknown numbers get a message too. */
  const int32_t known[] = {WSCLOSE_OK,
                           WSCLOSE_ERR_ONE_BYTE,
                           WSCLOSE_ERR_TOO_LONG,
                           WSCLOSE_ERR_INVALID_CODE,
                           WSCLOSE_ERR_INVALID_UTF8,
                           WSCLOSE_ERR_REASON_TOO_LONG,
                           WSCLOSE_ERR_BUFFER_TOO_SMALL,
                           WSCLOSE_ERR_NULL_ARGUMENT,
                           WSCLOSE_ERR_INVALID_ARGUMENT,
                           WSCLOSE_ERR_UNKNOWN_PROFILE,
                           WSCLOSE_ERR_TOO_MANY_OVERRIDES,
                           WSCLOSE_ERR_INVALID_ACCESS,
                           WSCLOSE_ERR_SYNTAX,
                           WSCLOSE_ERR_INTENT_NOT_MET,
                           WSCLOSE_ERR_INTENT_NOT_SENDABLE,
                           WSCLOSE_ERR_PANIC};
  const size_t n = sizeof known / sizeof known[0];
  for (size_t i = 0; i < n; i++) {
    const char *message = wsclose_result_message(known[i]);
    CHECK(message != NULL && strlen(message) > 0, "message(%d)", known[i]);
    for (size_t j = 0; j < i; j++) {
      CHECK(!str_eq(wsclose_result_message(known[j]), message), "messages %d, %d", known[j],
            known[i]);
    }
  }
  const char *unknown_message = wsclose_result_message(1);
  const int32_t unknown[] = {1, 2, 100, -1, -9, -10, -100, -107, -199, -205, -300, -303, -400, -403, -900, -902,
                             INT32_MIN, INT32_MAX};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    CHECK(str_eq(wsclose_result_message(unknown[i]), unknown_message), "message(%d)",
          unknown[i]);
    CHECK(wsclose_result_close_code(unknown[i]) == 0, "close_code(%d)", unknown[i]);
    for (size_t j = 0; j < n; j++) {
      CHECK(!str_eq(wsclose_result_message(known[j]), unknown_message), "message(%d) is unknown",
            known[j]);
    }
  }
  /* The argument and internal results never carry an answer code (payload results: vectors). */
  CHECK(wsclose_result_close_code(WSCLOSE_OK) == 0 &&
            wsclose_result_close_code(WSCLOSE_ERR_NULL_ARGUMENT) == 0 &&
            wsclose_result_close_code(WSCLOSE_ERR_INVALID_ARGUMENT) == 0 &&
            wsclose_result_close_code(WSCLOSE_ERR_PANIC) == 0,
        "close_code of non-payload results");
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
  CHECK(sizeof(wsclose_received) == 1 && sizeof(wsclose_policy) == 64,
        "wsclose_policy: a caller-owned value of fixed size");
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
  CHECK(wsclose_parse_close_payload(NULL, 0, &code, &reason, &len) == WSCLOSE_OK && code == WSCLOSE_NO_STATUS_RECEIVED &&
            reason != NULL && len == 0,
        "NULL payload, len 0");

  /* Zero length with a real buffer: the reason points at it. */
  uint8_t *empty = malloc(1);
  if (empty == NULL) abort();
  CHECK(wsclose_parse_close_payload(empty, 0, &code, &reason, &len) == WSCLOSE_OK && code == WSCLOSE_NO_STATUS_RECEIVED &&
            reason == empty && len == 0,
        "empty payload");
  free(empty);

  /* One byte, in a one-byte heap buffer. */
  uint8_t *one = malloc(1);
  if (one == NULL) abort();
  one[0] = 0x03;
  CHECK(wsclose_parse_close_payload(one, 1, &code, &reason, &len) == WSCLOSE_ERR_ONE_BYTE &&
            code == 0 && reason == NULL && len == 0 &&
            wsclose_result_close_code(WSCLOSE_ERR_ONE_BYTE) == WSCLOSE_PROTOCOL_ERROR,
        "one byte: no code carried, answer 1002");
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
      CHECK(result == WSCLOSE_ERR_TOO_LONG && code == 0 && reason == NULL && len == 0,
            "payload of %zu bytes", size);
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

  /* Bad UTF-8: *code_out is the carried code, the answer (1007) comes from the result. */
  uint8_t bad[3] = {0x03, 0xE8, 0xFF};
  int32_t result = wsclose_parse_close_payload(bad, 3, &code, &reason, &len);
  CHECK(result == WSCLOSE_ERR_INVALID_UTF8 && code == WSCLOSE_NORMAL_CLOSURE &&
            wsclose_result_close_code(result) == WSCLOSE_INVALID_PAYLOAD_DATA,
        "bad UTF-8");
  /* An unsendable code: carried as is, even 0. */
  uint8_t zero[2] = {0x00, 0x00};
  code = 7;
  result = wsclose_parse_close_payload(zero, 2, &code, &reason, &len);
  CHECK(result == WSCLOSE_ERR_INVALID_CODE && code == 0 && reason == NULL && len == 0 &&
            wsclose_result_close_code(result) == WSCLOSE_PROTOCOL_ERROR,
        "code 0");
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
  /* The reason's length is checked first: a bad code with a long reason is REASON_TOO_LONG. */
  CHECK(wsclose_encode_close_payload(1006, reason, 124, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_REASON_TOO_LONG,
        "bad code and long reason");
  /* A buffer too small is the last check. */
  CHECK(wsclose_encode_close_payload(1006, bye, 3, out, 1, &out_len) == WSCLOSE_ERR_INVALID_CODE,
        "bad code and small buffer");
  /* 1005 is reported for empty payloads but may never be encoded. */
  CHECK(wsclose_encode_close_payload(1005, NULL, 0, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_CODE,
        "encode 1005");
}

static void test_encode16_edges(void) {
  uint8_t out[WSCLOSE_MAX_CLOSE_PAYLOAD];
  size_t out_len = 5;
  const uint16_t bye[3] = {'b', 'y', 'e'};

  /* NULL and empty inputs (the neutral corpus cannot express these). */
  CHECK(wsclose_encode_close_payload_utf16(1000, bye, 3, out, sizeof out, NULL) ==
            WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL out_len");
  CHECK(wsclose_encode_close_payload_utf16(1000, NULL, 3, out, sizeof out, &out_len) ==
                WSCLOSE_ERR_NULL_ARGUMENT &&
            out_len == 0,
        "NULL reason with units");
  CHECK(wsclose_encode_close_payload_utf16(1000, NULL, 0, out, sizeof out, &out_len) ==
                WSCLOSE_OK &&
            out_len == 2 && out[0] == 0x03 && out[1] == 0xE8,
        "NULL reason, 0 units");
  CHECK(wsclose_encode_close_payload_utf16(1000, bye, 3, NULL, 5, &out_len) ==
            WSCLOSE_ERR_NULL_ARGUMENT,
        "NULL out with a capacity");
  CHECK(wsclose_encode_close_payload_utf16(1000, bye, 3, NULL, 0, &out_len) ==
                WSCLOSE_ERR_BUFFER_TOO_SMALL &&
            out_len == 5,
        "size query");
  CHECK(wsclose_encode_close_payload_utf16(1000, bye, SIZE_MAX, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "units SIZE_MAX");
  CHECK(wsclose_encode_close_payload_utf16(1000, bye, SIZE_MAX / 2, out, sizeof out, &out_len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "units SIZE_MAX / 2");

  /* Exact-size heap buffers for input and output. */
  uint16_t *units = malloc(3 * sizeof *units);
  uint8_t *exact = malloc(5);
  if (units == NULL || exact == NULL) abort();
  memcpy(units, bye, sizeof bye);
  CHECK(wsclose_encode_close_payload_utf16(1000, units, 3, exact, 5, &out_len) == WSCLOSE_OK &&
            out_len == 5 && memcmp(exact, "\x03\xE8" "bye", 5) == 0,
        "exact buffers");
  /* A lone surrogate fails, never becomes U+FFFD; the buffer stays untouched. */
  units[1] = 0xD800;
  memset(exact, 0xAA, 5);
  CHECK(wsclose_encode_close_payload_utf16(1000, units, 3, exact, 5, &out_len) ==
                WSCLOSE_ERR_INVALID_UTF8 &&
            out_len == 0 && exact[0] == 0xAA && exact[4] == 0xAA,
        "lone surrogate");
  free(units);
  free(exact);
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
      CHECK(cats[i] == wsclose_classify(in[i]), "classify_many(%zu)[%zu]", n, i);
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

/* Profiles: indexes, names, lookups by name and token; unknown numbers and NULL arguments. */
static void test_profiles_abi(void) {
  uint32_t count = wsclose_profile_count();
  CHECK(count > 0, "no profiles");
  CHECK(wsclose_profile_name(count) == NULL, "a name past the last profile");
  CHECK(wsclose_profile_name(UINT32_MAX) == NULL, "a name for UINT32_MAX");
  for (uint32_t p = 0; p < count; p++) {
    const char *name = wsclose_profile_name(p);
    CHECK(name != NULL, "profile %u has no name", (unsigned)p);
    if (name == NULL) continue;
    CHECK(wsclose_profile_by_name(name, strlen(name)) == (int32_t)p, "by_name(%s)", name);
    /* No NUL needed: a longer buffer with the name as prefix, passed with the name's length. */
    char padded[128];
    snprintf(padded, sizeof padded, "%sXYZ", name);
    CHECK(wsclose_profile_by_name(padded, strlen(name)) == (int32_t)p, "by_name(prefix of %s)", padded);
    CHECK(wsclose_profile_by_name(padded, strlen(padded)) == WSCLOSE_ERR_UNKNOWN_PROFILE, "by_name(%s)", padded);
    if (p > 0) CHECK(strcmp(wsclose_profile_name(p - 1), name) < 0, "profiles not in name order at %s", name);
    unsigned named = 0;
    for (uint32_t code = 0; code <= UINT16_MAX; code++) {
      int32_t advice = wsclose_profile_advice(p, (uint16_t)code);
      CHECK(advice >= 0 && wsclose_advice_label((uint32_t)advice) != NULL, "%s advice(%u) = %d", name,
            (unsigned)code, (int)advice);
      const char *code_name = wsclose_profile_code_name(p, (uint16_t)code);
      const char *description = wsclose_profile_code_description(p, (uint16_t)code);
      CHECK((code_name == NULL) == (description == NULL), "%s %u: name and description disagree", name,
            (unsigned)code);
      if (code_name != NULL) named++;
    }
    CHECK(named > 0, "%s names no code", name);
  }
  CHECK(wsclose_profile_by_name(NULL, 0) == WSCLOSE_ERR_UNKNOWN_PROFILE, "by_name(NULL, 0)");
  CHECK(wsclose_profile_by_subprotocol(NULL, 0) == WSCLOSE_ERR_UNKNOWN_PROFILE, "by_subprotocol(NULL, 0)");
  /* docs/profiles.md: graphql-transport-ws is negotiated by its own token, exactly. */
  const char *token = "graphql-transport-ws";
  int32_t gql = wsclose_profile_by_subprotocol(token, strlen(token));
  CHECK(gql >= 0 && strcmp(wsclose_profile_name((uint32_t)gql), token) == 0, "by_subprotocol(%s) = %d", token,
        (int)gql);
  CHECK(wsclose_profile_by_subprotocol("GRAPHQL-TRANSPORT-WS", strlen(token)) == WSCLOSE_ERR_UNKNOWN_PROFILE,
        "by_subprotocol is case-sensitive");
  CHECK(wsclose_profile_advice(count, 1000) == WSCLOSE_ERR_UNKNOWN_PROFILE, "advice of an unknown profile");
  CHECK(wsclose_profile_code_name(count, 1000) == NULL, "code name of an unknown profile");
  CHECK(wsclose_profile_code_description(count, 1000) == NULL, "description of an unknown profile");
  CHECK(wsclose_advice_label(WSCLOSE_ADVICE_UNSPECIFIED + 1) == NULL, "label past the last advice");
  CHECK(wsclose_advice_label(WSCLOSE_ADVICE_STOP) != NULL, "no label for STOP");
}

/* Intents: the listed ranges and the check agree for every profile, intent and code; the
 * nearest codes lie in listed ranges and none lies between them and the code; bad arguments. */
static void test_intent_abi(void) {
  uint32_t count = wsclose_profile_count();
  for (uint32_t p = 0; p < count; p++) {
    for (uint32_t intent = WSCLOSE_INTENT_STOP; intent <= WSCLOSE_INTENT_RETRY; intent++) {
      static uint8_t member[65536];
      memset(member, 0, sizeof member);
      int32_t ranges = wsclose_profile_intent_range_count(p, intent);
      CHECK(ranges >= 0, "range count %u %u = %d", (unsigned)p, (unsigned)intent, (int)ranges);
      for (int32_t r = 0; r < ranges; r++) {
        uint16_t first = 0, last = 0;
        uint32_t advice = 99;
        CHECK(wsclose_profile_intent_range(p, intent, (uint32_t)r, &first, &last, &advice) == WSCLOSE_OK, "range");
        CHECK(first <= last && wsclose_is_sendable(first) && wsclose_is_sendable(last), "range %u-%u", first, last);
        CHECK(intent == WSCLOSE_INTENT_STOP ? advice == WSCLOSE_ADVICE_STOP
                                            : (advice == WSCLOSE_ADVICE_RETRY || advice == WSCLOSE_ADVICE_RESUME),
              "range advice %u", (unsigned)advice);
        for (uint32_t c = first; c <= last; c++) member[c] = 1;
      }
      /* The nearest listed code below and above each code, by two scans. */
      static int32_t nearest_below[65536], nearest_above[65536];
      int32_t seen = -1;
      for (uint32_t c = 0; c <= UINT16_MAX; c++) {
        nearest_below[c] = seen;
        if (member[c]) seen = (int32_t)c;
      }
      seen = -1;
      for (int32_t c = UINT16_MAX; c >= 0; c--) {
        nearest_above[c] = seen;
        if (member[c]) seen = c;
      }
      uint16_t f = 7, l = 7;
      uint32_t a = 7;
      CHECK(wsclose_profile_intent_range(p, intent, (uint32_t)ranges, &f, &l, &a) == WSCLOSE_ERR_INVALID_ARGUMENT &&
                f == 7 && l == 7 && a == 7,
            "a range past the last");
      for (uint32_t c = 0; c <= UINT16_MAX; c++) {
        int32_t advice = 0, below = 0, above = 0;
        int32_t result = wsclose_profile_check_intent(p, (uint16_t)c, intent, &advice, &below, &above);
        if (member[c]) {
          CHECK(result == WSCLOSE_OK && advice == -1 && below == -1 && above == -1, "check %u", (unsigned)c);
          continue;
        }
        CHECK(result == (wsclose_is_sendable((uint16_t)c) ? WSCLOSE_ERR_INTENT_NOT_MET : WSCLOSE_ERR_INTENT_NOT_SENDABLE),
              "check %u = %d", (unsigned)c, (int)result);
        CHECK(below == nearest_below[c] && above == nearest_above[c], "nearest of %u: %d %d, want %d %d",
              (unsigned)c, (int)below, (int)above, (int)nearest_below[c], (int)nearest_above[c]);
      }
    }
  }
  int32_t a = 0, b = 0, c = 0;
  CHECK(wsclose_profile_check_intent(0, 4000, 2, &a, &b, &c) == WSCLOSE_ERR_INVALID_ARGUMENT, "intent 2");
  CHECK(wsclose_profile_check_intent(count, 4000, 0, &a, &b, &c) == WSCLOSE_ERR_UNKNOWN_PROFILE, "unknown profile");
  CHECK(wsclose_profile_check_intent(0, 4000, 0, NULL, &b, &c) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL advice_out");
  CHECK(wsclose_profile_intent_range_count(0, 2) == WSCLOSE_ERR_INVALID_ARGUMENT, "range count of intent 2");
  CHECK(wsclose_profile_intent_range_count(count, 0) == WSCLOSE_ERR_UNKNOWN_PROFILE, "range count, unknown profile");
  uint16_t first = 0;
  uint32_t advice = 0;
  CHECK(wsclose_profile_intent_range(0, 0, 0, &first, NULL, &advice) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL last_out");
}

/* The policy: built by the ABI calls; defaults, full jitter bounds, overrides, limits, and every
 * error. */
static void test_policy_abi(void) {
  wsclose_policy policy;
  CHECK(wsclose_policy_init(NULL) == WSCLOSE_ERR_NULL_ARGUMENT, "init(NULL)");
  CHECK(wsclose_policy_init(&policy) == WSCLOSE_OK, "init");
  uint64_t delay = 7;
  CHECK(wsclose_policy_decide(NULL, 1000, 1, 0, 0, &delay) == WSCLOSE_ERR_NULL_ARGUMENT, "decide(NULL)");
  CHECK(wsclose_policy_decide(&policy, 1000, 1, 0, 0, NULL) == WSCLOSE_ERR_NULL_ARGUMENT, "decide(.., NULL)");
  CHECK(wsclose_policy_decide(&policy, 1001, 1, 0, UINT64_MAX, &delay) == 1 && delay == 1000, "default: 1 s");
  CHECK(wsclose_policy_set_base_ms(&policy, 100) == WSCLOSE_OK && wsclose_policy_set_cap_ms(&policy, 1000) == WSCLOSE_OK,
        "set_base_ms, set_cap_ms");
  CHECK(wsclose_policy_set_override(&policy, 4000, WSCLOSE_ADVICE_RETRY) == WSCLOSE_OK, "set_override");
  const uint64_t ceilings[] = {100, 200, 400, 800, 1000, 1000};
  for (uint32_t attempt = 0; attempt < 6; attempt++) {
    CHECK(wsclose_policy_decide(&policy, 4000, 1, attempt, UINT64_MAX, &delay) == 1 && delay == ceilings[attempt],
          "attempt %u: delay %llu", (unsigned)attempt, (unsigned long long)delay);
    CHECK(wsclose_policy_decide(&policy, 4000, 1, attempt, 0, &delay) == 1 && delay == 0, "random 0");
  }
  /* A code set twice keeps the later advice. */
  CHECK(wsclose_policy_set_override(&policy, 4000, WSCLOSE_ADVICE_STOP) == WSCLOSE_OK, "set_override again");
  delay = 7;
  CHECK(wsclose_policy_decide(&policy, 4000, 1, 0, UINT64_MAX, &delay) == 0 && delay == 0, "override stop");
  CHECK(wsclose_policy_set_override(&policy, 4000, WSCLOSE_ADVICE_UNSPECIFIED + 1) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "bad advice");
  CHECK(wsclose_policy_set_override(&policy, 4000, 0x100) == WSCLOSE_ERR_INVALID_ARGUMENT, "advice 256");
  CHECK(wsclose_policy_decide(&policy, 4000, 1, 0, UINT64_MAX, &delay) == 0, "a refused set changes nothing");
  /* At most WSCLOSE_POLICY_MAX_OVERRIDES codes; a known code can still be changed. */
  for (uint16_t code = 4001; code < 4000 + WSCLOSE_POLICY_MAX_OVERRIDES; code++)
    CHECK(wsclose_policy_set_override(&policy, code, WSCLOSE_ADVICE_RETRY) == WSCLOSE_OK, "override %u", code);
  CHECK(wsclose_policy_set_override(&policy, 4100, WSCLOSE_ADVICE_RETRY) == WSCLOSE_ERR_TOO_MANY_OVERRIDES,
        "9 overrides");
  CHECK(wsclose_policy_set_override(&policy, 4007, WSCLOSE_ADVICE_STOP) == WSCLOSE_OK, "a known code when full");
  CHECK(wsclose_policy_decide(&policy, 4100, 1, 0, 0, &delay) == 1, "the refused code has no override");
  CHECK(wsclose_policy_set_max_attempts(&policy, 2) == WSCLOSE_OK, "max_attempts 2");
  CHECK(wsclose_policy_decide(&policy, 4001, 1, 1, 0, &delay) == 1, "attempt 1 of 2");
  CHECK(wsclose_policy_decide(&policy, 4001, 1, 2, 0, &delay) == 0, "attempt 2 of 2");
  CHECK(wsclose_policy_set_max_attempts(&policy, -2) == WSCLOSE_ERR_INVALID_ARGUMENT, "max_attempts -2");
  CHECK(wsclose_policy_set_max_attempts(&policy, (int64_t)UINT32_MAX + 1) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "max_attempts 2^32");
  CHECK(wsclose_policy_set_max_attempts(&policy, -1) == WSCLOSE_OK, "unlimited");
  CHECK(wsclose_policy_decide(&policy, 4001, 1, 1000, 0, &delay) == 1, "unlimited attempts");
  CHECK(wsclose_policy_set_retry_unspecified(&policy, 0) == WSCLOSE_OK, "retry_unspecified 0");
  CHECK(wsclose_policy_decide(&policy, 4321, 1, 0, 0, &delay) == 0, "unspecified stops");
  CHECK(wsclose_policy_set_profile(&policy, (int32_t)wsclose_profile_count()) == WSCLOSE_ERR_UNKNOWN_PROFILE,
        "unknown profile");
  CHECK(wsclose_policy_set_profile(&policy, -2) == WSCLOSE_ERR_UNKNOWN_PROFILE, "profile -2");
  CHECK(wsclose_policy_set_profile(NULL, -1) == WSCLOSE_ERR_NULL_ARGUMENT, "set_profile(NULL)");
  /* With a profile, a code the profile says STOP stops. */
  for (uint32_t p = 0; p < wsclose_profile_count(); p++) {
    CHECK(wsclose_policy_init(&policy) == WSCLOSE_OK && wsclose_policy_set_profile(&policy, (int32_t)p) == WSCLOSE_OK,
          "profile %u", (unsigned)p);
    for (uint32_t code = 0; code <= UINT16_MAX; code += 11) {
      int32_t advice = wsclose_profile_advice(p, (uint16_t)code);
      int32_t answer = wsclose_policy_decide(&policy, (uint16_t)code, 1, 0, 0, &delay);
      if (advice == WSCLOSE_ADVICE_STOP) CHECK(answer == 0, "profile %u code %u", (unsigned)p, (unsigned)code);
      if (advice == WSCLOSE_ADVICE_RETRY || advice == WSCLOSE_ADVICE_RESUME)
        CHECK(answer == 1, "profile %u code %u", (unsigned)p, (unsigned)code);
    }
  }
  CHECK(wsclose_policy_set_profile(&policy, -1) == WSCLOSE_OK, "back to no profile");
}

/* Issue 18 #10/#11: a policy wsclose_policy_init never filled ({0}, garbage, a field overwritten)
 * is refused by every policy function, never read as "centrifuge, 0 ms"; a flag of 2 is refused. */
static void test_policy_validation(void) {
  uint64_t delay = 7;
  wsclose_policy zeroed = {0};
  CHECK(wsclose_policy_decide(&zeroed, 1000, 1, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT && delay == 7,
        "a zero-initialised policy");
  CHECK(wsclose_policy_set_base_ms(&zeroed, 1) == WSCLOSE_ERR_INVALID_ARGUMENT &&
            wsclose_policy_set_cap_ms(&zeroed, 2) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "set_* on {0}");
  CHECK(wsclose_policy_set_override(&zeroed, 4000, WSCLOSE_ADVICE_STOP) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "set_override on {0}");
  wsclose_policy garbage;
  memset(&garbage, 0xa5, sizeof garbage);
  CHECK(wsclose_policy_decide(&garbage, 1000, 1, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT, "garbage");
  wsclose_policy policy;
  CHECK(wsclose_policy_init(&policy) == WSCLOSE_OK, "init");
  wsclose_policy bad = policy;
  bad._retry_unspecified = 2; /* the bool of issue 18 #10: a C caller stores 2 */
  CHECK(wsclose_policy_decide(&bad, 1000, 1, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT, "a flag field of 2");
  bad = policy;
  bad._override_count = WSCLOSE_POLICY_MAX_OVERRIDES + 1;
  CHECK(wsclose_policy_decide(&bad, 1000, 1, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT, "9 overrides");
  CHECK(wsclose_policy_decide(&policy, 1000, 2, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT, "was_clean 2");
  CHECK(wsclose_policy_decide(&policy, 1000, -1, 0, 0, &delay) == WSCLOSE_ERR_INVALID_ARGUMENT, "was_clean -1");
  CHECK(wsclose_policy_set_retry_unspecified(&policy, 2) == WSCLOSE_ERR_INVALID_ARGUMENT, "retry 2");
  /* A copy of an initialised policy is the same policy. */
  CHECK(wsclose_policy_set_override(&policy, 4000, WSCLOSE_ADVICE_STOP) == WSCLOSE_OK, "override");
  wsclose_policy copy;
  memcpy(&copy, &policy, sizeof copy);
  CHECK(wsclose_policy_decide(&copy, 4000, 1, 0, 0, &delay) == 0, "a copied policy");
}

/* explain: every code and was_clean, the cap, and the errors; cause texts. */
static void test_explain_abi(void) {
  unsigned seen[256] = {0};
  for (uint32_t code = 0; code <= UINT16_MAX; code++) {
    for (int32_t clean = -1; clean <= 1; clean++) {
      uint8_t causes[64];
      int32_t count = wsclose_explain((uint16_t)code, clean, causes, sizeof causes);
      CHECK(count >= 0 && count <= 64, "explain(%u, %d) = %d", (unsigned)code, (int)clean, (int)count);
      CHECK(wsclose_explain((uint16_t)code, clean, NULL, 0) == count, "count without a buffer");
      for (int32_t i = 0; i < count && i < 64; i++) {
        CHECK(wsclose_cause_const_name(causes[i]) != NULL, "unknown cause %u", (unsigned)causes[i]);
        seen[causes[i]]++;
      }
      if (count > 1) {
        uint8_t one[2] = {0xAA, 0xAA};
        CHECK(wsclose_explain((uint16_t)code, clean, one, 1) == count && one[0] == causes[0] && one[1] == 0xAA,
              "cap 1 writes one cause");
      }
    }
  }
  uint32_t known = 0;
  while (wsclose_cause_const_name(known) != NULL) {
    CHECK(wsclose_cause_summary(known) != NULL && wsclose_cause_check(known) != NULL, "cause %u texts",
          (unsigned)known);
    CHECK(seen[known] > 0, "cause %u is never reported", (unsigned)known);
    known++;
  }
  CHECK(known > 0, "no causes");
  CHECK(wsclose_cause_summary(known) == NULL && wsclose_cause_check(known) == NULL, "texts past the last cause");
  CHECK(wsclose_explain(1000, 2, NULL, 0) == WSCLOSE_ERR_INVALID_ARGUMENT, "was_clean 2");
  CHECK(wsclose_explain(1000, -2, NULL, 0) == WSCLOSE_ERR_INVALID_ARGUMENT, "was_clean -2");
  CHECK(wsclose_explain(1006, 0, NULL, 4) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL with cap 4");
}

/* The browser model: close events, page close(), and their errors (-301, -302). */
static void test_browser_abi(void) {
  wsclose_close_event event;
  const uint8_t bye[] = {0x03, 0xe8, 'b', 'y', 'e'};
  for (uint32_t engine = WSCLOSE_ENGINE_CHROMIUM; engine <= WSCLOSE_ENGINE_FIREFOX; engine++) {
    CHECK(wsclose_browser_close_event(engine, bye, sizeof bye, WSCLOSE_RECEIVED_PAYLOAD, &event) == WSCLOSE_OK, "1000 bye");
    CHECK(event.code == 1000 && event.was_clean && event.reason_len == 3 && event.reason == bye + 2,
          "1000 bye: %u", (unsigned)event.code);
    CHECK(wsclose_browser_close_event(engine, NULL, 0, WSCLOSE_RECEIVED_DROPPED, &event) == WSCLOSE_OK, "dropped");
    CHECK(event.code == WSCLOSE_ABNORMAL_CLOSURE && !event.was_clean && event.reply_kind == 0 &&
              event.reason != NULL && event.reason_len == 0,
          "dropped: %u", (unsigned)event.code);
    CHECK(!event.error_fired, "dropped: no error event");
    /* Measured: Firefox fires error before close for an RST, Chromium does not. */
    CHECK(wsclose_browser_close_event(engine, NULL, 0, WSCLOSE_RECEIVED_RESET, &event) == WSCLOSE_OK, "reset");
    CHECK(event.code == WSCLOSE_ABNORMAL_CLOSURE && !event.was_clean && event.reply_kind == 0 &&
              event.reason != NULL && event.reason_len == 0 &&
              event.error_fired == (engine == WSCLOSE_ENGINE_FIREFOX),
          "reset: %u error %u", (unsigned)event.code, (unsigned)event.error_fired);
    CHECK(wsclose_browser_close_event(engine, NULL, 0, WSCLOSE_RECEIVED_PAYLOAD, &event) == WSCLOSE_OK &&
              event.code == WSCLOSE_NO_STATUS_RECEIVED,
          "empty payload");
    CHECK(wsclose_browser_close_event(engine, NULL, 5, WSCLOSE_RECEIVED_PAYLOAD, &event) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL payload");
    CHECK(wsclose_browser_close_event(engine, bye, sizeof bye, WSCLOSE_RECEIVED_PAYLOAD, NULL) == WSCLOSE_ERR_NULL_ARGUMENT, "NULL out");

    uint16_t code = 7;
    uint8_t has_code = 1;
    uint8_t reason[WSCLOSE_MAX_REASON_LEN];
    size_t len = 99;
    CHECK(wsclose_browser_close(engine, 0, 0, 0, NULL, 0, &code, &has_code, reason, sizeof reason, &len) ==
                  WSCLOSE_OK &&
              !has_code && code == 0 && len == 0,
          "close()");
    const uint16_t units[] = {'b', 'y', 'e'};
    CHECK(wsclose_browser_close(engine, 1, 4000.0, 1, units, 3, &code, &has_code, reason, sizeof reason, &len) ==
                  WSCLOSE_OK &&
              has_code && code == 4000 && len == 3 && memcmp(reason, "bye", 3) == 0,
          "close(4000, 'bye')");
    CHECK(wsclose_browser_close(engine, 1, 4000.0, 1, units, 3, &code, &has_code, reason, 2, &len) ==
                  WSCLOSE_ERR_BUFFER_TOO_SMALL &&
              len == 3,
          "reason_cap 2: needs %zu", len);
    CHECK(wsclose_browser_close(engine, 1, 999.0, 0, NULL, 0, &code, &has_code, reason, sizeof reason, &len) ==
              WSCLOSE_ERR_INVALID_ACCESS,
          "close(999)");
    uint16_t long_reason[WSCLOSE_MAX_REASON_LEN + 1];
    for (size_t i = 0; i < WSCLOSE_MAX_REASON_LEN + 1; i++) long_reason[i] = 'a';
    CHECK(wsclose_browser_close(engine, 1, 1000.0, 1, long_reason, WSCLOSE_MAX_REASON_LEN + 1, &code, &has_code,
                                reason, sizeof reason, &len) == WSCLOSE_ERR_SYNTAX,
          "close(1000, 124 bytes)");
    CHECK(wsclose_browser_close(engine, 1, 1000.0, 1, NULL, 3, &code, &has_code, reason, sizeof reason, &len) ==
              WSCLOSE_ERR_NULL_ARGUMENT,
          "NULL reason with units");
    CHECK(wsclose_browser_close(engine, 1, 1000.0, 0, NULL, 0, NULL, &has_code, reason, sizeof reason, &len) ==
              WSCLOSE_ERR_NULL_ARGUMENT,
          "NULL code_out");
    for (uint32_t c = 0; c <= UINT16_MAX; c++) {
      int32_t r = wsclose_browser_close(engine, 1, (double)c, 0, NULL, 0, &code, &has_code, reason,
                                        sizeof reason, &len);
      if (wsclose_is_browser_closeable((uint16_t)c)) {
        CHECK(r == WSCLOSE_OK && has_code && code == c, "close(%u)", (unsigned)c);
      } else {
        CHECK(r == WSCLOSE_ERR_INVALID_ACCESS, "close(%u) = %d", (unsigned)c, (int)r);
      }
    }
  }
  uint32_t unknown = WSCLOSE_ENGINE_FIREFOX + 1;
  CHECK(wsclose_browser_close_event(unknown, bye, sizeof bye, WSCLOSE_RECEIVED_PAYLOAD, &event) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "unknown engine (event)");
  uint16_t code;
  uint8_t has_code;
  size_t len;
  CHECK(wsclose_browser_close(unknown, 0, 0, 0, NULL, 0, &code, &has_code, NULL, 0, &len) ==
            WSCLOSE_ERR_INVALID_ARGUMENT,
        "unknown engine (close)");
  /* Issue 18 #11: an ignored argument is never checked; a flag other than 0 or 1 is refused. */
  CHECK(wsclose_browser_close_event(WSCLOSE_ENGINE_FIREFOX, NULL, 4, WSCLOSE_RECEIVED_DROPPED, &event) == WSCLOSE_OK &&
            event.code == WSCLOSE_ABNORMAL_CLOSURE,
        "dropped ignores the payload");
  CHECK(wsclose_browser_close_event(WSCLOSE_ENGINE_FIREFOX, NULL, 4, WSCLOSE_RECEIVED_RESET, &event) == WSCLOSE_OK &&
            event.code == WSCLOSE_ABNORMAL_CLOSURE,
        "reset ignores the payload");
  CHECK(wsclose_browser_close_event(WSCLOSE_ENGINE_FIREFOX, NULL, 0, 3, &event) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "received 3");
  uint8_t out[8];
  CHECK(wsclose_browser_close(WSCLOSE_ENGINE_CHROMIUM, 1, 4000.0, 0, NULL, 3, &code, &has_code, out, sizeof out,
                              &len) == WSCLOSE_OK &&
            has_code == 1 && code == 4000 && len == 0,
        "has_reason 0 ignores the reason");
  CHECK(wsclose_browser_close(WSCLOSE_ENGINE_CHROMIUM, 2, 4000.0, 0, NULL, 0, &code, &has_code, out, sizeof out,
                              &len) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "has_code 2");
  CHECK(wsclose_browser_close(WSCLOSE_ENGINE_CHROMIUM, 1, 4000.0, 2, NULL, 0, &code, &has_code, out, sizeof out,
                              &len) == WSCLOSE_ERR_INVALID_ARGUMENT,
        "has_reason 2");
  CHECK(wsclose_result_close_code(WSCLOSE_ERR_INVALID_ACCESS) == 0 && wsclose_result_close_code(WSCLOSE_ERR_SYNTAX) == 0,
        "DOM exceptions have no answer code");
  CHECK(strncmp(wsclose_result_message(WSCLOSE_ERR_INVALID_ACCESS), "InvalidAccessError", 18) == 0, "-301 message");
  CHECK(strncmp(wsclose_result_message(WSCLOSE_ERR_SYNTAX), "SyntaxError", 11) == 0, "-302 message");
}

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
      {"exhaustive_consistency", test_exhaustive},
      {"labels", test_labels},
      {"results", test_results},
      {"version", test_version},
      {"layout", test_layout},
      {"info_null", test_info_null},
      {"parse_edges", test_parse_edges},
      {"encode_edges", test_encode_edges},
      {"encode16_edges", test_encode16_edges},
      {"classify_many_edges", test_classify_many_edges},
      {"profiles_abi", test_profiles_abi},
      {"intent_abi", test_intent_abi},
      {"policy_abi", test_policy_abi},
      {"policy_validation", test_policy_validation},
      {"explain_abi", test_explain_abi},
      {"browser_abi", test_browser_abi},
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
