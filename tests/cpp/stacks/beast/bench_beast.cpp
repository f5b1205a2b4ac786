// What wsclose adds to Beast's handling of a received Close, per close (make bench-beast).
//
// Server side, in memory (beast::test::stream pairs, no sockets): each connection is opened by a
// real handshake (not timed); the peer's masked Close frame waits in the server's input. Timed:
//   beast    ws.read() on the Close: Beast parses and checks the payload, writes its reply and
//            tears the stream down (what every Beast server pays per close);
//   +wsclose the same read, then the examples/cpp-beast decision: parse_close_reason(ws.reason())
//            or reply_code_of(ec), and the reply close_reason built by to_close_reason;
//   wsclose  that decision alone, on the close_reasons and errors the reads produced.
// Codes: a seeded random mix, half codes wsclose accepts and half codes it refuses (of those, half
// below 5000, which Beast refuses too, and half from 5000 up, which Beast accepts), each with the
// reason "bye". Rounds of each kind alternate; the medians are reported, and the ratio of
// wsclose's cost to Beast's in the same run.
// SPDX-License-Identifier: MIT OR Apache-2.0
#include <wsclose/beast.hpp>

#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

namespace net = boost::asio;
namespace websocket = boost::beast::websocket;
namespace test = boost::beast::test;
using boost::system::error_code;
using server_stream = websocket::stream<test::stream>;

constexpr std::size_t batch = 2000;
constexpr int rounds = 15;

const char *const upgrade =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

// A client's Close frame: FIN + opcode 8, masked, the code and reason.
std::string masked_close(std::uint16_t code, const std::string &reason) {
  const std::uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
  std::string payload;
  payload += static_cast<char>(code >> 8);
  payload += static_cast<char>(code & 0xff);
  payload += reason;
  std::string frame;
  frame += static_cast<char>(0x88);
  frame += static_cast<char>(0x80 | payload.size());
  frame.append(reinterpret_cast<const char *>(key), 4);
  for (std::size_t i = 0; i < payload.size(); i++) {
    frame += static_cast<char>(payload[i] ^ key[i % 4]);
  }
  return frame;
}

struct connection {
  std::unique_ptr<server_stream> server;
  std::unique_ptr<test::stream> client;
};

// `codes.size()` open connections, each with its Close waiting (not timed).
std::vector<connection> open(net::io_context &ioc, const std::vector<std::uint16_t> &codes) {
  std::vector<connection> out;
  out.reserve(codes.size());
  for (std::uint16_t code : codes) {
    connection c;
    c.server = std::make_unique<server_stream>(ioc);
    c.client = std::make_unique<test::stream>(test::connect(c.server->next_layer()));
    net::write(*c.client, net::buffer(std::string(upgrade)));
    c.server->accept();
    net::write(*c.client, net::buffer(masked_close(code, "bye")));
    out.push_back(std::move(c));
  }
  return out;
}

// The examples/cpp-beast decision: the close_reason wsclose answers with.
websocket::close_reason decide(const error_code &ec, const websocket::close_reason &received) {
  if (ec == websocket::error::closed) {
    const wsclose::parsed_close parsed = wsclose::beast::parse_close_reason(received);
    if (parsed) {
      return wsclose::beast::to_close_reason(parsed).value_or(websocket::close_reason{});
    }
    return *wsclose::beast::to_close_reason(*parsed.error->close_code);
  }
  return *wsclose::beast::to_close_reason(wsclose::beast::reply_code_of(ec).value_or(1011));
}

using clock_type = std::chrono::steady_clock;

