#include "config/config_values.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <string_view>

#include "config/config_loader.hpp"

namespace wgbot {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& key, const std::string& why) {
  throw ConfigError("config: key '" + key + "' " + why);
}

std::chrono::minutes clock_time(const std::string& key, const json& value_json) {
  const std::string text = value_json.is_string() ? value_json.get<std::string>() : std::string();
  const auto value = parse_clock_time(text);
  if (!value) fail(key, "must be a time of day like 07:30, got \"" + text + "\"");
  return *value;
}

void parse_listen(const std::string& text, Config& config) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    fail("listen", "must be host:port, got \"" + text + "\"");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto* end = port_text.data() + port_text.size();
  auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
  if (port_text.empty() || ec != std::errc{} || ptr != end || port > 65535) {
    fail("listen", "has a bad port in \"" + text + "\"");
  }
  config.listen_host = host;
  config.listen_port = static_cast<std::uint16_t>(port);
}

std::vector<int> parse_workdays(const std::vector<std::string>& names) {
  static constexpr std::array<const char*, 7> kNames = {"sun", "mon", "tue", "wed",
                                                        "thu", "fri", "sat"};
  std::vector<int> days;
  for (const auto& name : names) {
    bool found = false;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (name == kNames.at(i)) {
        days.push_back(static_cast<int>(i));
        found = true;
      }
    }
    if (!found) fail("schedule.workdays", "has an unknown day \"" + name + "\" (use mon…sun)");
  }
  return days;
}

void check_holidays(const std::vector<std::string>& days) {
  for (const auto& text : days) {
    std::istringstream in(text);
    date::year_month_day ymd{};
    in >> date::parse("%F", ymd);
    if (in.fail() || !ymd.ok() || text.size() != 10) {
      fail("schedule.holidays", "has \"" + text + "\", expected YYYY-MM-DD");
    }
  }
}

void check_positive(const std::string& key, long long value) {
  if (value <= 0) fail(key, "must be positive");
}

// The host of an "http://host[:port][/…]" URL, lower-cased; IPv6 literals keep their brackets.
std::string http_host(std::string_view url) {
  std::string_view rest = url.substr(std::string_view("http://").size());
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  std::string_view host = rest;
  if (rest.starts_with('[')) {
    host = rest.substr(0, rest.find(']') + 1);
  } else if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
  }
  std::string out(host);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (!host.starts_with("127.")) return false;
  return std::all_of(host.begin(), host.end(), [](char ch) {
    return ch == '.' || std::isdigit(static_cast<unsigned char>(ch));
  });
}

// Platform APIs are reached over TLS, always verified: tokens travel in their URLs. Plain HTTP
// is for a fake API on this machine only (tests, a local relay), never a remote host.
void check_url(const std::string& key, const std::string& url) {
  if (!url.empty() && !url.starts_with("http://") && !url.starts_with("https://")) {
    fail(key, "must start with http:// or https://");
  }
  if (url.starts_with("http://") && !is_loopback_host(http_host(url))) {
    fail(key, "must use https:// (plain http:// is allowed for a loopback host only)");
  }
}

void build_platforms(const std::map<std::string, json>& v, Config& c) {
  c.telegram.token = v.at("telegram.token").get<std::string>();
  c.telegram.webhook_secret = v.at("telegram.webhook_secret").get<std::string>();
  c.telegram.api_base_url = v.at("telegram.api_base_url").get<std::string>();
  c.telegram.rate.global_per_s = v.at("telegram.rate.global_per_s").get<int>();
  c.telegram.rate.per_chat_per_s = v.at("telegram.rate.per_chat_per_s").get<int>();
  c.telegram.rate.per_group_per_min = v.at("telegram.rate.per_group_per_min").get<int>();
  check_positive("telegram.rate.global_per_s", c.telegram.rate.global_per_s);
  check_positive("telegram.rate.per_chat_per_s", c.telegram.rate.per_chat_per_s);
  check_positive("telegram.rate.per_group_per_min", c.telegram.rate.per_group_per_min);
  c.zalo_bot.token = v.at("zalo_bot.token").get<std::string>();
  c.zalo_bot.webhook_secret = v.at("zalo_bot.webhook_secret").get<std::string>();
  c.zalo_bot.api_base_url = v.at("zalo_bot.api_base_url").get<std::string>();
  c.zalo_oa.app_id = v.at("zalo_oa.app_id").get<std::string>();
  c.zalo_oa.app_secret = v.at("zalo_oa.app_secret").get<std::string>();
  c.zalo_oa.oa_secret = v.at("zalo_oa.oa_secret").get<std::string>();
  c.zalo_oa.refresh_token = v.at("zalo_oa.refresh_token").get<std::string>();
  c.zalo_oa.api_base_url = v.at("zalo_oa.api_base_url").get<std::string>();
  c.zalo_oa.oauth_base_url = v.at("zalo_oa.oauth_base_url").get<std::string>();
  for (const char* key : {"telegram.api_base_url", "zalo_bot.api_base_url", "zalo_oa.api_base_url",
                          "zalo_oa.oauth_base_url", "public_url"}) {
    check_url(key, v.at(key).get<std::string>());
  }
  if (c.zalo_oa.enabled()) {
    for (const char* key : {"zalo_oa.app_secret", "zalo_oa.oa_secret", "zalo_oa.refresh_token"}) {
      if (v.at(key).get<std::string>().empty()) {
        fail(key, "is required when zalo_oa.app_id is set (" + env_name_for(key) + ")");
      }
    }
  }
}

