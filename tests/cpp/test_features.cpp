// GoogleTest suite for the C++ layer of profiles, the reconnect policy, explain and the browser
// model (include/wsclose.hpp). Every expected answer comes from the C ABI itself (the layer only
// converts types, so it must give exactly what the C functions give, for every input tried here)
// or from another function of the library; that the C ABI gives the core's answers is the
// differential's job (tests/cpp/differential.cpp answers every section of it). No code table,
// name, label or number is typed here.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "wsclose.hpp"

namespace {

std::string_view c_text(const char *text) {
  return text == nullptr ? std::string_view{} : std::string_view{text};
}

// ---------------------------------------------------------------- types

TEST(Types, EnumsAreScopedAndMatchTheCHeader) {
  static_assert(!std::is_convertible_v<int, wsclose::engine>);
  static_assert(!std::is_convertible_v<int, wsclose::advice>);
  static_assert(!std::is_convertible_v<wsclose::advice, int>);
  static_assert(std::is_same_v<std::underlying_type_t<wsclose::engine>, std::uint8_t>);
  static_assert(wsclose::to_underlying(wsclose::advice::stop) == WSCLOSE_ADVICE_STOP);
  static_assert(wsclose::to_underlying(wsclose::advice::retry) == WSCLOSE_ADVICE_RETRY);
  static_assert(wsclose::to_underlying(wsclose::engine::firefox) == WSCLOSE_ENGINE_FIREFOX);
  static_assert(wsclose::to_underlying(wsclose::intent::retry) == WSCLOSE_INTENT_RETRY);
  static_assert(!std::is_convertible_v<int, wsclose::intent>);
  static_assert(wsclose::policy_max_overrides == WSCLOSE_POLICY_MAX_OVERRIDES);
  static_assert(wsclose::to_underlying(wsclose::result::too_many_overrides) ==
                WSCLOSE_ERR_TOO_MANY_OVERRIDES);
  static_assert(wsclose::result_of(wsclose::dom_exception::syntax) == wsclose::result::syntax);
  static_assert(std::size(wsclose::engine_values) == 2);
#if defined(__cpp_lib_span) && __cpp_lib_span >= 202002L
  static_assert(std::is_same_v<wsclose::span<std::uint16_t>, std::span<const std::uint16_t>>);
#endif
  // The results are values: nothing to free, copyable, no hidden owner.
  static_assert(std::is_trivially_copyable_v<wsclose::browser_event>);
  static_assert(std::is_trivially_copyable_v<wsclose::reconnect_policy>);
  static_assert(std::is_trivially_copyable_v<wsclose::explanation>);
  static_assert(std::is_trivially_copyable_v<wsclose::profile>);
}

TEST(Types, LabelsAndNamesComeFromTheLibrary) {
  for (const wsclose::advice value : wsclose::advice_values) {
    EXPECT_EQ(wsclose::label(value), c_text(wsclose_advice_label(wsclose::to_underlying(value))));
    EXPECT_FALSE(wsclose::label(value).empty());
  }
  EXPECT_EQ(wsclose::label(static_cast<wsclose::advice>(200)), "");
  std::uint32_t number = 0;
  for (const wsclose::cause value : wsclose::cause_values) {
    EXPECT_EQ(wsclose::to_underlying(value), number);
    EXPECT_EQ(wsclose::const_name(value), c_text(wsclose_cause_const_name(number)));
    EXPECT_EQ(wsclose::summary(value), c_text(wsclose_cause_summary(number)));
    EXPECT_EQ(wsclose::check(value), c_text(wsclose_cause_check(number)));
    EXPECT_FALSE(wsclose::summary(value).empty());
    EXPECT_FALSE(wsclose::check(value).empty());
    number++;
  }
  EXPECT_EQ(number, wsclose::cause_count);
  EXPECT_EQ(wsclose_cause_const_name(number), nullptr) << "cause_count is stale";
  // A page's exception: the library's message for its result starts with its name.
  for (const wsclose::dom_exception value : wsclose::dom_exception_values) {
    const std::string_view message = wsclose::message(wsclose::result_of(value));
    EXPECT_EQ(message.substr(0, wsclose::name(value).size()), wsclose::name(value));
  }
}

TEST(Types, ExpectedHoldsAValueOrAnError) {
  const wsclose::expected<int, wsclose::result> value{7};
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 7);
  const wsclose::expected<int, wsclose::result> error{
      wsclose::unexpected<wsclose::result>{wsclose::result::syntax}};
  EXPECT_FALSE(error.has_value());
  EXPECT_EQ(error.error(), wsclose::result::syntax);
  EXPECT_EQ(error.value_or(3), 3);
}

