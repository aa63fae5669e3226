// The user-facing text catalogue. Every string a user reads is keyed here; each language's file
// (messages_vi.cpp, messages_en.cpp) must define every key — the compiler checks the switch.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "storage/model.hpp"

namespace wgbot {

enum class Lang { vi, en };

Lang lang_from_code(std::string_view code, Lang fallback);
std::string_view lang_code(Lang lang);

enum class Msg {
  // general
  unknown_command,
  not_linked,
  not_allowed,
  internal_error,
  not_a_command_private,
  text_only_private,  // a photo, sticker or voice message where only text is read
  usage_prefix,
  // /start
  start_greeting_linked,
  start_greeting_unlinked,
  start_linked,
  start_bad_code,
  start_already_linked,
  // /help
  help_header,
  help_footer,
  help_start,
  help_help,
  help_whoami,
  help_members,
  help_whois,
  help_units,
  help_lang,
  help_notify,
  // /whoami
  whoami_line_name,
  whoami_line_title,
  whoami_line_unit,
  whoami_line_role,
  whoami_admin,
  whoami_accounts,
  whoami_no_accounts,
  // /members
  members_header,
  members_header_filtered,
  members_none,
  members_line,
  members_never_started,
  // /whois
  whois_usage,
  whois_none,
  whois_many,
  whois_line_name,
  whois_line_title_unit,
  whois_line_role,
  whois_line_contact,
  // /units
  units_header,
  units_line,
  units_none,
  // /lang
  lang_usage,
  lang_set,
  // /notify here
  notify_usage,
  notify_set,
  notify_set_no_private_chat,
  notify_console,
  // roles
  role_chairman,
  role_vice_chairman,
  role_standing,
  role_member,
  role_staff,
  role_admin,
  // words
  no_unit,
  no_title,
  // dates and time phrases
  weekday_sun,
  weekday_mon,
  weekday_tue,
  weekday_wed,
  weekday_thu,
  weekday_fri,
  weekday_sat,
  datetime_format,
  when_error_empty,
  when_error_unreadable,
  when_error_in_past,
  when_error_impossible_date,
  when_error_needs_year,
  when_error_recurrence_not_allowed,
  when_example_deadline,
  when_example_reminder,
  when_means_deadline,
  when_means_reminder,
  when_repeats,
  // tasks
  help_task,
  help_tasks,
  help_ack,
  help_done,
  help_progress,
  help_due,
  help_assign,
  help_cancel,
  help_reopen,
  task_person,
  task_no_deadline,
  task_state_done,  // done, and it had no deadline
  task_state_done_on_time,
  task_state_done_late,
  task_state_on_time,
  task_state_overdue,
  task_state_no_progress,
  task_state_cancelled,
  task_usage,
  task_mention_unknown,
  task_mention_unit_no_contact,
  task_mention_not_linked,
  task_assign_refused,
  task_created_for,
  task_created_self,
  task_line_title,
  task_line_lead,
  task_line_support,
  task_line_due,
  task_line_no_due,
  task_line_src,
  task_line_assigner,
  task_line_state,
  task_line_progress,
  task_line_note,
  task_detail_header,
  task_history_header,
  task_event_line,
  task_event_created,
  task_event_created_due,
  task_event_ack,
  task_event_progress,
  task_event_done,
  task_event_due,
  task_event_assign,
  task_event_cancel,
  task_event_reopen,
  task_event_note,
  task_event_system,
  task_not_found,
  task_not_visible,
  task_is_done,
  task_is_cancelled,
  task_hint_lead,
  task_hint_detail,
  task_button_ack,
  task_button_done,
  task_button_detail,
  tasks_usage,
  tasks_title_mine,
  tasks_title_all,
  tasks_title_overdue,
  tasks_title_done,
  tasks_title_member,
  tasks_title_unit,
  tasks_header,
  tasks_empty,
  tasks_entry_title,
  tasks_entry_detail,
  tasks_entry_due,
  tasks_next_page,
  tasks_bad_page,
  tasks_unknown_unit,
  tasks_scope_refused,
  ack_usage,
  ack_refused,
  ack_already,
  ack_done,
  done_usage,
  report_refused,
  done_ok,
  progress_usage,
  progress_ok,
  due_usage,
  manage_refused,
  due_ok,
  assign_usage,
  assign_same,
  assign_ok,
  cancel_usage,
  cancel_ok,
  reopen_usage,
  reopen_already_open,
  reopen_ok,
  notify_assigned_lead,
  notify_assigned_support,
  notify_reassigned_away,
  notify_redated,
  notify_cancelled,
  notify_done,
  notify_reopened,
  // reminders and the scheduler
  help_remind,
  help_reminders,
  help_unremind,
  help_snooze,
  remind_usage,
  remind_no_text,
  remind_text_too_long,
  remind_set_once,
  remind_set_recurring,
  reminders_header,
  reminders_none,
  reminders_line_once,
  reminders_line_recurring,
  reminders_more,
  reminders_footer,
  unremind_usage,
  unremind_not_found,
  unremind_done,
  snooze_usage,
  snooze_bad_duration,
  snooze_not_found,
  snooze_done,
  rule_daily,
  rule_workdays,
  rule_weekly,
  rule_monthly,
  reminder_notice,
  late_mark,
  reminder_snooze_button,
  reminder_snooze_hint,
  nudge_before,
  nudge_day_of,
  nudge_overdue,
  nudge_escalated_lead,
  nudge_escalated_leaders,
  nudge_button_done,
  nudge_button_detail,
  nudge_hint_lead,
  nudge_hint_detail,
  // roster administration, invites, audit, broadcast, export
  // (end of roster administration)
  // the daily digest
  // (end of the daily digest)
  // office phrases and wording
  when_error_weekday_mismatch,
  rule_quarterly,
  rule_yearly,
  rule_month_end,
  due_off_day,
  due_holiday,
  overdue_days,
  overdue_one_day,
  overdue_since_today,
  done_short_on_time,
  done_short_late,
  notify_done_no_deadline,
  due_example,
  task_snooze_hint,
  task_snooze_text,
  task_snooze_refused,
  // (end of office phrases and wording)
  // operations
  // (end of operations)
};

std::string_view text_vi(Msg key);
std::string_view text_en(Msg key);

inline std::string_view text(Lang lang, Msg key) {
  return lang == Lang::en ? text_en(key) : text_vi(key);
}

template <typename... Args>
std::string tr(Lang lang, Msg key, Args&&... args) {
  return fmt::format(fmt::runtime(text(lang, key)), std::forward<Args>(args)...);
}

std::string_view role_name(Lang lang, Role role);

}  // namespace wgbot
