#include "fakes/multipart_reader.hpp"

#include <algorithm>
#include <cctype>

namespace wgbot::testing {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of `key="…"` (or key=token) in a header's parameters.
std::string parameter(std::string_view header, std::string_view key) {
  const std::string wanted = std::string(key) + "=";
  std::size_t pos = 0;
  while ((pos = header.find(wanted, pos)) != std::string_view::npos) {
    const bool at_start = pos == 0 || header[pos - 1] == ' ' || header[pos - 1] == ';';
    pos += wanted.size();
    if (!at_start) continue;
    if (pos < header.size() && header[pos] == '"') {
      const std::size_t end = header.find('"', pos + 1);
      return std::string(header.substr(pos + 1, end - pos - 1));
    }
    const std::size_t end = header.find(';', pos);
    return std::string(header.substr(pos, end - pos));
  }
  return {};
}

}  // namespace

std::optional<std::vector<ReceivedPart>> read_multipart(std::string_view content_type,
                                                        std::string_view body) {
  if (!lower(content_type).starts_with("multipart/form-data")) return std::nullopt;
  const std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  std::vector<ReceivedPart> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    ReceivedPart part;
    for (std::size_t line = pos; line < headers_end;) {
      std::size_t eol = body.find("\r\n", line);
      if (eol == std::string_view::npos || eol > headers_end) eol = headers_end;
      const std::string_view header = body.substr(line, eol - line);
      const std::size_t colon = header.find(':');
      const std::string name = lower(header.substr(0, colon));
      std::string_view value = header.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (name == "content-disposition") {
        part.name = parameter(value, "name");
        part.filename = parameter(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
      line = eol + 2;
    }
    const std::size_t data_start = headers_end + 4;
    const std::size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

}  // namespace wgbot::testing
