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
    case Msg::text_only_private:
      return "For now I can read only text messages. Send /help to see the commands.";
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
    case Msg::help_notify:
      return "/notify here — get nudges and announcements on this account";
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
    case Msg::platform_telegram:
      return "Telegram";
    case Msg::platform_zalo_bot:
      return "Zalo";
    case Msg::platform_zalo_oa:
      return "Zalo OA";
    case Msg::platform_console:
      return "Console";
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
    case Msg::notify_usage:
      return "Send /notify here from the app where you want nudges and announcements.";
    case Msg::notify_set:
      return "From now on, nudges, digests and announcements go to this account.";
    case Msg::notify_set_no_private_chat:
      return "From now on, nudges, digests and announcements go to this account.\n"
             "Please send me one private message so that I can reach you.";
    case Msg::notify_console:
      return "A console account gets no nudges or announcements. Send /notify here from "
             "Telegram or Zalo.";
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
      return "/task @luc Draft the report due next friday 5pm";
    case Msg::when_example_reminder:
      return "/remind tomorrow 8am: weekly meeting";
    case Msg::when_means_deadline:
      return "Deadline: {}";
    case Msg::when_means_reminder:
      return "Reminder at: {}";
    case Msg::when_repeats:
      return "Repeats: {}";
    // tasks
    case Msg::help_task:
      return "/task @handle TEXT [due WHEN] [src DOCUMENT] — assign a task, e.g. /task @luc Draft "
             "the regulation due next friday 5pm";
    case Msg::help_tasks:
      return "/tasks [mine|all|overdue|done|@handle|unit NAME] [page] — list tasks; /task ID — one "
             "task, e.g. /tasks overdue";
    case Msg::help_ack:
      return "/ack ID — acknowledge a task, e.g. /ack 12";
    case Msg::help_done:
      return "/done ID [note] — mark a task done, e.g. /done 12 sent to the Chairman";
    case Msg::help_progress:
      return "/progress ID PERCENT% [note] — record progress, e.g. /progress 12 50% comments "
             "collected";
    case Msg::help_due:
      return "/due ID WHEN — move the deadline, e.g. /due 12 next friday 5pm";
    case Msg::help_assign:
      return "/assign ID @handle — change the lead, e.g. /assign 12 @hung";
    case Msg::help_cancel:
      return "/cancel ID — cancel a task, e.g. /cancel 12";
    case Msg::help_reopen:
      return "/reopen ID — reopen a task, e.g. /reopen 12";
    case Msg::task_person:
      return "{}";
    case Msg::task_no_deadline:
      return "no deadline";
    case Msg::task_state_done:
      return "Done";
    case Msg::task_state_done_on_time:
      return "Done on time";
    case Msg::task_state_done_late:
      return "Done late";
    case Msg::task_state_on_time:
      return "In progress, on time";
    case Msg::task_state_overdue:
      return "Overdue ({})";
    case Msg::task_state_no_progress:
      return "No progress update";
    case Msg::task_state_cancelled:
      return "Cancelled";
    case Msg::task_usage:
      return "Usage: /task @handle TEXT [due WHEN] [src DOCUMENT], e.g. /task @luc Draft the "
             "regulation due next friday 5pm";
    case Msg::task_mention_unknown:
      return "No member or unit is called @{}. See /members or /units.";
    case Msg::task_mention_unit_no_contact:
      return "Unit @{} has no contact person; please name a member.";
    case Msg::task_mention_not_linked:
      return "{} is not linked to a member of the working group.";
    case Msg::task_assign_refused:
      return "You may only create tasks for yourself; assigning to others is for the Chairman, "
             "Vice-Chairman, Standing member and admins.";
    case Msg::task_created_for:
      return "Task #{} assigned to {}";
    case Msg::task_created_self:
      return "Task #{} recorded for yourself";
    case Msg::task_line_title:
      return "Task: **{}**";
    case Msg::task_line_lead:
      return "Lead: {}";
    case Msg::task_line_support:
      return "Supporting: {}";
    case Msg::task_line_due:
      return "Deadline: {}";
    case Msg::task_line_no_due:
      return "Deadline: none (set one with /due {} WHEN)";
    case Msg::task_line_src:
      return "Source document: {}";
    case Msg::task_line_assigner:
      return "Assigned by: {}";
    case Msg::task_line_state:
      return "State: {}";
    case Msg::task_line_progress:
      return "Progress: {}%";
    case Msg::task_line_note:
      return "Note: {}";
    case Msg::task_detail_header:
      return "**Task #{}**";
    case Msg::task_history_header:
      return "History:";
    case Msg::task_event_line:
      return "• {} — {}: {}";
    case Msg::task_event_created:
      return "assigned the task";
    case Msg::task_event_created_due:
      return "assigned the task, due {}";
    case Msg::task_event_ack:
      return "acknowledged";
    case Msg::task_event_progress:
      return "progress {}% → {}%";
    case Msg::task_event_done:
      return "marked it done";
    case Msg::task_event_due:
      return "deadline {} → {}";
    case Msg::task_event_assign:
      return "lead {} → {}";
    case Msg::task_event_cancel:
      return "cancelled";
    case Msg::task_event_reopen:
      return "reopened";
    case Msg::task_event_note:
      return " · note: {}";
    case Msg::task_event_system:
      return "System";
    case Msg::task_not_found:
      return "There is no task #{}.";
    case Msg::task_not_visible:
      return "Task #{} is outside what you may see (your own and your unit's tasks).";
    case Msg::task_is_done:
      return "Task #{0} is already done; reopen it with /reopen {0} if needed.";
    case Msg::task_is_cancelled:
      return "Task #{0} is cancelled; reopen it with /reopen {0} if needed.";
    case Msg::task_hint_lead:
      return "Reply: /ack {0} · /done {0} · /progress {0} 50%";
    case Msg::task_hint_detail:
      return "Details: /task {}";
    case Msg::task_button_ack:
      return "👌 Got it";
    case Msg::task_button_done:
      return "✅ Done";
    case Msg::task_button_detail:
      return "📋 Details";
    case Msg::tasks_usage:
      return "Usage: /tasks [mine|all|overdue|done|@handle|unit NAME] [page], e.g. /tasks overdue";
    case Msg::tasks_title_mine:
      return "Your tasks";
    case Msg::tasks_title_all:
      return "Open tasks";
    case Msg::tasks_title_overdue:
      return "Overdue tasks";
    case Msg::tasks_title_done:
      return "Completed tasks";
    case Msg::tasks_title_member:
    case Msg::tasks_title_unit:
      return "Tasks of {}";
    case Msg::tasks_header:
      return "**{} ({})** — page {}/{}";
    case Msg::tasks_empty:
      return "{}: none.";
    case Msg::tasks_entry_title:
      return "**#{}** {}";
    case Msg::tasks_entry_detail:
      return "   {} · {} · {}";
    case Msg::tasks_entry_due:
      return "due {}";
    case Msg::tasks_next_page:
      return "Next page: /tasks {}";
    case Msg::tasks_bad_page:
      return "The list has {} page(s).";
    case Msg::tasks_unknown_unit:
      return "There is no unit \"{}\". See /units.";
    case Msg::tasks_scope_refused:
      return "You may only see your own and your unit's tasks.";
    case Msg::ack_usage:
      return "Usage: /ack ID, e.g. /ack 12";
    case Msg::ack_refused:
      return "Only the lead can acknowledge task #{}.";
    case Msg::ack_already:
      return "You acknowledged task #{} at {}.";
    case Msg::ack_done:
      return "Task #{} acknowledged: {}";
    case Msg::done_usage:
      return "Usage: /done ID [note], e.g. /done 12 sent to the Chairman";
    case Msg::report_refused:
      return "Only the lead, the assigner, the Standing member or an admin can update task #{}.";
    case Msg::done_ok:
      return "Task #{} marked done — {}.";
    case Msg::progress_usage:
      return "Usage: /progress ID PERCENT% [note] (0–100%), e.g. /progress 12 50% comments "
             "collected";
    case Msg::progress_ok:
      return "Task #{} progress: {}% → {}%.";
    case Msg::due_usage:
      return "Usage: /due ID WHEN, e.g. /due 12 next friday 5pm";
    case Msg::manage_refused:
      return "Only the assigner, the Standing member or an admin can change task #{}.";
    case Msg::due_ok:
      return "Task #{} deadline moved: {} → {}.";
    case Msg::assign_usage:
      return "Usage: /assign ID @handle, e.g. /assign 12 @hung";
    case Msg::assign_same:
      return "{} already leads task #{}; nothing changed.";
    case Msg::assign_ok:
      return "Task #{} reassigned to {} as lead.";
    case Msg::cancel_usage:
      return "Usage: /cancel ID, e.g. /cancel 12";
    case Msg::cancel_ok:
      return "Task #{} cancelled.";
    case Msg::reopen_usage:
      return "Usage: /reopen ID, e.g. /reopen 12";
    case Msg::reopen_already_open:
      return "Task #{} is open already.";
    case Msg::reopen_ok:
      return "Task #{} reopened.";
    case Msg::notify_assigned_lead:
      return "{} assigned you task #{} as lead:";
    case Msg::notify_assigned_support:
      return "{} assigned you task #{} as supporting:";
    case Msg::notify_reassigned_away:
      return "Task #{} was reassigned to {}:";
    case Msg::notify_redated:
      return "Task #{} deadline moved: {} → {}";
    case Msg::notify_cancelled:
      return "Task #{0} was cancelled by {1}:";
    case Msg::notify_done:
      return "Task #{0} is done ({1}), reported by {2}:";
    case Msg::notify_reopened:
      return "Task #{} was reopened by {}:";
    // reminders and the scheduler
    case Msg::help_remind:
      return "/remind WHEN: TEXT — set a reminder, e.g. /remind every weekday 16:30: update "
             "progress";
    case Msg::help_reminders:
      return "/reminders — my reminders";
    case Msg::help_unremind:
      return "/unremind ID — delete a reminder, e.g. /unremind 12";
    case Msg::help_snooze:
      return "/snooze ID [duration] — remind again later (default 1 hour), e.g. /snooze 12 30m";
    case Msg::remind_usage:
      return "Usage: /remind WHEN: TEXT, e.g. /remind tomorrow 8am: weekly meeting";
    case Msg::remind_no_text:
      return "The reminder \"{}\" has no text after the colon. Example: /remind tomorrow 8am: "
             "weekly meeting";
    case Msg::remind_text_too_long:
      return "The reminder text is too long (at most {} characters). Example: /remind tomorrow "
             "8am: weekly meeting";
    case Msg::remind_set_once:
      return "⏰ Reminder #{} set for {}: \"{}\"";
    case Msg::remind_set_recurring:
      return "⏰ Reminder #{} set {}: \"{}\". First: {}";
    case Msg::reminders_header:
      return "**Your reminders ({})**";
    case Msg::reminders_none:
      return "You have no reminders. Set one, e.g. /remind tomorrow 8am: weekly meeting";
    case Msg::reminders_line_once:
      return "#{} · {} — {}";
    case Msg::reminders_line_recurring:
      return "#{} · {} (next {}) — {}";
    case Msg::reminders_more:
      return "… and {} more";
    case Msg::reminders_footer:
      return "Delete: /unremind ID · Remind again later: /snooze ID";
    case Msg::unremind_usage:
      return "Usage: /unremind ID, e.g. /unremind 12 (see the ids with /reminders)";
    case Msg::unremind_not_found:
      return "You have no pending reminder #{}. See the list: /reminders";
    case Msg::unremind_done:
      return "Deleted reminder #{}: \"{}\"";
    case Msg::snooze_usage:
      return "Usage: /snooze ID [duration], e.g. /snooze 12 30m";
    case Msg::snooze_bad_duration:
      return "Cannot read the duration \"{}\". Example: /snooze 12 2 hours";
    case Msg::snooze_not_found:
      return "#{} is not one of your reminders. See the list: /reminders";
    case Msg::snooze_done:
      return "⏰ Will remind you again at {}: \"{}\" (reminder #{})";
    case Msg::rule_daily:
      return "every day at {}";
    case Msg::rule_workdays:
      return "every working day at {}";
    case Msg::rule_weekly:
      return "every {} at {}";
    case Msg::rule_monthly:
      return "on day {} of every month at {}";
    case Msg::reminder_notice:
      return "⏰ Reminder: {}";
    case Msg::late_mark:
      return " (late)";
    case Msg::reminder_snooze_button:
      return "⏰ Remind me in 1 hour";
    case Msg::reminder_snooze_hint:
      return "Remind again in 1 hour: /snooze {}";
    case Msg::nudge_before:
      return "⏰ Deadline reminder: task #{} \"{}\" — due {}";
    case Msg::nudge_day_of:
      return "⏰ Due today: task #{} \"{}\" — due {}";
    case Msg::nudge_overdue:
      return "⚠️ Task #{} \"{}\" is overdue ({}; due {}). Reminder no. {}";
    case Msg::nudge_escalated_lead:
      return "🔺 Task #{} \"{}\" is overdue ({}; due {}) after {} reminders: escalated to the "
             "leadership";
    case Msg::nudge_escalated_leaders:
      return "🔺 Escalated: task #{} \"{}\" led by {} is overdue ({}; due {}) after {} "
             "reminders";
    case Msg::nudge_button_done:
      return "✅ Done";
    case Msg::nudge_button_detail:
      return "📋 Details";
    case Msg::nudge_hint_lead:
      return "Mark done: /done {} · Details: /task {}";
    case Msg::nudge_hint_detail:
      return "Details: /task {}";
      // roster administration, invites, audit, broadcast, export
    case Msg::admin_unknown_key:
      return "Unknown key {}. Send /help for the usage.";
    case Msg::admin_bad_value:
      return "The value of {} is not valid. Nothing was changed.";
    case Msg::admin_missing_key:
      return "Missing {}.";
    case Msg::admin_unterminated_quote:
      return "A closing quote is missing. Example: name=\"Lê Tự Lực\"";
    case Msg::admin_no_member:
      return "There is no member @{}.";
    case Msg::admin_handle_taken:
      return "The name @{} is already taken.";
    case Msg::admin_unit_exists:
      return "The unit {} already exists.";
    case Msg::admin_last_admin:
      return "@{} is the last admin; the admin flag stays.";
    case Msg::admin_member_inactive:
      return "@{} is deactivated.";
    case Msg::admin_unit_added:
      return "Unit {} ({}) added.";
    case Msg::admin_member_added:
      return "Added {} (@{}).\nSend them an invite with /invite @{}";
    case Msg::admin_member_edited:
      return "Updated {} (@{}).";
    case Msg::admin_member_deactivated:
      return "Deactivated {} (@{}). Their history is kept.";
    case Msg::admin_open_tasks_header:
      return "Open tasks to reassign ({}):";
    case Msg::admin_open_task_line:
      return "• #{} {}";
    case Msg::admin_reassign_hint:
      return "Reassign: /assign ID @handle";
    case Msg::admin_role_set:
      return "{} is now {}.";
    case Msg::admin_admin_on:
      return "{} is now an admin.";
    case Msg::admin_admin_off:
      return "{} is no longer an admin.";
    case Msg::invite_created:
      return "Invite code for {}: {}\nExpires: {}\nThey send the bot: /start {}";
    case Msg::invite_link:
      return "On Telegram one tap is enough: {}";
    case Msg::start_throttled:
      return "Too many wrong codes. Please try again in {} minutes.";
    case Msg::usage_addunit:
      return "Usage: /addunit name=\"Department of Information\" short=stttt";
    case Msg::usage_addmember:
      return "Usage: /addmember name=\"Lê Tự Lực\" handle=luc unit=vpub role=member title=\"…\" "
             "phone=… email=…";
    case Msg::usage_editmember:
      return "Usage: /editmember @handle title=\"…\" phone=… (name, unit, role, title, phone, "
             "email)";
    case Msg::usage_deactivate:
      return "Usage: /deactivate @handle";
    case Msg::usage_setrole:
      return "Usage: /setrole @handle chairman|vice_chairman|standing|member|staff";
    case Msg::usage_admin:
      return "Usage: /admin @handle on|off";
    case Msg::usage_invite:
      return "Usage: /invite @handle";
    case Msg::usage_broadcast:
      return "Usage: /broadcast [unit=… | role=…] TEXT";
    case Msg::usage_settings:
      return "Change: /settings KEY VALUE, e.g. /settings schedule.digest_time 07:00";
    case Msg::usage_export:
      return "Usage: /export tasks|members";
    case Msg::usage_audit:
      return "Usage: /audit [entries], e.g. /audit 20";
    case Msg::help_addunit:
      return "/addunit name=\"…\" short=… — add a unit";
    case Msg::help_addmember:
      return "/addmember name=\"…\" handle=… unit=… — add a member";
    case Msg::help_editmember:
      return "/editmember @handle key=value — correct a member's details";
    case Msg::help_deactivate:
      return "/deactivate @handle — deactivate a member";
    case Msg::help_invite:
      return "/invite @handle — make a one-time invite code";
    case Msg::help_setrole:
      return "/setrole @handle ROLE — change a member's role";
    case Msg::help_admin:
      return "/admin @handle on|off — grant or remove admin rights";
    case Msg::help_broadcast:
      return "/broadcast TEXT — send a message to the members";
    case Msg::help_settings:
      return "/settings [key value] — show or change schedule settings";
    case Msg::help_export:
      return "/export tasks|members — export a CSV file";
    case Msg::help_audit:
      return "/audit [n] — the admin audit log";
    case Msg::broadcast_message:
      return "📢 Notice from the Office ({}):\n{}";
    case Msg::broadcast_none:
      return "Nobody can receive this message yet (no linked accounts).";
    case Msg::broadcast_queued:
      return "Queued for {} members. You will be told when it is delivered.";
    case Msg::broadcast_summary:
      return "Broadcast finished: delivered to {} of {} members, {} failed.";
    case Msg::export_caption:
      return "File {}: {} rows.";
    case Msg::export_no_files:
      return "{} rows. This platform cannot send files; on the server run:\n{}";
    case Msg::settings_header:
      return "**Schedule settings**";
    case Msg::settings_line:
      return "• {} = {}";
    case Msg::settings_not_changed:
      return "(from the configuration)";
    case Msg::settings_set:
      return "Set {} = {}.";
    case Msg::audit_empty:
      return "The audit log is empty.";
    case Msg::audit_header:
      return "**Audit log (latest {})**";
    case Msg::audit_line:
      return "{} · {} · {} {}";
    case Msg::audit_change:
      return "   {} → {}";
      // (end of roster administration)
      // the daily digest
    case Msg::digest_title:
      return "📋 **Task digest — {weekday}, {date}**";
    case Msg::digest_subtitle:
      return "Working group of the Steering Committee for e-Government";
    case Msg::digest_day_off:
      return "Today is a day off; the next working day is {weekday}, {date}.";
    case Msg::digest_late:
      return "(Sent late: the system was down at the usual time.)";
    case Msg::digest_total:
      return "Tasks tracked: {}";
    case Msg::digest_done_counts:
      return "• Done on time: {} · Done late: {}";
    case Msg::digest_open_counts:
      return "• In progress on time: {} · Overdue: {}";
    case Msg::digest_no_progress_count:
      return "• No progress update for over {days} days: {count}";
    case Msg::digest_rate:
      return "On-time completion rate: {}%";
    case Msg::digest_nothing_tracked:
      return "No tasks are tracked yet.";
    case Msg::digest_overdue_header:
      return "⚠️ **Overdue ({}) — longest first**";
    case Msg::digest_overdue_item:
      return "{n}. #{id} {title} — {who}, {days} days overdue, reminded {reminders} times";
    case Msg::digest_escalated:
      return " ‼️ reported to the leadership";
    case Msg::digest_who_unit_lead:
      return "{unit} ({lead})";
    case Msg::digest_who_lead:
      return "{}";
    case Msg::digest_no_lead:
      return "nobody leads it";
    case Msg::digest_no_overdue:
      return "✅ Nothing is overdue.";
    case Msg::digest_more_overdue:
      return "… and {} more: /tasks overdue";
    case Msg::digest_due_header:
      return "📅 **Due in the next {days} working days ({count})**";
    case Msg::digest_due_item:
      return "• #{id} {title} — due {due}{unit}";
    case Msg::digest_due_format:
      return "{time} {weekday} {date}";
    case Msg::digest_more_due:
      return "… and {} more: /tasks";
    case Msg::digest_completed_since:
      return "✅ Completed since the last digest ({})";
    case Msg::digest_created_since:
      return "🆕 Newly assigned ({})";
    case Msg::digest_units_header:
      return "**By unit**";
    case Msg::digest_column_unit:
      return "Unit";
    case Msg::digest_column_open:
      return "Open";
    case Msg::digest_column_overdue:
      return "Overdue";
    case Msg::digest_column_done_week:
      return "Done this week";
    case Msg::digest_no_unit:
      return "(No unit)";
    case Msg::digest_more_units:
      return "… and {} more units: /units";
    case Msg::digest_button_overdue:
      return "See overdue tasks";
    case Msg::digest_hint:
      return "Overdue tasks: /tasks overdue";
    case Msg::digest_chart_title:
      return "Tasks by unit — {}";
    case Msg::digest_chart_caption:
      return "Tasks by unit — {}";
    case Msg::digest_not_subscriber:
      return "The digest is for the committee's leadership and the office.";
    case Msg::help_digest:
      return "/digest — the task digest (leadership, office)";
      // (end of the daily digest)
      // office phrases and wording
    case Msg::when_error_weekday_mismatch:
      return "{date} is a {weekday}, not the weekday written (\"{phrase}\"). Please check.";
    case Msg::rule_quarterly:
      return "on day {} of every third month at {}";
    case Msg::rule_yearly:
      return "every year on {} at {}";
    case Msg::rule_month_end:
      return "on the last day of every month at {}";
    case Msg::due_off_day:
      return "⚠ The deadline falls on a {0}, a day off. Previous working day: {1} (/due {2} {3})";
    case Msg::due_holiday:
      return "⚠ The deadline falls on a holiday. Previous working day: {1} (/due {2} {3})";
    case Msg::overdue_days:
      return "{} days";
    case Msg::overdue_one_day:
      return "1 day";
    case Msg::overdue_since_today:
      return "since {} today";
    case Msg::done_short_on_time:
      return "on time";
    case Msg::done_short_late:
      return "late";
    case Msg::notify_done_no_deadline:
      return "Task #{0} is done, reported by {1}:";
    case Msg::due_example:
      return "/due {} next friday 5pm";
    case Msg::task_snooze_hint:
      return "Remind again in 1 hour: /snooze nv{}";
    case Msg::task_snooze_text:
      return "Task #{} \"{}\" (see /task {})";
    case Msg::task_snooze_refused:
      return "Only an assignee of task #{} can snooze it, while it is open.";
      // (end of office phrases and wording)
      // input limits
    case Msg::task_title_too_long:
      return "The title has {} characters, over the limit of {}. Please shorten it and send it "
             "again.";
      // (end of input limits)
      // operations
      // (end of operations)
      // platform differences
    case Msg::group_reply_private:
      return "(Replying privately: the assistant cannot post in the group.)";
  }
  return "";
}

}  // namespace wgbot
