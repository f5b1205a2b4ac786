// wsclose/websocketpp.hpp against websocketpp's own close rules, for every code: the converters,
// make_close, and websocketpp's close.hpp (status::invalid, reserved, terminal, get_string,
// extract_code, extract_reason) and its hybi13 processor's prepare_close (what it agrees to send),
// each compared with the core; every difference is named in an expected list asserted exactly.
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <wsclose/websocketpp.hpp>

#include <websocketpp/close.hpp>
#include <websocketpp/config/core.hpp>
#include <websocketpp/processors/hybi13.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../code_runs.hpp"

namespace {

namespace wspp = ::websocketpp;
namespace status = ::websocketpp::close::status;
using wsclose::websocketpp::from_status;
using wsclose::websocketpp::make_close;
using wsclose::websocketpp::to_status;

using wsclose_tests::code_count;
using ranges = wsclose_tests::code_runs;

/// The codes where `a` and `b` disagree, as runs of consecutive codes.
template <typename A, typename B>
ranges differences(A a, B b) {
  return wsclose_tests::runs(
      [&](std::uint16_t code) { return static_cast<bool>(a(code)) != static_cast<bool>(b(code)); });
}

std::string two_bytes(std::uint16_t code) {
  return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
}

static_assert(to_status(4000) == 4000 && from_status(status::going_away) == 1001);

TEST(Converters, EveryCodeBothWaysUnchanged) {
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const status::value value = to_status(code);
    ASSERT_EQ(value, c);
    ASSERT_EQ(from_status(value), code);
    ASSERT_EQ(from_status(static_cast<status::value>(c)), c);
  }
}

TEST(MakeClose, EveryCodeIsTheCoresSendRule) {
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const auto request = make_close(code, "r");
    const wsclose::close_payload core = wsclose::encode_close_payload(code, "r");
    ASSERT_EQ(request.has_value(), wsclose::is_sendable(code)) << c;
    ASSERT_EQ(request.has_value(), static_cast<bool>(core)) << c;
    if (request) {
      ASSERT_EQ(request->code(), c);
      ASSERT_EQ(request->reason(), "r");
      ASSERT_EQ(request->payload(), core.bytes());
    } else {
      ASSERT_EQ(request.error().kind, core.error->kind);
      ASSERT_EQ(request.error().kind, wsclose::payload_error_kind::invalid_code);
      ASSERT_EQ(request.error().code, std::optional<std::uint16_t>{code});
    }
  }
}

TEST(MakeClose, ReasonsAreCheckedByTheCore) {
  const std::string longest(wsclose::max_reason_len, 'a');
  const auto ok = make_close(wsclose::codes::going_away, longest);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->reason(), longest);
  EXPECT_EQ(ok->payload().size(), wsclose::max_close_payload);

  const auto too_long = make_close(wsclose::codes::going_away, longest + "a");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().kind, wsclose::payload_error_kind::reason_too_long);

  const auto bad = make_close(4000, std::string_view{"\xff", 1});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, wsclose::payload_error_kind::invalid_utf8);
  EXPECT_EQ(bad.error().close_code, std::optional<std::uint16_t>{1007});

  const auto wide = make_close(4000, std::u16string_view{u"caf\u00e9"});
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->reason(), "caf\xc3\xa9");
  const char16_t lone[] = {0xd800};
  const auto surrogate = make_close(4000, std::u16string_view{lone, 1});
  ASSERT_FALSE(surrogate);
  EXPECT_EQ(surrogate.error().kind, wsclose::payload_error_kind::invalid_utf8);
}

TEST(MakeClose, NoCodeIsTheEmptyClose) {
  const auto empty = wsclose::websocketpp::close_request::no_code();
  EXPECT_EQ(empty.code(), status::no_status);
  EXPECT_EQ(empty.code(), wsclose::codes::no_status_received);
  EXPECT_TRUE(empty.payload().empty());
  EXPECT_TRUE(empty.reason().empty());
  EXPECT_EQ(wsclose::websocketpp::close_request{}.code(), status::no_status);
  EXPECT_TRUE(wsclose::websocketpp::close_request{}.payload().empty());
}

