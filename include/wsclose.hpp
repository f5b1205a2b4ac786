// wsclose.hpp: C++17 convenience layer over the C API in wsclose.h (hand-written, header-only).
//
// Scoped enums instead of integers, std::string_view instead of char pointers, std::optional for
// "no name", and small value types for parse and encode results. Everything is noexcept and
// allocation-free, like the C library underneath; the constants and enum helpers are constexpr.
// SPDX-License-Identifier: MIT OR Apache-2.0
#ifndef WSCLOSE_HPP
#define WSCLOSE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "wsclose.h"

namespace wsclose {

/// The range a close code belongs to; same numbers as WSCLOSE_CATEGORY_*.
enum class category : std::uint8_t {
  unused = WSCLOSE_CATEGORY_UNUSED,
  standard = WSCLOSE_CATEGORY_STANDARD,
  reserved = WSCLOSE_CATEGORY_RESERVED,
  registered = WSCLOSE_CATEGORY_REGISTERED,
  private_use = WSCLOSE_CATEGORY_PRIVATE,
  out_of_range = WSCLOSE_CATEGORY_OUT_OF_RANGE,
};

/// What a client should do after a close; same numbers as WSCLOSE_RECONNECT_*.
enum class reconnect_advice : std::uint8_t {
  never = WSCLOSE_RECONNECT_NEVER,
  backoff = WSCLOSE_RECONNECT_BACKOFF,
  app_defined = WSCLOSE_RECONNECT_APP_DEFINED,
};

/// The outcome of a call; same numbers as WSCLOSE_OK / WSCLOSE_ERR_*.
enum class result : std::int32_t {
  ok = WSCLOSE_OK,
  one_byte = WSCLOSE_ERR_ONE_BYTE,
  too_long = WSCLOSE_ERR_TOO_LONG,
  invalid_code = WSCLOSE_ERR_INVALID_CODE,
  invalid_utf8 = WSCLOSE_ERR_INVALID_UTF8,
  reason_too_long = WSCLOSE_ERR_REASON_TOO_LONG,
  buffer_too_small = WSCLOSE_ERR_BUFFER_TOO_SMALL,
  null_argument = WSCLOSE_ERR_NULL_ARGUMENT,
  invalid_argument = WSCLOSE_ERR_INVALID_ARGUMENT,
  panic = WSCLOSE_ERR_PANIC,
};

/// The underlying number of any of the enums above.
template <typename E>
constexpr std::underlying_type_t<E> to_underlying(E value) noexcept {
  return static_cast<std::underlying_type_t<E>>(value);
}

inline constexpr std::size_t max_close_payload = WSCLOSE_MAX_CLOSE_PAYLOAD;
inline constexpr std::size_t max_reason_len = WSCLOSE_MAX_REASON_LEN;
inline constexpr std::string_view header_version = WSCLOSE_VERSION;

/// The standard codes, 1000–1015.
namespace codes {
inline constexpr std::uint16_t normal_closure = 1000;
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t protocol_error = 1002;
inline constexpr std::uint16_t unsupported_data = 1003;
inline constexpr std::uint16_t reserved = 1004;
inline constexpr std::uint16_t no_status_received = 1005;
inline constexpr std::uint16_t abnormal_closure = 1006;
inline constexpr std::uint16_t invalid_payload_data = 1007;
inline constexpr std::uint16_t policy_violation = 1008;
inline constexpr std::uint16_t message_too_big = 1009;
inline constexpr std::uint16_t mandatory_extension = 1010;
inline constexpr std::uint16_t internal_error = 1011;
inline constexpr std::uint16_t service_restart = 1012;
inline constexpr std::uint16_t try_again_later = 1013;
inline constexpr std::uint16_t bad_gateway = 1014;
inline constexpr std::uint16_t tls_handshake = 1015;
}  // namespace codes

namespace detail {
inline std::string_view view(const char *text) noexcept {
  return text == nullptr ? std::string_view{} : std::string_view{text};
}
}  // namespace detail

inline category classify(std::uint16_t code) noexcept {
  return static_cast<category>(wsclose_classify(code));
}
inline bool is_sendable(std::uint16_t code) noexcept { return wsclose_is_sendable(code); }
inline bool is_local_only(std::uint16_t code) noexcept { return wsclose_is_local_only(code); }
inline bool is_browser_closeable(std::uint16_t code) noexcept {
  return wsclose_is_browser_closeable(code);
}
inline bool is_ok(std::uint16_t code) noexcept { return wsclose_is_ok(code); }
inline reconnect_advice reconnect(std::uint16_t code) noexcept {
  return static_cast<reconnect_advice>(wsclose_reconnect(code));
}

/// The standard name of 1000–1015, or std::nullopt.
inline std::optional<std::string_view> name(std::uint16_t code) noexcept {
  const char *text = wsclose_name(code);
  if (text == nullptr) {
    return std::nullopt;
  }
  return std::string_view{text};
}

inline std::string_view description(std::uint16_t code) noexcept {
  return detail::view(wsclose_description(code));
}

/// "unused", "standard", …, "out of range".
inline std::string_view label(category value) noexcept {
  return detail::view(wsclose_category_name(to_underlying(value)));
}

/// "never", "backoff", "app-defined".
inline std::string_view label(reconnect_advice value) noexcept {
  return detail::view(wsclose_reconnect_name(to_underlying(value)));
}

/// Static text for a result.
inline std::string_view message(result value) noexcept {
  return detail::view(wsclose_result_message(to_underlying(value)));
}

/// The code to close with after a parse error (1002 or 1007), 0 for other results.
inline std::uint16_t close_code(result value) noexcept {
  return wsclose_result_close_code(to_underlying(value));
}

inline std::string_view version() noexcept { return detail::view(wsclose_version()); }

/// Everything known about one code.
struct code_info {
  std::uint16_t code;
  wsclose::category category;
  reconnect_advice reconnect;
  bool sendable;
  bool local_only;
  bool browser_closeable;
  bool ok;
  std::optional<std::string_view> name;
  std::string_view description;
};

inline code_info info(std::uint16_t code) noexcept {
  wsclose_code_info raw{};
  (void)wsclose_info(code, &raw);  // cannot fail: the pointer is valid
  return code_info{raw.code,
                   static_cast<wsclose::category>(raw.category),
                   static_cast<reconnect_advice>(raw.reconnect),
                   raw.sendable,
                   raw.local_only,
                   raw.browser_closeable,
                   raw.ok,
                   raw.name == nullptr ? std::nullopt
                                       : std::optional<std::string_view>{raw.name},
                   detail::view(raw.description)};
}

/// A parsed Close payload. On success `code` is the peer's code and `reason` views the caller's
/// buffer; on error `code` is the code to close with (1002 or 1007) and `reason` is empty.
struct parsed_close {
  result status;
  std::uint16_t code;
  std::string_view reason;
  constexpr explicit operator bool() const noexcept { return status == result::ok; }
};

inline parsed_close parse_close_payload(const void *payload, std::size_t len) noexcept {
  std::uint16_t code = 0;
  const std::uint8_t *reason = nullptr;
  std::size_t reason_len = 0;
  const auto status = static_cast<result>(wsclose_parse_close_payload(
      static_cast<const std::uint8_t *>(payload), len, &code, &reason, &reason_len));
  std::string_view text{};
  if (status == result::ok && reason != nullptr) {
    text = std::string_view{reinterpret_cast<const char *>(reason), reason_len};
  }
  return parsed_close{status, code, text};
}

inline parsed_close parse_close_payload(std::string_view payload) noexcept {
  return parse_close_payload(payload.data(), payload.size());
}

/// An encoded Close payload held inline; `bytes()` views it.
struct close_payload {
  result status = result::ok;
  std::array<std::uint8_t, WSCLOSE_MAX_CLOSE_PAYLOAD> data{};
  std::size_t size = 0;
  constexpr explicit operator bool() const noexcept { return status == result::ok; }
  std::string_view bytes() const noexcept {
    return std::string_view{reinterpret_cast<const char *>(data.data()), size};
  }
};

/// Encodes `code` and a UTF-8 `reason` (at most 123 bytes).
inline close_payload encode_close_payload(std::uint16_t code, std::string_view reason) noexcept {
  close_payload out;
  out.status = static_cast<result>(wsclose_encode_close_payload(
      code, reinterpret_cast<const std::uint8_t *>(reason.data()), reason.size(), out.data.data(),
      out.data.size(), &out.size));
  if (out.status != result::ok) {
    out.size = 0;
  }
  return out;
}

/// out[i] = category number of codes[i] for `count` codes.
inline result classify_many(const std::uint16_t *codes, std::uint8_t *out,
                            std::size_t count) noexcept {
  return static_cast<result>(wsclose_classify_many(codes, out, count));
}

/// The same for any pair of contiguous containers (std::vector, std::array, …); the output must
/// be at least as long as the input.
template <typename Codes, typename Out>
inline result classify_many(const Codes &codes, Out &out) noexcept {
  if (out.size() < codes.size()) {
    return result::invalid_argument;
  }
  return classify_many(codes.data(), out.data(), codes.size());
}

}  // namespace wsclose

#endif  // WSCLOSE_HPP
