// The C++ column of the cross-language differential (docs/differential.md): reads the corpus in
// tests/differential/ and writes the answers of the C++ layer (include/wsclose.hpp) in the
// neutral format; `cargo run -p xtask -- differential DIR cpp` compares them with the core.
//
// Usage: differential CORPUS_DIR OUT_FILE
// Sections: every one the C column answers: code, parse, encode (wsclose::encode_close_payload
// with a std::string_view of bytes), encode16 (with a std::u16string_view), advice
// (wsclose::profile::advice), policy (wsclose::reconnect_policy), explain, event
// (wsclose::close_event, dropped_event, reset_event), pageclose (wsclose::page_close), profile
// (wsclose::profile_by_name, profile_by_subprotocol) and intent (wsclose::profile::codes_for,
// check_intent).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
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

std::u16string unhex16(const std::string &text) {
  if (text == "-") return {};
  std::u16string out;
  for (std::size_t i = 0; i + 3 < text.size(); i += 4) {
    out.push_back(static_cast<char16_t>(std::stoul(text.substr(i, 4), nullptr, 16)));
  }
  return out;
}

std::vector<std::string> split(const std::string &line, std::size_t want, const char *file) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) fields.push_back(field);
  if (fields.size() < want) {
    std::cerr << "differential: " << file << " row with too few fields: " << line << '\n';
    std::exit(1);
  }
  return fields;
}

[[noreturn]] void die(const std::string &what) {
  std::cerr << "differential: " << what << '\n';
  std::exit(1);
}

