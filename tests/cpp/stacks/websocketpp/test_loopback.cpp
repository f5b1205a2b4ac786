// A real websocketpp server (asio transport, 127.0.0.1, port 0) in this process, closed by a
// websocketpp client through wsclose/websocketpp.hpp and read through it; then websocketpp's own
// answers to the Close frames of Autobahn case 7 (docs/peers.md), sent by a raw TCP client after
// the handshake.
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <wsclose/websocketpp.hpp>

#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>
#include <websocketpp/server.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// tests/cpp/stacks/websocketpp/example.cpp (the docs' example).
using server = websocketpp::server<websocketpp::config::asio>;
std::string close_going_away(server::connection_ptr con, std::string_view reason);
std::string describe_close(server::connection_ptr con);

namespace {

using client = websocketpp::client<websocketpp::config::asio_client>;

/// What a close handler saw: websocketpp's own view and read_close's.
struct observed {
  std::uint16_t remote_code = 0;
  std::string remote_reason;
  std::uint16_t local_code = 0;
  std::string local_reason;
  std::optional<wsclose::payload_error_kind> error;
  std::optional<std::uint16_t> answer;
  std::vector<wsclose::cause> causes;
  wsclose::category category = wsclose::category::unused;
  std::string described;
};

template <typename ConnectionPtr>
observed observe(const ConnectionPtr &con) {
  const wsclose::websocketpp::received_close close = wsclose::websocketpp::read_close(con);
  observed out;
  out.remote_code = close.code;
  out.remote_reason = std::string{close.reason};
  out.local_code = con->get_local_close_code();
  out.local_reason = con->get_local_close_reason();
  if (close.error) {
    out.error = close.error->kind;
    out.answer = close.error->close_code;
  }
  out.causes.assign(close.explanation.begin(), close.explanation.end());
  out.category = close.info.category;
  return out;
}

/// The server, running on its own thread for the whole suite.
class Loopback : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    endpoint_ = std::make_unique<server>();
    server &s = *endpoint_;
    s.clear_access_channels(websocketpp::log::alevel::all);
    s.clear_error_channels(websocketpp::log::elevel::all);
    s.init_asio();
    s.set_reuse_addr(true);
    s.set_open_handler([](websocketpp::connection_hdl hdl) {
      server::connection_ptr con = endpoint_->get_con_from_hdl(hdl);
      if (con->get_resource() == "/server-closes") {
        std::lock_guard<std::mutex> lock(mutex_);
        sent_.push_back(close_going_away(con, "restarting"));
        sent_.push_back(close_going_away(con, "again"));
      }
    });
    s.set_close_handler([](websocketpp::connection_hdl hdl) {
      server::connection_ptr con = endpoint_->get_con_from_hdl(hdl);
      observed seen = observe(con);
      seen.described = describe_close(con);
      std::lock_guard<std::mutex> lock(mutex_);
      closes_.push_back(seen);
      changed_.notify_all();
    });
    s.listen(websocketpp::lib::asio::ip::tcp::endpoint(
        websocketpp::lib::asio::ip::address_v4::loopback(), 0));
    s.start_accept();
    websocketpp::lib::asio::error_code ec;
    port_ = s.get_local_endpoint(ec).port();
    ASSERT_FALSE(ec);
    ASSERT_NE(port_, 0);
    thread_ = std::thread([] { endpoint_->run(); });
  }

  static void TearDownTestSuite() {
    endpoint_->stop_listening();
    endpoint_->stop();
    thread_.join();
    endpoint_.reset();
  }

  void SetUp() override {
    std::lock_guard<std::mutex> lock(mutex_);
    closes_.clear();
    sent_.clear();
  }

  /// The server's observation of the next connection to close.
  static observed next_close() {
    std::unique_lock<std::mutex> lock(mutex_);
    const bool seen =
        changed_.wait_for(lock, std::chrono::seconds(10), [] { return !closes_.empty(); });
    EXPECT_TRUE(seen) << "the server saw no close";
    if (!seen) {
      return observed{};
    }
    observed out = closes_.front();
    closes_.erase(closes_.begin());
    return out;
  }

  /// Runs a websocketpp client to `path` until its connection is closed; `on_open` acts on the
  /// open connection; returns the client's observation.
  static observed run_client(const std::string &path,
                             const std::function<void(client::connection_ptr)> &on_open) {
    client c;
    c.clear_access_channels(websocketpp::log::alevel::all);
    c.clear_error_channels(websocketpp::log::elevel::all);
    c.init_asio();
    observed seen;
    c.set_open_handler([&](websocketpp::connection_hdl hdl) { on_open(c.get_con_from_hdl(hdl)); });
    c.set_close_handler(
        [&](websocketpp::connection_hdl hdl) { seen = observe(c.get_con_from_hdl(hdl)); });
    websocketpp::lib::error_code ec;
    client::connection_ptr con =
        c.get_connection("ws://127.0.0.1:" + std::to_string(port_) + path, ec);
    EXPECT_FALSE(ec) << ec.message();
    c.connect(con);
    c.run();
    return seen;
  }

  static std::unique_ptr<server> endpoint_;
  static std::thread thread_;
  static std::uint16_t port_;
  static std::mutex mutex_;
  static std::condition_variable changed_;
  static std::vector<observed> closes_;
  static std::vector<std::string> sent_;
};

