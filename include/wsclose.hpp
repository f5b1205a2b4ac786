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
#include "wsclose_constants.hpp"

namespace wsclose {

// The codes (wsclose::codes::normal_closure …), the limits (max_close_payload, max_reason_len),
// the enums category, reconnect_advice and payload_error_kind and their const_name() come from
// wsclose_constants.hpp, generated from the core; this file only wraps the C functions.

/// The outcome of a C call; the numbers of WSCLOSE_OK / WSCLOSE_ERR_* (docs/c-abi.md). A payload
/// error's number is also its payload_error_kind.
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

static_assert(max_close_payload == WSCLOSE_MAX_CLOSE_PAYLOAD, "wsclose_constants.hpp is stale");
static_assert(max_reason_len == WSCLOSE_MAX_REASON_LEN, "wsclose_constants.hpp is stale");
inline constexpr std::string_view header_version = WSCLOSE_VERSION;

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

/// The name of a named code (e.g. "Normal Closure", "Unauthorized"), or std::nullopt.
inline std::optional<std::string_view> name(std::uint16_t code) noexcept {
  const char *text = wsclose_name(code);
  if (text == nullptr) {
    return std::nullopt;
  }
  return std::string_view{text};
}

/// The constant name of a named code (e.g. "NORMAL_CLOSURE"), or std::nullopt.
inline std::optional<std::string_view> const_name(std::uint16_t code) noexcept {
  const char *text = wsclose_const_name(code);
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
  return detail::view(wsclose_category_label(to_underlying(value)));
}

/// "never", "backoff", "app-defined".
inline std::string_view label(reconnect_advice value) noexcept {
  return detail::view(wsclose_reconnect_label(to_underlying(value)));
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
                   raw.sendable != 0,
                   raw.local_only != 0,
                   raw.browser_closeable != 0,
                   raw.ok != 0,
                   raw.name == nullptr ? std::nullopt
                                       : std::optional<std::string_view>{raw.name},
                   detail::view(raw.description)};
}

/// What was wrong with a Close payload (parsing) or a code and reason (encoding): the kind,
/// the code to close the connection with (1002 or 1007; none for the kinds only encoding
/// reports), the code the payload carried or was to carry (none when parsing stopped before the
/// code: a 1-byte or an over-long payload) and the core's fixed message for the kind.
struct payload_error {
  payload_error_kind kind;
  std::optional<std::uint16_t> close_code;
  std::optional<std::uint16_t> code;
  std::string_view message;
};

namespace detail {
/// The payload_error for a C result; nullopt for OK and the results that are not payload errors.
inline std::optional<payload_error> payload_error_of(std::int32_t status,
                                                     std::optional<std::uint16_t> carried) noexcept {
  const std::optional<payload_error_kind> kind = payload_error_kind_from_result(status);
  if (!kind) {
    return std::nullopt;
  }
  const std::uint16_t answer = wsclose_result_close_code(status);
  return payload_error{*kind,
                       answer == 0 ? std::nullopt : std::optional<std::uint16_t>{answer},
                       carried, view(wsclose_result_message(status))};
}
}  // namespace detail

/// A parsed Close payload. On success `code` is the peer's code (1005 for an empty payload) and
/// `reason` views the caller's buffer; on error `code` is 0, `reason` is empty and `error` says
/// what was wrong (for a payload error; `status` holds every C result).
struct parsed_close {
  result status;
  std::uint16_t code;
  std::string_view reason;
  std::optional<payload_error> error;
  constexpr explicit operator bool() const noexcept { return status == result::ok; }
};

inline parsed_close parse_close_payload(const void *payload, std::size_t len) noexcept {
  std::uint16_t code = 0;
  const std::uint8_t *reason = nullptr;
  std::size_t reason_len = 0;
  const std::int32_t status = wsclose_parse_close_payload(
      static_cast<const std::uint8_t *>(payload), len, &code, &reason, &reason_len);
  if (status != WSCLOSE_OK) {
    // *code_out is the carried code, when the kind carries one (a generated fact, docs/c-abi.md).
    const std::optional<payload_error_kind> kind = payload_error_kind_from_result(status);
    const bool carried = kind.has_value() && carries_code(*kind);
    return parsed_close{static_cast<result>(status), 0, std::string_view{},
                        detail::payload_error_of(
                            status, carried ? std::optional<std::uint16_t>{code} : std::nullopt)};
  }
  return parsed_close{result::ok, code,
                      std::string_view{reinterpret_cast<const char *>(reason), reason_len},
                      std::nullopt};
}

inline parsed_close parse_close_payload(std::string_view payload) noexcept {
  return parse_close_payload(payload.data(), payload.size());
}

/// An encoded Close payload held inline; `bytes()` views it. On error `size` is 0 and `error`
/// says what was wrong.
struct close_payload {
  result status = result::ok;
  std::array<std::uint8_t, max_close_payload> data{};
  std::size_t size = 0;
  std::optional<payload_error> error;
  constexpr explicit operator bool() const noexcept { return status == result::ok; }
  std::string_view bytes() const noexcept {
    return std::string_view{reinterpret_cast<const char *>(data.data()), size};
  }
};

/// Encodes `code` and `reason`, whose bytes go to the core as they are (it checks that they are
/// UTF-8 and at most 123 bytes long).
inline close_payload encode_close_payload(std::uint16_t code, std::string_view reason) noexcept {
  close_payload out;
  const std::int32_t status = wsclose_encode_close_payload(
      code, reinterpret_cast<const std::uint8_t *>(reason.data()), reason.size(), out.data.data(),
      out.data.size(), &out.size);
  out.status = static_cast<result>(status);
  if (status != WSCLOSE_OK) {
    out.size = 0;
    out.error = detail::payload_error_of(status, code);
  }
  return out;
}

/// Encodes `code` and a reason given as UTF-16 code units (strict: a lone surrogate is an
/// invalid_utf8 error).
inline close_payload encode_close_payload(std::uint16_t code, std::u16string_view reason) noexcept {
  close_payload out;
  const std::int32_t status = wsclose_encode_close_payload_utf16(
      code, reinterpret_cast<const std::uint16_t *>(reason.data()), reason.size(),
      out.data.data(), out.data.size(), &out.size);
  out.status = static_cast<result>(status);
  if (status != WSCLOSE_OK) {
    out.size = 0;
    out.error = detail::payload_error_of(status, code);
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
