// wsclose.hpp: C++17 layer over the C API in wsclose.h (hand-written, header-only), for every
// feature: codes, Close payloads, profiles, the reconnect policy, explain and the browser model.
//
// Scoped enums instead of integers, std::string_view instead of char pointers, std::optional for
// "none", std::span (C++20; a small view of the same shape in C++17) for sequences, value types
// for results, and wsclose::expected for an answer that may be an error. Every rule is the
// library's: each function converts its arguments, calls the C ABI and converts the answer.
// Everything is noexcept and nothing allocates (the C library never does either); the
// constants and enum helpers are constexpr. Where the library can refuse an argument the answer
// is a wsclose::expected or a result; a C call that cannot fail for arguments valid by type
// (only on a bug in wsclose, a caught panic, or an enum value forged with a cast) prints the C
// result to stderr and aborts, rather than return an answer the library did not give.
// SPDX-License-Identifier: MIT OR Apache-2.0
#ifndef WSCLOSE_HPP
#define WSCLOSE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <random>
#include <string_view>
#include <type_traits>
#include <utility>
#if __cplusplus >= 202002L && defined(__has_include)
#if __has_include(<span>)
#include <span>
#endif
#endif

#include "wsclose.h"
#include "wsclose_constants.hpp"

namespace wsclose {

// The codes (wsclose::codes::normal_closure …), the limits (max_close_payload, max_reason_len,
// policy_max_overrides), the default policy (policy_defaults), the enums category,
// reconnect_advice, payload_error_kind, advice, cause, engine and dom_exception with their
// const_name() (and name() for engine and dom_exception), and the profiles' titles,
// subprotocols, codes and ranges come from wsclose_constants.hpp, generated from the core; this
// file only wraps the C functions.

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
  unknown_profile = WSCLOSE_ERR_UNKNOWN_PROFILE,
  too_many_overrides = WSCLOSE_ERR_TOO_MANY_OVERRIDES,
  invalid_access = WSCLOSE_ERR_INVALID_ACCESS,
  syntax = WSCLOSE_ERR_SYNTAX,
  intent_not_met = WSCLOSE_ERR_INTENT_NOT_MET,
  intent_not_sendable = WSCLOSE_ERR_INTENT_NOT_SENDABLE,
  panic = WSCLOSE_ERR_PANIC,
};

/// The underlying number of any of the enums above.
template <typename E>
constexpr std::underlying_type_t<E> to_underlying(E value) noexcept {
  return static_cast<std::underlying_type_t<E>>(value);
}

static_assert(max_close_payload == WSCLOSE_MAX_CLOSE_PAYLOAD, "wsclose_constants.hpp is stale");
static_assert(max_reason_len == WSCLOSE_MAX_REASON_LEN, "wsclose_constants.hpp is stale");
static_assert(policy_max_overrides == WSCLOSE_POLICY_MAX_OVERRIDES, "wsclose_constants.hpp is stale");
static_assert(to_underlying(advice::unspecified) == WSCLOSE_ADVICE_UNSPECIFIED &&
                  to_underlying(advice::resume) == WSCLOSE_ADVICE_RESUME,
              "wsclose_constants.hpp is stale");
static_assert(to_underlying(intent::stop) == WSCLOSE_INTENT_STOP &&
                  to_underlying(intent::retry) == WSCLOSE_INTENT_RETRY,
              "wsclose_constants.hpp is stale");
static_assert(to_underlying(engine::chromium) == WSCLOSE_ENGINE_CHROMIUM &&
                  to_underlying(engine::firefox) == WSCLOSE_ENGINE_FIREFOX,
              "wsclose_constants.hpp is stale");
inline constexpr std::string_view header_version = WSCLOSE_VERSION;

#if defined(__cpp_lib_span) && __cpp_lib_span >= 202002L
/// A read-only view of a sequence the library or the caller owns: std::span<const T>.
template <typename T>
using span = std::span<const T>;
#else
/// A read-only view of a sequence the library or the caller owns (C++17 stand-in for
/// std::span<const T>, of which it has the read-only subset).
template <typename T>
class span {
 public:
  constexpr span() noexcept = default;
  constexpr span(const T *data, std::size_t size) noexcept : data_(data), size_(size) {}
  constexpr const T *data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const T *begin() const noexcept { return data_; }
  constexpr const T *end() const noexcept { return data_ + size_; }
  constexpr const T &operator[](std::size_t i) const noexcept { return data_[i]; }
  constexpr const T &front() const noexcept { return data_[0]; }
  constexpr const T &back() const noexcept { return data_[size_ - 1]; }

