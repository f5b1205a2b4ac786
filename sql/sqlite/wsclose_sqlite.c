/*
 * wsclose as a SQLite loadable extension: the functions of sql/wsclose.<dialect>.sql, answered
 * by libwsclose (linked in statically, so the extension is one file).
 *
 *   sqlite> .load ./wsclose
 *   sqlite> SELECT wsclose_category(4000), wsclose_advice('discord-gateway', 4004);
 *   private use|stop
 *
 * Python (a build with loadable extensions, such as Debian's python3):
 *   con.enable_load_extension(True); con.load_extension("./wsclose")
 *
 * wsclose_category(code), wsclose_name(code), wsclose_reconnect(code) -> TEXT
 * wsclose_sendable(code), wsclose_local_only(code), wsclose_browser_closeable(code),
 * wsclose_ok(code) -> INTEGER 1/0 (SQLite's booleans)
 * wsclose_advice(profile, code) -> TEXT: stop, retry, resume, unspecified
 *
 * A code is an INTEGER in 0..65535 (or a REAL with such an integral value). NULL, any other
 * number, text and blobs give NULL, as an unknown profile does: never a wrong answer. Every
 * function is deterministic and innocuous, so SQLite may use it in indexes and views.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "wsclose.h"

/* The code an argument names, or -1 when it names none. */
static int32_t code_of(sqlite3_value *value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER: {
      sqlite3_int64 n = sqlite3_value_int64(value);
      return n >= 0 && n <= 65535 ? (int32_t)n : -1;
    }
    case SQLITE_FLOAT: {
      double d = sqlite3_value_double(value);
      return d >= 0.0 && d <= 65535.0 && d == floor(d) ? (int32_t)d : -1;
    }
    default:
      return -1;
  }
}

static void text_result(sqlite3_context *ctx, const char *text) {
  if (text == NULL) {
    sqlite3_result_null(ctx);
  } else {
    sqlite3_result_text(ctx, text, -1, SQLITE_STATIC); /* the library's strings are static */
  }
}

static void category_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int32_t code = code_of(argv[0]);
  if (code < 0) { sqlite3_result_null(ctx); return; }
  text_result(ctx, wsclose_category_label((uint32_t)wsclose_classify((uint16_t)code)));
}

static void name_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int32_t code = code_of(argv[0]);
  if (code < 0) { sqlite3_result_null(ctx); return; }
  text_result(ctx, wsclose_name((uint16_t)code));
}

static void reconnect_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int32_t code = code_of(argv[0]);
  if (code < 0) { sqlite3_result_null(ctx); return; }
  text_result(ctx, wsclose_reconnect_label((uint32_t)wsclose_reconnect((uint16_t)code)));
}

/* The four predicates share one function; the predicate is the user data. */
typedef bool (*predicate)(uint16_t);

static void predicate_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int32_t code = code_of(argv[0]);
  if (code < 0) { sqlite3_result_null(ctx); return; }
  predicate test = *(const predicate *)sqlite3_user_data(ctx);
  sqlite3_result_int(ctx, test((uint16_t)code) ? 1 : 0);
}

static void advice_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int32_t code = code_of(argv[1]);
  if (code < 0 || sqlite3_value_type(argv[0]) != SQLITE_TEXT) { sqlite3_result_null(ctx); return; }
  const unsigned char *name = sqlite3_value_text(argv[0]);
  int len = sqlite3_value_bytes(argv[0]);
  int32_t profile = name == NULL ? -1 : wsclose_profile_by_name((const char *)name, (size_t)len);
  if (profile < 0) { sqlite3_result_null(ctx); return; }
  int32_t advice = wsclose_profile_advice((uint32_t)profile, (uint16_t)code);
  if (advice < 0) { sqlite3_result_null(ctx); return; }
  text_result(ctx, wsclose_advice_label((uint32_t)advice));
}

static const predicate SENDABLE = wsclose_is_sendable;
static const predicate LOCAL_ONLY = wsclose_is_local_only;
static const predicate BROWSER_CLOSEABLE = wsclose_is_browser_closeable;
static const predicate OK = wsclose_is_ok;

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_wsclose_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct {
    const char *name;
    int args;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
    const predicate *data;
  } functions[] = {
    {"wsclose_category", 1, category_fn, NULL},
    {"wsclose_name", 1, name_fn, NULL},
    {"wsclose_sendable", 1, predicate_fn, &SENDABLE},
    {"wsclose_local_only", 1, predicate_fn, &LOCAL_ONLY},
    {"wsclose_browser_closeable", 1, predicate_fn, &BROWSER_CLOSEABLE},
    {"wsclose_ok", 1, predicate_fn, &OK},
    {"wsclose_reconnect", 1, reconnect_fn, NULL},
    {"wsclose_advice", 2, advice_fn, NULL},
  };
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    int rc = sqlite3_create_function_v2(db, functions[i].name, functions[i].args, flags, (void *)functions[i].data,
                                        functions[i].fn, NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
