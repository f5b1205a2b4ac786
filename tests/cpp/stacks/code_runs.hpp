// Shared by the stack tests (tests/cpp/stacks/*/): the codes where a rule differs, as maximal runs
// [first, last], so that a test names every difference in an expected list.
// SPDX-License-Identifier: MIT OR Apache-2.0
#ifndef WSCLOSE_TESTS_CODE_RUNS_HPP
#define WSCLOSE_TESTS_CODE_RUNS_HPP

#include <cstdint>
#include <utility>
#include <vector>

namespace wsclose_tests {

/// Every 16-bit code: 0 .. code_count - 1.
constexpr std::uint32_t code_count = 65536;

using code_runs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// Maximal runs [first, last] of the codes where `differs(code)` holds.
template <typename Pred>
code_runs runs(Pred differs) {
  code_runs out;
  for (std::uint32_t c = 0; c < code_count; c++) {
    if (!differs(static_cast<std::uint16_t>(c))) {
      continue;
    }
    if (!out.empty() && out.back().second + 1 == c) {
      out.back().second = c;
    } else {
      out.emplace_back(c, c);
    }
  }
  return out;
}

}  // namespace wsclose_tests

#endif  // WSCLOSE_TESTS_CODE_RUNS_HPP