// websocketpp's close.hpp, read as the rule for received codes: extract_code flags a code with
// error::invalid_close_code or error::reserved_close_code. The core parses the same two bytes.
TEST(WebsocketppRules, ExtractCodeAgreesWithTheCoreOnEveryCode) {
  const ranges found = differences(
      [](std::uint16_t c) {
        wspp::lib::error_code ec;
        const status::value code = wspp::close::extract_code(two_bytes(c), ec);
        EXPECT_EQ(code, c);
        return !ec;
      },
      [](std::uint16_t c) { return static_cast<bool>(wsclose::parse_close_payload(two_bytes(c))); });
  EXPECT_EQ(found, ranges{});
}

// status::invalid ∪ status::reserved is the core's send rule; apart, websocketpp calls 1004 and
// 1016–2999 reserved, not invalid, and 1004 reserved while the core's range for it is standard.
TEST(WebsocketppRules, InvalidAndReservedAgainstTheCore) {
  EXPECT_EQ(differences([](std::uint16_t c) { return status::invalid(c) || status::reserved(c); },
                        [](std::uint16_t c) { return !wsclose::is_sendable(c); }),
            ranges{});
  EXPECT_EQ(differences([](std::uint16_t c) { return status::invalid(c); },
                        [](std::uint16_t c) { return !wsclose::is_sendable(c); }),
            (ranges{{1004, 1004}, {1016, 2999}}));
  EXPECT_EQ(differences([](std::uint16_t c) { return status::reserved(c); },
                        [](std::uint16_t c) {
                          return wsclose::classify(c) == wsclose::category::reserved;
                        }),
            (ranges{{1004, 1004}}));
  // The three codes websocketpp calls invalid inside 1000–4999 are the core's local-only codes.
  EXPECT_EQ(differences(
                [](std::uint16_t c) { return c >= 1000 && c < 5000 && status::invalid(c); },
                [](std::uint16_t c) { return wsclose::is_local_only(c); }),
            ranges{});
}

// status::terminal: the codes after which websocketpp drops TCP right after its Close. The core
// has no such notion; each of them is a code the core lets an endpoint send.
TEST(WebsocketppRules, TerminalCodes) {
  std::vector<std::uint32_t> terminal;
  for (std::uint32_t c = 0; c < code_count; c++) {
    if (status::terminal(static_cast<std::uint16_t>(c))) {
      terminal.push_back(c);
      EXPECT_TRUE(wsclose::is_sendable(static_cast<std::uint16_t>(c))) << c;
    }
  }
  EXPECT_EQ(terminal, (std::vector<std::uint32_t>{1002, 1007, 1008, 1009, 1011}));
}

// Which codes have a name: status::get_string leaves 1004 "Unknown" (the core: "Reserved"),
// names 3001 ("Invalid subprotocol data", in no registry the core follows) and not the IANA
// registry's 3003 and 3008; both name 3000, each in its own words.
TEST(WebsocketppRules, NamedCodes) {
  EXPECT_EQ(differences([](std::uint16_t c) { return status::get_string(c) != "Unknown"; },
                        [](std::uint16_t c) { return wsclose::name(c).has_value(); }),
            (ranges{{1004, 1004}, {3001, 3001}, {3003, 3003}, {3008, 3008}}));
}

// What websocketpp's hybi13 processor agrees to put in a Close frame (prepare_close, which
// connection::close calls): the core's send rule, but 1005 becomes an empty Close, and the
// reason is checked for length only, not for UTF-8.
class PrepareClose : public ::testing::Test {
 protected:
  using config = wspp::config::core;  // the asio configs inherit its processor and messages
  using processor = wspp::processor::hybi13<config>;
  config::rng_type rng;
  config::con_msg_manager_type::ptr manager = wspp::lib::make_shared<config::con_msg_manager_type>();
  processor server{false, true, manager, rng};

