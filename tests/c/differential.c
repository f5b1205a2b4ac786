/* The C column of the cross-language differential (docs/differential.md): reads the corpus in
 * tests/differential/ and writes the answers of the public C API (include/wsclose.h) in the
 * neutral format; `cargo run -p xtask -- differential DIR c` compares them with the core.
 *
 * Usage: differential CORPUS_DIR OUT_FILE
 * Sections: code, parse, encode (wsclose_encode_close_payload), encode16
 * (wsclose_encode_close_payload_utf16).
 *
 * Everything printed comes from the library: category and kind constant names are the suffixes
 * of the C enumerators (stringized, so no name is typed twice), labels, names and messages come
 * from the library's functions, answer codes from wsclose_result_close_code.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsclose.h"

#define MAX_LINE 8192

#define CATEGORY(name) {WSCLOSE_CATEGORY_##name, #name}
#define RECONNECT(name) {WSCLOSE_RECONNECT_##name, #name}
#define KIND(name) {WSCLOSE_ERR_##name, #name}

typedef struct {
  int32_t value;
  const char *name;
} enumerator;

static const enumerator categories[] = {CATEGORY(UNUSED),     CATEGORY(STANDARD),
                                        CATEGORY(RESERVED),   CATEGORY(REGISTERED),
                                        CATEGORY(PRIVATE),    CATEGORY(OUT_OF_RANGE)};
static const enumerator advice[] = {RECONNECT(NEVER), RECONNECT(BACKOFF), RECONNECT(APP_DEFINED)};
static const enumerator kinds[] = {KIND(ONE_BYTE),     KIND(TOO_LONG),        KIND(INVALID_CODE),
                                   KIND(INVALID_UTF8), KIND(REASON_TOO_LONG), KIND(BUFFER_TOO_SMALL)};

static const char *enum_name(const enumerator *table, size_t count, int32_t value) {
  for (size_t i = 0; i < count; i++) {
    if (table[i].value == value) return table[i].name;
  }
  fprintf(stderr, "differential: unknown enum value %d\n", (int)value);
  exit(1);
}
#define NAME_OF(table, value) enum_name(table, sizeof table / sizeof table[0], (int32_t)(value))

static const char *or_dash(const char *text) { return text == NULL ? "-" : text; }

static void put_hex(FILE *out, const uint8_t *bytes, size_t len) {
  if (len == 0) {
    fputc('-', out);
    return;
  }
  for (size_t i = 0; i < len; i++) fprintf(out, "%02x", bytes[i]);
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap) {
  if (strcmp(hex, "-") == 0) return 0;
  size_t n = strlen(hex) / 2;
  if (n > cap) {
    fprintf(stderr, "differential: hex field too long\n");
    exit(1);
  }
  for (size_t i = 0; i < n; i++) {
    unsigned byte = 0;
    if (sscanf(hex + 2 * i, "%2x", &byte) != 1) exit(1);
    out[i] = (uint8_t)byte;
  }
  return n;
}

static size_t unhex16(const char *hex, uint16_t *out, size_t cap) {
  if (strcmp(hex, "-") == 0) return 0;
  size_t n = strlen(hex) / 4;
  if (n > cap) {
    fprintf(stderr, "differential: hex field too long\n");
    exit(1);
  }
  for (size_t i = 0; i < n; i++) {
    unsigned unit = 0;
    if (sscanf(hex + 4 * i, "%4x", &unit) != 1) exit(1);
    out[i] = (uint16_t)unit;
  }
  return n;
}

/* "err KIND answer carried result message". `carried` < 0 means none. */
static void put_error(FILE *out, int32_t result, long carried) {
  uint16_t answer = wsclose_result_close_code(result);
  fprintf(out, "err\t%s\t", NAME_OF(kinds, result));
  if (answer == 0) {
    fputc('-', out);
  } else {
    fprintf(out, "%u", answer);
  }
  fputc('\t', out);
  if (carried < 0) {
    fputc('-', out);
  } else {
    fprintf(out, "%ld", carried);
  }
  fprintf(out, "\t%d\t%s", (int)result, wsclose_result_message(result));
}

static void put_encoded(FILE *out, int32_t result, uint16_t code, const uint8_t *payload,
                        size_t len) {
  if (result == WSCLOSE_OK) {
    fputs("ok\t", out);
    put_hex(out, payload, len);
  } else {
    /* An encode error always names the code that was to be carried. */
    put_error(out, result, code);
  }
  fputc('\n', out);
}

static FILE *open_corpus(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *file = fopen(path, "r");
  if (file == NULL) {
    fprintf(stderr, "differential: cannot open %s\n", path);
    exit(1);
  }
  return file;
}