std::unique_ptr<server> Loopback::endpoint_;
std::thread Loopback::thread_;
std::uint16_t Loopback::port_ = 0;
std::mutex Loopback::mutex_;
std::condition_variable Loopback::changed_;
std::vector<observed> Loopback::closes_;
std::vector<std::string> Loopback::sent_;

TEST_F(Loopback, ClientClosesThroughTheHeaderServerReadsThroughIt) {
  std::optional<std::uint16_t> sent;
  const observed client_side = run_client("/", [&](client::connection_ptr con) {
    const auto request = wsclose::websocketpp::close(con, 4000, "done");
    ASSERT_TRUE(request);
    sent = request->code();
  });
  EXPECT_EQ(sent, std::optional<std::uint16_t>{4000});
  const observed server_side = next_close();
  EXPECT_EQ(server_side.remote_code, 4000);
  EXPECT_EQ(server_side.remote_reason, "done");
  EXPECT_EQ(server_side.error, std::nullopt);
  EXPECT_EQ(server_side.category, wsclose::category::private_use);
  EXPECT_EQ(server_side.causes, (std::vector<wsclose::cause>{wsclose::cause::peer_closed}));
  EXPECT_EQ(server_side.described,
            "4000 (private use): " + std::string{wsclose::summary(wsclose::cause::peer_closed)});
  // websocketpp's server echoes the code and reason.
  EXPECT_EQ(client_side.remote_code, 4000);
  EXPECT_EQ(client_side.remote_reason, "done");
}

TEST_F(Loopback, RefusedCloseSendsNothingThenAnEmptyClose) {
  std::optional<wsclose::payload_error> refused;
  const observed client_side = run_client("/", [&](client::connection_ptr con) {
    const auto bad = wsclose::websocketpp::close(con, wsclose::codes::no_status_received, "");
    ASSERT_FALSE(bad);
    refused = bad.error().refused;
    EXPECT_FALSE(bad.error().error);
    // The connection is still open: close without a code.
    EXPECT_FALSE(wsclose::websocketpp::close(con, wsclose::websocketpp::close_request::no_code()));
  });
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->kind, wsclose::payload_error_kind::invalid_code);
  const observed server_side = next_close();
  EXPECT_EQ(server_side.remote_code, wsclose::codes::no_status_received);
  EXPECT_EQ(server_side.remote_reason, "");
  EXPECT_EQ(server_side.error, std::nullopt);
  EXPECT_EQ(server_side.causes.front(), wsclose::cause::no_status_code);
  // websocketpp answers an empty Close with 1000.
  EXPECT_EQ(client_side.remote_code, wsclose::codes::normal_closure);
}

