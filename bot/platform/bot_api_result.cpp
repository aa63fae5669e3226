#include "bot/platform/bot_api_result.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/json_fields.hpp"
#include "core/json_without.hpp"

namespace wgbot {

BotApiEnvelope read_envelope(std::string_view body, bool keep_result) {
  BotApiEnvelope out;
  if (keep_result) {
    out.answer = nlohmann::json::parse(body, nullptr, false);
  } else {
    auto answer = parse_json_without(body, "result");
    out.answer = answer ? std::move(*answer) : nlohmann::json(nlohmann::json::value_t::discarded);
  }
  const nlohmann::json* ok = member(out.answer, "ok");
  out.parsed = !out.answer.is_discarded() && ok != nullptr && ok->is_boolean();
  out.ok = out.parsed && ok->get<bool>();
  return out;
}

bool contains_nocase(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) {
                                return std::tolower(static_cast<unsigned char>(a)) ==
                                       std::tolower(static_cast<unsigned char>(b));
                              });
  return it != haystack.end();
}

}  // namespace wgbot
