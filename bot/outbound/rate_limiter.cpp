#include "bot/outbound/rate_limiter.hpp"

#include <set>

#include <algorithm>

namespace wgbot {
namespace {

using TimePoint = RateLimiter::TimePoint;

constexpr std::chrono::seconds kSecond{1};
constexpr std::chrono::minutes kMinute{1};
constexpr std::chrono::seconds kForgetEvery{10};

// Earliest time a new send fits a sliding window of `max` sends per `window`: with `max` sends
// recorded, the oldest of them must have left the window.
TimePoint window_free_at(const std::deque<TimePoint>& recent, int max,
                         std::chrono::nanoseconds window) {
  if (max <= 0 || recent.size() < static_cast<std::size_t>(max)) return TimePoint::min();
  return recent[recent.size() - static_cast<std::size_t>(max)] + window;
}

// Only the last `max` sends matter for window_free_at, and only those still inside the window:
// older ones are dropped. Keeping just the last `max` would hold `max` timestamps for every busy
// chat for as long as it stays busy (with a raised per-chat limit, megabytes that are never
// used again); keeping just the window's bounds the history by the actual send rate.
void remember(std::deque<TimePoint>& recent, int max, TimePoint now,
              std::chrono::nanoseconds window) {
  if (max <= 0) return;
  recent.push_back(now);
  while (recent.size() > static_cast<std::size_t>(max) || recent.front() + window <= now) {
    recent.pop_front();
  }
}

}  // namespace

RateLimiter::RateLimiter(RateLimits limits) : limits_(limits) {}

std::chrono::milliseconds RateLimiter::delay_for(std::string_view chat_id, bool is_group,
                                                 TimePoint now) const {
  TimePoint ready =
      std::max(global_paused_until_, window_free_at(global_recent_, limits_.global_per_s, kSecond));
  if (const auto it = chats_.find(chat_id); it != chats_.end()) {
    const ChatState& chat = it->second;
    ready = std::max(
        {ready, chat.paused_until, window_free_at(chat.recent, limits_.per_chat_per_s, kSecond)});
    if (is_group) {
      ready =
          std::max(ready, window_free_at(chat.group_recent, limits_.per_group_per_min, kMinute));
    }
  }
  if (ready <= now) return std::chrono::milliseconds{0};
  return std::chrono::ceil<std::chrono::milliseconds>(ready - now);
}

void RateLimiter::record_send(std::string_view chat_id, bool is_group, TimePoint now) {
  forget_idle(now);
  remember(global_recent_, limits_.global_per_s, now, kSecond);
  auto it = chats_.find(chat_id);
  if (it == chats_.end()) it = chats_.emplace(std::string(chat_id), ChatState{}).first;
  ChatState& chat = it->second;
  remember(chat.recent, limits_.per_chat_per_s, now, kSecond);
  if (is_group) remember(chat.group_recent, limits_.per_group_per_min, now, kMinute);
  chat.last_active = std::max(chat.last_active, now);
}

void RateLimiter::pause_all_until(TimePoint until) {
  global_paused_until_ = std::max(global_paused_until_, until);
}

void RateLimiter::pause_chat_until(std::string_view chat_id, TimePoint until) {
  auto it = chats_.find(chat_id);
  if (it == chats_.end()) it = chats_.emplace(std::string(chat_id), ChatState{}).first;
  it->second.paused_until = std::max(it->second.paused_until, until);
}

RateLimiter::PauseScope RateLimiter::on_retry_after(std::string_view chat_id,
                                                    std::chrono::seconds retry_after,
                                                    TimePoint now) {
  pause_chat_until(chat_id, now + retry_after);
  while (!recent_refusals_.empty() && recent_refusals_.front().first + kRefusalWindow <= now) {
    recent_refusals_.pop_front();
  }
  recent_refusals_.emplace_back(now, std::string(chat_id));
  std::set<std::string_view> chats;
  for (const auto& refusal : recent_refusals_) chats.insert(refusal.second);
  if (chats.size() < kChatsForGlobalPause) return PauseScope::chat;
  pause_all_until(now + retry_after);
  return PauseScope::all;
}

void RateLimiter::forget_idle(TimePoint now) {
  // The group window (1 min) is shorter than kIdleForget, so a forgotten chat has no send
  // left that could still count against it.
  static_assert(kIdleForget > kMinute);
  if (now - last_forget_ < kForgetEvery) return;
  last_forget_ = now;
  std::erase_if(chats_, [now](const auto& entry) {
    const ChatState& chat = entry.second;
    return std::max(chat.last_active, chat.paused_until) + kIdleForget < now;
  });
}

std::size_t RateLimiter::remembered_sends() const {
  std::size_t n = global_recent_.size();
  for (const auto& [chat, state] : chats_) n += state.recent.size() + state.group_recent.size();
  return n;
}

}  // namespace wgbot
