// wsclose-beast-echo: a WebSocket echo server on Boost.Beast whose every Close decision comes
// from libwsclose. See README.md beside this file for how the two are wired together.
//
// Beast answers a received Close itself, inside the read that receives it (impl/read.hpp): it
// checks the payload with its own rule (detail::read_close), writes its reply (the peer's code, or
// 1000 for an empty Close, or 1002 for any payload it refuses), tears the connection down and only
// then returns websocket::error::closed or the error. The control callback sees a valid Close
// before that reply, but Beast's documentation makes sending a Close from it undefined behaviour;
// no option turns the reply off. What Beast does support is a user-defined next layer with its
// own teardown (websocket/teardown.hpp). So the stream runs over close_gate, a TCP socket that
// holds back the Close frame Beast writes during a read, and its teardown, until the read has
// returned; then the server asks wsclose and sends wsclose's reply:
//   - read ended with error::closed (Beast accepted the Close): wsclose parses ws.reason()
//     (wsclose::beast::parse_close_reason); a valid Close is echoed (an empty one with an empty
//     Close), a refused one (codes 5000-65535, which Beast accepts) is answered with the code
//     wsclose gives for the error;
//   - read ended with bad_close_size, bad_close_code, bad_close_payload or bad_control_size (Beast
//     refused the payload; the application never sees its bytes): the reply is the code wsclose
//     gives for that kind of error (wsclose::beast::reply_code_of: 1002, or 1007 for a reason that
//     is not UTF-8);
//   - any other error (a framing error, a text message that is not UTF-8, a message too big):
//     not a Close payload; Beast's own Close goes out unchanged.
// Each time wsclose's reply differs from the one Beast wrote, a line says so on stderr.
//
// Single-threaded, synchronous, one connection at a time, 127.0.0.1 only. Exits 0 on SIGTERM or
// SIGINT, or 1 if a Close ever went out that was not wsclose's decision (a reply that escaped the
// gate). With --beast-decides the server sends Beast's replies instead, still asking wsclose
// about each Close and logging every disagreement (how docs/peers.md measured Beast alone).
// Usage: wsclose-beast-echo [-p PORT] [-q] [--beast-decides]   (PORT 0: a free port; default 9002)
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/version.hpp>

#include <wsclose.hpp>
#include <wsclose/beast.hpp>

#include <poll.h>
#include <signal.h>

#include <array>
#include <cerrno>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace net = boost::asio;
namespace websocket = boost::beast::websocket;
using boost::system::error_code;
using net::ip::tcp;

volatile sig_atomic_t stop_requested = 0;
bool quiet = false;
bool beast_decides = false;
unsigned long overrides = 0;      // wsclose's reply differed from Beast's, and was sent
unsigned long disagreements = 0;  // a Close went out that was not wsclose's decision

constexpr std::uint8_t close_frame_fin = 0x88;  // FIN + opcode 8 (RFC 6455 5.2, 5.5.1)

void on_signal(int) { stop_requested = 1; }

void log(unsigned id, const char *format, ...) __attribute__((format(printf, 2, 3)));
void log(unsigned id, const char *format, ...) {
  if (quiet) {
    return;
  }
  std::fprintf(stderr, "wsclose-beast-echo: conn %u: ", id);
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
  std::fputc('\n', stderr);
}

// The next layer of the websocket::stream: a TCP socket that, while armed (during a read), keeps
// the Close frame Beast writes and defers Beast's teardown, so that the server can send
// wsclose's reply instead. Every other write goes to the socket as it is.
class close_gate {
 public:
  using executor_type = tcp::socket::executor_type;

  explicit close_gate(tcp::socket socket) : socket_(std::move(socket)) {}

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  tcp::socket &socket() noexcept { return socket_; }

