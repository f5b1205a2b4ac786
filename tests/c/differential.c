/* The C column of the cross-language differential (docs/differential.md): reads the corpus in
 * tests/differential/ and writes the answers of the public C API (include/wsclose.h) in the
 * neutral format; `cargo run -p xtask -- differential DIR c` compares them with the core.
 *
 * Usage: differential CORPUS_DIR OUT_FILE
 * Sections: code, parse, encode (wsclose_encode_close_payload), encode16
 * (wsclose_encode_close_payload_utf16), advice (wsclose_profile_advice), policy
 * (wsclose_policy_decide; an advice number that is no advice is refused), explain
 * (wsclose_explain), event (wsclose_browser_close_event; engine number 7 is refused), intent
 * (wsclose_profile_intent_range_count, wsclose_profile_intent_range,
 * wsclose_profile_check_intent) and pageclose (wsclose_browser_close; the JavaScript number
 * literals of pageclose.tsv are read with strtod, which takes "NaN", "Infinity", "-Infinity", "-0" and "1e300" as JavaScript does).
 *
 * Everything printed comes from the library: category and kind constant names are the suffixes
 * of the C enumerators (stringized, so no name is typed twice), labels, names and messages come
 * from the library's functions, answer codes from wsclose_result_close_code. Advice names are
 * stringized enumerators too; engine names are the lower-cased enumerator suffixes; cause names
 * come from wsclose_cause_const_name, profile names from wsclose_profile_name. The ABI has no
 * function naming a DOM exception, so the two names are paired with their result numbers below.
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
#define ADVICE(name) {WSCLOSE_ADVICE_##name, #name}
#define ENGINE(name) {WSCLOSE_ENGINE_##name, #name}

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

static const enumerator profile_advice[] = {ADVICE(STOP), ADVICE(RETRY), ADVICE(RESUME),
                                            ADVICE(UNSPECIFIED)};
static const enumerator engines[] = {ENGINE(CHROMIUM), ENGINE(FIREFOX)};
/* The DOM exception a page's close() throws, by result number (names from the WebIDL spec). */
static const enumerator dom_exceptions[] = {{WSCLOSE_ERR_INVALID_ACCESS, "InvalidAccessError"},
                                            {WSCLOSE_ERR_SYNTAX, "SyntaxError"}};

static const char *enum_name(const enumerator *table, size_t count, int32_t value) {
  for (size_t i = 0; i < count; i++) {
    if (table[i].value == value) return table[i].name;
  }
  fprintf(stderr, "differential: unknown enum value %d\n", (int)value);
  exit(1);
}
#define NAME_OF(table, value) enum_name(table, sizeof table / sizeof table[0], (int32_t)(value))

/* The enumerator whose name is `name`; exits when none has it. */
static int32_t enum_value(const enumerator *table, size_t count, const char *name) {
  for (size_t i = 0; i < count; i++) {
    if (strcmp(table[i].name, name) == 0) return table[i].value;
  }
  fprintf(stderr, "differential: unknown enum name %s\n", name);
  exit(1);
}
#define VALUE_OF(table, name) enum_value(table, sizeof table / sizeof table[0], name)

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

/* Splits `line` at TABs into exactly `count` fields (in place); exits on a different count. */
static void split_fields(char *line, char **fields, int count, const char *what) {
  char *p = line;
  for (int i = 0; i < count; i++) {
    fields[i] = p;
    p = strchr(p, '\t');
    if ((p == NULL) != (i == count - 1)) {
      fprintf(stderr, "differential: %s row without %d fields\n", what, count);
      exit(1);
    }
    if (p != NULL) *p++ = '\0';
  }
}

static void put_engine(FILE *out, uint32_t engine) {
  const char *name = NAME_OF(engines, engine);
  for (const char *c = name; *c != '\0'; c++) fputc(c[0] >= 'A' && c[0] <= 'Z' ? c[0] + 32 : c[0], out);
}

static void advice_section(FILE *out) {
  uint32_t count = wsclose_profile_count();
  if (count == 0) {
    fprintf(stderr, "differential: no profiles\n");
    exit(1);
  }
  for (uint32_t profile = 0; profile < count; profile++) {
    const char *name = wsclose_profile_name(profile);
    for (uint32_t value = 0; value <= UINT16_MAX; value++) {
      int32_t advice = wsclose_profile_advice(profile, (uint16_t)value);
      fprintf(out, "advice\t%s\t%u\t%s\n", name, (unsigned)value, NAME_OF(profile_advice, advice));
    }
  }
}

