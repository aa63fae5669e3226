// The typed configuration, one field per key of the schema. Loaded once; shared read-only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wgbot {

struct RateConfig {
  int global_per_s = 30;
  int per_chat_per_s = 1;
  int per_group_per_min = 20;
};

struct TelegramConfig {
  std::string token;
  std::string webhook_secret;
  std::string api_base_url;
  RateConfig rate;
  [[nodiscard]] bool enabled() const { return !token.empty(); }
};

struct ZaloBotConfig {
  std::string token;
  std::string webhook_secret;
  std::string api_base_url;
  [[nodiscard]] bool enabled() const { return !token.empty(); }
};

struct ZaloOaConfig {
  std::string app_id;
  std::string app_secret;
  std::string oa_secret;
  std::string refresh_token;
  std::string api_base_url;
  std::string oauth_base_url;
  [[nodiscard]] bool enabled() const { return !app_id.empty(); }
};

struct ScheduleConfig {
  std::chrono::minutes digest_time{7 * 60 + 30};
  std::vector<std::string> digest_roles;
  std::chrono::minutes quiet_start{21 * 60};
  std::chrono::minutes quiet_end{7 * 60};
  std::chrono::minutes nudge_time{8 * 60};
  std::vector<int> nudge_offsets_days;
  std::chrono::minutes overdue_time{8 * 60 + 30};
  int escalate_after = 3;
  std::chrono::minutes default_deadline_time{17 * 60};
  std::chrono::minutes default_reminder_time{8 * 60};
  std::vector<int> workdays;          // 0 = Sunday … 6 = Saturday
  std::vector<std::string> holidays;  // YYYY-MM-DD
  int no_progress_days = 5;
};

struct Config {
  std::string db;
  std::string listen_host;
  std::uint16_t listen_port = 8080;
  std::string public_url;
  std::string timezone;
  std::string language;
  bool demo = true;
  std::vector<std::string> admins;
  std::vector<std::string> task_assigners;
  TelegramConfig telegram;
  ZaloBotConfig zalo_bot;
  ZaloOaConfig zalo_oa;
  ScheduleConfig schedule;
  std::size_t http_max_body_bytes = std::size_t{1} << 20U;
  std::size_t http_max_connections = 512;
  int retention_days = 90;  // handled inbox and sent outbox rows are kept this long (≥ 30 days)
  std::string log_level;
  std::string log_format;
};

}  // namespace wgbot
