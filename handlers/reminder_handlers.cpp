#include "handlers/reminder_handlers.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

#include "handlers/reminder_text.hpp"
#include "handlers/time/duration.hpp"
#include "handlers/time/when_parser.hpp"
#include "handlers/time_text.hpp"
#include "storage/reminder_repository.hpp"
#include "storage/task_repository.hpp"

namespace wgbot {

namespace {

constexpr std::size_t kMaxTextChars = 1000;
constexpr std::size_t kListTextChars = 60;
constexpr int kMaxListed = 30;
constexpr std::chrono::minutes kDefaultSnooze{60};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

// At most `max` characters, cut on a character boundary, "…" when shortened.
std::string shorten(std::string_view s, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(s[i])) continue;
    if (chars++ == max) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

// "12" or "#12".
std::optional<std::int64_t> parse_id(std::string_view s) {
  if (s.starts_with('#')) s.remove_prefix(1);
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

std::chrono::sys_seconds at(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}

std::optional<timeexpr::Recurrence> rule_of(const storage::Reminder& r) {
  if (!r.rrule) return std::nullopt;
  return timeexpr::Recurrence{*r.rrule, r.skip_holidays};
}

std::string list_line(Lang lang, const storage::Reminder& r, const timeexpr::Calendar& cal) {
  const std::string next = format_datetime(lang, at(r.next_at.value_or(r.start_at)), cal);
  const std::string body = shorten(r.text, kListTextChars);
  if (const auto rule = rule_of(r)) {
    return tr(lang, Msg::reminders_line_recurring, r.id,
              describe_rule(lang, *rule, at(r.start_at), cal), next, body);
  }
  return tr(lang, Msg::reminders_line_once, r.id, next, body);
}

// A task notice snoozed: a one-off reminder of the task, to this chat, for an assignee of an
// open task.
void snooze_task(HandlerContext& ctx, std::int64_t task_id, std::chrono::minutes delay) {
  const auto record = storage::TaskRepository(ctx.db).record(task_id);
  if (!record || record->task.status != TaskStatus::open || !record->has_assignee(ctx.member->id)) {
    ctx.reply_tr(Msg::task_snooze_refused, task_id);
    return;
  }
  const auto when = ctx.now + std::chrono::duration_cast<std::chrono::seconds>(delay);
  const std::string body =
      tr(ctx.lang, Msg::task_snooze_text, task_id, record->task.title, task_id);
  const auto id = storage::ReminderRepository(ctx.db).add(
      storage::NewReminder{ctx.member->id, ctx.in.platform, ctx.in.chat_id, body,
                           when.time_since_epoch().count()},
      ctx.now_seconds());
  ctx.reply_tr(Msg::snooze_done, format_datetime(ctx.lang, when, calendar_from(ctx.config)),
               shorten(body, kListTextChars), id);
}

}  // namespace

void handle_remind(HandlerContext& ctx) {
  const auto cal = calendar_from(ctx.config);
  const auto options = when_options(ctx.config, timeexpr::Purpose::reminder);
  auto split = timeexpr::split_reminder(ctx.args);
  // Without a colon, or with one that does not end a time ("gửi báo cáo: bản cuối lúc 9h"), the
  // time may end the text after "lúc"/"vào".
  if (!split || std::holds_alternative<timeexpr::WhenError>(
                    timeexpr::parse_when(split->when, ctx.now, cal, options))) {
    if (auto trailing = timeexpr::split_reminder_trailing(ctx.args, ctx.now, cal, options)) {
      split = std::move(trailing);
    }
  }
  if (!split || split->when.empty()) {
    ctx.reply_tr(Msg::remind_usage);
    return;
  }
  if (split->text.empty()) {
    ctx.reply_tr(Msg::remind_no_text, split->when);
    return;
  }
  if (utf8_length(split->text) > kMaxTextChars) {
    ctx.reply_tr(Msg::remind_text_too_long, kMaxTextChars);
    return;
  }
  const auto parsed = timeexpr::parse_when(split->when, ctx.now, cal, options);
  if (const auto* error = std::get_if<timeexpr::WhenError>(&parsed)) {
    ctx.reply(describe_when_error(ctx.lang, *error, timeexpr::Purpose::reminder));
    return;
  }
  const auto& when = std::get<timeexpr::When>(parsed);
  storage::NewReminder reminder{ctx.member->id, ctx.in.platform, ctx.in.chat_id, split->text,
                                when.at.time_since_epoch().count()};
  if (when.recurrence) {
    reminder.rrule = when.recurrence->rrule;
    reminder.skip_holidays = when.recurrence->skip_holidays;
  }
  const auto id = storage::ReminderRepository(ctx.db).add(reminder, ctx.now_seconds());
  const std::string first = format_datetime(ctx.lang, when.at, cal);
  if (when.recurrence) {
    ctx.reply_tr(Msg::remind_set_recurring, id,
                 describe_rule(ctx.lang, *when.recurrence, when.at, cal), split->text, first);
  } else {
    ctx.reply_tr(Msg::remind_set_once, id, first, split->text);
  }
}

void handle_reminders(HandlerContext& ctx) {
  storage::ReminderRepository repo(ctx.db);
  const auto total = repo.count_active_for_member(ctx.member->id);
  if (total == 0) {
    ctx.reply_tr(Msg::reminders_none);
    return;
  }
  const auto cal = calendar_from(ctx.config);
  std::string body = tr(ctx.lang, Msg::reminders_header, total);
  for (const auto& r : repo.active_for_member(ctx.member->id, kMaxListed)) {
    body += '\n' + list_line(ctx.lang, r, cal);
  }
  if (total > kMaxListed) body += '\n' + tr(ctx.lang, Msg::reminders_more, total - kMaxListed);
  body += '\n' + std::string(text(ctx.lang, Msg::reminders_footer));
  ctx.reply(std::move(body));
}

void handle_unremind(HandlerContext& ctx) {
  const auto id = parse_id(trim(ctx.args));
  if (!id) {
    ctx.reply_tr(Msg::unremind_usage);
    return;
  }
  storage::ReminderRepository repo(ctx.db);
  const auto reminder = repo.by_id(*id);
  if (!reminder || !repo.cancel(*id, ctx.member->id)) {
    ctx.reply_tr(Msg::unremind_not_found, *id);
    return;
  }
  ctx.reply_tr(Msg::unremind_done, *id, shorten(reminder->text, kListTextChars));
}

void handle_snooze(HandlerContext& ctx) {
  const std::string_view args = trim(ctx.args);
  const auto space = args.find_first_of(" \t");
  std::string_view target = args.substr(0, space);
  // "nv12" (the ⏰ button of a task notice): task #12, not reminder #12.
  const bool task = target.size() > 2 && (target.starts_with("nv") || target.starts_with("NV"));
  if (task) target.remove_prefix(2);
  const auto id = parse_id(target);
  if (!id) {
    ctx.reply_tr(Msg::snooze_usage);
    return;
  }
  const std::string_view rest = space == std::string_view::npos ? "" : trim(args.substr(space));
  const auto delay = rest.empty() ? std::optional(kDefaultSnooze) : timeexpr::parse_duration(rest);
  if (!delay) {
    ctx.reply_tr(Msg::snooze_bad_duration, rest);
    return;
  }
  if (task) {
    snooze_task(ctx, *id, *delay);
    return;
  }
  storage::ReminderRepository repo(ctx.db);
  const auto reminder = repo.by_id(*id);
  if (!reminder || reminder->member_id != ctx.member->id || reminder->status == "cancelled") {
    ctx.reply_tr(Msg::snooze_not_found, *id);
    return;
  }
  // A one-off reminder that has not fired yet is delayed from its own time, never brought forward.
  auto from = ctx.now;
  if (!reminder->rrule && reminder->status == "active" && reminder->next_at) {
    from = std::max(from, std::chrono::sys_seconds{std::chrono::seconds{*reminder->next_at}});
  }
  const auto when = from + std::chrono::duration_cast<std::chrono::seconds>(*delay);
  const std::int64_t when_s = when.time_since_epoch().count();
  std::int64_t fires = reminder->id;
  if (reminder->rrule) {
    // The rule keeps its own times; the extra firing is a one-off reminder of its own.
    fires = repo.add(storage::NewReminder{reminder->member_id, reminder->platform,
                                          reminder->chat_id, reminder->text, when_s},
                     ctx.now_seconds());
  } else {
    repo.reschedule(reminder->id, when_s);
  }
  ctx.reply_tr(Msg::snooze_done, format_datetime(ctx.lang, when, calendar_from(ctx.config)),
               shorten(reminder->text, kListTextChars), fires);
}

}  // namespace wgbot
