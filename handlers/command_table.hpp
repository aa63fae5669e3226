// The command table: every command's name, aliases, who may run it, its help line and handler.
#pragma once

#include <string_view>
#include <vector>

#include "handlers/handler_context.hpp"
#include "handlers/messages.hpp"

namespace wgbot {

enum class Access {
  anyone,  // also unlinked accounts
  linked,  // an active member
  admin,   // an active member with the admin flag
};

using HandlerFn = void (*)(HandlerContext&);

struct CommandSpec {
  std::string_view name;
  std::vector<std::string_view> aliases;
  Access access;
  Msg help;
  HandlerFn run;
};

const std::vector<CommandSpec>& command_table();

// By name or alias (lower case, without '/'); nullptr when unknown.
const CommandSpec* find_command(std::string_view name);

bool may_run(const CommandSpec& spec, const std::optional<Member>& member);

}  // namespace wgbot