TEST_F(Loopback, ServerClosesThroughTheExampleClientReadsIt) {
  const observed client_side = run_client("/server-closes", [](client::connection_ptr) {});
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // The second close finds the connection closing: websocketpp's invalid_state.
    ASSERT_EQ(sent_.size(), 2u);
    EXPECT_EQ(sent_[0], "sent 1001");
    EXPECT_EQ(sent_[1], websocketpp::error::make_error_code(websocketpp::error::invalid_state)
                            .message());
  }
  EXPECT_EQ(client_side.remote_code, wsclose::codes::going_away);
  EXPECT_EQ(client_side.remote_reason, "restarting");
  EXPECT_EQ(client_side.error, std::nullopt);
  const observed server_side = next_close();
  EXPECT_EQ(server_side.remote_code, wsclose::codes::going_away);
  EXPECT_EQ(server_side.local_code, wsclose::codes::going_away);
}

TEST_F(Loopback, WebsocketppClientCloseWithBlankSendsAnEmptyClose) {
  websocketpp::lib::error_code five_thousand;
  run_client("/", [&](client::connection_ptr con) {
    con->close(5000, "", five_thousand);  // refused by websocketpp, nothing sent
    websocketpp::lib::error_code ec;
    con->close(websocketpp::close::status::blank, "", ec);
    EXPECT_FALSE(ec);
  });
  EXPECT_EQ(five_thousand, websocketpp::processor::error::make_error_code(
                               websocketpp::processor::error::invalid_close_code));
  EXPECT_EQ(next_close().remote_code, wsclose::codes::no_status_received);
}

// ---------------------------------------------------------------------------------------------
// A raw client: handshake, one masked Close frame, then everything the server sends until EOF.

