#include "bot/outbound/retry_policy.hpp"

#include <cstdint>
#include <random>

#include <gtest/gtest.h>

namespace wgbot {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, WithoutJitterDoublesFromOneSecondUpToFiveMinutes) {
  const BackoffPolicy policy{milliseconds{1000}, std::chrono::minutes{5}, Jitter::none};
  EXPECT_EQ(backoff(1, 0, policy), milliseconds{1000});
  EXPECT_EQ(backoff(2, 0, policy), milliseconds{2000});
  EXPECT_EQ(backoff(3, 0, policy), milliseconds{4000});
  EXPECT_EQ(backoff(9, 0, policy), milliseconds{256000});
  EXPECT_EQ(backoff(10, 0, policy), milliseconds{300000});  // 512 s capped
  EXPECT_EQ(backoff(1'000'000, 0, policy), milliseconds{300000});
  EXPECT_EQ(backoff(0, 0, policy), milliseconds{1000});  // counts as the first retry
  EXPECT_EQ(backoff(-5, 0, policy), milliseconds{1000});
}

TEST(RetryPolicy, EqualJitterStaysInUpperHalfAndIsDeterministic) {
  EXPECT_EQ(backoff(3, 0), milliseconds{2000});             // lowest: half of 4 s
  EXPECT_EQ(backoff(3, 2000), milliseconds{4000});          // highest: all of it
  EXPECT_EQ(backoff(3, 2001), milliseconds{2000});          // wraps around
  EXPECT_EQ(backoff(3, 123456789), backoff(3, 123456789));  // same random, same delay
  EXPECT_EQ(backoff(20, UINT64_MAX), backoff(20, UINT64_MAX));
  EXPECT_LE(backoff(20, UINT64_MAX), milliseconds{300000});
}

TEST(RetryPolicy, GrowsUntilTheCapWhateverTheRandomValue) {
  // Below the cap, the shortest delay of one attempt is the longest of the one before.
  for (int attempt = 1; attempt < 9; ++attempt) {
    const std::int64_t ceiling = std::int64_t{1000} << (attempt - 1);
    const auto longest = backoff(attempt, static_cast<std::uint64_t>(ceiling / 2));
    EXPECT_EQ(longest, milliseconds{ceiling});
    EXPECT_GE(backoff(attempt + 1, 0), longest) << "attempt " << attempt;
  }
}

TEST(RetryPolicy, RandomDelaysStayWithinTheirBand) {
  std::mt19937_64 random(42);  // fixed seed: deterministic
  for (int attempt = 1; attempt <= 30; ++attempt) {
    const std::int64_t ceiling =
        attempt >= 10 ? std::int64_t{300000} : std::int64_t{1000} << (attempt - 1);
    const milliseconds delay = backoff(attempt, random());
    EXPECT_GE(delay, milliseconds{ceiling / 2}) << "attempt " << attempt;
    EXPECT_LE(delay, milliseconds{ceiling}) << "attempt " << attempt;
  }
}

TEST(RetryPolicy, FullJitterSpansZeroToCeiling) {
  const BackoffPolicy policy{milliseconds{1000}, std::chrono::minutes{5}, Jitter::full};
  EXPECT_EQ(backoff(2, 0, policy), milliseconds{0});
  EXPECT_EQ(backoff(2, 2000, policy), milliseconds{2000});
  EXPECT_EQ(backoff(2, 2001, policy), milliseconds{0});
  EXPECT_EQ(backoff(12, 299999, policy), milliseconds{299999});
}

TEST(RetryPolicy, DegenerateConfigurationsDoNotLoopOrOverflow) {
  EXPECT_EQ(backoff(INT32_MAX, 7, BackoffPolicy{milliseconds{0}, milliseconds{0}, Jitter::full}),
            milliseconds{0});
  EXPECT_EQ(backoff(3, 0, BackoffPolicy{milliseconds{1000}, milliseconds{500}, Jitter::none}),
            milliseconds{500});
}

}  // namespace
}  // namespace wgbot