  void arm(bool on) noexcept { armed_ = on; }
  /// The Close frame Beast wrote while armed (header and payload), if any.
  const std::optional<std::vector<std::uint8_t>> &held() const noexcept { return held_; }

  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers &buffers, error_code &ec) {
    return socket_.read_some(buffers, ec);
  }
  template <class MutableBuffers>
  std::size_t read_some(const MutableBuffers &buffers) {
    return socket_.read_some(buffers);
  }

  template <class ConstBuffers>
  std::size_t write_some(const ConstBuffers &buffers, error_code &ec) {
    const std::size_t size = net::buffer_size(buffers);
    if (armed_ && rest_ == 0 && size > 0 && !held_) {
      const auto begin = net::buffers_begin(buffers);
      if (static_cast<std::uint8_t>(*begin) == close_frame_fin) {
        held_.emplace(begin, net::buffers_end(buffers));  // Beast writes a frame in one piece
        ec = {};
        return size;
      }
    }
    const std::size_t written = socket_.write_some(buffers, ec);
    rest_ = ec ? 0 : size - written;  // the next call continues this frame
    return written;
  }
  template <class ConstBuffers>
  std::size_t write_some(const ConstBuffers &buffers) {
    error_code ec;
    const std::size_t written = write_some(buffers, ec);
    if (ec) {
      throw boost::system::system_error{ec};
    }
    return written;
  }

  // Beast's teardown after its Close: deferred while a Close is held (the server tears down
  // after sending wsclose's reply).
  friend void teardown(boost::beast::role_type role, close_gate &gate, error_code &ec) {
    if (gate.held_) {
      ec = {};
      return;
    }
    websocket::teardown(role, gate.socket_, ec);
  }

 private:
  tcp::socket socket_;
  bool armed_ = false;
  std::size_t rest_ = 0;
  std::optional<std::vector<std::uint8_t>> held_;
};

// The code in a Close frame Beast wrote (0: an empty Close).
std::uint16_t code_in(const std::vector<std::uint8_t> &frame) {
  if (frame.size() < 4 || (frame[1] & 0x7f) < 2) {
    return 0;
  }
  return static_cast<std::uint16_t>(frame[2] << 8 | frame[3]);
}

// A server's Close frame (unmasked) around a payload wsclose built.
std::vector<std::uint8_t> close_frame(std::string_view payload) {
  std::vector<std::uint8_t> frame(2 + payload.size());
  frame[0] = close_frame_fin;
  frame[1] = static_cast<std::uint8_t>(payload.size());  // at most 125: one length byte
  if (!payload.empty()) {
    std::memcpy(frame.data() + 2, payload.data(), payload.size());
  }
  return frame;
}

// wsclose's reply to the Close that ended a read with `ec`: the Close frame to send and a note
// for the log; std::nullopt when `ec` is not about a Close payload (Beast decides).
struct reply {
  std::vector<std::uint8_t> frame;
  std::uint16_t code;  // 0: an empty Close
  std::string why;
};

std::optional<reply> wsclose_reply(const error_code &ec, const websocket::close_reason &received) {
  std::uint16_t code = 0;
  std::string why;
  if (ec == websocket::error::closed) {
    const wsclose::parsed_close parsed = wsclose::beast::parse_close_reason(received);
    if (!parsed) {
      code = parsed.error->close_code.value_or(wsclose::codes::protocol_error);
      why = "peer's Close refused: " + std::string(parsed.error->message);
    } else if (parsed.code == wsclose::codes::no_status_received) {
      why = "peer's Close has no code: empty Close";
    } else {
      code = parsed.code;
      const auto name = wsclose::name(code);
      why = "peer's Close " + std::to_string(code) + " (" +
            std::string(name.value_or("unnamed")) + ", " +
            std::string(wsclose::label(wsclose::classify(code))) +
            ", reconnect: " + std::string(wsclose::label(wsclose::reconnect(code))) +
            "): echoed";
    }
  } else if (const auto kind = wsclose::beast::payload_error_kind_of(ec)) {
    code = *wsclose::beast::reply_code_of(ec);
    why = "peer's Close refused by Beast (" + ec.message() + ", wsclose: " +
          std::string(wsclose::message(static_cast<wsclose::result>(wsclose::to_underlying(*kind)))) +
          ")";
  } else {
    return std::nullopt;
  }
  if (code == 0) {
    return reply{close_frame({}), 0, why};
  }
  const wsclose::close_payload payload = wsclose::encode_close_payload(code, std::string_view{});
  if (!payload) {  // cannot happen for a code wsclose gave or accepted; say so if it does
    std::fprintf(stderr, "wsclose-beast-echo: cannot encode %u: %s\n", code,
                 std::string(payload.error->message).c_str());
    return reply{close_frame({}), 0, why};
  }
  return reply{close_frame(payload.bytes()), code, why};
}

