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
