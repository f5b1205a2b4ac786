/* demo-ffi: explains the close codes given on the command line through the C API. */
#include <stdio.h>
#include <stdlib.h>

#include "wsclose.h"

static const char *yes_no(bool value) { return value ? "true" : "false"; }

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    long value = strtol(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || value < 0 || value > 65535) {
      fprintf(stderr, "\"%s\" is not a close code (0-65535)\n", argv[i]);
      status = 2;
      continue;
    }
    uint16_t code = (uint16_t)value;
    wsclose_code_info info;
    if (wsclose_info(code, &info) != WSCLOSE_OK) return 1;
    char label[48];
    if (info.name != NULL) {
      snprintf(label, sizeof label, "%u %s", code, info.name);
    } else {
      snprintf(label, sizeof label, "%u (%s)", code, wsclose_category_label(info.category));
    }
    printf("%-34s category=%-12s sendable=%-5s local_only=%-5s browser_closeable=%-5s ok=%-5s "
           "reconnect=%s\n",
           label, wsclose_category_label(info.category), yes_no(info.sendable),
           yes_no(info.local_only), yes_no(info.browser_closeable), yes_no(info.ok),
           wsclose_reconnect_label(info.reconnect));
  }
  return status;
}
