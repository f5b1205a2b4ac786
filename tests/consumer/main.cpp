// The C++ side of the consumer test: the installed wsclose.hpp, linked through CMake.
#include <cstdio>
#include <string>
#include <wsclose.hpp>

int main() {
  // The installed generated constants agree with the installed C header.
  static_assert(wsclose::max_reason_len == WSCLOSE_MAX_REASON_LEN, "limits");
  static_assert(wsclose::to_underlying(wsclose::category::private_use) == WSCLOSE_CATEGORY_PRIVATE,
                "enum numbers");
  static_assert(wsclose::const_name(wsclose::payload_error_kind::invalid_utf8) == "INVALID_UTF8",
                "kind names");
  const auto parsed = wsclose::parse_close_payload(std::string_view{"\x03\xf3oops", 6});
  const bool ok = parsed && parsed.code == wsclose::codes::internal_error &&
                  parsed.reason == "oops" &&
                  wsclose::reconnect(parsed.code) == wsclose::reconnect_advice::backoff &&
                  wsclose::version() == wsclose::header_version;
  std::printf("consumer c++ %s: %u %s\n", ok ? "ok" : "FAILED", parsed.code,
              std::string(wsclose::name(parsed.code).value_or("?")).c_str());
  return ok ? 0 : 1;
}
