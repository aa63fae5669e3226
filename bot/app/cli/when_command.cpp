#include "bot/app/cli/when_command.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <array>
#include <iostream>
#include <optional>
#include <sstream>

#include "bot/app/app.hpp"
#include "core/clock.hpp"
#include "handlers/reminder_text.hpp"
#include "handlers/time_text.hpp"

namespace wgbot::cli {

namespace {

std::optional<std::chrono::sys_seconds> parse_now(const std::string& text,
                                                  const timeexpr::Calendar& cal) {
  for (const char* format : {"%FT%T%Ez", "%FT%R%Ez", "%FT%TZ", "%FT%RZ"}) {
    std::istringstream in(text);
    std::chrono::sys_seconds t{};
    in >> date::parse(format, t);
    if (!in.fail() && in.peek() == EOF) return t;
  }
  for (const char* format : {"%FT%T", "%FT%R", "%F %T", "%F %R"}) {
    std::istringstream in(text);
    date::local_seconds t{};
    in >> date::parse(format, t);
    if (!in.fail() && in.peek() == EOF) return cal.to_sys(t);
  }
  return std::nullopt;
}

std::string iso_local(std::chrono::sys_seconds at, const timeexpr::Calendar& cal) {
  return date::format("%FT%T%Ez", date::zoned_time<std::chrono::seconds>(cal.zone, at));
}

}  // namespace

int when(const Config& config, const WhenArgs& args, std::ostream& out, std::ostream& err) {
  const auto cal = calendar_from(config);
  const Lang lang = lang_from_code(config.language, Lang::vi);
  std::chrono::sys_seconds now = SystemClock().now();
  if (!args.now.empty()) {
    const auto parsed = parse_now(args.now, cal);
    if (!parsed) {
      err << "wgbot: --now must be ISO 8601, e.g. 2026-11-26T10:00 or 2026-11-26T10:00:00+07:00\n";
      return kExitUsage;
    }
    now = *parsed;
  }
  if (args.purpose != "deadline" && args.purpose != "reminder") {
    err << "wgbot: --for must be deadline or reminder\n";
    return kExitUsage;
  }
  const auto purpose =
      args.purpose == "reminder" ? timeexpr::Purpose::reminder : timeexpr::Purpose::deadline;
  const auto result = timeexpr::parse_when(args.phrase, now, cal, when_options(config, purpose));
  if (const auto* error = std::get_if<timeexpr::WhenError>(&result)) {
    const std::string message = describe_when_error(lang, *error, purpose);
    if (args.json) {
      out << nlohmann::json{{"error", message}}.dump() << "\n";
    } else {
      out << message << "\n";
    }
    return kExitRuntime;
  }
  const auto& when = std::get<timeexpr::When>(result);
  if (args.json) {
    nlohmann::json j{{"at", iso_local(when.at, cal)}, {"rrule", nullptr}};
    if (when.recurrence) j["rrule"] = when.recurrence->rrule;
    out << j.dump() << "\n";
    return kExitOk;
  }
  const Msg key =
      purpose == timeexpr::Purpose::reminder ? Msg::when_means_reminder : Msg::when_means_deadline;
  std::string sentence = tr(lang, key, format_datetime(lang, when.at, cal));
  if (when.recurrence) {
    sentence +=
        " · " + tr(lang, Msg::when_repeats, describe_rule(lang, *when.recurrence, when.at, cal));
  }
  out << sentence << "\n";
  return kExitOk;
}

}  // namespace wgbot::cli