  wspp::lib::error_code prepare(std::uint16_t code, const std::string &reason,
                                std::string *payload = nullptr) {
    config::message_type::ptr msg = manager->get_message();
    const wspp::lib::error_code ec = server.prepare_close(code, reason, msg);
    if (payload != nullptr) {
      *payload = msg->get_payload();
    }
    return ec;
  }
};

TEST_F(PrepareClose, EveryCodeAgainstTheCore) {
  EXPECT_EQ(differences([this](std::uint16_t c) { return !prepare(c, ""); },
                        [](std::uint16_t c) { return wsclose::is_sendable(c); }),
            (ranges{{1005, 1005}}));
  std::string payload = "x";
  EXPECT_FALSE(prepare(status::no_status, "", &payload));
  EXPECT_TRUE(payload.empty());
  EXPECT_EQ(prepare(status::no_status, "why"),
            wspp::processor::error::make_error_code(wspp::processor::error::reason_requires_code));
  EXPECT_EQ(prepare(status::blank, ""),
            wspp::processor::error::make_error_code(wspp::processor::error::invalid_close_code));
  EXPECT_EQ(prepare(1004, ""),
            wspp::processor::error::make_error_code(wspp::processor::error::reserved_close_code));
}

TEST_F(PrepareClose, ReasonsAgainstTheCore) {
  const std::string longest(wsclose::max_reason_len, 'a');
  EXPECT_FALSE(prepare(1000, longest));
  EXPECT_TRUE(make_close(1000, longest));
  EXPECT_EQ(prepare(1000, longest + "a"),
            wspp::processor::error::make_error_code(wspp::processor::error::control_too_big));
  EXPECT_FALSE(make_close(1000, longest + "a"));
  // A reason that is not UTF-8: websocketpp sends it, the core refuses it.
  std::string payload;
  EXPECT_FALSE(prepare(1000, "\xff", &payload));
  EXPECT_EQ(payload, two_bytes(1000) + "\xff");
  EXPECT_EQ(make_close(1000, "\xff").error().kind, wsclose::payload_error_kind::invalid_utf8);
}

// Received payloads that are no code and a reason: websocketpp's close.hpp and the core.
TEST(WebsocketppRules, MalformedPayloads) {
  wspp::lib::error_code ec;
  // Empty: both read 1005.
  EXPECT_EQ(wspp::close::extract_code("", ec), status::no_status);
  EXPECT_FALSE(ec);
  EXPECT_EQ(wsclose::parse_close_payload("").code, status::no_status);
  // One byte: websocketpp reports the code 1002 with error::bad_close_code; the core: one_byte,
  // answer 1002.
  EXPECT_EQ(wspp::close::extract_code(std::string(1, '\x03'), ec), status::protocol_error);
  EXPECT_EQ(ec, wspp::error::make_error_code(wspp::error::bad_close_code));
  const auto one = wsclose::parse_close_payload(std::string_view{"\x03", 1});
  EXPECT_EQ(one.error->kind, wsclose::payload_error_kind::one_byte);
  EXPECT_EQ(one.error->close_code, std::optional<std::uint16_t>{1002});
  // A reason that is not UTF-8: both refuse it; the core answers 1007 (websocketpp: 1002, see
  // the loopback test).
  EXPECT_EQ(wspp::close::extract_reason(two_bytes(1000) + "\xff", ec), "\xff");
  EXPECT_EQ(ec, wspp::error::make_error_code(wspp::error::invalid_utf8));
  const auto bad = wsclose::parse_close_payload(two_bytes(1000) + "\xff");
  EXPECT_EQ(bad.error->kind, wsclose::payload_error_kind::invalid_utf8);
  EXPECT_EQ(bad.error->close_code, std::optional<std::uint16_t>{1007});
  // A valid reason.
  EXPECT_EQ(wspp::close::extract_reason(two_bytes(1000) + "caf\xc3\xa9", ec), "caf\xc3\xa9");
  EXPECT_FALSE(ec);
}

}  // namespace
