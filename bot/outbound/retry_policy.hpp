// How long to wait before retrying a failed send (5xx, network error). Pure: the caller supplies
// the random value, so tests are deterministic.
#pragma once

#include <chrono>
#include <cstdint>

namespace wgbot {

enum class Jitter {
  none,   // exactly the exponential value
  equal,  // between half of it and all of it: still grows with every attempt
  full,   // anywhere from zero to it: spreads retries out most
};

struct BackoffPolicy {
  std::chrono::milliseconds base{1000};
  std::chrono::milliseconds cap{std::chrono::minutes{5}};
  Jitter jitter = Jitter::equal;
};

// Delay before retry number `attempt` (1 = first retry; lower counts as 1): base * 2^(attempt-1)
// capped at `cap`, then jittered using `random` (any 64-bit value, e.g. from std::mt19937_64).
[[nodiscard]] std::chrono::milliseconds backoff(int attempt, std::uint64_t random,
                                                const BackoffPolicy& policy = {});

}  // namespace wgbot
