#include "config/config_schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace wgbot {

const std::vector<KeyDef>& config_schema() {
  static const std::vector<KeyDef> kSchema = {
      {"db", KeyType::string, R"("data/wgbot.db")"},
      {"listen", KeyType::string, R"("127.0.0.1:8080")"},
      {"public_url", KeyType::string, R"("")"},
      {"timezone", KeyType::string, R"("Asia/Ho_Chi_Minh")"},
      {"language", KeyType::string, R"("vi")"},
      {"demo", KeyType::boolean, "true"},
      {"admins", KeyType::string_list, "[]"},
      {"tasks.assigners", KeyType::string_list, "[]", false, true},
      {"telegram.token", KeyType::string, R"("")", true},
      {"telegram.webhook_secret", KeyType::string, R"("")", true},
      {"telegram.api_base_url", KeyType::string, R"("https://api.telegram.org")"},
      {"telegram.rate.global_per_s", KeyType::integer, "30"},
      {"telegram.rate.per_chat_per_s", KeyType::integer, "1"},
      {"telegram.rate.per_group_per_min", KeyType::integer, "20"},
      {"zalo_bot.token", KeyType::string, R"("")", true},
      {"zalo_bot.webhook_secret", KeyType::string, R"("")", true},
      {"zalo_bot.api_base_url", KeyType::string, R"("https://bot-api.zaloplatforms.com")"},
      {"zalo_oa.app_id", KeyType::string, R"("")"},
      {"zalo_oa.app_secret", KeyType::string, R"("")", true},
      {"zalo_oa.oa_secret", KeyType::string, R"("")", true},
      {"zalo_oa.refresh_token", KeyType::string, R"("")", true},
      {"zalo_oa.api_base_url", KeyType::string, R"("https://openapi.zalo.me")"},
      {"zalo_oa.oauth_base_url", KeyType::string, R"("https://oauth.zaloapp.com")"},
      {"schedule.digest_time", KeyType::string, R"("07:30")", false, true},
      {"schedule.digest_roles", KeyType::string_list, R"(["chairman","vice_chairman","standing"])",
       false, true},
      {"schedule.quiet_hours", KeyType::string, R"("21:00-07:00")", false, true},
      {"schedule.nudge_time", KeyType::string, R"("08:00")", false, true},
      {"schedule.nudge_offsets_days", KeyType::int_list, "[3,1,0]", false, true},
      {"schedule.overdue_time", KeyType::string, R"("08:30")", false, true},
      {"schedule.escalate_after", KeyType::integer, "3", false, true},
      {"schedule.default_deadline_time", KeyType::string, R"("17:00")", false, true},
      {"schedule.default_reminder_time", KeyType::string, R"("08:00")", false, true},
      {"schedule.workdays", KeyType::string_list, R"(["mon","tue","wed","thu","fri"])", false,
       true},
      {"schedule.holidays", KeyType::string_list, "[]", false, true},
      {"schedule.no_progress_days", KeyType::integer, "5", false, true},
      {"http.max_body_bytes", KeyType::integer, "1048576"},
      {"http.max_connections", KeyType::integer, "512"},
      {"retention_days", KeyType::integer, "90"},
      {"log.level", KeyType::string, R"("info")"},
      {"log.format", KeyType::string, R"("text")"},
  };
  return kSchema;
}

const KeyDef* find_key(const std::string& key) {
  for (const auto& def : config_schema()) {
    if (key == def.key) return &def;
  }
  return nullptr;
}

const char* type_name(KeyType type) {
  switch (type) {
    case KeyType::string:
      return "a string";
    case KeyType::integer:
      return "an integer";
    case KeyType::boolean:
      return "true or false";
    case KeyType::string_list:
      return "a list of strings";
    case KeyType::int_list:
      return "a list of integers";
  }
  return "a value";
}

bool matches_type(const nlohmann::json& value, KeyType type) {
  switch (type) {
    case KeyType::string:
      return value.is_string();
    case KeyType::integer:
      return value.is_number_integer();
    case KeyType::boolean:
      return value.is_boolean();
    case KeyType::string_list:
      return value.is_array() &&
             std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); });
    case KeyType::int_list:
      return value.is_array() && std::all_of(value.begin(), value.end(),
                                             [](const auto& v) { return v.is_number_integer(); });
  }
  return false;
}

}  // namespace wgbot
