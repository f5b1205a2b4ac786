// wsclose/websocketpp.hpp: wsclose for websocketpp (optional, header-only, C++17 and C++20).
//
// websocketpp's close code is close::status::value, a std::uint16_t, the type wsclose.hpp uses
// for codes: to_status and from_status convert every value unchanged. What this header adds is
// the core's rules at websocketpp's two close points:
//   - sending: make_close asks the core (wsclose::encode_close_payload) whether a code and a
//     reason may go into a Close frame (a code that may be sent, a reason of at most 123 bytes of
//     UTF-8) and close() hands only such a close_request to connection::close;
//   - receiving: read_close reads what a connection received (get_remote_close_code,
//     get_remote_close_reason) into wsclose's facts: info, explain, and the core's verdict on
//     the Close as a payload.
// The header converts types and errors only; every rule is libwsclose's (docs/cpp-stacks.md).
// SPDX-License-Identifier: MIT OR Apache-2.0
#ifndef WSCLOSE_WEBSOCKETPP_HPP
#define WSCLOSE_WEBSOCKETPP_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <websocketpp/close.hpp>
#include <websocketpp/common/system_error.hpp>

#include "../wsclose.hpp"

namespace wsclose {
namespace websocketpp {

/// websocketpp's close code type, `websocketpp::close::status::value`.
using status_value = ::websocketpp::close::status::value;
/// websocketpp's error code (std::error_code, or boost::system::error_code without C++11 STL).
using error_code = ::websocketpp::lib::error_code;

static_assert(std::is_same_v<status_value, std::uint16_t>,
              "websocketpp's close::status::value is not the std::uint16_t wsclose converts");

/// A wsclose code as websocketpp's status value: every code, unchanged. Whether it may be sent
/// is the core's question (make_close); websocketpp's connection::close gives 0 (status::blank)
/// a meaning of its own, an empty Close, that make_close never lets through.
constexpr status_value to_status(std::uint16_t code) noexcept { return code; }

/// websocketpp's status value as a wsclose code: every value, unchanged.
constexpr std::uint16_t from_status(status_value value) noexcept { return value; }

class close_request;

namespace detail {
expected<close_request, payload_error> request_of(std::uint16_t code,
                                                  wsclose::close_payload payload) noexcept;
}  // namespace detail

/// A Close the core accepted for sending: a code and a reason (held inline, at most 123 bytes
/// of UTF-8), or no code at all (an empty Close, see no_code()).
class close_request {
 public:
  /// The Close without a status code (an empty payload): websocketpp sends it for
  /// status::no_status, the code the core reads from an empty payload. Same as no_code().
  close_request() noexcept : code_(wsclose::parse_close_payload(std::string_view{}).code) {}

  /// The Close without a status code.
  static close_request no_code() noexcept { return close_request{}; }

  /// The code to send (no_code(): the code an empty Close is reported as).
  constexpr status_value code() const noexcept { return code_; }
  /// The reason's UTF-8 bytes (empty for no_code()).
  std::string_view reason() const noexcept {
    return payload_.size > 2 ? payload_.bytes().substr(2) : std::string_view{};
  }
  /// The Close payload as the core encoded it (empty for no_code()).
  std::string_view payload() const noexcept { return payload_.bytes(); }