void build_schedule(const std::map<std::string, json>& v, ScheduleConfig& s) {
  s.digest_time = clock_time("schedule.digest_time", v.at("schedule.digest_time"));
  s.digest_roles = v.at("schedule.digest_roles").get<std::vector<std::string>>();
  const auto quiet = v.at("schedule.quiet_hours").get<std::string>();
  const auto dash = quiet.find('-');
  if (dash == std::string::npos) fail("schedule.quiet_hours", "must look like 21:00-07:00");
  s.quiet_start = clock_time("schedule.quiet_hours", json(quiet.substr(0, dash)));
  s.quiet_end = clock_time("schedule.quiet_hours", json(quiet.substr(dash + 1)));
  s.nudge_time = clock_time("schedule.nudge_time", v.at("schedule.nudge_time"));
  s.nudge_offsets_days = v.at("schedule.nudge_offsets_days").get<std::vector<int>>();
  for (int d : s.nudge_offsets_days) {
    if (d < 0) fail("schedule.nudge_offsets_days", "must not be negative");
  }
  s.overdue_time = clock_time("schedule.overdue_time", v.at("schedule.overdue_time"));
  s.escalate_after = v.at("schedule.escalate_after").get<int>();
  check_positive("schedule.escalate_after", s.escalate_after);
  s.default_deadline_time =
      clock_time("schedule.default_deadline_time", v.at("schedule.default_deadline_time"));
  s.default_reminder_time =
      clock_time("schedule.default_reminder_time", v.at("schedule.default_reminder_time"));
  s.workdays = parse_workdays(v.at("schedule.workdays").get<std::vector<std::string>>());
  s.holidays = v.at("schedule.holidays").get<std::vector<std::string>>();
  check_holidays(s.holidays);
  s.no_progress_days = v.at("schedule.no_progress_days").get<int>();
  check_positive("schedule.no_progress_days", s.no_progress_days);
}

}  // namespace

std::optional<std::chrono::minutes> parse_clock_time(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return std::chrono::minutes{h * 60 + m};
}

Config build_config(const std::map<std::string, json>& v) {
  Config c;
  c.db = v.at("db").get<std::string>();
  if (c.db.empty()) fail("db", "must not be empty");
  parse_listen(v.at("listen").get<std::string>(), c);
  c.public_url = v.at("public_url").get<std::string>();
  c.timezone = v.at("timezone").get<std::string>();
  try {
    (void)date::locate_zone(c.timezone);
  } catch (const std::exception&) {
    fail("timezone", "names an unknown time zone \"" + c.timezone + "\"");
  }
  c.language = v.at("language").get<std::string>();
  if (c.language != "vi" && c.language != "en") fail("language", R"(must be "vi" or "en")");
  c.demo = v.at("demo").get<bool>();
  c.admins = v.at("admins").get<std::vector<std::string>>();
  c.task_assigners = v.at("tasks.assigners").get<std::vector<std::string>>();
  build_platforms(v, c);
  build_schedule(v, c.schedule);
  const auto body = v.at("http.max_body_bytes").get<long long>();
  const auto conns = v.at("http.max_connections").get<long long>();
  check_positive("http.max_body_bytes", body);
  check_positive("http.max_connections", conns);
  c.http_max_body_bytes = static_cast<std::size_t>(body);
  c.http_max_connections = static_cast<std::size_t>(conns);
  c.retention_days = v.at("retention_days").get<int>();
  check_positive("retention_days", c.retention_days);
  c.log_level = v.at("log.level").get<std::string>();
  if (c.log_level != "trace" && c.log_level != "debug" && c.log_level != "info" &&
      c.log_level != "warn" && c.log_level != "error") {
    fail("log.level", "must be one of trace, debug, info, warn, error");
  }
  c.log_format = v.at("log.format").get<std::string>();
  if (c.log_format != "text" && c.log_format != "json") fail("log.format", "must be text or json");
  return c;
}

}  // namespace wgbot