// An advice by constant name, or `#N`: the raw number N (possibly no advice, forged with a cast).
wsclose::advice advice_named(const std::string &name) {
  if (!name.empty() && name[0] == '#') {
    return static_cast<wsclose::advice>(std::stoul(name.substr(1)));
  }
  for (const wsclose::advice value : wsclose::advice_values) {
    if (wsclose::const_name(value) == name) return value;
  }
  die("unknown advice " + name);
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

  // encode16: the same rows with the reason as UTF-16 code units (x: none).
  for (const std::string &line : data_lines(corpus + "/encode.tsv")) {
    const std::vector<std::string> f = split(line, 3, "encode.tsv");
    if (f[2] == "x") continue;
    const auto code = static_cast<std::uint16_t>(std::stoul(f[0]));
    const std::u16string units = unhex16(f[2]);
    const wsclose::close_payload payload =
        wsclose::encode_close_payload(code, std::u16string_view{units});
    out << "encode16\t" << f[0] << '\t' << f[2] << '\t';
    if (payload) {
      out << "ok\t" << hex(payload.bytes());
    } else if (payload.error) {
      out << error(*payload.error);
    } else {
      die("encode16 " + line + ": " + std::string(wsclose::message(payload.status)));
    }
    out << '\n';
  }

  // advice: every profile, every code.
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const std::optional<wsclose::profile> profile = wsclose::profile_at(i);
    if (!profile) die("no profile at " + std::to_string(i));
    for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
      const auto code = static_cast<std::uint16_t>(value);
      out << "advice\t" << profile->name() << '\t' << code << '\t'
          << wsclose::const_name(profile->advice(code)) << '\n';
    }
  }

  // policy: profile|- base cap max|- retry_unspecified overrides code clean attempt random.
  for (const std::string &line : data_lines(corpus + "/policy.tsv")) {
    const std::vector<std::string> f = split(line, 10, "policy.tsv");
    wsclose::policy_options options;
    if (f[0] != "-") {
      options.profile = wsclose::profile_by_name(f[0]);
      if (!options.profile) die("unknown profile " + f[0]);
    }
    options.base_ms = std::stoull(f[1]);
    options.cap_ms = std::stoull(f[2]);
    if (f[3] != "-") options.max_attempts = static_cast<std::uint32_t>(std::stoul(f[3]));
    options.retry_unspecified = f[4] == "1";
    wsclose::reconnect_policy policy{options};
    bool refused = false;
    if (f[5] != "-") {
      std::istringstream items(f[5]);
      std::string item;
      while (!refused && std::getline(items, item, ',')) {
        const std::size_t colon = item.find(':');
        if (colon == std::string::npos) die("override without ':' in " + line);
        const auto code = static_cast<std::uint16_t>(std::stoul(item.substr(0, colon)));
        const std::string advice = item.substr(colon + 1);
        const wsclose::result status = policy.try_override(code, advice_named(advice));
        if (status == wsclose::result::invalid_argument && advice[0] == '#') {
          refused = true;  // a number that is no advice
        } else if (status != wsclose::result::ok) {
          die("override: " + std::string(wsclose::message(status)));
        }
      }
    }
    if (refused) {
      out << "policy\t" << line << "\trefused\t-\n";
      continue;
    }
    const std::uint64_t random = std::stoull(f[9]);
    const wsclose::decision decision =
        policy.decide(static_cast<std::uint16_t>(std::stoul(f[6])), f[7] == "1",
                      static_cast<std::uint32_t>(std::stoul(f[8])), [random] { return random; });
    out << "policy\t" << line << '\t';
    if (decision) {
      out << "retry\t" << *decision.delay_ms() << '\n';
    } else {
      out << "stop\t-\n";
    }
  }

  // explain: every code, was_clean unknown, false, true.
  for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
    const auto code = static_cast<std::uint16_t>(value);
    const std::optional<bool> cleans[] = {std::nullopt, false, true};
    const char *const fields[] = {"-", "0", "1"};
    for (std::size_t c = 0; c < 3; c++) {
      out << "explain\t" << code << '\t' << fields[c] << '\t';
      const char *separator = "";
      for (const wsclose::cause cause : wsclose::explain(code, cleans[c])) {
        out << separator << wsclose::const_name(cause);
        separator = ",";
      }
      out << '\n';
    }
  }

  // event: per engine, a dropped and a reset connection, then every parse payload.
  const auto event_line = [&out](wsclose::engine engine, const std::string &input,
                                 const wsclose::browser_event &event) {
    out << "event\t" << wsclose::name(engine) << '\t' << input << '\t' << event.code << '\t'
        << event.was_clean << '\t' << event.error_fired << '\t' << hex(event.reason) << '\t';
    switch (event.reply) {
      case wsclose::reply_kind::none: out << "none"; break;
      case wsclose::reply_kind::empty: out << "empty"; break;
      case wsclose::reply_kind::close:
        out << event.reply_code << ':' << hex(event.reply_reason);
        break;
    }
    out << '\n';
  };
  const auto answered = [](const wsclose::expected<wsclose::browser_event, wsclose::result> &event) {
    if (!event) die("close_event: " + std::string(wsclose::message(event.error())));
    return *event;
  };
  const std::vector<std::string> payloads = data_lines(corpus + "/parse.txt");
  for (const wsclose::engine engine : wsclose::engine_values) {
    event_line(engine, "dropped", answered(wsclose::dropped_event(engine)));
    event_line(engine, "reset", answered(wsclose::reset_event(engine)));
    for (const std::string &line : payloads) {
      const std::string payload = unhex(line);
      event_line(engine, line, answered(wsclose::close_event(engine, std::string_view{payload})));
    }
  }
  // An engine value that is no engine (#7, forged with a cast) is refused by the library.
  {
    constexpr std::uint8_t forged_number = 7;
    const auto forged = static_cast<wsclose::engine>(forged_number);
    const std::string payload("\x03\xe8", 2);
    const std::pair<const char *, wsclose::expected<wsclose::browser_event, wsclose::result>> rows[] = {
        {"dropped", wsclose::dropped_event(forged)},
        {"reset", wsclose::reset_event(forged)},
        {"03e8", wsclose::close_event(forged, std::string_view{payload})},
    };
    for (const auto &[input, event] : rows) {
      if (event || event.error() != wsclose::result::invalid_argument) die("engine #7 was not refused");
      out << "event\t#" << static_cast<unsigned>(forged_number) << '\t' << input << "\trefused\n";
    }
  }

  // pageclose: per engine, a JavaScript number (or undefined) and a UTF-16 reason (or undefined).
  const std::vector<std::string> page_rows = data_lines(corpus + "/pageclose.tsv");
  for (const wsclose::engine engine : wsclose::engine_values) {
    for (const std::string &line : page_rows) {
      const std::vector<std::string> f = split(line, 2, "pageclose.tsv");
      std::optional<double> code;
      if (f[0] != "undefined") {
        char *end = nullptr;
        code = std::strtod(f[0].c_str(), &end);
        if (end == f[0].c_str() || *end != '\0') die(f[0] + " is not a number");
      }
      std::u16string units;
      std::optional<std::u16string_view> reason;
      if (f[1] != "undefined") {
        units = unhex16(f[1]);
        reason = units;
      }
      const auto sent = wsclose::page_close(engine, code, reason);
      out << "pageclose\t" << wsclose::name(engine) << '\t' << line << '\t';
      if (sent) {
        out << "ok\t" << dash(sent->code) << '\t' << hex(sent->reason());
      } else {
        out << "throw\t" << wsclose::name(sent.error());
      }
      out << '\n';
    }
  }

  // profile: a name as WTF-8 bytes, looked up as a name and as a subprotocol.
  for (const std::string &line : data_lines(corpus + "/profile.txt")) {
    const std::string name = unhex(line);
    const auto by_name = wsclose::profile_by_name(name);
    const auto by_token = wsclose::profile_by_subprotocol(name);
    out << "profile\t" << line << '\t'
        << (by_name ? std::string(by_name->name()) : std::string("-")) << '\t'
        << (by_token ? std::string(by_token->name()) : std::string("-")) << '\n';
  }

  // intent: per profile and intent, the ranges, then the verdict for every code of intent.txt.
  const std::vector<std::string> intent_codes = data_lines(corpus + "/intent.txt");
  const auto near = [](std::optional<std::uint16_t> code) {
    return code ? std::to_string(*code) : std::string("-");
  };
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const wsclose::profile profile = *wsclose::profile_at(i);
    for (const wsclose::intent wanted : wsclose::intent_values) {
      const std::string head = "intent\t" + std::string(profile.name()) + '\t' +
                               std::string(wsclose::const_name(wanted)) + '\t';
      const wsclose::intent_ranges ranges = profile.codes_for(wanted);
      out << head << "ranges\t" << ranges.size() << '\n';
      for (const wsclose::intent_range range : ranges) {
        out << head << "range\t" << range.first << '\t' << range.last << '\t'
            << wsclose::const_name(range.advice) << '\n';
      }
      for (const std::string &line : intent_codes) {
        const auto code = static_cast<std::uint16_t>(std::stoul(line));
        out << head << "check\t" << code << '\t';
        const std::optional<wsclose::intent_mismatch> mismatch = profile.check_intent(code, wanted);
        if (!mismatch) {
          out << "ok\n";
          continue;
        }
        if (mismatch->sendable()) {
          out << "advice\t" << wsclose::const_name(*mismatch->advice) << '\t';
        } else {
          out << "unsendable\t";
        }
        out << near(mismatch->below) << '\t' << near(mismatch->above) << '\n';
      }
    }
  }

  std::ofstream file(argv[2], std::ios::binary);
  file << out.str();
  return file.good() ? 0 : 1;
}
