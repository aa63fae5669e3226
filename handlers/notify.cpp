#include "handlers/notify.hpp"

#include <algorithm>

#include "storage/account_repository.hpp"
#include "storage/member_repository.hpp"

namespace wgbot {

namespace {

bool reachable(const Account& a) {
  return a.platform != "console" && !a.private_chat_id.empty();
}

}  // namespace

std::optional<Outgoing> direct_message(SQLite::Database& db, std::int64_t member_id,
                                       std::string text, ButtonRows buttons) {
  const auto member = storage::MemberRepository(db).by_id(member_id);
  if (!member || !member->active) return std::nullopt;
  const storage::AccountRepository accounts(db);
  std::optional<Account> target;
  if (member->preferred_account_id) {
    auto preferred = accounts.by_id(*member->preferred_account_id);
    if (preferred && preferred->member_id == member_id && reachable(*preferred)) {
      target = std::move(preferred);
    }
  }
  if (!target) {
    // The account linked last is the most likely to be in use.
    const auto all = accounts.for_member(member_id);
    const auto it = std::find_if(all.rbegin(), all.rend(), reachable);
    if (it != all.rend()) target = *it;
  }
  if (!target) return std::nullopt;
  Outgoing o;
  o.platform = target->platform;
  o.chat_id = target->private_chat_id;
  o.text = std::move(text);
  o.buttons = std::move(buttons);
  return o;
}

Lang member_lang(const Config& config, const Member& member) {
  const Lang fallback = lang_from_code(config.language, Lang::vi);
  return member.lang.empty() ? fallback : lang_from_code(member.lang, fallback);
}

}  // namespace wgbot
