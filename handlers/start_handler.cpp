#include "handlers/start_handler.hpp"

#include "handlers/input_limits.hpp"
#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"

namespace wgbot {

void handle_start(HandlerContext& ctx) {
  if (ctx.args.empty()) {
    if (ctx.member) {
      ctx.reply_tr(Msg::start_greeting_linked, ctx.member->name);
    } else {
      ctx.reply_tr(Msg::start_greeting_unlinked);
    }
    return;
  }
  if (ctx.member) {
    ctx.reply_tr(Msg::start_already_linked, ctx.member->name);
    return;
  }
  storage::InviteRepository invites(ctx.db);
  const auto member_id = invites.redeem(ctx.args, ctx.account.id, ctx.now_seconds());
  storage::MemberRepository members(ctx.db);
  const auto member = member_id ? members.by_id(*member_id) : std::nullopt;
  if (!member || !member->active) {
    ctx.reply_tr(Msg::start_bad_code, clip_for_echo(ctx.args));
    return;
  }
  storage::AccountRepository accounts(ctx.db);
  const auto account_id = accounts.link(ctx.account.platform, ctx.account.platform_user_id,
                                        member->id, ctx.now_seconds());
  // The account linked last becomes where unsolicited messages go (never a console).
  if (ctx.account.platform != "console") members.set_preferred_account(member->id, account_id);
  ctx.member = member;
  if (!member->lang.empty()) ctx.lang = lang_from_code(member->lang, ctx.lang);
  ctx.reply_tr(Msg::start_linked, member->name);
}

}  // namespace wgbot
