// /settings: lists the run-time settings changed so far and the keys that can be changed;
// /settings KEY VALUE checks the value against the key's rules, stores it and audits the change.
// The scheduler and the handlers apply it from their next step (config/settings_overlay.hpp).
#include "config/config_loader.hpp"
#include "config/config_schema.hpp"
#include "core/text_fold.hpp"
#include "handlers/admin/admin_handlers.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "storage/audit_repository.hpp"

namespace wgbot {

namespace {

void list_settings(HandlerContext& ctx) {
  const auto current = storage::StateRepository(ctx.db).settings();
  std::string body(text(ctx.lang, Msg::settings_header));
  for (const auto& def : config_schema()) {
    if (!def.runtime) continue;
    const auto it = current.find(def.key);
    body += '\n' + tr(ctx.lang, Msg::settings_line, def.key,
                      it == current.end() ? std::string(text(ctx.lang, Msg::settings_not_changed))
                                          : it->second);
  }
  body += '\n' + std::string(text(ctx.lang, Msg::usage_settings));
  ctx.reply(std::move(body));
}

}  // namespace

void handle_settings(HandlerContext& ctx) {
  const std::string_view args = trim(ctx.args);
  if (args.empty()) {
    list_settings(ctx);
    return;
  }
  const auto space = args.find(' ');
  const std::string key = lower_utf8(args.substr(0, space));
  const std::string typed =
      space == std::string_view::npos ? std::string() : std::string(trim(args.substr(space + 1)));
  if (!is_runtime_setting(key)) {
    ctx.reply_tr(Msg::admin_unknown_key, key);
    return;
  }
  if (typed.empty()) {
    ctx.reply_tr(Msg::usage_settings);
    return;
  }
  const auto value = parse_setting(key, typed);
  if (!value) {
    ctx.reply_tr(Msg::admin_bad_value, key);
    return;
  }
  storage::StateRepository state(ctx.db);
  const auto before = state.settings();
  const auto old = before.find(key);
  const std::string actor = "@" + ctx.member->handle;
  state.set_setting(key, *value, ctx.now_seconds(), actor);
  write_audit(ctx.db, AdminActor{actor, ctx.now_seconds()}, "settings", key,
              old == before.end() ? "" : old->second, *value);
  ctx.reply_tr(Msg::settings_set, key, *value);
}

}  // namespace wgbot
