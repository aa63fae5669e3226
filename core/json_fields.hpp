// Reading fields of platform JSON without throwing: only const lookups through find(), since
// operator[] on a const json is undefined for missing keys.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace wgbot {

// The field, or nullptr when `object` is not an object or has no such key.
const nlohmann::json* member(const nlohmann::json& object, const char* key);
// The field when it is an object, else nullptr.
const nlohmann::json* object_member(const nlohmann::json& object, const char* key);
// The field when it is an integer that fits int64 (Telegram ids may be large and unsigned).
std::optional<std::int64_t> int_member(const nlohmann::json& object, const char* key);
// The field when it is a string, else "".
std::string string_member(const nlohmann::json& object, const char* key);

// The path ("message.chat") of the first field described by `schema` that is present in `doc`
// with another type; "" when every present field has its type (absent fields are fine). `schema`
// is an object whose values are "string", "integer", "id" (integer or string), "number",
// "boolean", "array", or an object describing the fields of a nested object.
std::string wrong_typed_field(const nlohmann::json& doc, const nlohmann::json& schema);

}  // namespace wgbot
