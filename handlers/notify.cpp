#include "handlers/notify.hpp"

#include "storage/account_repository.hpp"

namespace wgbot {

std::optional<Outgoing> direct_message(storage::Connection& db, std::int64_t member_id,
                                       std::string text, ButtonRows buttons) {
  const auto target = storage::AccountRepository(db).direct_chat(member_id);
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
