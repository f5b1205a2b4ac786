/* make demo (examples/demo/run.sh): the same line as `wsclose-demo line CODE...`, through the C
 * API of libwsclose: per code its category, reconnect advice and Discord Gateway advice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsclose.h"

int main(int argc, char **argv) {
  static const char profile_name[] = "discord-gateway";
  int32_t profile = wsclose_profile_by_name(profile_name, strlen(profile_name));
  if (profile < 0 || argc < 2) {
    fprintf(stderr, profile < 0 ? "no %s profile\n" : "usage: demo CODE...\n", profile_name);
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    long value = strtol(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || value < 0 || value > 65535) {
      fprintf(stderr, "\"%s\" is not a close code (0-65535)\n", argv[i]);
      return 2;
    }
    uint16_t code = (uint16_t)value;
    int32_t advice = wsclose_profile_advice((uint32_t)profile, code);
    if (advice < 0) return 1;
    printf("%s%u %s/%s/%s", i > 1 ? "; " : "", code, wsclose_category_label(wsclose_classify(code)),
           wsclose_reconnect_label(wsclose_reconnect(code)), wsclose_advice_label((uint32_t)advice));
  }
  printf("\n");
  return 0;
}
