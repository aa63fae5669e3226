// multipart/form-data request bodies (RFC 7578), for API calls that upload a file: text fields
// and one or more files, each part with its name (and a file's name and type).
#pragma once

#include <string>
#include <vector>

namespace wgbot::http {

struct FormPart {
  std::string name;
  std::string value;           // a field's text, or a file's bytes
  std::string filename{};      // set: the part is a file
  std::string content_type{};  // a file's type, e.g. "image/png"
};

struct MultipartBody {
  std::string content_type;  // "multipart/form-data; boundary=…"
  std::string body;
};

// A boundary that occurs in no part's value is chosen (from `seed` on); field names and file
// names have CR, LF and '"' replaced, so no part can end the headers early.
MultipartBody build_multipart(const std::vector<FormPart>& parts, unsigned seed = 0);

}  // namespace wgbot::http
