// C++17 GoogleTest suite for the wsclose C ABI and the header-only C++ layer (wsclose.hpp):
// golden vectors (the only source of expected answers: no code table, name, label or number is
// typed here), all 65,536 codes checked for agreement between the functions, and the C++ types.
// That every answer is the core's is the differential's job (tests/cpp/differential.cpp). The
// golden vectors are read from $WSCLOSE_VECTORS (tests/vectors).
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

std::u16string unhex16(const std::string &hex) {
  if (hex == "-") return {};
  std::u16string out;
  for (std::size_t i = 0; i + 3 < hex.size(); i += 4) {
    out.push_back(static_cast<char16_t>(std::stoul(hex.substr(i, 4), nullptr, 16)));
  }
  return out;
}

// "OK" or the constant name of a payload error kind, asked of the generated const_name().
wsclose::result result_named(const std::string &name) {
  if (name == "OK") return wsclose::result::ok;
  for (std::int32_t number = -101; number >= -199; number--) {
    const auto kind = wsclose::payload_error_kind_from_result(number);
    if (kind && wsclose::const_name(*kind) == name) return static_cast<wsclose::result>(number);
  }
  ADD_FAILURE() << "unknown result " << name;
  return wsclose::result::panic;
}

std::optional<std::uint16_t> optional_code(const std::string &field) {
  if (field == "-") return std::nullopt;
  return static_cast<std::uint16_t>(std::stoul(field));
}

std::uint16_t code_of(const std::string &field) {
  return static_cast<std::uint16_t>(std::stoul(field));
}

// ---------------------------------------------------------------- golden vectors

std::optional<std::string_view> optional_text(const std::string &field) {
  if (field == "-") return std::nullopt;
  return std::string_view{field};
}

TEST(Vectors, Codes) {
  const auto rows = read_tsv("codes.tsv");
  ASSERT_GT(rows.size(), 0u);
  for (const auto &row : rows) {
    ASSERT_EQ(row.size(), 9u);
    const std::uint16_t code = code_of(row[0]);
    SCOPED_TRACE(code);
    EXPECT_EQ(wsclose::to_underlying(wsclose::classify(code)), std::stoi(row[1]));
    EXPECT_EQ(wsclose::name(code), optional_text(row[2]));
    EXPECT_EQ(wsclose::is_sendable(code), row[3] == "1");
    EXPECT_EQ(wsclose::is_local_only(code), row[4] == "1");
    EXPECT_EQ(wsclose::is_browser_closeable(code), row[5] == "1");
    EXPECT_EQ(wsclose::is_ok(code), row[6] == "1");
    EXPECT_EQ(wsclose::to_underlying(wsclose::reconnect(code)), std::stoi(row[7]));
    EXPECT_EQ(wsclose::const_name(code), optional_text(row[8]));
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
    if (parsed) {
      EXPECT_EQ(parsed.code, code_of(row[2]));
      EXPECT_EQ(parsed.reason, unhex(row[3]));
      EXPECT_FALSE(parsed.error.has_value());
      if (!payload.empty()) {
        EXPECT_EQ(parsed.reason.data(), payload.data() + 2) << "the reason views the payload";
      }
    } else {
      EXPECT_TRUE(parsed.reason.empty());
      EXPECT_EQ(parsed.code, 0u);
      ASSERT_TRUE(parsed.error.has_value());
      EXPECT_EQ(wsclose::const_name(parsed.error->kind), row[1]);
      // The vectors' code column is the code to answer with.
      EXPECT_EQ(parsed.error->close_code, optional_code(row[2]));
      EXPECT_EQ(parsed.error->message, wsclose::message(parsed.status));
      EXPECT_FALSE(parsed.error->message.empty());
    }
  }
}

TEST(Vectors, Encode) {
  const auto rows = read_tsv("encode.tsv");
  ASSERT_GT(rows.size(), 0u);
  std::size_t utf16_rows = 0;
  for (const auto &row : rows) {
    // code reason_hex reason_utf16 result answer_code payload_hex
    ASSERT_EQ(row.size(), 6u);
    SCOPED_TRACE(row[0] + " " + row[1]);
    const std::uint16_t code = code_of(row[0]);
    const auto payload = wsclose::encode_close_payload(code, unhex(row[1]));
    EXPECT_EQ(payload.status, result_named(row[3]));
    EXPECT_EQ(payload.bytes(), unhex(row[5]));
    if (payload) {
      EXPECT_FALSE(payload.error.has_value());
    } else {
      ASSERT_TRUE(payload.error.has_value());
      EXPECT_EQ(wsclose::const_name(payload.error->kind), row[3]);
      EXPECT_EQ(payload.error->close_code, optional_code(row[4]));
      EXPECT_EQ(payload.error->code, std::optional<std::uint16_t>{code});
    }
    if (row[2] != "x") {
      utf16_rows++;
      const auto from16 = wsclose::encode_close_payload(code, std::u16string_view{unhex16(row[2])});
      EXPECT_EQ(from16.status, payload.status);
      EXPECT_EQ(from16.bytes(), payload.bytes());
    }
  }
  EXPECT_GT(utf16_rows, 0u);
}

