// Tests of include/wsclose/beast.hpp against Boost.Beast (Debian libboost-dev): every code through
// the converters, Beast's own rule (websocket::detail::is_valid_close_code, detail::read_close)
// beside the library's with every difference named, and a real exchange on 127.0.0.1 where a
// close_reason built by the header arrives as that close_reason.
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <wsclose/beast.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/detail/frame.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../code_runs.hpp"

namespace {

namespace net = boost::asio;
namespace websocket = boost::beast::websocket;
using boost::system::error_code;
using net::ip::tcp;

using wsclose_tests::code_count;
using wsclose_tests::code_runs;
using wsclose_tests::runs;

// Beast's verdict on a received Close payload (detail::read_close, what a read runs).
error_code beast_read_close(const std::string &payload, websocket::close_reason &out) {
  error_code ec;
  websocket::detail::read_close(out, net::const_buffer(payload.data(), payload.size()), ec);
  return ec;
}

std::string wire(std::uint16_t code, const std::string &reason = {}) {
  std::string out;
  out += static_cast<char>(code >> 8);
  out += static_cast<char>(code & 0xff);
  return out + reason;
}

TEST(BeastCloseCode, EveryCodeRoundTrips) {
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    ASSERT_EQ(wsclose::beast::from_close_code(wsclose::beast::to_close_code(code)), code);
  }
  static_assert(wsclose::beast::to_close_code(wsclose::codes::normal_closure) ==
                websocket::close_code::normal);
  static_assert(wsclose::beast::from_close_code(websocket::close_code::try_again_later) ==
                wsclose::codes::try_again_later);
  static_assert(wsclose::beast::from_close_code(websocket::close_code::none) == 0);
}

TEST(BeastToCloseReason, EveryCodeAsTheLibraryDecides) {
  std::size_t accepted = 0;
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const auto reason = wsclose::beast::to_close_reason(code);
    ASSERT_EQ(reason.has_value(), wsclose::is_sendable(code)) << code;
    if (reason) {
      accepted++;
      ASSERT_EQ(reason->code, code);
      ASSERT_TRUE(reason->reason.empty());
    } else {
      ASSERT_EQ(reason.error().kind, wsclose::payload_error_kind::invalid_code) << code;
      ASSERT_EQ(reason.error().close_code, std::optional<std::uint16_t>{1002});
      ASSERT_EQ(reason.error().code, std::optional<std::uint16_t>{code});
    }
  }
  // 1000-1003, 1007-1014, 3000-4999.
  EXPECT_EQ(accepted, 4u + 8u + 2000u);
}

TEST(BeastParseCloseReason, EveryCodeAsTheLibraryParses) {
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const websocket::close_reason received{code};
    const wsclose::parsed_close parsed = wsclose::beast::parse_close_reason(received);
    const std::string payload = wire(code);
    const wsclose::parsed_close direct = wsclose::parse_close_payload(payload);
    if (code == websocket::close_code::none) {
      // The one difference: Beast's code 0 with no reason is its "no code", the empty Close.
      ASSERT_TRUE(parsed);
      ASSERT_EQ(parsed.code, wsclose::codes::no_status_received);
      ASSERT_FALSE(direct);
      continue;
    }
    ASSERT_EQ(parsed.status, direct.status) << code;
    ASSERT_EQ(parsed.code, direct.code) << code;
    ASSERT_EQ(static_cast<bool>(parsed), wsclose::is_sendable(code)) << code;
  }
}

TEST(BeastParseCloseReason, ReasonsAndTheEmptyClose) {
  websocket::close_reason empty;
  const auto none = wsclose::beast::parse_close_reason(empty);
  ASSERT_TRUE(none);
  EXPECT_EQ(none.code, wsclose::codes::no_status_received);
  EXPECT_TRUE(none.reason.empty());

  websocket::close_reason bye{websocket::close_code::going_away, "bye \xc3\xa9"};
  const auto parsed = wsclose::beast::parse_close_reason(bye);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.code, 1001);
  EXPECT_EQ(parsed.reason, "bye \xc3\xa9");
  EXPECT_EQ(parsed.reason.data(), bye.reason.data());  // a view of the caller's close_reason

  websocket::close_reason bad{websocket::close_code::normal, "\xff"};
  const auto refused = wsclose::beast::parse_close_reason(bad);
  ASSERT_FALSE(refused);
  ASSERT_TRUE(refused.error);
  EXPECT_EQ(refused.error->kind, wsclose::payload_error_kind::invalid_utf8);
  EXPECT_EQ(refused.error->close_code, std::optional<std::uint16_t>{1007});

  // A reason with Beast's code "none" is no Close a peer can send: code 0 on the wire.
  websocket::close_reason zero{websocket::close_code::none, "x"};
  const auto zero_parsed = wsclose::beast::parse_close_reason(zero);
  ASSERT_FALSE(zero_parsed);
  EXPECT_EQ(zero_parsed.error->kind, wsclose::payload_error_kind::invalid_code);
  EXPECT_EQ(zero_parsed.error->code, std::optional<std::uint16_t>{0});
}

