// /addunit, /addmember, /editmember, /deactivate, /setrole, /admin, /invite.
#include <chrono>

#include "core/text_fold.hpp"

#include "handlers/admin/admin_handlers.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "handlers/time_text.hpp"

namespace wgbot {

namespace {

AdminActor actor_of(const HandlerContext& ctx) {
  return AdminActor{"@" + ctx.member->handle, ctx.now_seconds()};
}

void reply_error(HandlerContext& ctx, const AdminError& error) {
  ctx.reply(tr(ctx.lang, error.msg, error.arg));
}

// Parses the arguments; replies with the usage (or the quoting error) when they cannot be read.
std::optional<AdminArgs> read_args(HandlerContext& ctx, Msg usage) {
  AdminArgs args = parse_admin_args(ctx.args);
  if (args.unterminated_quote) {
    ctx.reply_tr(Msg::admin_unterminated_quote);
    return std::nullopt;
  }
  if (args.words.empty() && args.pairs.empty()) {
    ctx.reply_tr(usage);
    return std::nullopt;
  }
  return args;
}

}  // namespace

void handle_addunit(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_addunit);
  if (!args) return;
  if (!args->words.empty()) {
    ctx.reply_tr(Msg::usage_addunit);
    return;
  }
  Unit unit;
  if (auto refused = add_unit(ctx.db, actor_of(ctx), args->pairs, &unit)) {
    reply_error(ctx, *refused);
    return;
  }
  ctx.reply_tr(Msg::admin_unit_added, unit.name, unit.short_name);
}

void handle_addmember(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_addmember);
  if (!args) return;
  if (!args->words.empty()) {
    ctx.reply_tr(Msg::usage_addmember);
    return;
  }
  Member member;
  if (auto refused = add_member(ctx.db, actor_of(ctx), args->pairs, &member)) {
    reply_error(ctx, *refused);
    return;
  }
  ctx.reply_tr(Msg::admin_member_added, member.name, member.handle, member.handle);
}

void handle_editmember(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_editmember);
  if (!args) return;
  if (args->words.size() != 1) {
    ctx.reply_tr(Msg::usage_editmember);
    return;
  }
  Member member;
  if (auto refused =
          edit_member(ctx.db, actor_of(ctx), handle_of(args->words[0]), args->pairs, &member)) {
    reply_error(ctx, *refused);
    return;
  }
  ctx.reply_tr(Msg::admin_member_edited, member.name, member.handle);
}

void handle_deactivate(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_deactivate);
  if (!args) return;
  if (args->words.size() != 1 || !args->pairs.empty()) {
    ctx.reply_tr(Msg::usage_deactivate);
    return;
  }
  Member member;
  std::vector<OpenTask> open;
  if (auto refused =
          deactivate_member(ctx.db, actor_of(ctx), handle_of(args->words[0]), &member, &open)) {
    reply_error(ctx, *refused);
    return;
  }
  std::string body = tr(ctx.lang, Msg::admin_member_deactivated, member.name, member.handle);
  if (!open.empty()) {
    body += "\n\n" + tr(ctx.lang, Msg::admin_open_tasks_header, open.size());
    for (const auto& t : open)
      body += '\n' + tr(ctx.lang, Msg::admin_open_task_line, t.id, t.title);
    body += '\n' + std::string(text(ctx.lang, Msg::admin_reassign_hint));
  }
  ctx.reply(std::move(body));
}

void handle_setrole(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_setrole);
  if (!args) return;
  if (args->words.size() != 2 || !args->pairs.empty()) {
    ctx.reply_tr(Msg::usage_setrole);
    return;
  }
  Member member;
  if (auto refused = set_member_role(ctx.db, actor_of(ctx), handle_of(args->words[0]),
                                     args->words[1], &member)) {
    reply_error(ctx, *refused);
    return;
  }
  ctx.reply_tr(Msg::admin_role_set, member.name, role_name(ctx.lang, member.role));
}

void handle_admin(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_admin);
  if (!args) return;
  const std::string flag = args->words.size() == 2 ? lower_utf8(args->words[1]) : "";
  if ((flag != "on" && flag != "off") || !args->pairs.empty()) {
    ctx.reply_tr(Msg::usage_admin);
    return;
  }
  Member member;
  if (auto refused = set_member_admin(ctx.db, actor_of(ctx), handle_of(args->words[0]),
                                      flag == "on", &member)) {
    reply_error(ctx, *refused);
    return;
  }
  ctx.reply_tr(member.is_admin ? Msg::admin_admin_on : Msg::admin_admin_off, member.name);
}

void handle_invite(HandlerContext& ctx) {
  const auto args = read_args(ctx, Msg::usage_invite);
  if (!args) return;
  if (args->words.size() != 1 || !args->pairs.empty()) {
    ctx.reply_tr(Msg::usage_invite);
    return;
  }
  Invite invite;
  if (auto refused = create_invite(ctx.db, actor_of(ctx), handle_of(args->words[0]), &invite)) {
    reply_error(ctx, *refused);
    return;
  }
  const auto expires =
      format_datetime(ctx.lang, std::chrono::sys_seconds{std::chrono::seconds{invite.expires_at}},
                      calendar_from(ctx.config));
  std::string body =
      tr(ctx.lang, Msg::invite_created, invite.member.name, invite.code, expires, invite.code);
  if (!ctx.telegram_username.empty()) {
    body += '\n' + tr(ctx.lang, Msg::invite_link,
                      "https://t.me/" + ctx.telegram_username + "?start=" + invite.code);
  }
  ctx.reply(std::move(body));
}

}  // namespace wgbot
