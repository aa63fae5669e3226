#include "bot/outbound/rate_limiter.hpp"

#include <fstream>
#include <list>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bot/telegram/api_result.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;
using TimePoint = RateLimiter::TimePoint;

const TimePoint kStart = TimePoint{} + 1000h;

struct Message {
  std::string chat;
  bool group = false;
};

struct Log {
  std::vector<TimePoint> all;
  std::map<std::string, std::vector<TimePoint>> per_chat;
  std::set<std::string> groups;
  TimePoint last{};
};

// A FIFO outbox drained as fast as the limiter allows: every pass sends each chat's oldest
// message if allowed; when nothing may go, time jumps to the earliest allowed moment.
Log drain(RateLimiter& limiter, std::list<Message> queue) {
  Log log;
  TimePoint now = kStart;
  for (int guard = 0; !queue.empty() && guard < 100000; ++guard) {
    std::set<std::string> blocked;  // keeps each chat's own messages in order
    auto wait = std::chrono::milliseconds::max();
    bool sent = false;
    for (auto it = queue.begin(); it != queue.end();) {
      if (blocked.contains(it->chat)) {
        ++it;
        continue;
      }
      const auto delay = limiter.delay_for(it->chat, it->group, now);
      if (delay > 0ms) {
        blocked.insert(it->chat);
        wait = std::min(wait, delay);
        ++it;
        continue;
      }
      limiter.record_send(it->chat, it->group, now);
      log.all.push_back(now);
      log.per_chat[it->chat].push_back(now);
      if (it->group) log.groups.insert(it->chat);
      log.last = now;
      sent = true;
      it = queue.erase(it);
    }
    if (!sent && !queue.empty()) now += wait;
  }
  EXPECT_TRUE(queue.empty());
  return log;
}

// The most sends in any window [t, t + width): the busiest window starts at a send.
std::size_t busiest_window(const std::vector<TimePoint>& sends, std::chrono::nanoseconds width) {
  std::size_t most = 0;
  for (const TimePoint start : sends) {
    std::size_t count = 0;
    for (const TimePoint t : sends) count += (t >= start && t < start + width) ? 1 : 0;
    most = std::max(most, count);
  }
  return most;
}

void expect_within_limits(const Log& log) {
  EXPECT_LE(busiest_window(log.all, 1s), 30U);
  for (const auto& [chat, sends] : log.per_chat) {
    EXPECT_LE(busiest_window(sends, 1s), 1U) << chat;
    if (log.groups.contains(chat)) {
      EXPECT_LE(busiest_window(sends, 60s), 20U) << chat;
    }
  }
}

TEST(RateLimiter, TwoHundredMessagesForTenChats) {
  // 5 groups with 30 messages each, 5 private chats with 10 each, enqueued interleaved.
  std::list<Message> queue;
  for (int round = 0; round < 30; ++round) {
    for (int c = 0; c < 10; ++c) {
      const bool group = c % 2 == 0;
      if (group || round < 10) queue.push_back({"chat" + std::to_string(c), group});
    }
  }
  ASSERT_EQ(queue.size(), 200U);
  RateLimiter limiter;
  const Log log = drain(limiter, queue);
  ASSERT_EQ(log.all.size(), 200U);
  expect_within_limits(log);
  // A group sends 20 in its first 20 s (1/s), then waits for the minute: 21st at 60 s, 30th
  // at 69 s. Private chats finish at 9 s.
  EXPECT_EQ(log.last - kStart, 69s);
  EXPECT_EQ(log.per_chat.at("chat1").back() - kStart, 9s);
  EXPECT_EQ(log.per_chat.at("chat0")[20] - kStart, 60s);
}

TEST(RateLimiter, GlobalLimitWithManyChats) {
  // 100 chats x 2 messages: only the global 30/s binds, so 200 take 7 windows (0 s .. 6 s).
  std::list<Message> queue;
  for (int round = 0; round < 2; ++round) {
    for (int c = 0; c < 100; ++c) queue.push_back({"c" + std::to_string(c), c % 2 == 1});
  }
  RateLimiter limiter;
  const Log log = drain(limiter, queue);
  ASSERT_EQ(log.all.size(), 200U);
  expect_within_limits(log);
  EXPECT_EQ(busiest_window(log.all, 1s), 30U);
  EXPECT_EQ(log.last - kStart, 6s);
}

TEST(RateLimiter, RetryAfterFromTelegramPausesOnlyThatChat) {
  std::ifstream in(std::string(WGBOT_FIXTURES_DIR) + "/telegram/error_429_retry_after.json");
  std::stringstream body;
  body << in.rdbuf();
  const auto api = telegram::classify_response(429, body.str());
  ASSERT_EQ(api.outcome, telegram::ApiOutcome::retry_after);

  RateLimiter limiter;
  limiter.record_send("-1002198457731", true, kStart);
  EXPECT_EQ(limiter.on_retry_after("-1002198457731", api.retry_after, kStart + 100ms),
            RateLimiter::PauseScope::chat);
  EXPECT_EQ(limiter.delay_for("-1002198457731", true, kStart + 100ms), 7000ms);
  EXPECT_EQ(limiter.delay_for("5190233814", false, kStart + 100ms), 0ms);  // not held
  EXPECT_EQ(limiter.delay_for("-1002198457731", true, kStart + 7100ms), 0ms);
}