/* One policy.tsv row: profile|- base cap max|- retry_unspecified overrides code clean attempt random. */
static void policy_row(FILE *out, const char *row) {
  char copy[MAX_LINE];
  snprintf(copy, sizeof copy, "%s", row);
  char *f[10];
  split_fields(copy, f, 10, "policy.tsv");
  wsclose_policy policy;
  if (wsclose_policy_init(&policy) != WSCLOSE_OK) exit(1);
  int32_t profile = -1;
  if (strcmp(f[0], "-") != 0) {
    profile = wsclose_profile_by_name(f[0], strlen(f[0]));
    if (profile < 0) {
      fprintf(stderr, "differential: unknown profile %s\n", f[0]);
      exit(1);
    }
  }
  int64_t max_attempts = strcmp(f[3], "-") == 0 ? -1 : (int64_t)strtoull(f[3], NULL, 10);
  int32_t result = wsclose_policy_set_profile(&policy, profile);
  if (result == WSCLOSE_OK) result = wsclose_policy_set_base_ms(&policy, strtoull(f[1], NULL, 10));
  if (result == WSCLOSE_OK) result = wsclose_policy_set_cap_ms(&policy, strtoull(f[2], NULL, 10));
  if (result == WSCLOSE_OK) result = wsclose_policy_set_max_attempts(&policy, max_attempts);
  if (result == WSCLOSE_OK) result = wsclose_policy_set_retry_unspecified(&policy, strcmp(f[4], "1") == 0);
  if (result == WSCLOSE_OK && strcmp(f[5], "-") != 0) {
    for (char *item = strtok(f[5], ","); item != NULL && result == WSCLOSE_OK; item = strtok(NULL, ",")) {
      char *colon = strchr(item, ':');
      if (colon == NULL) exit(1);
      *colon = '\0';
      /* `#N`: the raw advice number N; one that is no advice is refused by the library. */
      bool raw = colon[1] == '#';
      uint32_t number = raw ? (uint32_t)strtoul(colon + 2, NULL, 10) : (uint32_t)VALUE_OF(profile_advice, colon + 1);
      result = wsclose_policy_set_override(&policy, (uint16_t)strtoul(item, NULL, 10), number);
      if (raw && result == WSCLOSE_ERR_INVALID_ARGUMENT) {
        fprintf(out, "policy\t%s\trefused\t-\n", row);
        return;
      }
    }
  }
  if (result != WSCLOSE_OK) {
    fprintf(stderr, "differential: building the policy: %s\n", wsclose_result_message(result));
    exit(1);
  }
  uint64_t delay = 0;
  int32_t decision = wsclose_policy_decide(&policy, (uint16_t)strtoul(f[6], NULL, 10),
                                           strcmp(f[7], "1") == 0 ? 1 : 0, (uint32_t)strtoul(f[8], NULL, 10),
                                           strtoull(f[9], NULL, 10), &delay);
  if (decision < 0) {
    fprintf(stderr, "differential: wsclose_policy_decide: %s\n", wsclose_result_message(decision));
    exit(1);
  }
  if (decision == 1) {
    fprintf(out, "policy\t%s\tretry\t%llu\n", row, (unsigned long long)delay);
  } else {
    fprintf(out, "policy\t%s\tstop\t-\n", row);
  }
}

static void explain_section(FILE *out) {
  static const char *const clean_fields[] = {"-", "0", "1"};
  for (uint32_t value = 0; value <= UINT16_MAX; value++) {
    for (int32_t clean = -1; clean <= 1; clean++) {
      uint8_t causes[32];
      int32_t count = wsclose_explain((uint16_t)value, clean, causes, sizeof causes);
      if (count < 0 || (size_t)count > sizeof causes) {
        fprintf(stderr, "differential: wsclose_explain(%u) gave %d\n", (unsigned)value, (int)count);
        exit(1);
      }
      fprintf(out, "explain\t%u\t%s\t", (unsigned)value, clean_fields[clean + 1]);
      for (int32_t i = 0; i < count; i++) {
        const char *name = wsclose_cause_const_name(causes[i]);
        if (name == NULL) exit(1);
        fprintf(out, "%s%s", i == 0 ? "" : ",", name);
      }
      fputc('\n', out);
    }
  }
}

/* `hex` NULL: no Close frame, the connection closed (`received` WSCLOSE_RECEIVED_DROPPED) or
 * reset (WSCLOSE_RECEIVED_RESET); otherwise `received` is WSCLOSE_RECEIVED_PAYLOAD. */