// ---------------------------------------------------------------- all 65,536 codes

// Every function agrees with the others on every code (the values are the differential's job).
TEST(Exhaustive, TheFunctionsAgree) {
  std::vector<std::uint16_t> all(65536);
  for (unsigned c = 0; c < all.size(); c++) all[c] = static_cast<std::uint16_t>(c);
  std::vector<std::uint8_t> categories(all.size(), 0xFF);
  ASSERT_EQ(wsclose::classify_many(all, categories), wsclose::result::ok);
  unsigned mismatches = 0;
  for (unsigned c = 0; c <= 65535; c++) {
    const auto code = static_cast<std::uint16_t>(c);
    const auto info = wsclose::info(code);
    const auto category = wsclose::classify(code);
    const bool sendable = wsclose::is_sendable(code);
    const auto encoded = wsclose::encode_close_payload(code, "");
    const auto parsed = wsclose::parse_close_payload(encoded.bytes());
    const bool good =
        !wsclose::const_name(category).empty() && !wsclose::label(category).empty() &&
        categories[c] == wsclose::to_underlying(category) &&
        !wsclose::const_name(wsclose::reconnect(code)).empty() &&
        wsclose::name(code).has_value() == wsclose::const_name(code).has_value() &&
        !wsclose::description(code).empty() && info.code == code && info.category == category &&
        info.reconnect == wsclose::reconnect(code) && info.sendable == sendable &&
        info.local_only == wsclose::is_local_only(code) &&
        info.browser_closeable == wsclose::is_browser_closeable(code) &&
        info.ok == wsclose::is_ok(code) && info.name == wsclose::name(code) &&
        info.description == wsclose::description(code) &&
        encoded.status == (sendable ? wsclose::result::ok : wsclose::result::invalid_code) &&
        (!sendable || (parsed && parsed.code == code));
    if (!good && ++mismatches <= 10) ADD_FAILURE() << "code " << c << " disagrees";
  }
  EXPECT_EQ(mismatches, 0u);
}

// ---------------------------------------------------------------- the C++ layer

TEST(Cpp, ConstantsAreConstexprAndMatchTheCHeader) {
  static_assert(wsclose::max_close_payload == WSCLOSE_MAX_CLOSE_PAYLOAD);
  static_assert(wsclose::max_reason_len == WSCLOSE_MAX_REASON_LEN);
  static_assert(wsclose::codes::tls_handshake == WSCLOSE_TLS_HANDSHAKE);
  static_assert(wsclose::codes::normal_closure == WSCLOSE_NORMAL_CLOSURE);
  static_assert(wsclose::to_underlying(wsclose::category::out_of_range) ==
                WSCLOSE_CATEGORY_OUT_OF_RANGE);
  static_assert(wsclose::to_underlying(wsclose::category::private_use) == WSCLOSE_CATEGORY_PRIVATE);
  static_assert(wsclose::to_underlying(wsclose::reconnect_advice::app_defined) ==
                WSCLOSE_RECONNECT_APP_DEFINED);
  static_assert(wsclose::to_underlying(wsclose::payload_error_kind::invalid_utf8) ==
                WSCLOSE_ERR_INVALID_UTF8);
  static_assert(wsclose::to_underlying(wsclose::payload_error_kind::buffer_too_small) ==
                WSCLOSE_ERR_BUFFER_TOO_SMALL);
  static_assert(wsclose::const_name(wsclose::payload_error_kind::one_byte) == "ONE_BYTE");
  static_assert(!wsclose::payload_error_kind_from_result(WSCLOSE_ERR_NULL_ARGUMENT));
  static_assert(std::is_same_v<std::underlying_type_t<wsclose::category>, std::uint8_t>);
  static_assert(wsclose::header_version == WSCLOSE_VERSION);
  EXPECT_EQ(wsclose::version(), wsclose::header_version);
}

TEST(Cpp, LabelsComeFromTheLibrary) {
  for (std::uint32_t i = 0; i <= WSCLOSE_CATEGORY_OUT_OF_RANGE; i++) {
    const auto category = static_cast<wsclose::category>(i);
    EXPECT_EQ(wsclose::label(category), std::string_view{wsclose_category_label(i)});
    EXPECT_FALSE(wsclose::label(category).empty());
  }
  EXPECT_EQ(wsclose::label(static_cast<wsclose::category>(9)), "");
  EXPECT_EQ(wsclose::const_name(static_cast<wsclose::category>(9)), "");
  for (std::uint32_t i = 0; i <= WSCLOSE_RECONNECT_APP_DEFINED; i++) {
    const auto advice = static_cast<wsclose::reconnect_advice>(i);
    EXPECT_EQ(wsclose::label(advice), std::string_view{wsclose_reconnect_label(i)});
    EXPECT_FALSE(wsclose::label(advice).empty());
  }
  EXPECT_EQ(wsclose::label(static_cast<wsclose::reconnect_advice>(3)), "");
}

