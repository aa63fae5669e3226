#include "core/json_fields.hpp"

namespace wgbot {

using nlohmann::json;

const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const json* object_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_object() ? value : nullptr;
}

std::optional<std::int64_t> int_member(const json& object, const char* key) {
  const json* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto u = value->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value->is_number_integer()) return value->get<std::int64_t>();
  return std::nullopt;
}

std::string string_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

namespace {

bool has_type(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "id") return value.is_number_integer() || value.is_string();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "array") return value.is_array();
  return false;
}

std::string joined_path(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

// Runs for every update a platform sends: the path is built only for a field that is wrong or
// holds fields of its own, and type names are compared where they are stored.
std::string wrong_typed_in(const json& doc, const json& schema, const std::string& prefix) {
  for (auto field = schema.begin(); field != schema.end(); ++field) {
    const auto it = doc.find(field.key());
    if (it == doc.end()) continue;
    const json& type = field.value();
    if (type.is_object()) {
      std::string path = joined_path(prefix, field.key());
      if (!it->is_object()) return path;
      if (std::string inner = wrong_typed_in(*it, type, path); !inner.empty()) return inner;
    } else if (!has_type(*it, type.get_ref<const std::string&>())) {
      return joined_path(prefix, field.key());
    }
  }
  return {};
}

}  // namespace

std::string wrong_typed_field(const json& doc, const json& schema) {
  if (!doc.is_object() || !schema.is_object()) return {};
  return wrong_typed_in(doc, schema, {});
}

}  // namespace wgbot
