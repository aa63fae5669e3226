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

void HandlerContext::update_pressed_message(std::string text, ButtonRows buttons) {
  if (in.kind != InboundKind::callback || in.callback_message_id.empty()) return;
  Outgoing o;
  o.kind = OutKind::edit;
  o.platform = in.platform;
  o.chat_id = in.chat_id;
  o.edit_message_id = in.callback_message_id;
  o.text = std::move(text);
  o.buttons = std::move(buttons);
  out.push_back(std::move(o));
}

}  // namespace wgbot