TEST(Cpp, ResultsHaveMessagesAndAnswers) {
  EXPECT_EQ(wsclose::close_code(wsclose::result::one_byte), wsclose::codes::protocol_error);
  EXPECT_EQ(wsclose::close_code(wsclose::result::invalid_utf8),
            wsclose::codes::invalid_payload_data);
  EXPECT_EQ(wsclose::close_code(wsclose::result::buffer_too_small), 0);
  EXPECT_EQ(wsclose::close_code(wsclose::result::ok), 0);
  EXPECT_FALSE(wsclose::message(wsclose::result::ok).empty());
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

  const auto from16 = wsclose::encode_close_payload(wsclose::codes::going_away, u"caf\u00e9");
  ASSERT_TRUE(from16);
  EXPECT_EQ(from16.bytes(), payload.bytes());
  const char16_t lone[] = {u'a', 0xD800};
  const auto bad16 = wsclose::encode_close_payload(1000, std::u16string_view{lone, 2});
  EXPECT_EQ(bad16.status, wsclose::result::invalid_utf8);
  ASSERT_TRUE(bad16.error);
  EXPECT_EQ(bad16.error->kind, wsclose::payload_error_kind::invalid_utf8);

  const auto empty = wsclose::parse_close_payload(nullptr, 0);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty.code, wsclose::codes::no_status_received);
  EXPECT_TRUE(empty.reason.empty());

  const auto bad = wsclose::parse_close_payload(std::string_view("\x03\xe8\xff", 3));
  EXPECT_EQ(bad.status, wsclose::result::invalid_utf8);
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->kind, wsclose::payload_error_kind::invalid_utf8);
  EXPECT_EQ(bad.error->close_code, wsclose::codes::invalid_payload_data);
  EXPECT_EQ(bad.error->code, wsclose::codes::normal_closure);

  const auto one = wsclose::parse_close_payload(std::string_view("\x03", 1));
  ASSERT_TRUE(one.error);
  EXPECT_EQ(one.error->kind, wsclose::payload_error_kind::one_byte);
  EXPECT_EQ(one.error->close_code, wsclose::codes::protocol_error);
  EXPECT_FALSE(one.error->code.has_value());

  const auto too_long = wsclose::encode_close_payload(4000, std::string(124, 'x'));
  EXPECT_EQ(too_long.status, wsclose::result::reason_too_long);
  EXPECT_EQ(too_long.size, 0u);
  ASSERT_TRUE(too_long.error);
  EXPECT_FALSE(too_long.error->close_code.has_value());
  EXPECT_EQ(too_long.error->code, std::optional<std::uint16_t>{4000});

  // Not a payload error: status says so, error stays empty.
  const auto null_payload = wsclose::parse_close_payload(nullptr, 2);
  EXPECT_EQ(null_payload.status, wsclose::result::null_argument);
  EXPECT_FALSE(null_payload.error.has_value());
}

TEST(Cpp, ClassifyManyChecksSizes) {
  const std::array<std::uint16_t, 3> codes = {999, 1000, 4000};
  std::array<std::uint8_t, 3> out{};
  ASSERT_EQ(wsclose::classify_many(codes, out), wsclose::result::ok);
  for (std::size_t i = 0; i < codes.size(); i++) {
    EXPECT_EQ(out[i], wsclose::to_underlying(wsclose::classify(codes[i])));
  }
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
  EXPECT_EQ(wsclose_encode_close_payload_utf16(1000, nullptr, 1, nullptr, 0, &out_len),
            WSCLOSE_ERR_NULL_ARGUMENT);
  EXPECT_EQ(wsclose_classify_many(nullptr, nullptr, 1), WSCLOSE_ERR_NULL_ARGUMENT);
  EXPECT_EQ(wsclose_classify_many(nullptr, nullptr, 0), WSCLOSE_OK);
  EXPECT_EQ(wsclose_name(4000), nullptr);
  EXPECT_EQ(wsclose_const_name(4000), nullptr);
  EXPECT_NE(wsclose_description(65535), nullptr);
  EXPECT_EQ(wsclose_category_label(WSCLOSE_CATEGORY_OUT_OF_RANGE + 1), nullptr);
  EXPECT_EQ(wsclose_reconnect_label(WSCLOSE_RECONNECT_APP_DEFINED + 1), nullptr);
  EXPECT_EQ(wsclose_reconnect_label(UINT32_MAX), nullptr);
}

TEST(CApi, EnumTypesAreOneByte) {
  static_assert(sizeof(wsclose_category) == 1);
  static_assert(sizeof(wsclose_reconnect_advice) == 1);
  static_assert(sizeof(wsclose_result) == 4);
  EXPECT_EQ(wsclose_classify(5000), WSCLOSE_CATEGORY_OUT_OF_RANGE);
}

}  // namespace
