#include "core/json_without.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace wgbot {
namespace {

using nlohmann::json;

// Builds the document from the parser's events, as nlohmann's own builder does (a repeated key:
// the last value wins), except for the skipped member's value.
class DocumentWithout {
 public:
  explicit DocumentWithout(std::string_view skipped) : skipped_(skipped) {}

  bool null() { return scalar(json(nullptr)); }
  bool boolean(bool value) { return scalar(json(value)); }
  bool number_integer(json::number_integer_t value) { return scalar(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return scalar(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
    return scalar(json(value));
  }
  bool string(json::string_t& value) { return scalar(json(std::move(value))); }
  bool binary(json::binary_t& value) { return scalar(json::binary(std::move(value))); }
  bool start_object(std::size_t /*elements*/) { return open(json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& name) {
    if (skip_depth_ > 0) return true;
    if (open_.size() == 1 && name == skipped_) {
      skip_next_ = true;
    } else {
      key_ = std::move(name);
    }
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return false;
  }

  json take() { return std::move(root_); }

 private:
  // False when the value is skipped (inside the skipped member, or the member itself).
  bool keeps_next() {
    if (skip_depth_ > 0) return false;
    if (skip_next_) {
      skip_next_ = false;
      return false;
    }
    return true;
  }

  json* place(json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  bool scalar(json&& value) {
    if (keeps_next()) place(std::move(value));
    return true;
  }

  bool open(json&& container) {
    if (!keeps_next()) {
      ++skip_depth_;
      return true;
    }
    open_.push_back(place(std::move(container)));
    return true;
  }

  bool close() {
    if (skip_depth_ > 0) {
      --skip_depth_;
    } else {
      open_.pop_back();
    }
    return true;
  }

  std::string_view skipped_;
  json root_;
  std::vector<json*> open_;  // the containers being filled, innermost last
  json::string_t key_;
  bool skip_next_ = false;
  std::size_t skip_depth_ = 0;  // containers open inside the skipped value
};

}  // namespace

std::optional<json> parse_json_without(std::string_view text, std::string_view skipped_member) {
  DocumentWithout document(skipped_member);
  if (!json::sax_parse(text, &document)) return std::nullopt;
  return document.take();
}

}  // namespace wgbot