class fd_guard {
 public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  fd_guard(const fd_guard &) = delete;
  fd_guard &operator=(const fd_guard &) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool write_all(int fd, const std::string &bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

/// The server's Close after our Close with `payload`: its payload, or std::nullopt when the
/// connection ended without one.
std::optional<std::string> raw_close(std::uint16_t port, const std::string &payload) {
  fd_guard fd{::socket(AF_INET, SOCK_STREAM, 0)};
  EXPECT_GE(fd.get(), 0);
  timeval timeout{5, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
  EXPECT_TRUE(write_all(fd.get(),
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n"));
  std::string in;
  char buffer[4096];
  while (in.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, 0);
    if (n <= 0) {
      ADD_FAILURE() << "no handshake answer";
      return std::nullopt;
    }
    in.append(buffer, static_cast<std::size_t>(n));
  }
  EXPECT_EQ(in.rfind("HTTP/1.1 101", 0), 0u) << in;
  in.erase(0, in.find("\r\n\r\n") + 4);

  const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
  std::string frame{'\x88'};
  if (payload.size() <= 125) {
    frame += static_cast<char>(0x80 | payload.size());
  } else {
    frame += static_cast<char>(0x80 | 126);
    frame += static_cast<char>(payload.size() >> 8);
    frame += static_cast<char>(payload.size() & 0xff);
  }
  frame.append(reinterpret_cast<const char *>(mask), 4);
  for (std::size_t i = 0; i < payload.size(); i++) {
    frame += static_cast<char>(static_cast<unsigned char>(payload[i]) ^ mask[i % 4]);
  }
  EXPECT_TRUE(write_all(fd.get(), frame));
  for (;;) {
    const ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, 0);
    if (n == 0) {
      break;
    }
    if (n < 0) {
      ADD_FAILURE() << "the server did not end the connection";
      break;
    }
    in.append(buffer, static_cast<std::size_t>(n));
  }
  // The server's first frame (unmasked, short).
  if (in.size() < 2 || static_cast<unsigned char>(in[0]) != 0x88) {
    return std::nullopt;
  }
  const std::size_t len = static_cast<unsigned char>(in[1]) & 0x7f;
  EXPECT_LE(len, 125u);
  return in.substr(2, len);
}

std::string close_payload(std::uint16_t code, const std::string &reason = "") {
  return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)} + reason;
}

/// One case-7 payload: what websocketpp answered (code and reason; std::nullopt: no Close), what
/// its close handler reports (get_remote_close_code/reason), and read_close's verdict.
struct case7 {
  const char *name;
  std::string payload;
  std::optional<std::string> answer;
  std::uint16_t remote_code;
  std::string remote_reason;
  std::optional<wsclose::payload_error_kind> error;
  std::optional<std::uint16_t> wsclose_answer;
};

TEST_F(Loopback, WebsocketppOnCase7Payloads) {
  using kind = wsclose::payload_error_kind;
  const std::string invalid = close_payload(1002, "Invalid close code");
  const std::string r123(123, 'r');
  const std::vector<case7> cases = {
      {"0", close_payload(0), invalid, 0, "", kind::invalid_code, 1002},
      {"999", close_payload(999), invalid, 999, "", kind::invalid_code, 1002},
      {"1000", close_payload(1000), close_payload(1000), 1000, "", std::nullopt, std::nullopt},
      {"1004", close_payload(1004), invalid, 1004, "", kind::invalid_code, 1002},
      // The app cannot tell a 2-byte 1005 from an empty Close: read_close accepts it.
      {"1005", close_payload(1005), invalid, 1005, "", std::nullopt, std::nullopt},
      {"1006", close_payload(1006), invalid, 1006, "", kind::invalid_code, 1002},
      {"1014", close_payload(1014), close_payload(1014), 1014, "", std::nullopt, std::nullopt},
      {"1015", close_payload(1015), invalid, 1015, "", kind::invalid_code, 1002},
      {"1016", close_payload(1016), invalid, 1016, "", kind::invalid_code, 1002},
      {"2999", close_payload(2999), invalid, 2999, "", kind::invalid_code, 1002},
      {"3000", close_payload(3000), close_payload(3000), 3000, "", std::nullopt, std::nullopt},
      {"4999", close_payload(4999), close_payload(4999), 4999, "", std::nullopt, std::nullopt},
      {"5000", close_payload(5000), invalid, 5000, "", kind::invalid_code, 1002},
      {"65535", close_payload(65535), invalid, 65535, "", kind::invalid_code, 1002},
      {"empty", "", close_payload(1000), 1005, "", std::nullopt, std::nullopt},
      // The app sees 1002, as if the peer had sent it.
      {"1 byte", std::string(1, '\x03'), invalid, 1002, "", std::nullopt, std::nullopt},
      {"bad UTF-8 reason", close_payload(1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80"),
       close_payload(1002, "Invalid close reason"), 1000,
       "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80", kind::invalid_utf8, 1007},
      {"123-byte reason", close_payload(1000, r123), close_payload(1000, r123), 1000, r123,
       std::nullopt, std::nullopt},
      // A 126-byte payload: the frame reader refuses it; no Close reached the connection (1006).
      {"124-byte reason", close_payload(1000, r123 + "r"),
       close_payload(1002, "Control messages are limited to fewer than 125 characters"), 1006, "", kind::invalid_code, 1002},
  };
  for (const case7 &c : cases) {
    SCOPED_TRACE(c.name);
    const std::optional<std::string> answer = raw_close(port_, c.payload);
    EXPECT_EQ(answer, c.answer);
    const observed seen = next_close();
    EXPECT_EQ(seen.remote_code, c.remote_code);
    EXPECT_EQ(seen.remote_reason, c.remote_reason);
    EXPECT_EQ(seen.error, c.error);
    EXPECT_EQ(seen.answer, c.wsclose_answer);
  }
}

}  // namespace
