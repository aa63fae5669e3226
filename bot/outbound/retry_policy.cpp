#include "bot/outbound/retry_policy.hpp"

#include <algorithm>

namespace wgbot {

std::chrono::milliseconds backoff(int attempt, std::uint64_t random, const BackoffPolicy& policy) {
  const auto cap = static_cast<std::uint64_t>(std::max<std::int64_t>(policy.cap.count(), 0));
  auto ceiling =
      std::min(static_cast<std::uint64_t>(std::max<std::int64_t>(policy.base.count(), 0)), cap);
  // Doubling stops at the cap, which also keeps the arithmetic far from overflow.
  for (int i = 1; i < attempt && ceiling > 0 && ceiling < cap; ++i)
    ceiling = std::min(ceiling * 2, cap);
  std::uint64_t delay = ceiling;
  switch (policy.jitter) {
    case Jitter::none:
      break;
    case Jitter::equal:
      delay = ceiling - ceiling / 2 + random % (ceiling / 2 + 1);
      break;
    case Jitter::full:
      delay = random % (ceiling + 1);
      break;
  }
  return std::chrono::milliseconds{static_cast<std::int64_t>(delay)};
}

}  // namespace wgbot
