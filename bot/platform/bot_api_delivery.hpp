// What Telegram's and Zalo Bot's deliveries do alike with an API answer: the DeliveryResult
// carries the API's description as its error and whether the API answered at all (for the
// reachability gauge); the status comes from the platform's own mapping of its outcomes, since
// the two APIs' outcome enums differ.
#pragma once

#include <string_view>

#include "bot/outbound/delivery.hpp"

namespace wgbot {

template <typename Result>
[[nodiscard]] DeliveryResult answered_delivery(const Result& result, DeliveryStatus status) {
  DeliveryResult out;
  out.status = status;
  out.error = result.description;
  out.answered = result.error_code != 0;
  return out;
}

// A rejected token is fixed by an operator, not by dropping messages: logged as an error
// as `<event> detail="…"` (e.g. "event=telegram_unauthorized"), and the part stays to be sent
// again.
[[nodiscard]] DeliveryStatus token_rejected(std::string_view event);

// Part `part` does not exist (the message has fewer): rejected.
[[nodiscard]] DeliveryResult no_such_part();

}  // namespace wgbot
