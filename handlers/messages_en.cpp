// English catalogue.
#include "handlers/messages.hpp"

namespace wgbot {

std::string_view text_en(Msg key) {
  switch (key) {
    case Msg::unknown_command:
      return "There is no command {}. Send /help to see the commands.";
    case Msg::not_linked:
      return "This account is not linked yet. Please send /start with the invite code from the "
             "Office.";
    case Msg::not_allowed:
      return "You are not allowed to use {}.";
    case Msg::internal_error:
      return "Sorry, something went wrong. Please try again later.";
    case Msg::not_a_command_private:
      return "Commands start with /. Send /help to see them.";
    case Msg::usage_prefix:
      return "Usage: {}";
    case Msg::start_greeting_linked:
      return "Hello, {}! The working group's assistant is ready. Send /help to see the commands.";
    case Msg::start_greeting_unlinked:
      return "Hello! This is the assistant of the working group of Hanoi's Steering Committee "
             "for e-Government.\nTo begin, send /start with the invite code from the Office, "
             "e.g. /start HN7Q2K";
    case Msg::start_linked:
      return "This account is now linked to {}. Send /help to see the commands.";
    case Msg::start_bad_code:
      return "The invite code {} is invalid or has expired. Please ask the Office for a new one.";
    case Msg::start_already_linked:
      return "This account is already linked to {}.";
    case Msg::help_header:
      return "**Commands of the working group's assistant**";
    case Msg::help_footer:
      return "Vietnamese names work too, e.g. /ai for /whois.";
    case Msg::help_start:
      return "/start CODE — link this account with an invite code";
    case Msg::help_help:
      return "/help — the list of commands";
    case Msg::help_whoami:
      return "/whoami — my details";
    case Msg::help_members:
      return "/members [unit|role] — the roster, e.g. /members vpub";
    case Msg::help_whois:
      return "/whois NAME — look up a member, e.g. /whois quy";
    case Msg::help_units:
      return "/units — the units";
    case Msg::help_lang:
      return "/lang vi|en — change the language, e.g. /lang vi";
    case Msg::whoami_line_name:
      return "{} (@{})";
    case Msg::whoami_line_title:
      return "Title: {}";
    case Msg::whoami_line_unit:
      return "Unit: {}";
    case Msg::whoami_line_role:
      return "Role: {}";
    case Msg::whoami_admin:
      return "Admin: yes";
    case Msg::whoami_accounts:
      return "Linked accounts: {}";
    case Msg::whoami_no_accounts:
      return "Linked accounts: none";
    case Msg::members_header:
      return "**Members ({})**";
    case Msg::members_header_filtered:
      return "**Members — {} ({})**";
    case Msg::members_none:
      return "No member matches \"{}\".";
    case Msg::members_line:
      return "• {} — {} (@{})";
    case Msg::members_never_started:
      return " · never sent /start";
    case Msg::whois_usage:
      return "Usage: /whois NAME or @handle, e.g. /whois quy";
    case Msg::whois_none:
      return "No member matches \"{}\".";
    case Msg::whois_many:
      return "{} members found:";
    case Msg::whois_line_name:
      return "**{}** (@{})";
    case Msg::whois_line_title_unit:
      return "{} — {}";
    case Msg::whois_line_role:
      return "Role: {}";
    case Msg::whois_line_contact:
      return "Phone: {} · Email: {}";
    case Msg::units_header:
      return "**Units ({})**";
    case Msg::units_line:
      return "• {} ({}): {} members, {} open tasks";
    case Msg::units_none:
      return "There are no units yet.";
    case Msg::lang_usage:
      return "Usage: /lang vi or /lang en";
    case Msg::lang_set:
      return "The language is now English.";
    case Msg::role_chairman:
      return "Head of the Committee";
    case Msg::role_vice_chairman:
      return "Deputy Head";
    case Msg::role_standing:
      return "Standing member";
    case Msg::role_member:
      return "Member";
    case Msg::role_staff:
      return "Working-group staff";
    case Msg::role_admin:
      return "admin";
    case Msg::no_unit:
      return "no unit";
    case Msg::no_title:
      return "no title";
    // dates and time phrases
    case Msg::weekday_sun:
      return "Sunday";
    case Msg::weekday_mon:
      return "Monday";
    case Msg::weekday_tue:
      return "Tuesday";
    case Msg::weekday_wed:
      return "Wednesday";
    case Msg::weekday_thu:
      return "Thursday";
    case Msg::weekday_fri:
      return "Friday";
    case Msg::weekday_sat:
      return "Saturday";
    case Msg::datetime_format:
      return "{time} {weekday}, {date}";
    case Msg::when_error_empty:
      return "No time given. Example: {example}";
    case Msg::when_error_unreadable:
      return "Cannot read the time \"{phrase}\". Example: {example}";
    case Msg::when_error_in_past:
      return "The time \"{phrase}\" is already past. Example: {example}";
    case Msg::when_error_impossible_date:
      return "The date \"{phrase}\" does not exist. Example: {example}";
    case Msg::when_error_needs_year:
      return "The date \"{phrase}\" has just passed; please give the year, e.g. 15/11/2027";
    case Msg::when_error_recurrence_not_allowed:
      return "A deadline cannot repeat (\"{phrase}\"). Example: {example}";
    case Msg::when_example_deadline:
      return "next friday 5pm";
    case Msg::when_example_reminder:
      return "/remind tomorrow 8am: weekly meeting";
    case Msg::when_means_deadline:
      return "Deadline: {}";
    case Msg::when_means_reminder:
      return "Reminder at: {}";
    case Msg::when_repeats:
      return "Repeats: {}";
  }
  return "";
}

}  // namespace wgbot
