#include "config/config_loader.hpp"

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_schema.hpp"
#include "config/config_values.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace wgbot {

namespace {

using nlohmann::json;

struct Entry {
  json value;
  std::string source;
};
using Values = std::map<std::string, Entry>;

// Walks nested objects into dotted keys; a key that is not in the schema is an error.
void flatten_file(const json& node, const std::string& prefix, Values& out,
                  const std::string& source) {
  for (const auto& [name, value] : node.items()) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    const KeyDef* def = find_key(key);
    if (def == nullptr && value.is_object()) {
      flatten_file(value, key, out, source);
      continue;
    }
    if (def == nullptr) throw ConfigError("config: unknown key '" + key + "' in " + source);
    if (!matches_type(value, def->type)) {
      throw ConfigError("config: key '" + key + "' in " + source + " must be " +
                        type_name(def->type));
    }
    out[key] = Entry{value, source};
  }
}

json read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("config: cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  json parsed = json::parse(buffer.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw ConfigError("config: " + path + " is not a JSON object");
  }
  return parsed;
}

// Environment values are plain text for strings and JSON for everything else.
json parse_env_value(const KeyDef& def, const std::string& name, const std::string& text) {
  if (def.type == KeyType::string) return text;
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !matches_type(parsed, def.type)) {
    throw ConfigError("config: key '" + std::string(def.key) + "' (" + name + ") must be " +
                      type_name(def.type));
  }
  return parsed;
}

std::optional<std::string> choose_file(const ConfigInputs& inputs) {
  if (inputs.explicit_path) {
    if (!std::filesystem::exists(*inputs.explicit_path)) {
      throw ConfigError("config: file " + *inputs.explicit_path + " does not exist");
    }
    return inputs.explicit_path;
  }
  if (std::filesystem::exists(inputs.working_dir_file)) return inputs.working_dir_file;
  return std::nullopt;
}

Values merge_sources(const ConfigInputs& inputs, const std::optional<std::string>& file) {
  Values values;
  for (const auto& def : config_schema()) {
    values[def.key] = Entry{json::parse(def.default_json), "default"};
  }
  if (file) flatten_file(read_file(*file), "", values, "file " + *file);
  for (const auto& def : config_schema()) {
    const std::string name = env_name_for(def.key);
    if (auto it = inputs.env.find(name); it != inputs.env.end()) {
      values[def.key] = Entry{parse_env_value(def, name, it->second), "env " + name};
    }
  }
  for (const auto& [key, text] : inputs.settings) {
    const KeyDef* def = find_key(key);
    if (def == nullptr || !def->runtime) continue;  // stale settings rows are ignored
    json parsed = json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && matches_type(parsed, def->type)) {
      values[key] = Entry{parsed, "settings"};
    }
  }
  return values;
}

std::string masked(const KeyDef& def, const json& value) {
  if (def.secret && value.is_string() && !value.get<std::string>().empty()) return "\"********\"";
  return value.dump();
}

}  // namespace

std::map<std::string, std::string> wgbot_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (!text.starts_with("WGBOT_")) continue;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return env;
}

std::string env_name_for(const std::string& key) {
  std::string name = "WGBOT_";
  for (char c : key) {
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::vector<std::string> config_keys() {
  std::vector<std::string> keys;
  for (const auto& def : config_schema()) keys.emplace_back(def.key);
  return keys;
}

bool is_runtime_setting(const std::string& key) {
  const KeyDef* def = find_key(key);
  return def != nullptr && def->runtime;
}

LoadedConfig load_config(const ConfigInputs& inputs) {
  LoadedConfig loaded;
  const auto file = choose_file(inputs);
  if (file) loaded.file = *file;
  const Values values = merge_sources(inputs, file);
  ConfigInputs without_settings = inputs;
  without_settings.settings.clear();
  for (auto& [key, entry] : merge_sources(without_settings, file)) {
    loaded.base_values.emplace(key, std::move(entry.value));
  }
  std::map<std::string, nlohmann::json> plain;
  for (const auto& def : config_schema()) {
    const Entry& entry = values.at(def.key);
    plain[def.key] = entry.value;
    loaded.report.push_back(ConfigValueReport{def.key, masked(def, entry.value), entry.source});
    if (def.secret && entry.value.is_string())
      loaded.secrets.push_back(entry.value.get<std::string>());
  }
  loaded.config = build_config(plain);
  return loaded;
}

namespace {

std::vector<std::string> split_list(std::string_view typed) {
  std::vector<std::string> items;
  std::string current;
  for (const char c : typed) {
    if (c == ',' || c == ' ' || c == ';') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

std::optional<json> typed_value(KeyType type, std::string_view typed) {
  switch (type) {
    case KeyType::string:
      return json(std::string(typed));
    case KeyType::boolean:
      if (typed == "true" || typed == "on") return json(true);
      if (typed == "false" || typed == "off") return json(false);
      return std::nullopt;
    case KeyType::integer: {
      int n = 0;
      const auto* end = typed.data() + typed.size();
      const auto [ptr, ec] = std::from_chars(typed.data(), end, n);
      if (typed.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
      return json(n);
    }
    case KeyType::string_list:
      return json(split_list(typed));
    case KeyType::int_list: {
      json list = json::array();
      for (const auto& item : split_list(typed)) {
        auto n = typed_value(KeyType::integer, item);
        if (!n) return std::nullopt;
        list.push_back(*n);
      }
      return list;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_setting(const std::string& key, std::string_view typed) {
  const KeyDef* def = find_key(key);
  if (def == nullptr || !def->runtime) return std::nullopt;
  auto value = typed_value(def->type, typed);
  if (!value) return std::nullopt;
  // The key's own rules (a time of day, a known weekday, a date) are checked by building a
  // configuration with the value over the defaults.
  std::map<std::string, json> plain;
  for (const auto& d : config_schema()) plain[d.key] = json::parse(d.default_json);
  plain[key] = *value;
  try {
    (void)build_config(plain);
  } catch (const ConfigError&) {
    return std::nullopt;
  }
  return value->dump();
}

}  // namespace wgbot
