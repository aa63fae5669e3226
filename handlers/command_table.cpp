#include "handlers/command_table.hpp"

#include "handlers/admin/admin_handlers.hpp"
#include "handlers/digest/digest_handler.hpp"
#include "handlers/help_handler.hpp"
#include "handlers/member_handlers.hpp"
#include "handlers/reminder_handlers.hpp"
#include "handlers/start_handler.hpp"
#include "handlers/task_handlers.hpp"

namespace wgbot {

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> kTable = {
      {"start", {}, Access::anyone, Msg::help_start, &handle_start},
      {"help", {"trogiup"}, Access::anyone, Msg::help_help, &handle_help},
      {"whoami", {"toila"}, Access::linked, Msg::help_whoami, &handle_whoami},
      {"members", {"thanhvien"}, Access::linked, Msg::help_members, &handle_members},
      {"whois", {"ai"}, Access::linked, Msg::help_whois, &handle_whois},
      {"units", {"donvi"}, Access::linked, Msg::help_units, &handle_units},
      // tasks
      {"task", {"giao", "nv"}, Access::linked, Msg::help_task, &handle_task},
      {"tasks", {"viec"}, Access::linked, Msg::help_tasks, &handle_tasks},
      {"ack", {"danhan"}, Access::linked, Msg::help_ack, &handle_ack},
      {"done", {"xong"}, Access::linked, Msg::help_done, &handle_done},
      {"progress", {"tiendo"}, Access::linked, Msg::help_progress, &handle_progress},
      {"due", {"giahan"}, Access::linked, Msg::help_due, &handle_due},
      {"assign", {"chuyen"}, Access::linked, Msg::help_assign, &handle_assign},
      {"cancel", {"huy"}, Access::linked, Msg::help_cancel, &handle_cancel},
      {"reopen", {"molai"}, Access::linked, Msg::help_reopen, &handle_reopen},
      // reminders
      {"remind", {"nhac"}, Access::linked, Msg::help_remind, &handle_remind},
      {"reminders", {"dsnhac"}, Access::linked, Msg::help_reminders, &handle_reminders},
      {"unremind", {"huynhac"}, Access::linked, Msg::help_unremind, &handle_unremind},
      {"snooze", {"hoannhac"}, Access::linked, Msg::help_snooze, &handle_snooze},
      {"lang", {"ngonngu"}, Access::linked, Msg::help_lang, &handle_lang},
      {"notify", {"thongbao"}, Access::linked, Msg::help_notify, &handle_notify},
      // roster administration
      {"addunit", {"themdonvi"}, Access::admin, Msg::help_addunit, &handle_addunit},
      {"addmember", {"themtv"}, Access::admin, Msg::help_addmember, &handle_addmember},
      {"editmember", {"suatv"}, Access::admin, Msg::help_editmember, &handle_editmember},
      {"deactivate", {"ngungtv"}, Access::admin, Msg::help_deactivate, &handle_deactivate},
      {"invite", {"moi"}, Access::admin, Msg::help_invite, &handle_invite},
      {"setrole", {"vaitro"}, Access::admin, Msg::help_setrole, &handle_setrole},
      {"admin", {"quantri"}, Access::admin, Msg::help_admin, &handle_admin},
      {"broadcast", {"guichung"}, Access::admin, Msg::help_broadcast, &handle_broadcast},
      {"settings", {"caidat"}, Access::admin, Msg::help_settings, &handle_settings},
      {"export", {"xuat"}, Access::admin, Msg::help_export, &handle_export},
      {"audit", {"nhatky"}, Access::admin, Msg::help_audit, &handle_audit},
      // (end of roster administration)
      // the daily digest
      {"digest", {"baocao"}, Access::linked, Msg::help_digest, &handle_digest},
      // (end of the daily digest)
  };
  return kTable;
}

const CommandSpec* find_command(std::string_view name) {
  for (const auto& spec : command_table()) {
    if (spec.name == name) return &spec;
    for (auto alias : spec.aliases) {
      if (alias == name) return &spec;
    }
  }
  return nullptr;
}

bool may_run(const CommandSpec& spec, const std::optional<Member>& member) {
  switch (spec.access) {
    case Access::anyone:
      return true;
    case Access::linked:
      return member.has_value();
    case Access::admin:
      return member.has_value() && member->is_admin;
  }
  return false;
}

}  // namespace wgbot