static void event_row(FILE *out, uint32_t engine, uint32_t received, const char *hex) {
  static uint8_t payload[MAX_LINE / 2];
  size_t len = hex == NULL ? 0 : unhex(hex, payload, sizeof payload);
  wsclose_close_event event;
  int32_t result = wsclose_browser_close_event(engine, len == 0 ? NULL : payload, len, received, &event);
  if (result != WSCLOSE_OK) {
    fprintf(stderr, "differential: wsclose_browser_close_event: %s\n", wsclose_result_message(result));
    exit(1);
  }
  fputs("event\t", out);
  put_engine(out, engine);
  const char *input = hex != NULL ? hex : received == WSCLOSE_RECEIVED_RESET ? "reset" : "dropped";
  fprintf(out, "\t%s\t%u\t%d\t%d\t", input, (unsigned)event.code,
          event.was_clean, event.error_fired);
  put_hex(out, event.reason, event.reason_len);
  fputc('\t', out);
  if (event.reply_kind == 0) {
    fputs("none", out);
  } else if (event.reply_kind == 1) {
    fputs("empty", out);
  } else {
    fprintf(out, "%u:", (unsigned)event.reply_code);
    put_hex(out, event.reply_reason, event.reply_reason_len);
  }
  fputc('\n', out);
}

/* An engine number that is no engine: the library refuses it. */
static void invalid_engine_row(FILE *out, uint32_t engine, uint32_t received, const char *input) {
  static const uint8_t close_1000[] = {0x03, 0xe8};
  wsclose_close_event event;
  bool payload = received == WSCLOSE_RECEIVED_PAYLOAD;
  int32_t result = wsclose_browser_close_event(engine, payload ? close_1000 : NULL, payload ? 2 : 0, received, &event);
  if (result != WSCLOSE_ERR_INVALID_ARGUMENT) {
    fprintf(stderr, "differential: engine %u was not refused (%d)\n", (unsigned)engine, (int)result);
    exit(1);
  }
  fprintf(out, "event\t#%u\t%s\trefused\n", (unsigned)engine, input);
}

/* The intent section: per profile and intent, the ranges, then the verdict for every code of
 * intent.txt. */
static void put_near(FILE *out, int32_t code) {
  if (code < 0) {
    fputc('-', out);
  } else {
    fprintf(out, "%d", (int)code);
  }
}

#define INTENT(name) {WSCLOSE_INTENT_##name, #name}
static const enumerator intents[] = {INTENT(STOP), INTENT(RETRY)};

static void intent_section(FILE *out, const char *corpus_dir) {
  static char line[MAX_LINE];
  for (uint32_t profile = 0; profile < wsclose_profile_count(); profile++) {
    const char *name = wsclose_profile_name(profile);
    for (size_t i = 0; i < sizeof intents / sizeof intents[0]; i++) {
      uint32_t intent = (uint32_t)intents[i].value;
      int32_t count = wsclose_profile_intent_range_count(profile, intent);
      if (count < 0) {
        fprintf(stderr, "differential: wsclose_profile_intent_range_count: %s\n", wsclose_result_message(count));
        exit(1);
      }
      fprintf(out, "intent\t%s\t%s\tranges\t%d\n", name, intents[i].name, (int)count);
      for (int32_t r = 0; r < count; r++) {
        uint16_t first = 0, last = 0;
        uint32_t advice = 0;
        int32_t result = wsclose_profile_intent_range(profile, intent, (uint32_t)r, &first, &last, &advice);
        if (result != WSCLOSE_OK) exit(1);
        fprintf(out, "intent\t%s\t%s\trange\t%u\t%u\t%s\n", name, intents[i].name, (unsigned)first,
                (unsigned)last, NAME_OF(profile_advice, advice));
      }
      FILE *codes = open_corpus(corpus_dir, "intent.txt");
      unsigned rows = 0;
      while (next_line(codes, line)) {
        rows++;
        uint16_t code = (uint16_t)strtoul(line, NULL, 10);
        int32_t advice = 0, below = 0, above = 0;
        int32_t result = wsclose_profile_check_intent(profile, code, intent, &advice, &below, &above);
        fprintf(out, "intent\t%s\t%s\tcheck\t%u\t", name, intents[i].name, (unsigned)code);
        if (result == WSCLOSE_OK) {
          fputs("ok\n", out);
          continue;
        }
        if (result == WSCLOSE_ERR_INTENT_NOT_MET) {
          fprintf(out, "advice\t%s\t", NAME_OF(profile_advice, advice));
        } else if (result == WSCLOSE_ERR_INTENT_NOT_SENDABLE) {
          fputs("unsendable\t", out);
        } else {
          fprintf(stderr, "differential: wsclose_profile_check_intent: %s\n", wsclose_result_message(result));
          exit(1);
        }
        put_near(out, below);
        fputc('\t', out);
        put_near(out, above);
        fputc('\n', out);
      }
      fclose(codes);
      if (rows == 0) {
        fprintf(stderr, "differential: intent.txt has no rows\n");
        exit(1);
      }
    }
  }
}

/* One pageclose.tsv row: a JavaScript number literal (or undefined), a UTF-16 reason (hex, -, or
 * undefined). */