 private:
  const T *data_ = nullptr;
  std::size_t size_ = 0;
};
#endif

/// Wraps an error for wsclose::expected, like C++23's std::unexpected.
template <typename E>
class unexpected {
 public:
  constexpr explicit unexpected(E error) noexcept : error_(error) {}
  constexpr const E &error() const noexcept { return error_; }

 private:
  E error_;
};

/// A value or an error, like C++23's std::expected (the subset that needs no exceptions): test
/// it with has_value() or `if (result)`, read the value with * or ->, the error with error().
template <typename T, typename E>
class expected {
 public:
  using value_type = T;
  using error_type = E;
  constexpr expected(T value) noexcept(std::is_nothrow_move_constructible_v<T>)
      : value_(std::move(value)), has_value_(true) {}
  constexpr expected(unexpected<E> error) noexcept : value_(), error_(error.error()) {}
  constexpr bool has_value() const noexcept { return has_value_; }
  constexpr explicit operator bool() const noexcept { return has_value_; }
  /// The value; only when has_value().
  constexpr const T &operator*() const noexcept { return value_; }
  constexpr const T *operator->() const noexcept { return &value_; }
  /// The error; only when !has_value().
  constexpr const E &error() const noexcept { return error_; }
  constexpr T value_or(T fallback) const noexcept { return has_value_ ? value_ : fallback; }

 private:
  T value_{};
  E error_{};
  bool has_value_ = false;
};