// ---------------------------------------------------------------- profiles

TEST(Profiles, IndexesNamesAndLookups) {
  ASSERT_EQ(wsclose_profile_count(), wsclose::profile_count);
  ASSERT_GT(wsclose::profile_count, 0u);
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const auto profile = wsclose::profile_at(i);
    ASSERT_TRUE(profile);
    EXPECT_EQ(profile->index(), i);
    const std::string_view name = profile->name();
    EXPECT_EQ(name, c_text(wsclose_profile_name(static_cast<std::uint32_t>(i))));
    // The generated table (title, subprotocols, codes, ranges) is in the C ABI's index order.
    EXPECT_EQ(wsclose::detail::profiles[i].name, name);
    EXPECT_EQ(wsclose::profile_by_name(name), profile);
    EXPECT_FALSE(profile->title().empty());
    // A name that is a prefix of a longer buffer: the view's length counts, not a NUL.
    const std::string longer = std::string(name) + "-and-more";
    EXPECT_EQ(wsclose::profile_by_name(std::string_view{longer}.substr(0, name.size())), profile);
    EXPECT_FALSE(wsclose::profile_by_name(longer));
    EXPECT_FALSE(wsclose::profile_by_name(std::string(name) + '\0'));
    for (const std::string_view token : profile->subprotocols()) {
      EXPECT_EQ(wsclose::profile_by_subprotocol(token), profile) << token;
      EXPECT_EQ(wsclose_profile_by_subprotocol(token.data(), token.size()),
                static_cast<std::int32_t>(i));
    }
  }
  EXPECT_FALSE(wsclose::profile_at(wsclose::profile_count));
  EXPECT_FALSE(wsclose::profile_by_name(""));
  EXPECT_FALSE(wsclose::profile_by_subprotocol(""));
  EXPECT_FALSE(wsclose::profile_by_name("no-such-profile"));
}

TEST(Profiles, AdviceCodesAndRangesAgreeWithTheCAbi) {
  std::size_t named = 0;
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const wsclose::profile profile = *wsclose::profile_at(i);
    const auto index = static_cast<std::uint32_t>(i);
    const auto codes = profile.codes();
    EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
    for (const wsclose::code_range range : profile.ranges()) {
      EXPECT_LE(range.first, range.last);
    }
    std::size_t mismatches = 0;
    for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
      const auto code = static_cast<std::uint16_t>(value);
      const auto advice = profile.advice(code);
      const auto row = profile.lookup(code);
      const char *c_name = wsclose_profile_code_name(index, code);
      bool good = wsclose::to_underlying(advice) == wsclose_profile_advice(index, code) &&
                  row.has_value() == (c_name != nullptr) &&
                  row.has_value() == std::binary_search(codes.begin(), codes.end(), code);
      if (row) {
        named++;
        good = good && row->code == code && row->name == c_name &&
               row->description == c_text(wsclose_profile_code_description(index, code)) &&
               row->advice == advice && !row->description.empty();
      }
      if (!good && ++mismatches <= 5) ADD_FAILURE() << profile.name() << " code " << code;
    }
    EXPECT_EQ(mismatches, 0u);
  }
  EXPECT_GT(named, 0u);
}