TEST(BeastToCloseReason, ReasonLimitsAreTheLibrarys) {
  const std::string longest(wsclose::max_reason_len, 'a');
  const auto fits = wsclose::beast::to_close_reason(4000, longest);
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->code, 4000);
  EXPECT_EQ(std::string(fits->reason.data(), fits->reason.size()), longest);

  const auto too_long = wsclose::beast::to_close_reason(4000, longest + "a");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().kind, wsclose::payload_error_kind::reason_too_long);

  // 61 two-byte characters and one byte: 123 bytes; one more two-byte character is too long.
  std::string utf8;
  for (int i = 0; i < 61; i++) utf8 += "\xc3\xa9";
  EXPECT_TRUE(wsclose::beast::to_close_reason(1000, utf8 + "a"));
  EXPECT_EQ(wsclose::beast::to_close_reason(1000, utf8 + "\xc3\xa9").error().kind,
            wsclose::payload_error_kind::reason_too_long);

  const auto bad = wsclose::beast::to_close_reason(1000, "\xed\xa0\x80");  // a surrogate
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, wsclose::payload_error_kind::invalid_utf8);
  EXPECT_EQ(bad.error().close_code, std::optional<std::uint16_t>{1007});

  const auto local = wsclose::beast::to_close_reason(1005, "x");
  ASSERT_FALSE(local);
  EXPECT_EQ(local.error().kind, wsclose::payload_error_kind::invalid_code);
}

TEST(BeastToCloseReason, FromAParsedClose) {
  const auto empty = wsclose::beast::to_close_reason(wsclose::parse_close_payload(""));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->code, websocket::close_code::none);
  EXPECT_FALSE(static_cast<bool>(*empty));  // Beast: no code, an empty Close frame

  const std::string payload = wire(4001, "again");
  const auto echoed = wsclose::beast::to_close_reason(wsclose::parse_close_payload(payload));
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->code, 4001);
  EXPECT_EQ(std::string(echoed->reason.data(), echoed->reason.size()), "again");

  const auto refused = wsclose::beast::to_close_reason(wsclose::parse_close_payload("x"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, wsclose::payload_error_kind::one_byte);
  EXPECT_EQ(refused.error().close_code, std::optional<std::uint16_t>{1002});
}

// Beast's own rule (websocket/detail/frame.hpp) beside the library's, over every code. The
// differences are named here; a change on either side fails the test.
TEST(BeastRule, EveryDifferenceFromTheLibraryIsNamed) {
  const code_runs beast_only = runs([](std::uint16_t c) {
    return websocket::detail::is_valid_close_code(c) && !wsclose::is_sendable(c);
  });
  const code_runs wsclose_only = runs([](std::uint16_t c) {
    return !websocket::detail::is_valid_close_code(c) && wsclose::is_sendable(c);
  });
  // Beast accepts every code from 3000 up; the registry ends at 4999.
  EXPECT_EQ(beast_only, (code_runs{{5000, 65535}}));
  // Beast calls 1014 (Bad Gateway, IANA registry) reserved.
  EXPECT_EQ(wsclose_only, (code_runs{{1014, 1014}}));
}

// The same through detail::read_close, the function a read runs on a Close payload: its verdict,
// and payload_error_kind_of of its error equals the library's kind, on every 2-byte payload.
TEST(BeastRule, ReadCloseOnEveryCode) {
  std::size_t differences = 0;
  for (std::uint32_t c = 0; c < code_count; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const std::string payload = wire(code, "ok");
    websocket::close_reason cr;
    const error_code ec = beast_read_close(payload, cr);
    const wsclose::parsed_close parsed = wsclose::parse_close_payload(payload);
    if (static_cast<bool>(ec) == !parsed) {
      if (ec) {
        ASSERT_EQ(wsclose::beast::payload_error_kind_of(ec), parsed.error->kind) << code;
      } else {
        ASSERT_EQ(cr.code, parsed.code);
      }
      continue;
    }
    differences++;
    const bool named = code == 1014 || code >= 5000;
    ASSERT_TRUE(named) << "an unnamed difference at " << code;
  }
  EXPECT_EQ(differences, 1u + (65535u - 5000u + 1u));
}