/* Reads the next data line (no comment, not empty) without its line end. */
static bool next_line(FILE *file, char *line) {
  while (fgets(line, MAX_LINE, file) != NULL) {
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    if (len == 0 || line[0] == '#') continue;
    return true;
  }
  return false;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s CORPUS_DIR OUT_FILE\n", argv[0]);
    return 2;
  }
  FILE *out = fopen(argv[2], "w");
  if (out == NULL) {
    fprintf(stderr, "differential: cannot write %s\n", argv[2]);
    return 1;
  }
  static char line[MAX_LINE];

  for (uint32_t value = 0; value <= UINT16_MAX; value++) {
    uint16_t code = (uint16_t)value;
    wsclose_category category = wsclose_classify(code);
    wsclose_reconnect_advice reconnect = wsclose_reconnect(code);
    fprintf(out, "code\t%u\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", (unsigned)code,
            NAME_OF(categories, category), wsclose_category_label(category),
            or_dash(wsclose_name(code)), or_dash(wsclose_const_name(code)),
            wsclose_is_sendable(code), wsclose_is_local_only(code),
            wsclose_is_browser_closeable(code), wsclose_is_ok(code), NAME_OF(advice, reconnect),
            wsclose_reconnect_label(reconnect), wsclose_description(code));
  }

  FILE *parse = open_corpus(argv[1], "parse.txt");
  unsigned parse_rows = 0;
  static uint8_t payload[MAX_LINE / 2];
  while (next_line(parse, line)) {
    parse_rows++;
    size_t len = unhex(line, payload, sizeof payload);
    /* An exact-size heap copy, so that ASan would see any read past the end. */
    uint8_t *exact = len == 0 ? NULL : malloc(len);
    if (len != 0 && exact == NULL) return 1;
    if (len != 0) memcpy(exact, payload, len);
    uint16_t code = 0;
    const uint8_t *reason = NULL;
    size_t reason_len = 0;
    int32_t result = wsclose_parse_close_payload(exact, len, &code, &reason, &reason_len);
    fprintf(out, "parse\t%s\t", line);
    if (result == WSCLOSE_OK) {
      fprintf(out, "ok\t%u\t", (unsigned)code);
      put_hex(out, reason, reason_len);
    } else {
      /* *code_out is the carried code; ONE_BYTE and TOO_LONG stop before the code is read
       * (docs/c-abi.md), so they carry none. */
      bool carried = result != WSCLOSE_ERR_ONE_BYTE && result != WSCLOSE_ERR_TOO_LONG;
      put_error(out, result, carried ? (long)code : -1L);
    }
    fputc('\n', out);
    free(exact);
  }
  fclose(parse);

  /* encode.tsv: code, reason bytes, reason as UTF-16 (x = none). Bytes first, then UTF-16. */
  for (int pass = 0; pass < 2; pass++) {
    FILE *encode = open_corpus(argv[1], "encode.tsv");
    unsigned rows = 0;
    while (next_line(encode, line)) {
      char *fields[3];
      char *p = line;
      for (int i = 0; i < 3; i++) {
        fields[i] = p;
        p = strchr(p, '\t');
        if (p == NULL && i < 2) {
          fprintf(stderr, "differential: encode.tsv row with too few fields\n");
          return 1;
        }
        if (p != NULL) *p++ = '\0';
      }
      uint16_t code = (uint16_t)strtoul(fields[0], NULL, 10);
      uint8_t buf[WSCLOSE_MAX_CLOSE_PAYLOAD];
      size_t len = 0;
      int32_t result;
      if (pass == 0) {
        static uint8_t reason[MAX_LINE / 2];
        size_t reason_len = unhex(fields[1], reason, sizeof reason);
        result = wsclose_encode_close_payload(code, reason, reason_len, buf, sizeof buf, &len);
        fprintf(out, "encode\t%s\t%s\t", fields[0], fields[1]);
      } else {
        if (strcmp(fields[2], "x") == 0) continue;
        static uint16_t units[MAX_LINE / 4];
        size_t count = unhex16(fields[2], units, sizeof units / sizeof units[0]);
        result = wsclose_encode_close_payload_utf16(code, units, count, buf, sizeof buf, &len);
        fprintf(out, "encode16\t%s\t%s\t", fields[0], fields[2]);
      }
      rows++;
      put_encoded(out, result, code, buf, len);
    }
    fclose(encode);
    if (rows == 0) {
      fprintf(stderr, "differential: encode.tsv gave no rows\n");
      return 1;
    }
  }
  if (parse_rows == 0) {
    fprintf(stderr, "differential: parse.txt has no rows\n");
    return 1;
  }
  if (fclose(out) != 0) return 1;
  return 0;
}
