// JSON text written straight into a string, for the bodies built on every message (a Bot API
// call, an outbox row): no document of nodes is built and then printed. Keys come out in the
// order they are written. Strings are escaped as JSON requires; bytes that are not UTF-8 become
// U+FFFD, so text from anywhere can be written without failing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace wgbot {

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // Inside an object: the name of the value written next.
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& boolean(bool value);

  // The text written so far (a whole value once every object and array is closed).
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  void before_value();
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);

  std::string out_;
  bool after_value_ = false;  // the next key or array element needs a comma
};

}  // namespace wgbot
