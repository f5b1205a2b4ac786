// C++17 GoogleTest suite for the wsclose C ABI and the header-only C++ layer (wsclose.hpp):
// golden vectors, all 65,536 codes against rules written out independently below, and the
// C++ types. The golden vectors are read from $WSCLOSE_VECTORS (tests/vectors).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "wsclose.hpp"

namespace {

// ---------------------------------------------------------------- the independent rules

unsigned rule_category(unsigned c) {
  if (c <= 999) return 0;
  if (c <= 1015) return 1;
  if (c <= 2999) return 2;
  if (c <= 3999) return 3;
  if (c <= 4999) return 4;
  return 5;
}
bool rule_sendable(unsigned c) {
  return (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
}
bool rule_local_only(unsigned c) { return c == 1005 || c == 1006 || c == 1015; }
bool rule_browser_closeable(unsigned c) { return c == 1000 || (c >= 3000 && c <= 4999); }
bool rule_ok(unsigned c) { return c == 1000 || c == 1001 || c == 1005; }
unsigned rule_reconnect(unsigned c) {
  for (unsigned backoff : {1001u, 1005u, 1006u, 1011u, 1012u, 1013u, 1014u}) {
    if (c == backoff) return 1;
  }
  return (c >= 3000 && c <= 4999) ? 2 : 0;
}
std::optional<std::string_view> rule_name(unsigned c) {
  static constexpr std::array<std::string_view, 16> names = {
      "Normal Closure",     "Going Away",       "Protocol Error",
      "Unsupported Data",   "Reserved",         "No Status Received",
      "Abnormal Closure",   "Invalid Frame Payload Data",
      "Policy Violation",   "Message Too Big",  "Mandatory Extension",
      "Internal Error",     "Service Restart",  "Try Again Later",
      "Bad Gateway",        "TLS Handshake"};
  if (c >= 1000 && c <= 1015) return names[c - 1000];
  return std::nullopt;
}

// ---------------------------------------------------------------- vectors (docs/VECTORS.md)

using Row = std::vector<std::string>;

std::vector<Row> read_tsv(const std::string &name) {
  const char *dir = std::getenv("WSCLOSE_VECTORS");
  if (dir == nullptr) {
    ADD_FAILURE() << "WSCLOSE_VECTORS is not set";
    return {};
  }
  std::ifstream in(std::string(dir) + "/" + name);
  if (!in) {
    ADD_FAILURE() << "cannot open " << dir << "/" << name;
    return {};
  }
  std::vector<Row> rows;
  bool header = false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    Row row;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::string unhex(const std::string &hex) {
  if (hex == "-") return {};
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

wsclose::result result_named(const std::string &name) {
  if (name == "OK") return wsclose::result::ok;
  if (name == "ONE_BYTE") return wsclose::result::one_byte;
  if (name == "TOO_LONG") return wsclose::result::too_long;
  if (name == "INVALID_CODE") return wsclose::result::invalid_code;
  if (name == "INVALID_UTF8") return wsclose::result::invalid_utf8;
  if (name == "REASON_TOO_LONG") return wsclose::result::reason_too_long;
  if (name == "BUFFER_TOO_SMALL") return wsclose::result::buffer_too_small;
  ADD_FAILURE() << "unknown result " << name;
  return wsclose::result::panic;
}

std::uint16_t code_of(const std::string &field) {
  return static_cast<std::uint16_t>(std::stoul(field));
}

// ---------------------------------------------------------------- golden vectors

TEST(Vectors, Codes) {
  const auto rows = read_tsv("codes.tsv");
  ASSERT_GT(rows.size(), 0u);
  for (const auto &row : rows) {
    ASSERT_EQ(row.size(), 9u);
    const std::uint16_t code = code_of(row[0]);
    SCOPED_TRACE(code);
    EXPECT_EQ(wsclose::to_underlying(wsclose::classify(code)), std::stoi(row[1]));
    if (row[2] == "-") {
      EXPECT_FALSE(wsclose::name(code).has_value());
    } else {
      EXPECT_EQ(wsclose::name(code), std::optional<std::string_view>(row[2]));
    }
    EXPECT_EQ(wsclose::is_sendable(code), row[3] == "1");
    EXPECT_EQ(wsclose::is_local_only(code), row[4] == "1");
    EXPECT_EQ(wsclose::is_browser_closeable(code), row[5] == "1");
    EXPECT_EQ(wsclose::is_ok(code), row[6] == "1");
    EXPECT_EQ(wsclose::to_underlying(wsclose::reconnect(code)), std::stoi(row[7]));
  }
}

TEST(Vectors, Parse) {
  const auto rows = read_tsv("parse.tsv");
  ASSERT_GT(rows.size(), 0u);
  for (const auto &row : rows) {
    ASSERT_EQ(row.size(), 4u);
    SCOPED_TRACE(row[0]);
    const std::string payload = unhex(row[0]);
    const auto parsed = wsclose::parse_close_payload(payload);
    EXPECT_EQ(parsed.status, result_named(row[1]));
    EXPECT_EQ(parsed.code, code_of(row[2]));
    if (parsed) {
      EXPECT_EQ(parsed.reason, unhex(row[3]));
      if (!payload.empty()) {
        EXPECT_EQ(parsed.reason.data(), payload.data() + 2) << "the reason views the payload";
      }
    } else {
      EXPECT_TRUE(parsed.reason.empty());
      EXPECT_EQ(wsclose::close_code(parsed.status), parsed.code);
    }
  }
}

TEST(Vectors, Encode) {
  const auto rows = read_tsv("encode.tsv");
  ASSERT_GT(rows.size(), 0u);
  for (const auto &row : rows) {
    ASSERT_EQ(row.size(), 4u);
    SCOPED_TRACE(row[0] + " " + row[1]);
    const auto payload = wsclose::encode_close_payload(code_of(row[0]), unhex(row[1]));
    EXPECT_EQ(payload.status, result_named(row[2]));
    EXPECT_EQ(payload.bytes(), unhex(row[3]));
  }
}

// ---------------------------------------------------------------- all 65,536 codes

TEST(Exhaustive, EveryCodeFollowsTheRules) {
  std::vector<std::uint16_t> all(65536);
  for (unsigned c = 0; c < all.size(); c++) all[c] = static_cast<std::uint16_t>(c);
  std::vector<std::uint8_t> categories(all.size(), 0xFF);
  ASSERT_EQ(wsclose::classify_many(all, categories), wsclose::result::ok);
  unsigned mismatches = 0;
  for (unsigned c = 0; c <= 65535; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const auto info = wsclose::info(code);
    const bool good =
        wsclose::to_underlying(wsclose::classify(code)) == rule_category(c) &&
        categories[c] == rule_category(c) && wsclose::is_sendable(code) == rule_sendable(c) &&
        wsclose::is_local_only(code) == rule_local_only(c) &&
        wsclose::is_browser_closeable(code) == rule_browser_closeable(c) &&
        wsclose::is_ok(code) == rule_ok(c) &&
        wsclose::to_underlying(wsclose::reconnect(code)) == rule_reconnect(c) &&
        wsclose::name(code) == rule_name(c) && !wsclose::description(code).empty() &&
        info.code == code && wsclose::to_underlying(info.category) == rule_category(c) &&
        wsclose::to_underlying(info.reconnect) == rule_reconnect(c) &&
        info.sendable == rule_sendable(c) && info.local_only == rule_local_only(c) &&
        info.browser_closeable == rule_browser_closeable(c) && info.ok == rule_ok(c) &&
        info.name == rule_name(c) && info.description == wsclose::description(code) &&
        wsclose::encode_close_payload(code, "").status ==
            (rule_sendable(c) ? wsclose::result::ok : wsclose::result::invalid_code);
    if (!good && ++mismatches <= 10) ADD_FAILURE() << "code " << c << " breaks a rule";
  }
  EXPECT_EQ(mismatches, 0u);
}

// ---------------------------------------------------------------- the C++ layer

TEST(Cpp, ConstantsAreConstexpr) {
  static_assert(wsclose::max_close_payload == 125);
  static_assert(wsclose::max_reason_len == 123);
  static_assert(wsclose::codes::tls_handshake == 1015);
  static_assert(wsclose::to_underlying(wsclose::category::out_of_range) == 5);
  static_assert(wsclose::to_underlying(wsclose::reconnect_advice::app_defined) == 2);
  static_assert(wsclose::to_underlying(wsclose::result::panic) == -9);
  static_assert(std::is_same_v<std::underlying_type_t<wsclose::category>, std::uint8_t>);
  static_assert(wsclose::header_version == WSCLOSE_VERSION);
  EXPECT_EQ(wsclose::version(), wsclose::header_version);
}

TEST(Cpp, Labels) {
  EXPECT_EQ(wsclose::label(wsclose::category::private_use), "private use");
  EXPECT_EQ(wsclose::label(wsclose::category::out_of_range), "out of range");
  EXPECT_EQ(wsclose::label(static_cast<wsclose::category>(9)), "");
  EXPECT_EQ(wsclose::label(wsclose::reconnect_advice::never), "never");
  EXPECT_EQ(wsclose::label(wsclose::reconnect_advice::backoff), "backoff");
  EXPECT_EQ(wsclose::label(wsclose::reconnect_advice::app_defined), "app-defined");
  EXPECT_EQ(wsclose::label(static_cast<wsclose::reconnect_advice>(3)), "");
}

TEST(Cpp, ResultsHaveMessagesAndAnswers) {
  EXPECT_EQ(wsclose::close_code(wsclose::result::one_byte), 1002);
  EXPECT_EQ(wsclose::close_code(wsclose::result::invalid_utf8), 1007);
  EXPECT_EQ(wsclose::close_code(wsclose::result::buffer_too_small), 0);
  EXPECT_EQ(wsclose::close_code(wsclose::result::ok), 0);
  EXPECT_EQ(wsclose::message(wsclose::result::ok), "success");
  EXPECT_FALSE(wsclose::message(static_cast<wsclose::result>(12345)).empty());
  EXPECT_NE(wsclose::message(wsclose::result::too_long), wsclose::message(wsclose::result::one_byte));
}

TEST(Cpp, ParseAndEncodeRoundTrip) {
  const auto payload = wsclose::encode_close_payload(wsclose::codes::going_away, "caf\xc3\xa9");
  ASSERT_TRUE(payload);
  EXPECT_EQ(payload.bytes(), std::string_view("\x03\xe9" "caf\xc3\xa9", 7));
  const auto parsed = wsclose::parse_close_payload(payload.data.data(), payload.size);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.code, wsclose::codes::going_away);
  EXPECT_EQ(parsed.reason, "caf\xc3\xa9");

  const auto empty = wsclose::parse_close_payload(nullptr, 0);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty.code, wsclose::codes::no_status_received);
  EXPECT_TRUE(empty.reason.empty());

  const auto bad = wsclose::parse_close_payload(std::string_view("\x03\xe8\xff", 3));
  EXPECT_EQ(bad.status, wsclose::result::invalid_utf8);
  EXPECT_EQ(bad.code, wsclose::codes::invalid_payload_data);

  const auto too_long = wsclose::encode_close_payload(4000, std::string(124, 'x'));
  EXPECT_EQ(too_long.status, wsclose::result::reason_too_long);
  EXPECT_EQ(too_long.size, 0u);
}

TEST(Cpp, ClassifyManyChecksSizes) {
  const std::array<std::uint16_t, 3> codes = {999, 1000, 4000};
  std::array<std::uint8_t, 3> out{};
  ASSERT_EQ(wsclose::classify_many(codes, out), wsclose::result::ok);
  EXPECT_EQ(out, (std::array<std::uint8_t, 3>{0, 1, 4}));
  std::array<std::uint8_t, 2> short_out{};
  EXPECT_EQ(wsclose::classify_many(codes, short_out), wsclose::result::invalid_argument);
}

// ---------------------------------------------------------------- the C API from C++

TEST(CApi, NullPointersAreRefused) {
  EXPECT_EQ(wsclose_info(1000, nullptr), WSCLOSE_ERR_NULL_ARGUMENT);
  std::uint16_t code = 0;
  const std::uint8_t *reason = nullptr;
  std::size_t len = 0;
  const std::uint8_t payload[2] = {0x03, 0xe8};
  EXPECT_EQ(wsclose_parse_close_payload(payload, 2, nullptr, &reason, &len),
            WSCLOSE_ERR_NULL_ARGUMENT);
  EXPECT_EQ(wsclose_parse_close_payload(nullptr, 2, &code, &reason, &len),
            WSCLOSE_ERR_NULL_ARGUMENT);
  std::size_t out_len = 0;
  EXPECT_EQ(wsclose_encode_close_payload(1000, nullptr, 1, nullptr, 0, &out_len),
            WSCLOSE_ERR_NULL_ARGUMENT);
  EXPECT_EQ(wsclose_classify_many(nullptr, nullptr, 1), WSCLOSE_ERR_NULL_ARGUMENT);
  EXPECT_EQ(wsclose_classify_many(nullptr, nullptr, 0), WSCLOSE_OK);
  EXPECT_EQ(wsclose_name(4000), nullptr);
  EXPECT_NE(wsclose_description(65535), nullptr);
  EXPECT_EQ(wsclose_category_name(6), nullptr);
}

TEST(CApi, ReconnectNames) {
  EXPECT_STREQ(wsclose_reconnect_name(0), "never");
  EXPECT_STREQ(wsclose_reconnect_name(1), "backoff");
  EXPECT_STREQ(wsclose_reconnect_name(2), "app-defined");
  EXPECT_EQ(wsclose_reconnect_name(3), nullptr);
  EXPECT_EQ(wsclose_reconnect_name(UINT32_MAX), nullptr);
}

TEST(CApi, EnumTypesAreOneByte) {
  static_assert(sizeof(wsclose_category) == 1);
  static_assert(sizeof(wsclose_reconnect_advice) == 1);
  static_assert(sizeof(wsclose_result) == 4);
  EXPECT_EQ(wsclose_classify(5000), WSCLOSE_CATEGORY_OUT_OF_RANGE);
}

}  // namespace