TEST(Profiles, IntentRangesAndChecksAreTheCAbis) {
  std::size_t ranges_seen = 0;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const wsclose::profile profile = *wsclose::profile_at(i);
    const auto index = static_cast<std::uint32_t>(i);
    for (const wsclose::intent wanted : wsclose::intent_values) {
      const auto number = wsclose::to_underlying(wanted);
      const wsclose::intent_ranges ranges = profile.codes_for(wanted);
      ASSERT_EQ(static_cast<std::int32_t>(ranges.size()),
                wsclose_profile_intent_range_count(index, number));
      std::size_t r = 0;
      for (const wsclose::intent_range range : ranges) {
        std::uint16_t first = 0;
        std::uint16_t last = 0;
        std::uint32_t advice = 0;
        ASSERT_EQ(wsclose_profile_intent_range(index, number, static_cast<std::uint32_t>(r), &first,
                                               &last, &advice),
                  WSCLOSE_OK);
        EXPECT_EQ(range.first, first);
        EXPECT_EQ(range.last, last);
        EXPECT_EQ(wsclose::to_underlying(range.advice), advice);
        EXPECT_EQ(ranges[r].first, first);
        r++;
      }
      EXPECT_EQ(r, ranges.size());
      ranges_seen += r;
      for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
        const auto code = static_cast<std::uint16_t>(value);
        std::int32_t advice = 0;
        std::int32_t below = 0;
        std::int32_t above = 0;
        const std::int32_t status =
            wsclose_profile_check_intent(index, code, number, &advice, &below, &above);
        const auto got = profile.check_intent(code, wanted);
        bool good = got.has_value() == (status != WSCLOSE_OK);
        if (good && got) {
          const auto as_number = [](std::optional<std::uint16_t> c) {
            return c ? static_cast<std::int32_t>(*c) : -1;
          };
          good = got->sendable() == (status == WSCLOSE_ERR_INTENT_NOT_MET) &&
                 (got->advice ? static_cast<std::int32_t>(*got->advice) : -1) == advice &&
                 as_number(got->below) == below && as_number(got->above) == above;
        }
        if (!good && ++mismatches <= 5) ADD_FAILURE() << profile.name() << " code " << code;
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(ranges_seen, 0u);
}

// ---------------------------------------------------------------- the reconnect policy

// The C policy built the way the C API is used, for comparison.
wsclose_policy c_policy(std::int32_t profile, std::uint64_t base, std::uint64_t cap,
                        std::int64_t max_attempts, std::int32_t retry_unspecified) {
  wsclose_policy p;
  EXPECT_EQ(wsclose_policy_init(&p), WSCLOSE_OK);
  EXPECT_EQ(wsclose_policy_set_profile(&p, profile), WSCLOSE_OK);
  EXPECT_EQ(wsclose_policy_set_base_ms(&p, base), WSCLOSE_OK);
  EXPECT_EQ(wsclose_policy_set_cap_ms(&p, cap), WSCLOSE_OK);
  EXPECT_EQ(wsclose_policy_set_max_attempts(&p, max_attempts), WSCLOSE_OK);
  EXPECT_EQ(wsclose_policy_set_retry_unspecified(&p, retry_unspecified), WSCLOSE_OK);
  return p;
}

constexpr std::array<std::uint16_t, 12> kCodes = {0,    1000, 1001, 1002, 1006, 1011,
                                                   1013, 3000, 4000, 4004, 4999, 5000};
constexpr std::array<std::uint32_t, 5> kAttempts = {0, 1, 5, 64, UINT32_MAX};
constexpr std::array<std::uint64_t, 4> kRandoms = {0, 1, std::uint64_t{1} << 63, UINT64_MAX};

// Every decision of `policy` equals the C library's for `raw`.
void expect_same_decisions(const wsclose::reconnect_policy &policy, const wsclose_policy &raw) {
  std::size_t mismatches = 0;
  for (const std::uint16_t code : kCodes) {
    for (const bool clean : {false, true}) {
      for (const std::uint32_t attempt : kAttempts) {
        for (const std::uint64_t random : kRandoms) {
          std::uint64_t delay = 12345;
          const std::int32_t answer =
              wsclose_policy_decide(&raw, code, clean ? 1 : 0, attempt, random, &delay);
          ASSERT_GE(answer, 0);
          const wsclose::decision want =
              answer == 1 ? wsclose::decision::retry_after(delay) : wsclose::decision::stop();
          const wsclose::decision got = policy.decide(code, clean, attempt, [random] { return random; });
          if (got != want && ++mismatches <= 5) {
            ADD_FAILURE() << "code " << code << " clean " << clean << " attempt " << attempt;
          }
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(Policy, TheDefaultIsTheLibrarys) {
  wsclose_policy raw;
  ASSERT_EQ(wsclose_policy_init(&raw), WSCLOSE_OK);
  expect_same_decisions(wsclose::reconnect_policy{}, raw);
  expect_same_decisions(wsclose::reconnect_policy{wsclose::policy_options{}}, raw);
}

TEST(Policy, OptionsAndWithersGiveTheSamePolicy) {
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const wsclose::profile profile = *wsclose::profile_at(i);
    wsclose::policy_options options;
    options.profile = profile;
    options.base_ms = 250;
    options.cap_ms = 5000;
    options.max_attempts = 3;
    options.retry_unspecified = false;
    const wsclose_policy raw = c_policy(static_cast<std::int32_t>(i), 250, 5000, 3, 0);
    expect_same_decisions(wsclose::reconnect_policy{options}, raw);
    expect_same_decisions(wsclose::reconnect_policy{}
                              .with_profile(profile)
                              .with_base_ms(250)
                              .with_cap_ms(5000)
                              .with_max_attempts(3)
                              .with_retry_unspecified(false),
                          raw);
  }
  const wsclose_policy unlimited = c_policy(-1, 1, UINT64_MAX, -1, 1);
  expect_same_decisions(wsclose::reconnect_policy{}.with_base_ms(1).with_cap_ms(UINT64_MAX), unlimited);
  // with_* returns a changed copy; the original stays as it was.
  const wsclose::reconnect_policy base;
  const auto limited = base.with_max_attempts(0);
  wsclose_policy raw_default;
  ASSERT_EQ(wsclose_policy_init(&raw_default), WSCLOSE_OK);
  expect_same_decisions(base, raw_default);
  expect_same_decisions(limited, c_policy(-1, wsclose::policy_defaults::base_ms,
                                          wsclose::policy_defaults::cap_ms, 0, 1));
  expect_same_decisions(limited.with_max_attempts(std::nullopt), raw_default);
}

TEST(Policy, OverridesFollowTheLibrarysRule) {
  wsclose::reconnect_policy policy;
  wsclose_policy raw;
  ASSERT_EQ(wsclose_policy_init(&raw), WSCLOSE_OK);
  for (std::uint16_t i = 0; i < wsclose::policy_max_overrides; i++) {
    const auto code = static_cast<std::uint16_t>(4000 + i);
    const wsclose::advice advice = i % 2 == 0 ? wsclose::advice::stop : wsclose::advice::retry;
    ASSERT_EQ(policy.try_override(code, advice), wsclose::result::ok);
    ASSERT_EQ(wsclose_policy_set_override(&raw, code, wsclose::to_underlying(advice)), WSCLOSE_OK);
  }
  // A code set again takes the later advice; a new code past the limit is refused.
  ASSERT_EQ(policy.try_override(4000, wsclose::advice::retry), wsclose::result::ok);
  ASSERT_EQ(wsclose_policy_set_override(&raw, 4000, WSCLOSE_ADVICE_RETRY), WSCLOSE_OK);
  EXPECT_EQ(policy.try_override(1000, wsclose::advice::retry), wsclose::result::too_many_overrides);
  const auto refused = policy.with_override(1000, wsclose::advice::retry);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), wsclose::result::too_many_overrides);
  expect_same_decisions(policy, raw);  // unchanged by the refused calls

  const auto one = wsclose::reconnect_policy{}.with_override(1000, wsclose::advice::retry);
  ASSERT_TRUE(one);
  wsclose_policy raw_one;
  ASSERT_EQ(wsclose_policy_init(&raw_one), WSCLOSE_OK);
  ASSERT_EQ(wsclose_policy_set_override(&raw_one, 1000, WSCLOSE_ADVICE_RETRY), WSCLOSE_OK);
  expect_same_decisions(*one, raw_one);
  // The C policy inside is usable with the C API.
  std::uint64_t delay = 0;
  EXPECT_EQ(wsclose_policy_decide(&one->c_policy(), 1000, 1, 0, 0, &delay), 1);
}

TEST(Policy, AForgedAdviceIsRefusedAndLeavesThePolicyUnchanged) {
  wsclose::reconnect_policy policy;
  EXPECT_EQ(policy.try_override(4000, static_cast<wsclose::advice>(9)),
            wsclose::result::invalid_argument);
  const auto refused = policy.with_override(4000, static_cast<wsclose::advice>(9));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), wsclose::result::invalid_argument);
  wsclose_policy raw;
  ASSERT_EQ(wsclose_policy_init(&raw), WSCLOSE_OK);
  expect_same_decisions(policy, raw);
}

TEST(Policy, AdviceIsTheLibrarys) {
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < wsclose::profile_count; i++) {
    const auto policy = wsclose::reconnect_policy{}
                            .with_profile(wsclose::profile_at(i))
                            .with_retry_unspecified(i % 2 == 0)
                            .with_override(4000, wsclose::advice::resume);
    ASSERT_TRUE(policy);
    for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
      const auto code = static_cast<std::uint16_t>(value);
      for (const bool clean : {false, true}) {
        const std::int32_t want = wsclose_policy_advice(&policy->c_policy(), code, clean ? 1 : 0);
        const wsclose::advice got = policy->advice(code, clean);
        if ((want < 0 || wsclose::to_underlying(got) != want || got == wsclose::advice::unspecified) &&
            ++mismatches <= 5) {
          ADD_FAILURE() << "profile " << i << " code " << code << " clean " << clean;
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(Policy, TheRandomSourceIsCalledOnceAndDefaultsToARealOne) {
  const wsclose::reconnect_policy policy;
  int calls = 0;
  const auto decision = policy.decide(1006, false, 3, [&calls]() -> std::uint64_t {
    calls++;
    return UINT64_MAX;
  });
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(decision);
  EXPECT_TRUE(decision.retry());
  // The largest random gives the ceiling; the default source gives delays up to it, not all one.
  const std::uint64_t ceiling = *decision.delay_ms();
  EXPECT_GT(ceiling, 0u);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 64; i++) {
    const auto d = policy.decide(1006, false, 3);
    ASSERT_TRUE(d.delay_ms());
    EXPECT_LE(*d.delay_ms(), ceiling);
    seen.insert(*d.delay_ms());
  }
  EXPECT_GT(seen.size(), 1u);
  const auto stop = wsclose::reconnect_policy{}.with_max_attempts(0).decide(1006, false, 0);
  EXPECT_FALSE(stop);
  EXPECT_EQ(stop.delay_ms(), std::nullopt);
  EXPECT_EQ(stop, wsclose::decision::stop());
}

// ---------------------------------------------------------------- explain

TEST(Explain, EveryCodeGivesTheCAbisCauses) {
  std::size_t mismatches = 0;
  std::size_t with_causes = 0;
  for (std::uint32_t value = 0; value <= 0xFFFF; value++) {
    const auto code = static_cast<std::uint16_t>(value);
    const std::optional<bool> cleans[] = {std::nullopt, false, true};
    const std::int32_t c_cleans[] = {-1, 0, 1};
    for (std::size_t k = 0; k < 3; k++) {
      std::array<std::uint8_t, 64> numbers{};
      const std::int32_t count = wsclose_explain(code, c_cleans[k], numbers.data(), numbers.size());
      const wsclose::explanation got = wsclose::explain(code, cleans[k]);
      bool good = count >= 0 && got.size() == static_cast<std::size_t>(count) &&
                  got.causes().size() == got.size();
      for (std::size_t i = 0; good && i < got.size(); i++) {
        good = wsclose::to_underlying(got[i]) == numbers[i] && got.causes()[i] == got[i];
      }
      if (!got.empty()) with_causes++;
      if (!good && ++mismatches <= 5) ADD_FAILURE() << "code " << code << " clean " << k;
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(with_causes, 0u);
  // was_clean defaults to "not known".
  const auto unknown = wsclose::explain(1006);
  const auto explicit_unknown = wsclose::explain(1006, std::nullopt);
  EXPECT_TRUE(std::equal(unknown.begin(), unknown.end(), explicit_unknown.begin(),
                         explicit_unknown.end()));
}

// ---------------------------------------------------------------- the browser model

void expect_event(const wsclose::expected<wsclose::browser_event, wsclose::result> &answer,
                  const wsclose_close_event &want) {
  ASSERT_TRUE(answer) << wsclose::message(answer.error());
  const wsclose::browser_event &got = *answer;
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.was_clean, want.was_clean != 0);
  EXPECT_EQ(got.error_fired, want.error_fired != 0);
  EXPECT_EQ(got.reason, std::string_view(reinterpret_cast<const char *>(want.reason), want.reason_len));
  EXPECT_EQ(wsclose::to_underlying(got.reply), want.reply_kind);
  EXPECT_EQ(got.reply_code, want.reply_code);
  EXPECT_EQ(got.reply_reason, std::string_view(reinterpret_cast<const char *>(want.reply_reason),
                                               want.reply_reason_len));
}

TEST(Browser, CloseEventsAreTheCAbis) {
  const std::vector<std::string> payloads = {
      std::string(),
      std::string("\x03"),
      std::string("\x03\xe8", 2),
      std::string("\x03\xe8" "bye", 5),
      std::string("\x0f\xa0" "app", 5),
      std::string("\x03\xed", 2),
      std::string("\x03\xe8\xff", 3),
      std::string("\x13\x88", 2),
      std::string("\x03\xe8") + std::string(124, 'x'),
  };
  for (const wsclose::engine engine : wsclose::engine_values) {
    const auto number = wsclose::to_underlying(engine);
    for (const std::string &payload : payloads) {
      SCOPED_TRACE(payload.size());
      wsclose_close_event want{};
      ASSERT_EQ(wsclose_browser_close_event(number, reinterpret_cast<const std::uint8_t *>(payload.data()),
                                            payload.size(), WSCLOSE_RECEIVED_PAYLOAD, &want),
                WSCLOSE_OK);
      const auto answer = wsclose::close_event(engine, payload);
      expect_event(answer, want);
      ASSERT_TRUE(answer);
      const wsclose::browser_event &got = *answer;
      // The reasons view the caller's payload: nothing was copied or allocated.
      if (!got.reason.empty()) {
        EXPECT_GE(got.reason.data(), payload.data());
        EXPECT_LE(got.reason.data() + got.reason.size(), payload.data() + payload.size());
      }
      const std::vector<std::uint8_t> bytes(payload.begin(), payload.end());
      expect_event(wsclose::close_event(engine, bytes.data(), bytes.size()), want);
      expect_event(wsclose::close_event(engine, wsclose::span<std::uint8_t>{bytes.data(), bytes.size()}),
                   want);
    }
    wsclose_close_event want{};
    ASSERT_EQ(wsclose_browser_close_event(number, nullptr, 0, WSCLOSE_RECEIVED_DROPPED, &want), WSCLOSE_OK);
    expect_event(wsclose::dropped_event(engine), want);
    ASSERT_EQ(wsclose_browser_close_event(number, nullptr, 0, WSCLOSE_RECEIVED_RESET, &want), WSCLOSE_OK);
    expect_event(wsclose::reset_event(engine), want);
  }
}

TEST(Browser, PageCloseGivesTheSentCloseOrTheDomException) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<std::optional<double>> codes = {std::nullopt, 0,    -0.0,   999.5, 1000, 1000.6,
                                                    1001,         2999, 3000,   4999,  4999.6, 5000,
                                                    65536 + 1000, -1,   nan,    inf,   -inf};
  const char16_t lone[] = {u'a', 0xD800, u'b'};
  const std::u16string long_reason(124, u'x');
  const std::vector<std::optional<std::u16string_view>> reasons = {
      std::nullopt, std::u16string_view{}, u"bye", u"caf\u00e9", std::u16string_view{lone, 3},
      long_reason};
  std::set<wsclose::dom_exception> thrown;
  std::size_t sent = 0;
  for (const wsclose::engine engine : wsclose::engine_values) {
    for (const auto &code : codes) {
      for (const auto &reason : reasons) {
        const std::u16string_view units = reason.value_or(std::u16string_view{});
        std::uint16_t want_code = 0;
        std::uint8_t want_has_code = 0;
        std::array<std::uint8_t, WSCLOSE_MAX_REASON_LEN> want_reason{};
        std::size_t want_len = 0;
        const std::int32_t status = wsclose_browser_close(
            wsclose::to_underlying(engine), code ? 1 : 0, code.value_or(0.0), reason ? 1 : 0,
            reinterpret_cast<const std::uint16_t *>(units.data()), units.size(), &want_code,
            &want_has_code, want_reason.data(), want_reason.size(), &want_len);
        const auto got = wsclose::page_close(engine, code, reason);
        if (status == WSCLOSE_OK) {
          ASSERT_TRUE(got);
          sent++;
          EXPECT_EQ(got->code.has_value(), want_has_code != 0);
          if (got->code) {
            EXPECT_EQ(*got->code, want_code);
          }
          EXPECT_EQ(got->reason(),
                    std::string_view(reinterpret_cast<const char *>(want_reason.data()), want_len));
        } else {
          ASSERT_FALSE(got);
          EXPECT_EQ(wsclose::to_underlying(wsclose::result_of(got.error())), status);
          thrown.insert(got.error());
        }
      }
    }
  }
  EXPECT_GT(sent, 0u);
  EXPECT_EQ(thrown.size(), std::size(wsclose::dom_exception_values));
  // The defaults are close() with nothing: an empty Close in both engines' model.
  const auto bare = wsclose::page_close(wsclose::engine::chromium);
  ASSERT_TRUE(bare);
  const auto explicit_bare = wsclose::page_close(wsclose::engine::chromium, std::nullopt, std::nullopt);
  ASSERT_TRUE(explicit_bare);
  EXPECT_EQ(bare->code, explicit_bare->code);
  EXPECT_EQ(bare->reason(), explicit_bare->reason());
}

// An engine value forged with a cast: the library refuses it, and the layer says so.
TEST(Browser, AForgedEngineIsRefused) {
  const auto forged = static_cast<wsclose::engine>(7);
  const std::string payload("\x03\xe8", 2);
  for (const auto &event : {wsclose::dropped_event(forged), wsclose::reset_event(forged),
                            wsclose::close_event(forged, payload)}) {
    ASSERT_FALSE(event);
    EXPECT_EQ(event.error(), wsclose::result::invalid_argument);
  }
  const auto null_payload = wsclose::close_event(wsclose::engine::firefox, nullptr, 2);
  ASSERT_FALSE(null_payload);
  EXPECT_EQ(null_payload.error(), wsclose::result::null_argument);
}

// page_close's error is the page's exception; an engine forged with a cast is not an answer the
// library gave, so the layer says so and aborts.
TEST(BrowserDeathTest, AForgedEngineInPageCloseAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH((void)wsclose::page_close(static_cast<wsclose::engine>(7), 1000.0),
               "wsclose_browser_close failed");
}

}  // namespace
