/* A tiny consumer of an installed wsclose: built only from the install prefix (pkg-config or
 * CMake), it checks a few answers and prints one line. Exit status 0 = all as expected. */
#include <stdio.h>
#include <string.h>

#include <wsclose.h>

int main(void) {
  int bad = 0;
  bad |= wsclose_classify(4000) != WSCLOSE_CATEGORY_PRIVATE;
  bad |= strcmp(wsclose_name(1006), "Abnormal Closure") != 0;
  bad |= strcmp(wsclose_version(), WSCLOSE_VERSION) != 0;

  uint8_t out[WSCLOSE_MAX_CLOSE_PAYLOAD];
  size_t out_len = 0;
  bad |= wsclose_encode_close_payload(1001, (const uint8_t *)"bye", 3, out, sizeof out, &out_len) !=
         WSCLOSE_OK;
  uint16_t code = 0;
  const uint8_t *reason = NULL;
  size_t reason_len = 0;
  bad |= wsclose_parse_close_payload(out, out_len, &code, &reason, &reason_len) != WSCLOSE_OK;
  bad |= code != 1001 || reason_len != 3 || memcmp(reason, "bye", 3) != 0;

  printf("consumer %s: 4000 is %s, 1006 is %s, round trip %u \"%.*s\"\n",
         bad ? "FAILED" : "ok", wsclose_category_label(wsclose_classify(4000)), wsclose_name(1006),
         code, (int)reason_len, (const char *)reason);
  return bad;
}