TEST(BeastRule, PayloadsBeastRefusesBeforeTheApplication) {
  struct row {
    std::string payload;
    wsclose::payload_error_kind kind;
    std::uint16_t wsclose_reply;
  };
  const std::vector<row> rows = {
      {"\x03", wsclose::payload_error_kind::one_byte, 1002},
      {wire(999), wsclose::payload_error_kind::invalid_code, 1002},
      {wire(1005), wsclose::payload_error_kind::invalid_code, 1002},
      {wire(1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80"),
       wsclose::payload_error_kind::invalid_utf8, 1007},
  };
  for (const row &r : rows) {
    websocket::close_reason cr;
    const error_code ec = beast_read_close(r.payload, cr);
    ASSERT_TRUE(ec);
    const wsclose::parsed_close parsed = wsclose::parse_close_payload(r.payload);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error->kind, r.kind);
    EXPECT_EQ(wsclose::beast::payload_error_kind_of(ec), r.kind);
    EXPECT_EQ(wsclose::beast::reply_code_of(ec), std::optional<std::uint16_t>{r.wsclose_reply});
  }
  // Over 125 bytes: Beast's frame header check; wsclose's too_long, answered with 1002.
  EXPECT_EQ(wsclose::beast::payload_error_kind_of(websocket::error::bad_control_size),
            wsclose::payload_error_kind::too_long);
  EXPECT_EQ(wsclose::parse_close_payload(wire(1000, std::string(124, 'a'))).error->kind,
            wsclose::payload_error_kind::too_long);
  EXPECT_EQ(wsclose::beast::reply_code_of(websocket::error::bad_control_size),
            std::optional<std::uint16_t>{1002});
  // Not about a Close payload.
  EXPECT_EQ(wsclose::beast::payload_error_kind_of(websocket::error::closed), std::nullopt);
  EXPECT_EQ(wsclose::beast::reply_code_of(websocket::error::bad_opcode), std::nullopt);
  EXPECT_EQ(wsclose::beast::reply_code_of(error_code{}), std::nullopt);
}

// A Beast client and a Beast server on 127.0.0.1: the client closes with a close_reason built by
// the header; the server's read ends with error::closed and ws.reason() is that close_reason,
// which parse_close_reason reads back; Beast's echo reaches the client.
struct exchange_result {
  error_code server_ec;
  websocket::close_reason server_saw;
  websocket::close_reason client_saw;
};

exchange_result exchange(const websocket::close_reason &sent) {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
  exchange_result out;
  std::thread server([&] {
    tcp::socket socket{ioc};
    acceptor.accept(socket);
    websocket::stream<tcp::socket> ws{std::move(socket)};
    ws.accept();
    boost::beast::flat_buffer buffer;
    ws.read(buffer, out.server_ec);
    out.server_saw = ws.reason();
  });
  tcp::socket socket{ioc};
  socket.connect(acceptor.local_endpoint());
  websocket::stream<tcp::socket> ws{std::move(socket)};
  ws.handshake("127.0.0.1", "/");
  ws.close(sent);
  boost::beast::flat_buffer buffer;
  error_code ec;
  ws.read(buffer, ec);  // after close(): the stream is closed
  out.client_saw = ws.reason();
  server.join();
  return out;
}

TEST(BeastLoopback, ACloseMadeByTheHeaderArrivesAsThatCloseReason) {
  const std::string longest(wsclose::max_reason_len, 'r');
  const std::vector<std::pair<std::uint16_t, std::string>> closes = {
      {1000, ""}, {1001, "going"}, {1011, "\xc3\xa9t\xc3\xa9"}, {3000, "x"}, {4999, longest}};
  for (const auto &[code, reason] : closes) {
    const auto sent = wsclose::beast::to_close_reason(code, reason);
    ASSERT_TRUE(sent) << code;
    const exchange_result got = exchange(*sent);
    EXPECT_EQ(got.server_ec, websocket::error::closed) << got.server_ec.message();
    EXPECT_EQ(got.server_saw.code, code);
    EXPECT_EQ(std::string(got.server_saw.reason.data(), got.server_saw.reason.size()), reason);
    const wsclose::parsed_close parsed = wsclose::beast::parse_close_reason(got.server_saw);
    ASSERT_TRUE(parsed) << code;
    EXPECT_EQ(parsed.code, code);
    EXPECT_EQ(parsed.reason, reason);
    EXPECT_EQ(got.client_saw.code, code);  // Beast echoes the code, without the reason
  }
}

