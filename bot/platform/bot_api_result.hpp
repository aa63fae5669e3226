// What Telegram's and Zalo Bot's API answers have in common, for each platform's own classifier:
// the envelope ({"ok":true,"result":…} or {"ok":false,"error_code":…,"description":…}) and the
// results every classification starts from. The outcome enums differ (each API has its own
// cases), so only results whose meaning is the same in both live here: `Result` is a platform's
// ApiResult, whose `outcome` enum has `ok` and defaults to `transient`.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace wgbot {

struct BotApiEnvelope {
  bool parsed = false;  // a JSON object with a boolean "ok"
  bool ok = false;
  nlohmann::json answer;  // the whole parsed body (discarded when not parsed)
};

// Never throws. Without `keep_result`, the answer's `result` is skipped as it is read (for the
// calls whose result nobody reads, such as a sent message coming back whole).
[[nodiscard]] BotApiEnvelope read_envelope(std::string_view body, bool keep_result = true);

// Case-insensitive (ASCII) search, for the descriptions that tell error sub-cases apart.
[[nodiscard]] bool contains_nocase(std::string_view haystack, std::string_view needle);

// The request never got an answer (DNS, connect, TLS, timeout, cancelled): transient, code 0.
template <typename Result>
[[nodiscard]] Result no_answer_result(std::string_view what) {
  Result out;
  out.description = std::string(what);
  return out;
}

// An answer that is not the envelope: transient, with the HTTP status as its code.
template <typename Result>
[[nodiscard]] Result unparsable_result(int http_status) {
  Result out;
  out.error_code = http_status;
  out.description = "unparsable answer (HTTP " + std::to_string(http_status) + ")";
  return out;
}

// "ok": true — the method's `result` (if any, moved out of the envelope), with the HTTP status as
// its code.
template <typename Result>
[[nodiscard]] Result ok_result(int http_status, BotApiEnvelope&& envelope) {
  Result out;
  out.outcome = decltype(out.outcome)::ok;
  out.error_code = http_status;
  if (envelope.answer.is_object()) {
    if (const auto it = envelope.answer.find("result"); it != envelope.answer.end()) {
      out.result = std::move(*it);
    }
  }
  return out;
}

}  // namespace wgbot
