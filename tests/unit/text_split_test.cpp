#include "core/text_split.hpp"

#include <string>

#include <gtest/gtest.h>

#include "core/utf16.hpp"

namespace wgbot {
namespace {

// UTF-16 units, counting how often the exact measure ran.
struct CountingMeasure {
  int exact_calls = 0;
  TextMeasure measure(bool with_bound) {
    TextMeasure m{[this](std::string_view text) {
                    ++exact_calls;
                    return utf16_length(text);
                  },
                  [](std::string_view text, std::size_t pos) { return utf16_units_at(text, pos); },
                  {}};
    if (with_bound) m.units_at_most = [](std::string_view text) { return text.size(); };
    return m;
  }
};

TEST(TextSplit, ATextUnderTheLimitByTheBoundIsNotMeasured) {
  CountingMeasure counting;
  const auto chunks = split_text("Việc #12 đã xong", 100, counting.measure(true));
  ASSERT_EQ(chunks.size(), 1U);
  EXPECT_EQ(chunks[0], "Việc #12 đã xong");
  EXPECT_EQ(counting.exact_calls, 0);
  EXPECT_TRUE(split_text(" \n", 100, counting.measure(true)).empty());  // blank: still nothing
}

TEST(TextSplit, ABoundOverTheLimitFallsBackToTheExactMeasure) {
  // 25 bytes but 16 units: the bound (bytes) says no, the measure says it fits.
  const std::string text = "Đã nhận: ổn định";
  CountingMeasure counting;
  const auto chunks = split_text(text, 16, counting.measure(true));
  ASSERT_EQ(chunks.size(), 1U);
  EXPECT_EQ(counting.exact_calls, 1);
  CountingMeasure without;
  EXPECT_EQ(split_text(text, 100, without.measure(false)).size(), 1U);
  EXPECT_EQ(without.exact_calls, 1);
  EXPECT_EQ(split_text("ab\ncd\n", 3, without.measure(true)).size(), 2U);  // over both: split
}

}  // namespace
}  // namespace wgbot