 private:
  friend expected<close_request, payload_error> detail::request_of(
      std::uint16_t code, wsclose::close_payload payload) noexcept;
  status_value code_;
  wsclose::close_payload payload_{};
};

namespace detail {
/// The close_request of a payload the core encoded for `code`, or the core's refusal.
inline expected<close_request, payload_error> request_of(std::uint16_t code,
                                                         wsclose::close_payload payload) noexcept {
  if (!payload) {
    return unexpected<payload_error>{*payload.error};
  }
  close_request out;
  out.code_ = to_status(code);
  out.payload_ = payload;
  return out;
}
}  // namespace detail

/// The close_request for `code` and `reason` (UTF-8 bytes), or the core's refusal: a code that
/// may not be sent (payload_error_kind::invalid_code), a reason over 123 bytes (reason_too_long)
/// or one that is not UTF-8 (invalid_utf8).
inline expected<close_request, payload_error> make_close(std::uint16_t code,
                                                         std::string_view reason) noexcept {
  return detail::request_of(code, wsclose::encode_close_payload(code, reason));
}

/// The same with the reason as UTF-16 code units (strict: a lone surrogate is invalid_utf8).
inline expected<close_request, payload_error> make_close(std::uint16_t code,
                                                         std::u16string_view reason) noexcept {
  return detail::request_of(code, wsclose::encode_close_payload(code, reason));
}

/// Starts websocketpp's closing handshake on `con` (a connection_ptr, or any pointer to a
/// websocketpp::connection) with `request`; websocketpp's error, e.g. error::invalid_state when
/// the connection is not open, else an empty error_code. The reason is copied into the
/// std::string websocketpp's close() takes.
template <typename ConnectionPtr>
error_code close(const ConnectionPtr &con, const close_request &request) {
  error_code ec;
  con->close(request.code(), std::string{request.reason()}, ec);
  return ec;
}

/// Why close(con, code, reason) did not start a closing handshake: the core refused the code or
/// reason (`refused`), or websocketpp refused to close (`error`, e.g. the connection is not open).
struct close_error {
  std::optional<payload_error> refused;
  error_code error;
};

/// make_close(code, reason), then close(con, request): the close_request sent, or why not.
template <typename ConnectionPtr, typename Reason>
expected<close_request, close_error> close(const ConnectionPtr &con, std::uint16_t code,
                                           const Reason &reason) {
  const expected<close_request, payload_error> request = make_close(code, reason);
  if (!request) {
    return unexpected<close_error>{close_error{request.error(), error_code{}}};
  }
  const error_code ec = close(con, *request);
  if (ec) {
    return unexpected<close_error>{close_error{std::nullopt, ec}};
  }
  return *request;
}

/// What a connection received in its closing handshake, with wsclose's facts about it.
struct received_close {
  /// get_remote_close_code(): the peer's code; websocketpp reports 1005 for an empty Close, 1006
  /// while no Close was read, and 1002 for a 1-byte payload (docs/peers.md).
  std::uint16_t code;
  /// get_remote_close_reason() (a view of the connection's string: keep the connection alive).
  std::string_view reason;
  /// wsclose::info(code).
  code_info info;
  /// wsclose::explain(code, was_clean).
  wsclose::explanation explanation;
  /// The core's verdict on the Close as websocketpp hands it over (the payload of `code` and
  /// `reason`; an empty payload for 1005 without a reason): std::nullopt when the core accepts
  /// it, else what was wrong and the code to answer (close_code).
  std::optional<payload_error> error;
};

/// Reads the Close that `con` (a connection_ptr, or any pointer to a websocketpp::connection)
/// received into wsclose's facts; call it from the close handler. `was_clean` is passed to
/// explain (websocketpp does not expose it).
template <typename ConnectionPtr>
received_close read_close(const ConnectionPtr &con,
                          std::optional<bool> was_clean = std::nullopt) noexcept {
  const std::uint16_t code = from_status(con->get_remote_close_code());
  const std::string &text = con->get_remote_close_reason();
  const std::string_view reason{text};
  // The payload websocketpp parsed: the code in network order and the reason; for its stand-in
  // of an empty Close (status::no_status without a reason), the empty payload.
  // A reason longer than a Close frame holds is cut to one byte more than fits (too_long).
  std::array<char, max_close_payload + 1> bytes{};
  std::size_t size = 0;
  if (code != ::websocketpp::close::status::no_status || !reason.empty()) {
    const std::size_t kept = reason.size() < bytes.size() - 2 ? reason.size() : bytes.size() - 2;
    bytes[0] = static_cast<char>(code >> 8);
    bytes[1] = static_cast<char>(code & 0xff);
    reason.copy(bytes.data() + 2, kept);
    size = 2 + kept;
  }
  const parsed_close parsed = wsclose::parse_close_payload(bytes.data(), size);
  return received_close{code, reason, wsclose::info(code), wsclose::explain(code, was_clean),
                        parsed.error};
}

}  // namespace websocketpp
}  // namespace wsclose

#endif  // WSCLOSE_WEBSOCKETPP_HPP
