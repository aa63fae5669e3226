#include "handlers/start_handler.hpp"

#include "core/text_fold.hpp"
#include "handlers/admin/invite_code.hpp"
#include "handlers/admin/roster_admin.hpp"
#include "handlers/input_limits.hpp"
#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"

namespace wgbot {

namespace {
// Wrong codes one account may send within the window before /start CODE stops being tried.
constexpr int kMaxWrongCodes = 5;
constexpr std::int64_t kWrongCodeWindowSeconds = 3600;
}  // namespace

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
  const auto now = ctx.now_seconds();
  // Throttled before the code is even looked at, so guessing learns nothing, right or wrong.
  if (invites.recent_failures(ctx.account.id, now, kWrongCodeWindowSeconds) >= kMaxWrongCodes) {
    ctx.reply_tr(Msg::start_throttled, kWrongCodeWindowSeconds / 60);
    return;
  }
  // As typed first (codes made elsewhere keep their form), then as our codes are written
  // (upper case, no spaces), so "hn7q 2k…" typed on a phone works.
  std::string code(trim(ctx.args));
  auto member_id = invites.redeem(code, ctx.account.id, now);
  if (!member_id && normalize_invite_code(code) != code) {
    code = normalize_invite_code(code);
    member_id = invites.redeem(code, ctx.account.id, now);
  }
  storage::MemberRepository members(ctx.db);
  const auto member = member_id ? members.by_id(*member_id) : std::nullopt;
  // Used, expired, unknown or for a deactivated member: one answer for all of them.
  if (!member || !member->active) {
    invites.record_failure(ctx.account.id, now, kWrongCodeWindowSeconds);
    ctx.reply_tr(Msg::start_bad_code, clip_for_echo(code));
    return;
  }
  invites.clear_failures(ctx.account.id);
  storage::AccountRepository accounts(ctx.db);
  const auto account_id =
      accounts.link(ctx.account.platform, ctx.account.platform_user_id, member->id, now);
  // The account linked last becomes where unsolicited messages go (never a console).
  if (ctx.account.platform != "console") members.set_preferred_account(member->id, account_id);
  write_audit(ctx.db, AdminActor{"@" + member->handle, now}, "link", "@" + member->handle, "",
              ctx.account.platform);
  ctx.member = member;
  if (!member->lang.empty()) ctx.lang = lang_from_code(member->lang, ctx.lang);
  ctx.reply_tr(Msg::start_linked, member->name);
}

}  // namespace wgbot