double ns_per(clock_type::duration d, std::size_t n) {
  return std::chrono::duration<double, std::nano>(d).count() / static_cast<double>(n);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::mt19937 rng{22};
  std::vector<std::uint16_t> valid;
  for (std::uint32_t c = 0; c < 65536; c++) {
    if (wsclose::is_sendable(static_cast<std::uint16_t>(c))) {
      valid.push_back(static_cast<std::uint16_t>(c));
    }
  }
  std::uniform_int_distribution<std::size_t> pick_valid{0, valid.size() - 1};
  std::vector<std::uint16_t> codes(batch);
  std::size_t refused = 0;
  for (std::size_t i = 0; i < batch; i++) {
    if (i % 2 == 0) {
      codes[i] = valid[pick_valid(rng)];
    } else {
      // Half of them below 5000 (which Beast refuses too), half from 5000 up (which it accepts).
      const std::uint32_t low = i % 4 == 1 ? 0 : 5000;
      const std::uint32_t high = i % 4 == 1 ? 4999 : 65535;
      std::uniform_int_distribution<std::uint32_t> pick{low, high};
      std::uint16_t c;
      do {
        c = static_cast<std::uint16_t>(pick(rng));
      } while (wsclose::is_sendable(c));
      codes[i] = c;
      refused++;
    }
  }
  std::shuffle(codes.begin(), codes.end(), rng);

  net::io_context ioc;
  boost::beast::flat_buffer buffer;
  std::vector<double> beast_ns, with_ns, alone_ns;
  std::vector<error_code> errors(batch);
  std::vector<websocket::close_reason> received(batch);
  std::uint64_t sink = 0;
  std::size_t beast_refused = 0, wsclose_changed = 0;
  for (int r = 0; r < rounds; r++) {
    {  // Beast alone
      std::vector<connection> conns = open(ioc, codes);
      const auto t0 = clock_type::now();
      for (std::size_t i = 0; i < batch; i++) {
        conns[i].server->read(buffer, errors[i]);
      }
      beast_ns.push_back(ns_per(clock_type::now() - t0, batch));
      for (std::size_t i = 0; i < batch; i++) {
        received[i] = conns[i].server->reason();
      }
    }
    {  // Beast, then wsclose's decision
      std::vector<connection> conns = open(ioc, codes);
      const auto t0 = clock_type::now();
      for (std::size_t i = 0; i < batch; i++) {
        error_code ec;
        conns[i].server->read(buffer, ec);
        sink += decide(ec, conns[i].server->reason()).code;
      }
      with_ns.push_back(ns_per(clock_type::now() - t0, batch));
    }
    {  // wsclose's decision alone, on what the reads produced (repeated: it is short)
      constexpr int repeat = 20;
      const auto t0 = clock_type::now();
      for (int k = 0; k < repeat; k++) {
        for (std::size_t i = 0; i < batch; i++) {
          sink += decide(errors[i], received[i]).code;
        }
      }
      alone_ns.push_back(ns_per(clock_type::now() - t0, batch * repeat));
    }
  }
  for (std::size_t i = 0; i < batch; i++) {
    if (errors[i] != websocket::error::closed) {
      beast_refused++;
    }
    const std::uint16_t beast_reply =
        errors[i] == websocket::error::closed ? (received[i].code ? received[i].code : 1000) : 1002;
    if (decide(errors[i], received[i]).code != beast_reply) {
      wsclose_changed++;
    }
  }

  const double beast = median(beast_ns), with = median(with_ns), alone = median(alone_ns);
  std::printf("closes per round: %zu (%zu codes wsclose refuses; Beast refuses %zu before the "
              "application sees them), %d rounds, medians\n",
              batch, refused, beast_refused, rounds);
  std::printf("wsclose's reply differs from Beast's for %zu of %zu closes\n", wsclose_changed, batch);
  std::printf("%-44s %9.1f ns/close\n", "Beast: read the Close, reply, tear down", beast);
  std::printf("%-44s %9.1f ns/close\n", "Beast + wsclose decision", with);
  std::printf("%-44s %9.1f ns/close\n", "wsclose decision alone", alone);
  std::printf("%-44s %9.1f ns/close (%.1f%% of Beast)\n", "added, measured (Beast + wsclose - Beast)",
              with - beast, 100.0 * (with - beast) / beast);
  std::printf("ratio wsclose alone / Beast alone: %.3f (%.1f%%)\n", alone / beast,
              100.0 * alone / beast);
  std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
  return 0;
}