TEST(RateLimiter, RefusalsFromSeveralChatsCloseTogetherPauseEverything) {
  RateLimiter limiter;
  EXPECT_EQ(limiter.on_retry_after("a", 5s, kStart), RateLimiter::PauseScope::chat);
  EXPECT_EQ(limiter.on_retry_after("a", 5s, kStart + 100ms), RateLimiter::PauseScope::chat);
  EXPECT_EQ(limiter.on_retry_after("b", 5s, kStart + 200ms), RateLimiter::PauseScope::chat);
  EXPECT_EQ(limiter.delay_for("z", false, kStart + 200ms), 0ms);
  EXPECT_EQ(limiter.on_retry_after("c", 5s, kStart + 300ms), RateLimiter::PauseScope::all);
  EXPECT_EQ(limiter.delay_for("z", false, kStart + 300ms), 5000ms);
  // Refusals scattered among sends that get through are each chat's own limit.
  RateLimiter scattered;
  EXPECT_EQ(scattered.on_retry_after("a", 1s, kStart), RateLimiter::PauseScope::chat);
  scattered.on_delivered();
  EXPECT_EQ(scattered.on_retry_after("b", 1s, kStart + 10ms), RateLimiter::PauseScope::chat);
  scattered.on_delivered();
  EXPECT_EQ(scattered.on_retry_after("c", 1s, kStart + 20ms), RateLimiter::PauseScope::chat);
  EXPECT_EQ(scattered.delay_for("z", false, kStart + 20ms), 0ms);
  // Far apart, the same three chats are three separate chat limits.
  RateLimiter spread;
  EXPECT_EQ(spread.on_retry_after("a", 1s, kStart), RateLimiter::PauseScope::chat);
  EXPECT_EQ(spread.on_retry_after("b", 1s, kStart + 3s), RateLimiter::PauseScope::chat);
  EXPECT_EQ(spread.on_retry_after("c", 1s, kStart + 6s), RateLimiter::PauseScope::chat);
  EXPECT_EQ(spread.delay_for("z", false, kStart + 6s), 0ms);
}

TEST(RateLimiter, ChatPauseOnlyHoldsThatChat) {
  RateLimiter limiter;
  limiter.pause_chat_until("a", kStart + 5s);
  limiter.pause_chat_until("a", kStart + 2s);  // never shortens
  EXPECT_EQ(limiter.delay_for("a", false, kStart), 5000ms);
  EXPECT_EQ(limiter.delay_for("b", false, kStart), 0ms);
  limiter.pause_all_until(kStart + 3s);
  EXPECT_EQ(limiter.delay_for("b", false, kStart + 1s), 2000ms);
}

TEST(RateLimiter, DelaysRoundUpToWholeMilliseconds) {
  RateLimiter limiter;
  limiter.record_send("a", false, kStart);
  EXPECT_EQ(limiter.delay_for("a", false, kStart + 1ns), 1000ms);
  EXPECT_EQ(limiter.delay_for("a", false, kStart + 999999999ns), 1ms);
  EXPECT_EQ(limiter.delay_for("a", false, kStart + 1s), 0ms);
}

TEST(RateLimiter, ForgetsIdleChats) {
  RateLimiter limiter;
  for (int c = 0; c < 50; ++c) limiter.record_send("c" + std::to_string(c), c % 2 == 0, kStart);
  EXPECT_EQ(limiter.tracked_chats(), 50U);
  limiter.pause_chat_until("paused", kStart + 10min);
  limiter.record_send("late", false, kStart + 3min);
  EXPECT_EQ(limiter.tracked_chats(), 2U);  // "late" and the still-paused chat
  EXPECT_EQ(limiter.delay_for("c0", true, kStart + 3min), 0ms);
  EXPECT_EQ(limiter.delay_for("paused", false, kStart + 3min), 7min);
}

// Busy chats under high limits (as the load benchmarks set them): the history is what the
// windows still need, not the last `limit` sends of every chat for as long as it is busy.
TEST(RateLimiter, HoldsOnlyTheSendsStillInsideTheirWindows) {
  RateLimiter limiter(RateLimits{100000, 1000, 100000});
  TimePoint now = kStart;
  for (int i = 0; i < 20000; ++i) {  // 200 chats, 100 sends each, 200 sends a second in all
    now += 5ms;
    limiter.record_send("c" + std::to_string(i % 200), i % 4 == 0, now);
  }
  // The last second holds 200 sends; the groups' minute holds their sends of the last minute.
  EXPECT_LE(limiter.remembered_sends(), 200U + 200U + 50U * 60U);
  // The limits still hold: a second full of sends to one chat makes the next one wait.
  RateLimiter tight(RateLimits{100000, 3, 100000});
  tight.record_send("a", false, kStart);
  tight.record_send("a", false, kStart + 100ms);
  tight.record_send("a", false, kStart + 200ms);
  EXPECT_EQ(tight.delay_for("a", false, kStart + 300ms), 700ms);
  tight.record_send("a", false, kStart + 2s);
  EXPECT_EQ(tight.delay_for("a", false, kStart + 2s), 0ms);
  EXPECT_EQ(tight.remembered_sends(), 2U);  // "a" at 2 s, globally and for the chat
}

TEST(RateLimiter, DisabledLimits) {
  RateLimiter limiter(RateLimits{0, 0, 0});
  for (int i = 0; i < 100; ++i) limiter.record_send("a", true, kStart);
  EXPECT_EQ(limiter.delay_for("a", true, kStart), 0ms);
}

}  // namespace
}  // namespace wgbot
