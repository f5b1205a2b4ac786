// Compile-fail test (mk/ffi.mk, ffi-test-cpp-compile-fail): a raw integer cannot be passed where
// wsclose.hpp wants an enum class. Compiled twice: without WSCLOSE_BAD_LINE this file must build
// (so the setup is sound), with it the compiler must refuse exactly the marked line.
#include <cstdint>

#include "wsclose.hpp"

int main() {
  const std::uint8_t payload[] = {0x03, 0xe8};
  // The same calls with the enum class compile.
  const auto event = wsclose::close_event(wsclose::engine::firefox, payload, 2);
  wsclose::reconnect_policy policy;
  const wsclose::result status = policy.try_override(4000, wsclose::advice::stop);
  int answer = event && event->code == 1000 && status == wsclose::result::ok ? 0 : 1;
#ifdef WSCLOSE_BAD_LINE
  // Engine 1 is Firefox in the C ABI, but C++ callers must say so by name.
  answer += wsclose::close_event(1, payload, 2)->code;  // WSCLOSE_BAD_LINE
#endif
  return answer;
}
