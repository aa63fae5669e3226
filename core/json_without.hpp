// Parsing a JSON text into a document without one member of its top-level object, which is
// skipped as it is read instead of being built and thrown away: a Bot API answer to a sent
// message carries the whole message back as its `result`, and nothing reads it.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace wgbot {

// The document, or nullopt when `text` is not JSON. Nested members of that name are kept.
[[nodiscard]] std::optional<nlohmann::json> parse_json_without(std::string_view text,
                                                               std::string_view skipped_member);

}  // namespace wgbot
