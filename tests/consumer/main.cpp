// The C++ side of the consumer test: the installed wsclose.hpp, built through CMake and
// pkg-config as C++17 and C++20 with g++ and clang++ (-Wall -Wextra -Wpedantic -Werror), linked
// against the installed library. It uses every feature of the C++ layer once; the answers it
// checks come from the library itself (the full checks are tests/cpp and the differential).
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <wsclose.hpp>

namespace {

bool codes_and_payloads() {
  // The installed generated constants agree with the installed C header.
  static_assert(wsclose::max_reason_len == WSCLOSE_MAX_REASON_LEN, "limits");
  static_assert(wsclose::to_underlying(wsclose::category::private_use) == WSCLOSE_CATEGORY_PRIVATE,
                "enum numbers");
  static_assert(wsclose::const_name(wsclose::payload_error_kind::invalid_utf8) == "INVALID_UTF8",
                "kind names");
  const auto parsed = wsclose::parse_close_payload(std::string_view{"\x03\xf3oops", 6});
  return parsed && parsed.code == wsclose::codes::internal_error && parsed.reason == "oops" &&
         wsclose::reconnect(parsed.code) == wsclose::reconnect_advice::backoff &&
         wsclose::version() == wsclose::header_version;
}

bool profiles_and_policy() {
  const std::optional<wsclose::profile> first = wsclose::profile_at(0);
  if (!first || wsclose::profile_by_name(first->name()) != first || wsclose::profile_by_name("")) {
    return false;
  }
  bool codes_named = true;
  for (const std::uint16_t code : first->codes()) {
    const auto row = first->lookup(code);
    codes_named = codes_named && row && row->advice == first->advice(code);
  }
  wsclose::policy_options options;
  options.profile = first;
  options.max_attempts = 2;
  const wsclose::reconnect_policy policy{options};
  const auto with = policy.with_override(4000, wsclose::advice::retry);
  const wsclose::decision retry = with->decide(4000, true, 0, [] { return std::uint64_t{0}; });
  const wsclose::decision stop = with->decide(4000, true, 2);  // the attempt limit
  const wsclose::intent_ranges stopping = first->codes_for(wsclose::intent::stop);
  bool intents_met = true;
  for (const wsclose::intent_range range : stopping) {
    intents_met = intents_met && !first->check_intent(range.first, wsclose::intent::stop);
  }
  return codes_named && with && retry && retry.delay_ms() == std::uint64_t{0} && !stop &&
         with->advice(4000, true) == wsclose::advice::retry && intents_met;
}

bool explain_and_browser() {
  const wsclose::explanation why = wsclose::explain(wsclose::codes::abnormal_closure, false);
  bool described = !why.empty();
  for (const wsclose::cause cause : why) {
    described = described && !wsclose::summary(cause).empty() && !wsclose::check(cause).empty();
  }
  const std::string payload("\x03\xe8" "bye", 5);
  const auto event = wsclose::close_event(wsclose::engine::firefox, payload);
  const auto sent = wsclose::page_close(wsclose::engine::chromium, 4000.0, u"bye");
  const auto thrown = wsclose::page_close(wsclose::engine::chromium, 1001.0);
  return described && event && event->code == wsclose::codes::normal_closure && event->reason == "bye" &&
         sent && sent->code == std::uint16_t{4000} && sent->reason() == "bye" && !thrown &&
         !wsclose::name(thrown.error()).empty();
}

}  // namespace

int main() {
  const bool ok = codes_and_payloads() && profiles_and_policy() && explain_and_browser();
  std::printf("consumer c++%ld %s\n", static_cast<long>(__cplusplus / 100 % 100),
              ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