static void pageclose_row(FILE *out, uint32_t engine, const char *row) {
  char copy[MAX_LINE];
  snprintf(copy, sizeof copy, "%s", row);
  char *f[2];
  split_fields(copy, f, 2, "pageclose.tsv");
  bool has_code = strcmp(f[0], "undefined") != 0;
  double number = 0.0;
  if (has_code) {
    char *end = NULL;
    number = strtod(f[0], &end);
    if (end == f[0] || *end != '\0') {
      fprintf(stderr, "differential: %s is not a number\n", f[0]);
      exit(1);
    }
  }
  bool has_reason = strcmp(f[1], "undefined") != 0;
  static uint16_t units[MAX_LINE / 4];
  size_t count = has_reason ? unhex16(f[1], units, sizeof units / sizeof units[0]) : 0;
  uint16_t code = 0;
  uint8_t sent_code = 0;
  uint8_t reason[WSCLOSE_MAX_REASON_LEN];
  size_t reason_len = 0;
  int32_t result = wsclose_browser_close(engine, has_code, number, has_reason, count == 0 ? NULL : units,
                                         count, &code, &sent_code, reason, sizeof reason, &reason_len);
  fputs("pageclose\t", out);
  put_engine(out, engine);
  fprintf(out, "\t%s\t", row);
  if (result == WSCLOSE_OK) {
    fputs("ok\t", out);
    if (sent_code) {
      fprintf(out, "%u", (unsigned)code);
    } else {
      fputc('-', out);
    }
    fputc('\t', out);
    put_hex(out, reason, reason_len);
  } else {
    fprintf(out, "throw\t%s", NAME_OF(dom_exceptions, result));
  }
  fputc('\n', out);
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

  advice_section(out);

  FILE *policy = open_corpus(argv[1], "policy.tsv");
  unsigned policy_rows = 0;
  while (next_line(policy, line)) {
    policy_rows++;
    policy_row(out, line);
  }
  fclose(policy);
  if (policy_rows == 0) {
    fprintf(stderr, "differential: policy.tsv has no rows\n");
    return 1;
  }

  explain_section(out);

  for (size_t e = 0; e < sizeof engines / sizeof engines[0]; e++) {
    uint32_t engine = (uint32_t)engines[e].value;
    event_row(out, engine, WSCLOSE_RECEIVED_DROPPED, NULL);
    event_row(out, engine, WSCLOSE_RECEIVED_RESET, NULL);
    parse = open_corpus(argv[1], "parse.txt");
    while (next_line(parse, line)) event_row(out, engine, WSCLOSE_RECEIVED_PAYLOAD, line);
    fclose(parse);
  }
  invalid_engine_row(out, 7, WSCLOSE_RECEIVED_DROPPED, "dropped");
  invalid_engine_row(out, 7, WSCLOSE_RECEIVED_RESET, "reset");
  invalid_engine_row(out, 7, WSCLOSE_RECEIVED_PAYLOAD, "03e8");

  for (size_t e = 0; e < sizeof engines / sizeof engines[0]; e++) {
    FILE *page = open_corpus(argv[1], "pageclose.tsv");
    unsigned page_rows = 0;
    while (next_line(page, line)) {
      page_rows++;
      pageclose_row(out, (uint32_t)engines[e].value, line);
    }
    fclose(page);
    if (page_rows == 0) {
      fprintf(stderr, "differential: pageclose.tsv has no rows\n");
      return 1;
    }
  }

  /* profile.txt: a name as WTF-8 bytes; the ABI takes bytes, so a lone surrogate reaches the
     library as its WTF-8 bytes, which are not UTF-8 and name no profile. */
  FILE *names = open_corpus(argv[1], "profile.txt");
  unsigned name_rows = 0;
  while (next_line(names, line)) {
    static uint8_t name[MAX_LINE / 2];
    size_t len = unhex(line, name, sizeof name);
    int32_t by_name = wsclose_profile_by_name((const char *)name, len);
    int32_t by_token = wsclose_profile_by_subprotocol((const char *)name, len);
    if ((by_name < 0 && by_name != WSCLOSE_ERR_UNKNOWN_PROFILE) ||
        (by_token < 0 && by_token != WSCLOSE_ERR_UNKNOWN_PROFILE)) {
      fprintf(stderr, "differential: profile lookup of %s failed\n", line);
      return 1;
    }
    fprintf(out, "profile\t%s\t%s\t%s\n", line,
            by_name < 0 ? "-" : or_dash(wsclose_profile_name((uint32_t)by_name)),
            by_token < 0 ? "-" : or_dash(wsclose_profile_name((uint32_t)by_token)));
    name_rows++;
  }
  fclose(names);
  if (name_rows == 0) {
    fprintf(stderr, "differential: profile.txt has no rows\n");
    return 1;
  }
  intent_section(out, argv[1]);
  if (fclose(out) != 0) return 1;
  return 0;
}