void session(tcp::socket socket, unsigned id) {
  websocket::stream<close_gate> ws{close_gate{std::move(socket)}};
  error_code ec;
  ws.accept(ec);
  if (ec) {
    log(id, "handshake failed: %s", ec.message().c_str());
    return;
  }
  boost::beast::flat_buffer buffer;
  for (;;) {
    ws.next_layer().arm(true);
    ws.read(buffer, ec);
    ws.next_layer().arm(false);
    if (ec) {
      break;
    }
    ws.text(ws.got_text());
    ws.write(buffer.data(), ec);
    buffer.consume(buffer.size());
    if (ec) {
      log(id, "write failed: %s", ec.message().c_str());
      return;
    }
  }

  close_gate &gate = ws.next_layer();
  const auto &held = gate.held();
  const std::optional<reply> decided = wsclose_reply(ec, ws.reason());
  if (!held) {
    // No Close was written during the read (the peer vanished), or Beast's reply escaped the
    // gate: the latter is a Close that wsclose did not decide.
    if (decided) {
      disagreements++;
      std::fprintf(stderr,
                   "wsclose-beast-echo: conn %u: DISAGREEMENT: Beast replied outside the gate "
                   "(%s); wsclose's reply %u was not sent\n",
                   id, ec.message().c_str(), decided->code);
    } else {
      log(id, "read ended: %s", ec.message().c_str());
    }
    return;
  }
  const std::uint16_t beast_code = code_in(*held);
  std::vector<std::uint8_t> frame = *held;
  if (!decided) {
    log(id, "Beast fails the connection with %u (%s): not a Close payload, Beast decides",
        beast_code, ec.message().c_str());
  } else if (decided->frame == *held) {
    log(id, "%s; reply %u (Beast and wsclose agree)", decided->why.c_str(), decided->code);
  } else if (beast_decides) {
    disagreements++;
    std::fprintf(stderr,
                 "wsclose-beast-echo: conn %u: DISAGREEMENT: %s; wsclose answers %u, Beast "
                 "answers %u (sent: --beast-decides)\n",
                 id, decided->why.c_str(), decided->code, beast_code);
  } else {
    overrides++;
    frame = decided->frame;
    log(id, "%s; reply %u from wsclose (Beast would have answered %u)", decided->why.c_str(),
        decided->code, beast_code);
  }
  error_code wec;
  net::write(gate.socket(), net::buffer(frame), wec);
  if (wec) {
    log(id, "could not send the Close: %s", wec.message().c_str());
  }
  // RFC 6455 7.1.1: the server closes TCP first; Beast's teardown half-closes, waits for the
  // peer's FIN and closes the socket.
  websocket::teardown(boost::beast::role_type::server, gate.socket(), wec);
}

int run(unsigned short port) {
  net::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint{net::ip::make_address("127.0.0.1"), port}};
  std::printf("listening on 127.0.0.1:%u (beast %d, boost %d.%d.%d, wsclose %s)\n",
              acceptor.local_endpoint().port(), BOOST_BEAST_VERSION, BOOST_VERSION / 100000,
              BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100,
              std::string(wsclose::version()).c_str());
  std::fflush(stdout);
  unsigned id = 0;
  while (!stop_requested) {
    pollfd listening{acceptor.native_handle(), POLLIN, 0};
    const int ready = ::poll(&listening, 1, 200);
    if (ready <= 0) {
      continue;  // timeout, or EINTR from the signal
    }
    tcp::socket socket{ioc};
    error_code ec;
    acceptor.accept(socket, ec);
    if (ec) {
      continue;
    }
    socket.set_option(tcp::no_delay{true}, ec);
    session(std::move(socket), ++id);
  }
  std::fprintf(stderr,
               "wsclose-beast-echo: stopping after %u connections: %lu replies from wsclose "
               "differed from Beast's, %lu Closes were not wsclose's decision\n",
               id, overrides, disagreements);
  return disagreements == 0 || beast_decides ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  unsigned long port = 9002;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
      char *end = nullptr;
      port = std::strtoul(argv[++i], &end, 10);
      if (*end != '\0' || port > 65535) {
        std::fprintf(stderr, "wsclose-beast-echo: bad port %s\n", argv[i]);
        return 2;
      }
    } else if (std::strcmp(argv[i], "-q") == 0) {
      quiet = true;
    } else if (std::strcmp(argv[i], "--beast-decides") == 0) {
      beast_decides = true;
    } else {
      std::fprintf(stderr, "usage: wsclose-beast-echo [-p PORT] [-q] [--beast-decides]\n");
      return 2;
    }
  }
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns, and the server stops
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);
  try {
    return run(static_cast<unsigned short>(port));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "wsclose-beast-echo: %s\n", e.what());
    return 1;
  }
}
