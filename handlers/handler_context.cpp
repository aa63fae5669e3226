#include "handlers/handler_context.hpp"

namespace wgbot {

void HandlerContext::reply(std::string text, ButtonRows buttons) {
  Outgoing o;
  o.platform = in.platform;
  o.chat_id = in.chat_id;
  o.text = std::move(text);
  o.buttons = std::move(buttons);
  if (in.chat_kind == ChatKind::group) o.reply_to_message_id = in.message_id;
  out.push_back(std::move(o));
}

}  // namespace wgbot
