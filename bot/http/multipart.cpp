#include "bot/http/multipart.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wgbot::http {

namespace {

std::string header_safe(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n' || c == '"'; }, '_');
  return s;
}

bool occurs_in_any(const std::vector<FormPart>& parts, const std::string& boundary) {
  return std::any_of(parts.begin(), parts.end(), [&](const FormPart& p) {
    return p.value.find(boundary) != std::string::npos;
  });
}

}  // namespace

MultipartBody build_multipart(const std::vector<FormPart>& parts, unsigned seed) {
  std::string boundary;
  for (unsigned n = seed;; ++n) {
    boundary = fmt::format("wgbot-form-{:08x}", n * 2654435761U);
    if (!occurs_in_any(parts, boundary)) break;
  }
  MultipartBody out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& part : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=\"" + header_safe(part.name) + "\"";
    if (!part.filename.empty()) {
      out.body += "; filename=\"" + header_safe(part.filename) + "\"\r\n";
      out.body +=
          "Content-Type: " +
          header_safe(part.content_type.empty() ? "application/octet-stream" : part.content_type) +
          "\r\n";
    } else {
      out.body += "\r\n";
    }
    out.body += "\r\n";
    out.body += part.value;
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace wgbot::http
