// include/wsclose/lws.h compiles as C++ (g++ -std=c++17, clang++ -std=c++20; make test-stacks-lws)
// and answers as in C: the converters on every code the enum can hold in C++ (the enum's values
// span 0-16383, as its largest enumerator is 9999), the peer Close parser on a few payloads.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <wsclose/lws.h>

static int failures;
#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      failures++;                                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);              \
    }                                                                                              \
  } while (0)

int main() {
  unsigned sendable = 0;
  for (unsigned v = 0; v <= 16383; v++) {
    const auto code = static_cast<std::uint16_t>(v);
    enum lws_close_status st = LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY;
    std::uint16_t back = 7;
    if (wsclose_is_sendable(code)) {
      sendable++;
      CHECK(wsclose_lws_status_from_code(code, &st) == WSCLOSE_OK && static_cast<unsigned>(st) == v);
    } else {
      CHECK(wsclose_lws_status_from_code(code, &st) == WSCLOSE_ERR_INVALID_CODE);
      CHECK(st == LWS_CLOSE_STATUS_NOSTATUS_CONTEXT_DESTROY);
    }
    CHECK(wsclose_lws_code_from_status(static_cast<enum lws_close_status>(v), &back) == WSCLOSE_OK);
    CHECK(back == code);
  }
  CHECK(sendable == 2012);
  CHECK(wsclose_lws_status_from_code(65535, nullptr) == WSCLOSE_ERR_NULL_ARGUMENT);

  wsclose_lws_peer_close pc{};
  const unsigned char bye[] = {0x0F, 0xA0, 'b', 'y', 'e'};
  CHECK(wsclose_lws_parse_peer_close(bye, sizeof bye, &pc) == WSCLOSE_OK);
  CHECK(pc.code == 4000 && pc.reply == 4000 && pc.reason_len == 3 && std::memcmp(pc.reason, "bye", 3) == 0);
  const unsigned char one[] = {0x03};
  CHECK(wsclose_lws_parse_peer_close(one, 1, &pc) == WSCLOSE_ERR_ONE_BYTE && pc.reply == 1002);
  CHECK(wsclose_lws_parse_peer_close(nullptr, 0, &pc) == WSCLOSE_OK && pc.code == 1005 && pc.reply == 0);
  CHECK(wsclose_lws_close_reason(nullptr, 1000, "x", 1) == WSCLOSE_ERR_NULL_ARGUMENT);

  if (failures != 0) {
    std::fprintf(stderr, "test_lws_cxx: %d check(s) failed\n", failures);
    return 1;
  }
  std::printf("test_lws_cxx: all checks passed\n");
  return 0;
}
