// The C++ column of the cross-language differential (docs/differential.md): reads the corpus in
// tests/differential/ and writes the answers of the C++ layer (include/wsclose.hpp) in the
// neutral format; `cargo run -p xtask -- differential DIR cpp` compares them with the core.
//
// Usage: differential CORPUS_DIR OUT_FILE
// Sections: code, parse, encode (wsclose::encode_close_payload with a std::string_view of bytes).
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "wsclose.hpp"

namespace {

std::string hex(std::string_view bytes) {
  if (bytes.empty()) return "-";
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(digits[byte >> 4]);
    out.push_back(digits[byte & 0xF]);
  }
  return out;
}

std::string unhex(const std::string &text) {
  if (text == "-") return {};
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoul(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string dash(std::optional<std::uint16_t> code) {
  return code ? std::to_string(*code) : std::string("-");
}

std::string dash(std::optional<std::string_view> text) {
  return text ? std::string(*text) : std::string("-");
}

std::string error(const wsclose::payload_error &err) {
  std::ostringstream out;
  out << "err\t" << wsclose::const_name(err.kind) << '\t' << dash(err.close_code) << '\t'
      << dash(err.code) << '\t' << wsclose::to_underlying(err.kind) << '\t' << err.message;
  return out.str();
}

std::vector<std::string> data_lines(const std::string &path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "differential: cannot open " << path << '\n';
    std::exit(1);
  }
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  if (lines.empty()) {
    std::cerr << "differential: " << path << " has no rows\n";
    std::exit(1);
  }
  return lines;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR OUT_FILE\n";
    return 2;
  }
  const std::string corpus = argv[1];
  std::ostringstream out;

  for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
    const auto code = static_cast<std::uint16_t>(value);
    const wsclose::code_info info = wsclose::info(code);
    out << "code\t" << code << '\t' << wsclose::const_name(info.category) << '\t'
        << wsclose::label(info.category) << '\t' << dash(info.name) << '\t'
        << dash(wsclose::const_name(code)) << '\t' << info.sendable << '\t' << info.local_only
        << '\t' << info.browser_closeable << '\t' << info.ok << '\t'
        << wsclose::const_name(info.reconnect) << '\t' << wsclose::label(info.reconnect) << '\t'
        << info.description << '\n';
  }

  for (const std::string &line : data_lines(corpus + "/parse.txt")) {
    const std::string payload = unhex(line);
    const wsclose::parsed_close parsed = wsclose::parse_close_payload(payload);
    out << "parse\t" << line << '\t';
    if (parsed) {
      out << "ok\t" << parsed.code << '\t' << hex(parsed.reason);
    } else if (parsed.error) {
      out << error(*parsed.error);
    } else {
      std::cerr << "differential: parse " << line << ": " << wsclose::message(parsed.status) << '\n';
      return 1;
    }
    out << '\n';
  }

  for (const std::string &line : data_lines(corpus + "/encode.tsv")) {
    std::istringstream fields(line);
    std::string code_field;
    std::string reason_field;
    std::getline(fields, code_field, '\t');
    std::getline(fields, reason_field, '\t');
    const auto code = static_cast<std::uint16_t>(std::stoul(code_field));
    const wsclose::close_payload payload =
        wsclose::encode_close_payload(code, std::string_view{unhex(reason_field)});
    out << "encode\t" << code_field << '\t' << reason_field << '\t';
    if (payload) {
      out << "ok\t" << hex(payload.bytes());
    } else if (payload.error) {
      out << error(*payload.error);
    } else {
      std::cerr << "differential: encode " << line << ": " << wsclose::message(payload.status)
                << '\n';
      return 1;
    }
    out << '\n';
  }

  std::ofstream file(argv[2], std::ios::binary);
  file << out.str();
  return file.good() ? 0 : 1;
}
