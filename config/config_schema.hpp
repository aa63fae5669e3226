// Every configuration key with its type, default and whether it is secret or changeable at run
// time: the one schema that file, environment and settings are checked against.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace wgbot {

enum class KeyType { string, integer, boolean, string_list, int_list };

struct KeyDef {
  const char* key;
  KeyType type;
  const char* default_json;  // the built-in default, as JSON text
  bool secret = false;
  bool runtime = false;  // may be changed with /settings
};

const std::vector<KeyDef>& config_schema();
const KeyDef* find_key(const std::string& key);
const char* type_name(KeyType type);
bool matches_type(const nlohmann::json& value, KeyType type);

}  // namespace wgbot
