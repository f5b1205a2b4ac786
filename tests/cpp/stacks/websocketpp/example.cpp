// The example of docs/cpp-stacks.md's websocketpp section, as printed there (make
// test-stack-websocketpp checks that the two are the same text); test_loopback.cpp runs it.
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <wsclose/websocketpp.hpp>

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include <string>

using server = websocketpp::server<websocketpp::config::asio>;

// Close with a code and reason the core accepted; say why not otherwise.
std::string close_going_away(server::connection_ptr con, std::string_view reason) {
  const auto sent = wsclose::websocketpp::close(con, wsclose::codes::going_away, reason);
  if (!sent) {
    if (sent.error().refused) {
      return std::string{sent.error().refused->message};  // the core refused the reason
    }
    return sent.error().error.message();  // websocketpp refused: not open
  }
  return "sent " + std::to_string(sent->code());
}

// In the close handler: what the client closed with, and what wsclose makes of it.
std::string describe_close(server::connection_ptr con) {
  const wsclose::websocketpp::received_close close = wsclose::websocketpp::read_close(con);
  std::string text = std::to_string(close.code) + " (" +
                     std::string{wsclose::label(close.info.category)} + ")";
  if (close.error) {
    text += ", should be answered with " + std::to_string(close.error->close_code.value_or(0));
  }
  if (!close.explanation.empty()) {
    text += ": " + std::string{wsclose::summary(close.explanation[0])};
  }
  return text;
}
