// wsclose/beast.hpp: Boost.Beast's close types to and from wsclose's (optional, header-only,
// C++17). Include it after nothing in particular; it includes <boost/beast/websocket/rfc6455.hpp>
// and <wsclose.hpp>.
//
// Beast keeps a close as websocket::close_reason: a std::uint16_t code (websocket::close_code
// names some; close_code::none with an empty reason is "no code", an empty Close frame) and a
// reason of at most 123 bytes (static_string<123>). wsclose keeps a code as std::uint16_t and a
// Close payload as bytes. These functions only convert: whether a code may be sent, whether the
// reason is UTF-8 and fits, and which code answers a bad Close are the library's answers
// (wsclose::parse_close_payload, wsclose::encode_close_payload, wsclose::close_code(result)).
// SPDX-License-Identifier: MIT OR Apache-2.0
#ifndef WSCLOSE_BEAST_HPP
#define WSCLOSE_BEAST_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/system/error_code.hpp>

#include "../wsclose.hpp"

namespace wsclose {
namespace beast {

namespace websocket = boost::beast::websocket;

/// Beast's name for a code (any number: websocket::close_code is an enum over std::uint16_t).
constexpr websocket::close_code to_close_code(std::uint16_t code) noexcept {
  return static_cast<websocket::close_code>(code);
}

/// The number of a Beast code.
constexpr std::uint16_t from_close_code(websocket::close_code code) noexcept {
  return static_cast<std::uint16_t>(code);
}

/// A received Close as wsclose reads it: `reason` (ws.reason() after a read ended with
/// websocket::error::closed) is turned back into the Close payload it came from (none with an
/// empty reason: the empty payload) and parsed by the library. On success `code` is the peer's
/// code (1005 for an empty Close) and `reason` views reason.reason; on error `error` says what
/// the library refuses and which code answers it (close_code: 1002 or 1007).
inline parsed_close parse_close_reason(const websocket::close_reason &reason) noexcept {
  // The Close payload on the wire: the code in network byte order, then the reason's bytes.
  std::array<std::uint8_t, 2 + websocket::reason_string::max_size_n> wire{};
  std::size_t size = 0;
  if (reason.code != websocket::close_code::none || !reason.reason.empty()) {
    wire[0] = static_cast<std::uint8_t>(reason.code >> 8);
    wire[1] = static_cast<std::uint8_t>(reason.code & 0xff);
    std::memcpy(wire.data() + 2, reason.reason.data(), reason.reason.size());
    size = 2 + reason.reason.size();
  }
  parsed_close parsed = parse_close_payload(wire.data(), size);
  if (parsed) {
    // The same bytes, in the caller's close_reason rather than this function's buffer.
    parsed.reason = std::string_view{reason.reason.data(), parsed.reason.size()};
  }
  return parsed;
}

/// The close_reason to pass to ws.close() (or async_close) for `code` and `reason`, after the
/// library accepted them (a code that may be sent, a UTF-8 reason of at most 123 bytes); else
/// the library's payload_error.
inline expected<websocket::close_reason, payload_error> to_close_reason(
    std::uint16_t code, std::string_view reason = {}) noexcept {
  const close_payload payload = encode_close_payload(code, reason);
  if (!payload) {
    if (!payload.error) {
      wsclose::detail::broken("wsclose_encode_close_payload", to_underlying(payload.status));
    }
    return unexpected<payload_error>{*payload.error};
  }
  websocket::close_reason out{code};
  out.reason.assign(reason.data(), reason.size());  // fits: the library checked the length
  return out;
}

/// The same for a parsed Close (parse_close_reason, parse_close_payload), e.g. to echo it: an
/// empty Close (code 1005) gives the empty close_reason, whose Close frame has no payload.
inline expected<websocket::close_reason, payload_error> to_close_reason(
    const parsed_close &close) noexcept {
  if (!close) {
    if (!close.error) {
      wsclose::detail::broken("wsclose_parse_close_payload", to_underlying(close.status));
    }
    return unexpected<payload_error>{*close.error};
  }
  if (close.code == codes::no_status_received && close.reason.empty()) {
    return websocket::close_reason{};
  }
  return to_close_reason(close.code, close.reason);
}

/// What wsclose calls the Close that Beast refused with `ec` before the application saw it
/// (a read that ended with one of these errors): websocket::error::bad_close_size (a 1-byte
/// payload), bad_close_code (a code Beast's own rule refuses), bad_close_payload (a reason that
/// is not UTF-8) and bad_control_size (a control frame over 125 bytes: for a Close, a payload
/// that is too long). std::nullopt for every other error. wsclose::close_code(result) of the
/// kind is the library's answer to such a Close.
inline std::optional<payload_error_kind> payload_error_kind_of(
    const boost::system::error_code &ec) noexcept {
  if (ec == websocket::error::bad_close_size) {
    return payload_error_kind::one_byte;
  }
  if (ec == websocket::error::bad_close_code) {
    return payload_error_kind::invalid_code;
  }
  if (ec == websocket::error::bad_close_payload) {
    return payload_error_kind::invalid_utf8;
  }
  if (ec == websocket::error::bad_control_size) {
    return payload_error_kind::too_long;
  }
  return std::nullopt;
}

/// The code wsclose answers a Close that Beast refused with `ec` (1002 or 1007), or
/// std::nullopt when `ec` is not about a Close payload.
inline std::optional<std::uint16_t> reply_code_of(const boost::system::error_code &ec) noexcept {
  const std::optional<payload_error_kind> kind = payload_error_kind_of(ec);
  if (!kind) {
    return std::nullopt;
  }
  return wsclose::close_code(static_cast<result>(to_underlying(*kind)));
}

}  // namespace beast
}  // namespace wsclose

#endif  // WSCLOSE_BEAST_HPP