namespace detail {
inline std::string_view view(const char *text) noexcept {
  return text == nullptr ? std::string_view{} : std::string_view{text};
}

inline std::string_view view(const std::uint8_t *bytes, std::size_t len) noexcept {
  return len == 0 ? std::string_view{}
                  : std::string_view{reinterpret_cast<const char *>(bytes), len};
}

/// A C call failed where its arguments, valid by type, leave only a bug in wsclose (a caught
/// panic) or a forged enum value: say so and stop, rather than invent an answer.
[[noreturn]] inline void broken(const char *function, std::int32_t status) noexcept {
  std::fprintf(stderr, "wsclose: %s failed: %s\n", function, wsclose_result_message(status));
  std::abort();
}

inline void check(const char *function, std::int32_t status) noexcept {
  if (status != WSCLOSE_OK) {
    broken(function, status);
  }
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

inline parsed_close parse_close_payload(span<std::uint8_t> payload) noexcept {
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

// ------------------------------------------------------------------------------------------
// Profiles (docs/profiles.md): a protocol's own table of codes and what each asks a client to do.

/// "stop", "retry", "resume", "unspecified".
inline std::string_view label(advice value) noexcept {
  return detail::view(wsclose_advice_label(to_underlying(value)));
}

/// What a profile names one code: its name, what it means, and its advice.
struct profile_code {
  std::uint16_t code;
  std::string_view name;
  std::string_view description;
  wsclose::advice advice;
};

/// A range of codes that make a profile's clients do what an intent wants, with the profile's
/// advice for them.
struct intent_range {
  std::uint16_t first;
  std::uint16_t last;
  wsclose::advice advice;
};

/// Why a code does not do what an intent wants: the advice the clients follow instead
/// (std::nullopt: the code cannot be sent), and the nearest codes below and above that would.
struct intent_mismatch {
  std::optional<wsclose::advice> advice;
  std::optional<std::uint16_t> below;
  std::optional<std::uint16_t> above;
  constexpr bool sendable() const noexcept { return advice.has_value(); }
};

/// The ranges of profile::codes_for, read from the library one at a time (a view: nothing is
/// copied or allocated); iterate it, or index it below size().
class intent_ranges {
 public:
  class iterator {
   public:
    using value_type = intent_range;
    using difference_type = std::ptrdiff_t;
    using reference = intent_range;
    using pointer = void;
    using iterator_category = std::input_iterator_tag;
    intent_range operator*() const noexcept { return (*ranges_)[index_]; }
    iterator &operator++() noexcept {
      index_++;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator before = *this;
      index_++;
      return before;
    }
    friend bool operator==(const iterator &a, const iterator &b) noexcept {
      return a.index_ == b.index_;
    }
    friend bool operator!=(const iterator &a, const iterator &b) noexcept { return !(a == b); }

   private:
    friend class intent_ranges;
    iterator(const intent_ranges *ranges, std::size_t index) noexcept
        : ranges_(ranges), index_(index) {}
    const intent_ranges *ranges_;
    std::size_t index_;
  };

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// Range `i` (below size()), in code order.
  intent_range operator[](std::size_t i) const noexcept {
    std::uint16_t first = 0;
    std::uint16_t last = 0;
    std::uint32_t advice = 0;
    detail::check("wsclose_profile_intent_range",
                  wsclose_profile_intent_range(profile_, to_underlying(intent_),
                                               static_cast<std::uint32_t>(i), &first, &last,
                                               &advice));
    return intent_range{first, last, static_cast<wsclose::advice>(advice)};
  }
  iterator begin() const noexcept { return iterator{this, 0}; }
  iterator end() const noexcept { return iterator{this, size_}; }

 private:
  friend class profile;
  intent_ranges(std::uint32_t profile, wsclose::intent wanted, std::size_t size) noexcept
      : profile_(profile), intent_(wanted), size_(size) {}
  std::uint32_t profile_;
  wsclose::intent intent_;
  std::size_t size_;
};

/// A protocol profile (e.g. "discord-gateway"): a small value (its C ABI index); get one with
/// profile_by_name, profile_by_subprotocol or profile_at.
class profile {
 public:
  /// The profile called `name` (exact), or std::nullopt.
  static std::optional<profile> by_name(std::string_view name) noexcept {
    return of(wsclose_profile_by_name(name.data(), name.size()));
  }
  /// The profile a `Sec-WebSocket-Protocol` token selects (exact, case-sensitive), or std::nullopt.
  static std::optional<profile> by_subprotocol(std::string_view token) noexcept {
    return of(wsclose_profile_by_subprotocol(token.data(), token.size()));
  }
  /// The profile at `index` (0 .. profile_count-1, in name order), or std::nullopt.
  static std::optional<profile> at(std::size_t index) noexcept {
    if (index >= profile_count) {
      return std::nullopt;
    }
    return profile{static_cast<std::uint32_t>(index)};
  }

  /// Its index in the C ABI (what wsclose_policy_set_profile and the wsclose_profile_* take).
  constexpr std::uint32_t index() const noexcept { return index_; }
  /// "discord-gateway".
  std::string_view name() const noexcept { return detail::view(wsclose_profile_name(index_)); }
  /// "Discord Gateway".
  constexpr std::string_view title() const noexcept { return facts().title; }
  /// The `Sec-WebSocket-Protocol` tokens that select it (often none).
  constexpr span<std::string_view> subprotocols() const noexcept {
    return {facts().subprotocols, facts().subprotocol_count};
  }
  /// The codes it names, ascending (lookup() says what each is).
  constexpr span<std::uint16_t> codes() const noexcept {
    return {facts().codes, facts().code_count};
  }
  /// The ranges it gives one advice, ascending (advice(range.first) says which).
  constexpr span<code_range> ranges() const noexcept {
    return {facts().ranges, facts().range_count};
  }
  /// What a client should do after a close with `code`, as this profile says.
  wsclose::advice advice(std::uint16_t code) const noexcept {
    const std::int32_t answer = wsclose_profile_advice(index_, code);
    if (answer < 0) {
      detail::broken("wsclose_profile_advice", answer);
    }
    return static_cast<wsclose::advice>(answer);
  }
  /// What this profile names `code`, or std::nullopt when it names none.
  std::optional<profile_code> lookup(std::uint16_t code) const noexcept {
    const char *name = wsclose_profile_code_name(index_, code);
    if (name == nullptr) {
      return std::nullopt;
    }
    return profile_code{code, name, detail::view(wsclose_profile_code_description(index_, code)),
                        advice(code)};
  }

  /// The ranges of codes whose close makes this profile's clients do what `wanted` asks.
  intent_ranges codes_for(wsclose::intent wanted) const noexcept {
    const std::int32_t count = wsclose_profile_intent_range_count(index_, to_underlying(wanted));
    if (count < 0) {
      detail::broken("wsclose_profile_intent_range_count", count);
    }
    return intent_ranges{index_, wanted, static_cast<std::size_t>(count)};
  }

  /// Whether closing with `code` makes this profile's clients do what `wanted` asks:
  /// std::nullopt when it does, else what they do instead and the nearest codes that would.
  std::optional<intent_mismatch> check_intent(std::uint16_t code,
                                              wsclose::intent wanted) const noexcept {
    std::int32_t advice = -1;
    std::int32_t below = -1;
    std::int32_t above = -1;
    const std::int32_t status = wsclose_profile_check_intent(index_, code, to_underlying(wanted),
                                                             &advice, &below, &above);
    if (status == WSCLOSE_OK) {
      return std::nullopt;
    }
    if (status != WSCLOSE_ERR_INTENT_NOT_MET && status != WSCLOSE_ERR_INTENT_NOT_SENDABLE) {
      detail::broken("wsclose_profile_check_intent", status);
    }
    const auto near = [](std::int32_t value) {
      return value < 0 ? std::nullopt
                       : std::optional<std::uint16_t>{static_cast<std::uint16_t>(value)};
    };
    return intent_mismatch{advice < 0 ? std::nullopt
                                      : std::optional<wsclose::advice>{
                                            static_cast<wsclose::advice>(advice)},
                           near(below), near(above)};
  }

  friend constexpr bool operator==(profile a, profile b) noexcept { return a.index_ == b.index_; }
  friend constexpr bool operator!=(profile a, profile b) noexcept { return a.index_ != b.index_; }

 private:
  constexpr explicit profile(std::uint32_t index) noexcept : index_(index) {}
  constexpr const detail::profile_facts &facts() const noexcept { return detail::profiles[index_]; }
  static std::optional<profile> of(std::int32_t answer) noexcept {
    if (answer == WSCLOSE_ERR_UNKNOWN_PROFILE) {
      return std::nullopt;
    }
    if (answer < 0 || static_cast<std::size_t>(answer) >= profile_count) {
      detail::broken("wsclose_profile_by_name", answer);
    }
    return profile{static_cast<std::uint32_t>(answer)};
  }

  std::uint32_t index_;
};

/// The profile called `name` (e.g. "discord-gateway"), or std::nullopt.
inline std::optional<profile> profile_by_name(std::string_view name) noexcept {
  return profile::by_name(name);
}

/// The profile a `Sec-WebSocket-Protocol` token selects, or std::nullopt.
inline std::optional<profile> profile_by_subprotocol(std::string_view token) noexcept {
  return profile::by_subprotocol(token);
}

/// The profile at `index` (0 .. profile_count-1, in name order), or std::nullopt.
inline std::optional<profile> profile_at(std::size_t index) noexcept { return profile::at(index); }

// ------------------------------------------------------------------------------------------
// The reconnect policy: exponential backoff with full jitter that follows a profile.

/// What to do after a close: stop, or retry after a delay.
class decision {
 public:
  static constexpr decision stop() noexcept { return decision{false, 0}; }
  static constexpr decision retry_after(std::uint64_t delay_ms) noexcept {
    return decision{true, delay_ms};
  }
  constexpr bool retry() const noexcept { return retry_; }
  constexpr explicit operator bool() const noexcept { return retry_; }
  /// The delay before the next attempt, std::nullopt for stop.
  constexpr std::optional<std::uint64_t> delay_ms() const noexcept {
    return retry_ ? std::optional<std::uint64_t>{delay_ms_} : std::nullopt;
  }
  friend constexpr bool operator==(decision a, decision b) noexcept {
    return a.retry_ == b.retry_ && a.delay_ms_ == b.delay_ms_;
  }
  friend constexpr bool operator!=(decision a, decision b) noexcept { return !(a == b); }

 private:
  constexpr decision(bool retry, std::uint64_t delay_ms) noexcept
      : retry_(retry), delay_ms_(delay_ms) {}
  bool retry_;
  std::uint64_t delay_ms_;
};

/// The settings of a reconnect policy; the defaults are the library's (policy_defaults).
struct policy_options {
  /// The profile whose advice the policy follows, or none (the standard's advice).
  std::optional<wsclose::profile> profile;
  /// Attempt n waits a random time in 0 ..= min(cap_ms, base_ms·2^n).
  std::uint64_t base_ms = policy_defaults::base_ms;
  std::uint64_t cap_ms = policy_defaults::cap_ms;
  /// Stop once this many attempts were made; std::nullopt: no limit.
  std::optional<std::uint32_t> max_attempts = policy_defaults::max_attempts;
  /// Retry (true) or stop on codes whose advice is unspecified.
  bool retry_unspecified = policy_defaults::retry_unspecified;
};

/// A uniformly random 64-bit number from a per-thread std::mt19937_64 seeded by
/// std::random_device: the default jitter of reconnect_policy::decide.
inline std::uint64_t default_random() noexcept {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    const std::uint64_t high = device();
    return std::mt19937_64{(high << 32) ^ device()};
  }();
  return engine();
}

/// A reconnect policy: a value (a wsclose_policy the library filled in) built from
/// policy_options, with up to policy_max_overrides codes given their own advice.
class reconnect_policy {
 public:
  /// The default policy (no profile, policy_defaults).
  reconnect_policy() noexcept { detail::check("wsclose_policy_init", wsclose_policy_init(&raw_)); }

  explicit reconnect_policy(const policy_options &options) noexcept : reconnect_policy() {
    set_profile(options.profile);
    detail::check("wsclose_policy_set_base_ms", wsclose_policy_set_base_ms(&raw_, options.base_ms));
    detail::check("wsclose_policy_set_cap_ms", wsclose_policy_set_cap_ms(&raw_, options.cap_ms));
    set_max_attempts(options.max_attempts);
    set_retry_unspecified(options.retry_unspecified);
  }

  /// A copy that follows `value` (std::nullopt: the standard's advice).
  reconnect_policy with_profile(std::optional<wsclose::profile> value) const noexcept {
    reconnect_policy copy = *this;
    copy.set_profile(value);
    return copy;
  }
  reconnect_policy with_base_ms(std::uint64_t base_ms) const noexcept {
    reconnect_policy copy = *this;
    detail::check("wsclose_policy_set_base_ms", wsclose_policy_set_base_ms(&copy.raw_, base_ms));
    return copy;
  }
  reconnect_policy with_cap_ms(std::uint64_t cap_ms) const noexcept {
    reconnect_policy copy = *this;
    detail::check("wsclose_policy_set_cap_ms", wsclose_policy_set_cap_ms(&copy.raw_, cap_ms));
    return copy;
  }
  reconnect_policy with_max_attempts(std::optional<std::uint32_t> max_attempts) const noexcept {
    reconnect_policy copy = *this;
    copy.set_max_attempts(max_attempts);
    return copy;
  }
  reconnect_policy with_retry_unspecified(bool retry) const noexcept {
    reconnect_policy copy = *this;
    copy.set_retry_unspecified(retry);
    return copy;
  }

  /// Makes `code` answer `value`, whatever the profile and the standard say (the library's rule:
  /// a code set again takes the later advice). result::too_many_overrides when
  /// policy_max_overrides other codes have one, result::invalid_argument for an advice value
  /// that is no advice (forged with a cast); the policy is then unchanged.
  [[nodiscard]] result try_override(std::uint16_t code, wsclose::advice value) noexcept {
    return static_cast<result>(wsclose_policy_set_override(&raw_, code, to_underlying(value)));
  }

  /// A copy with the override, or the error of try_override.
  expected<reconnect_policy, result> with_override(std::uint16_t code,
                                                   wsclose::advice value) const noexcept {
    reconnect_policy copy = *this;
    const result status = copy.try_override(code, value);
    if (status != result::ok) {
      return unexpected<result>{status};
    }
    return copy;
  }

  /// Decides after a close with `code` (`was_clean` as the stack reported it) when `attempt`
  /// attempts were already made. `random` is called once and returns a uniformly random
  /// std::uint64_t (the jitter; a fixed value in tests).
  template <typename Random>
  decision decide(std::uint16_t code, bool was_clean, std::uint32_t attempt,
                  Random &&random) const noexcept(noexcept(static_cast<std::uint64_t>(random()))) {
    static_assert(std::is_invocable_r_v<std::uint64_t, Random &>,
                  "random must be callable as std::uint64_t()");
    const std::uint64_t jitter = random();
    std::uint64_t delay = 0;
    const std::int32_t answer =
        wsclose_policy_decide(&raw_, code, was_clean ? 1 : 0, attempt, jitter, &delay);
    if (answer < 0) {
      detail::broken("wsclose_policy_decide", answer);
    }
    return answer == 1 ? decision::retry_after(delay) : decision::stop();
  }

  /// The policy's advice after a close with `code`: the profile's, with the overrides, the
  /// unclean-close rule and retry_unspecified applied (never advice::unspecified); the attempt
  /// limit is decide()'s. This tells advice::resume from advice::retry before reconnecting.
  wsclose::advice advice(std::uint16_t code, bool was_clean) const noexcept {
    const std::int32_t answer = wsclose_policy_advice(&raw_, code, was_clean ? 1 : 0);
    if (answer < 0) {
      detail::broken("wsclose_policy_advice", answer);
    }
    return static_cast<wsclose::advice>(answer);
  }

  /// The same with default_random() as the jitter.
  decision decide(std::uint16_t code, bool was_clean, std::uint32_t attempt) const noexcept {
    return decide(code, was_clean, attempt, default_random);
  }

  /// The C policy, for a C API that takes one.
  const wsclose_policy &c_policy() const noexcept { return raw_; }

 private:
  void set_profile(std::optional<wsclose::profile> value) noexcept {
    const std::int32_t index = value ? static_cast<std::int32_t>(value->index()) : -1;
    detail::check("wsclose_policy_set_profile", wsclose_policy_set_profile(&raw_, index));
  }
  void set_max_attempts(std::optional<std::uint32_t> value) noexcept {
    const std::int64_t limit = value ? static_cast<std::int64_t>(*value) : -1;
    detail::check("wsclose_policy_set_max_attempts", wsclose_policy_set_max_attempts(&raw_, limit));
  }
  void set_retry_unspecified(bool retry) noexcept {
    detail::check("wsclose_policy_set_retry_unspecified",
                  wsclose_policy_set_retry_unspecified(&raw_, retry ? 1 : 0));
  }

  wsclose_policy raw_{};
};

// ------------------------------------------------------------------------------------------
// explain: the likely causes of a close, as the receiving application saw it.

/// What cause `value` means, in a sentence.
inline std::string_view summary(cause value) noexcept {
  return detail::view(wsclose_cause_summary(to_underlying(value)));
}

/// What to check for cause `value`.
inline std::string_view check(cause value) noexcept {
  return detail::view(wsclose_cause_check(to_underlying(value)));
}

/// The likely causes of a close, most likely first (held inline; iterate it like a container).
class explanation {
 public:
  constexpr span<cause> causes() const noexcept { return {causes_.data(), size_}; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr const cause *begin() const noexcept { return causes_.data(); }
  constexpr const cause *end() const noexcept { return causes_.data() + size_; }
  constexpr cause operator[](std::size_t i) const noexcept { return causes_[i]; }

 private:
  friend explanation explain(std::uint16_t code, std::optional<bool> was_clean) noexcept;
  std::array<cause, cause_count> causes_{};
  std::size_t size_ = 0;
};

/// Why a close with `code` likely happened; `was_clean` is CloseEvent.wasClean, or
/// std::nullopt when not known.
inline explanation explain(std::uint16_t code, std::optional<bool> was_clean = std::nullopt) noexcept {
  std::array<std::uint8_t, cause_count> numbers{};
  const std::int32_t clean = was_clean ? (*was_clean ? 1 : 0) : -1;
  const std::int32_t count = wsclose_explain(code, clean, numbers.data(), numbers.size());
  if (count < 0 || static_cast<std::size_t>(count) > numbers.size()) {
    detail::broken("wsclose_explain", count < 0 ? count : WSCLOSE_ERR_INVALID_ARGUMENT);
  }
  explanation out;
  out.size_ = static_cast<std::size_t>(count);
  for (std::size_t i = 0; i < out.size_; i++) {
    out.causes_[i] = static_cast<cause>(numbers[i]);
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// The browser model: what a page sees of a server's close, and what a page's close() sends.

/// The browser's reply to a server's Close (the numbers of wsclose_close_event.reply_kind).
enum class reply_kind : std::uint8_t {
  none = 0,   ///< no reply: the TCP connection ended without a Close
  empty = 1,  ///< an empty Close
  close = 2,  ///< a Close with reply_code and reply_reason
};

/// What a page's CloseEvent says (wsclose_close_event); the reasons view the caller's payload.
struct browser_event {
  /// CloseEvent.code.
  std::uint16_t code;
  /// CloseEvent.wasClean.
  bool was_clean;
  /// Whether an `error` event fired before `close`.
  bool error_fired;
  /// CloseEvent.reason (UTF-8).
  std::string_view reason;
  /// What the browser answered.
  reply_kind reply;
  /// The reply's code when reply is reply_kind::close, else 0.
  std::uint16_t reply_code;
  /// The reply's reason when reply is reply_kind::close (UTF-8).
  std::string_view reply_reason;
};

namespace detail {
inline expected<browser_event, result> event_of(engine browser, const void *payload,
                                                std::size_t len, std::uint32_t received) noexcept {
  wsclose_close_event raw{};
  const std::int32_t status = wsclose_browser_close_event(
      to_underlying(browser), static_cast<const std::uint8_t *>(payload), len, received, &raw);
  if (status != WSCLOSE_OK) {
    return unexpected<result>{static_cast<result>(status)};
  }
  return browser_event{raw.code,
                       raw.was_clean != 0,
                       raw.error_fired != 0,
                       view(raw.reason, raw.reason_len),
                       static_cast<reply_kind>(raw.reply_kind),
                       raw.reply_code,
                       view(raw.reply_reason, raw.reply_reason_len)};
}
}  // namespace detail

/// What the page's CloseEvent says in `browser` when the server sent a Close frame with
/// `payload` (whose bytes the reasons view: keep it alive while you use them). The error is the
/// library's refusal of its arguments: result::invalid_argument for an engine value that is no
/// engine (forged with a cast), result::null_argument for a null payload with a length.
inline expected<browser_event, result> close_event(engine browser, const void *payload,
                                                   std::size_t len) noexcept {
  return detail::event_of(browser, payload, len, WSCLOSE_RECEIVED_PAYLOAD);
}

inline expected<browser_event, result> close_event(engine browser,
                                                   std::string_view payload) noexcept {
  return close_event(browser, payload.data(), payload.size());
}

inline expected<browser_event, result> close_event(engine browser,
                                                   span<std::uint8_t> payload) noexcept {
  return close_event(browser, payload.data(), payload.size());
}

/// The same when the server closed the TCP connection (FIN) without a Close frame.
inline expected<browser_event, result> dropped_event(engine browser) noexcept {
  return detail::event_of(browser, nullptr, 0, WSCLOSE_RECEIVED_DROPPED);
}

/// The same when the server reset the TCP connection (RST) without a Close frame.
inline expected<browser_event, result> reset_event(engine browser) noexcept {
  return detail::event_of(browser, nullptr, 0, WSCLOSE_RECEIVED_RESET);
}

/// The Close a browser sends for a page's ws.close(): no code (an empty Close) or a code, and
/// the reason's UTF-8 (held inline).
struct sent_close {
  std::optional<std::uint16_t> code;
  std::array<std::uint8_t, max_reason_len> reason_bytes{};
  std::size_t reason_size = 0;
  std::string_view reason() const noexcept { return detail::view(reason_bytes.data(), reason_size); }
};

/// The C result of a DOM exception (WSCLOSE_ERR_INVALID_ACCESS, WSCLOSE_ERR_SYNTAX).
constexpr result result_of(dom_exception value) noexcept {
  return value == dom_exception::invalid_access ? result::invalid_access : result::syntax;
}

/// What a page's `ws.close(code, reason)` does in `browser`: the Close it sends, or the DOM
/// exception it throws. `code` is the JavaScript number as given (std::nullopt: undefined; any
/// double, the engine's WebIDL conversion applies); `reason` is the page's string as UTF-16
/// code units (std::nullopt: undefined; lone surrogates become U+FFFD).
inline expected<sent_close, dom_exception> page_close(
    engine browser, std::optional<double> code = std::nullopt,
    std::optional<std::u16string_view> reason = std::nullopt) noexcept {
  sent_close out;
  std::uint16_t sent_code = 0;
  std::uint8_t has_code = 0;
  const std::u16string_view units = reason.value_or(std::u16string_view{});
  const std::int32_t status = wsclose_browser_close(
      to_underlying(browser), code ? 1 : 0, code.value_or(0.0), reason ? 1 : 0,
      reinterpret_cast<const std::uint16_t *>(units.data()), units.size(), &sent_code, &has_code,
      out.reason_bytes.data(), out.reason_bytes.size(), &out.reason_size);
  switch (status) {
    case WSCLOSE_OK:
      if (has_code != 0) {
        out.code = sent_code;
      }
      return out;
    case WSCLOSE_ERR_INVALID_ACCESS:
      return unexpected<dom_exception>{dom_exception::invalid_access};
    case WSCLOSE_ERR_SYNTAX:
      return unexpected<dom_exception>{dom_exception::syntax};
    default:
      detail::broken("wsclose_browser_close", status);
  }
}

}  // namespace wsclose

#endif  // WSCLOSE_HPP
