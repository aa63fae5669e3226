#include "core/text_fold.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace wgbot {

namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }  // NOLINT: utf8proc allocates
};

std::string map_utf8(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const auto* in = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto len = utf8proc_map(in, static_cast<utf8proc_ssize_t>(text.size()), &out,
                                static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(out);
  if (len < 0) return {};
  return {reinterpret_cast<const char*>(out), static_cast<std::size_t>(len)};
}

// Drops bytes that do not form valid UTF-8 so utf8proc never rejects the whole string.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, remaining, &cp);
    if (n <= 0) {
      ++p;
      --remaining;
      continue;
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
    remaining -= n;
  }
  return out;
}

}  // namespace

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string lower_utf8(std::string_view text) {
  return map_utf8(valid_utf8(text), UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string fold_for_search(std::string_view text) {
  std::string stripped =
      map_utf8(valid_utf8(text), UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  std::string out;
  out.reserve(stripped.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    const auto c = static_cast<unsigned char>(stripped[i]);
    // đ (U+0111, C4 91) and Đ (U+0110, C4 90) have no decomposition: fold them by hand.
    if (c == 0xC4 && i + 1 < stripped.size() &&
        (static_cast<unsigned char>(stripped[i + 1]) == 0x91 ||
         static_cast<unsigned char>(stripped[i + 1]) == 0x90)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += 'd';
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace wgbot
