// Reads a multipart/form-data request body (RFC 7578) the way an API server would, for the fake
// servers that receive file uploads. Written from the RFC, independent of bot/http/multipart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot::testing {

struct ReceivedPart {
  std::string name;
  std::string filename;      // "" for a plain field
  std::string content_type;  // "" when the part has none
  std::string data;
};

// nullopt when `content_type` is not multipart/form-data with a boundary, or the body is not
// well formed (no closing delimiter, a part without a blank line after its headers).
std::optional<std::vector<ReceivedPart>> read_multipart(std::string_view content_type,
                                                        std::string_view body);

}  // namespace wgbot::testing