TEST(BeastLoopback, TheEmptyCloseIsNoStatus) {
  const auto sent = wsclose::beast::to_close_reason(wsclose::parse_close_payload(""));
  ASSERT_TRUE(sent);
  const exchange_result got = exchange(*sent);
  EXPECT_EQ(got.server_ec, websocket::error::closed);
  EXPECT_EQ(got.server_saw.code, websocket::close_code::none);
  const wsclose::parsed_close parsed = wsclose::beast::parse_close_reason(got.server_saw);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.code, wsclose::codes::no_status_received);
  // Beast answers an empty Close with 1000 (impl/read.hpp: close_code::none becomes normal).
  EXPECT_EQ(got.client_saw.code, websocket::close_code::normal);
}

}  // namespace

// The example of docs/cpp-stacks.md ("## Boost.Beast"), line for line between the doc: markers
// (tests/cpp/stacks/beast/doc-example.sh compares the two).
namespace doc {
std::vector<std::string> logged;
std::vector<std::pair<std::uint16_t, std::string>> closes;
std::vector<std::uint16_t> bad_closes;
void log(std::string_view message) { logged.emplace_back(message); }
void on_close(std::uint16_t code, std::string_view reason) { closes.emplace_back(code, reason); }
void on_bad_close(std::uint16_t answer) { bad_closes.push_back(answer); }

void closing(websocket::stream<tcp::socket> &ws) {
  // doc:begin
  // Closing: the library checks the code and the reason.
  if (const auto reason = wsclose::beast::to_close_reason(4000, "maintenance")) {
    ws.close(*reason);
  } else {
    log(reason.error().message);  // e.g. "close reason is not valid UTF-8"
  }
  // doc:end
}

void reading(websocket::stream<tcp::socket> &ws) {
  // doc:begin
  // Reading: how the connection ended.
  boost::beast::flat_buffer buffer;
  boost::system::error_code ec;
  ws.read(buffer, ec);
  if (ec == websocket::error::closed) {
    const wsclose::parsed_close peer = wsclose::beast::parse_close_reason(ws.reason());
    if (peer) {
      on_close(peer.code, peer.reason);  // code 1005 for an empty Close
    } else {
      // wsclose refuses it (e.g. codes 5000-65535, which Beast accepts): 1002
      on_bad_close(*peer.error->close_code);
    }
  } else if (const auto answer = wsclose::beast::reply_code_of(ec)) {
    // Beast refused the peer's Close before the application saw it: 1002 or 1007
    on_bad_close(*answer);
  }
  // doc:end
}
}  // namespace doc

// A server that reads with the example's second half, and a client that sends `frame` (a raw,
// masked Close) or, when it is empty, closes with the example's first half.
void doc_exchange(const std::string &frame) {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}};
  std::thread server([&] {
    tcp::socket socket{ioc};
    acceptor.accept(socket);
    websocket::stream<tcp::socket> ws{std::move(socket)};
    ws.accept();
    doc::reading(ws);
  });
  tcp::socket socket{ioc};
  socket.connect(acceptor.local_endpoint());
  websocket::stream<tcp::socket> ws{std::move(socket)};
  ws.handshake("127.0.0.1", "/");
  if (frame.empty()) {
    doc::closing(ws);
  } else {
    net::write(ws.next_layer(), net::buffer(frame));
    boost::beast::flat_buffer buffer;
    error_code ec;
    ws.read(buffer, ec);  // the server's Close
  }
  server.join();
}

// A client's masked Close frame around `payload` (mask key 0: the payload as it is).
std::string masked_close(const std::string &payload) {
  std::string frame{static_cast<char>(0x88), static_cast<char>(0x80 | payload.size())};
  return frame + std::string(4, '\0') + payload;
}

TEST(BeastDocs, CppStacksExample) {
  doc_exchange("");
  ASSERT_EQ(doc::closes.size(), 1u);
  EXPECT_EQ(doc::closes[0], (std::pair<std::uint16_t, std::string>{4000, "maintenance"}));
  EXPECT_TRUE(doc::logged.empty());

  doc_exchange(masked_close(wire(5000)));              // Beast accepts it, wsclose does not
  doc_exchange(masked_close(wire(1000, "\xc3\x28")));  // Beast refuses it: bad_close_payload
  doc_exchange(masked_close("\x03"));                  // Beast refuses it: bad_close_size
  EXPECT_EQ(doc::bad_closes, (std::vector<std::uint16_t>{1002, 1007, 1002}));
}
