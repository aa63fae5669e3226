#include "handlers/time/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace wgbot::timeexpr::detail {
namespace {

constexpr utf8proc_int32_t kSmallDStroke = 0x0111;  // đ; Đ case-folds to it
constexpr utf8proc_int32_t kCapitalDStroke = 0x0110;
constexpr int kMaxNumberDigits = 9;

void append_code_point(std::string& out, utf8proc_int32_t cp) {
  std::array<utf8proc_uint8_t, 4> buf{};
  const auto n = utf8proc_encode_char(cp, buf.data());
  out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
}

// Folds one code point; returns false if it could not be decomposed.
bool fold_code_point(utf8proc_int32_t cp, std::string& out) {
  std::array<utf8proc_int32_t, 32> buf{};
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                     UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE);
  int boundclass = 0;
  const auto n = utf8proc_decompose_char(cp, buf.data(), static_cast<utf8proc_ssize_t>(buf.size()),
                                         options, &boundclass);
  if (n < 0 || n > static_cast<utf8proc_ssize_t>(buf.size())) return false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto c = buf[static_cast<std::size_t>(i)];
    if (c == kSmallDStroke || c == kCapitalDStroke) {
      out.push_back('d');
    } else if (utf8proc_category(c) == UTF8PROC_CATEGORY_ZS) {
      out.push_back(' ');
    } else {
      append_code_point(out, c);
    }
  }
  return true;
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || u >= 0x80;
}
bool is_space_byte(char c) {
  return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
}

}  // namespace

Folded fold(std::string_view source) {
  Folded f;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(source.data());
  const auto size = static_cast<utf8proc_ssize_t>(source.size());
  utf8proc_ssize_t pos = 0;
  while (pos < size) {
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(bytes + pos, size - pos, &cp);
    const auto before = f.text.size();
    if (len <= 0) {
      len = 1;  // invalid UTF-8: keep a marker no grammar accepts
      f.text.push_back('?');
    } else if (!fold_code_point(cp, f.text)) {
      f.text.push_back('?');
    }
    f.origin.insert(f.origin.end(), f.text.size() - before, static_cast<std::size_t>(pos));
    pos += len;
  }
  f.origin.push_back(source.size());
  return f;
}

std::string fold_keep_marks(std::string_view source) {
  utf8proc_uint8_t* out = nullptr;
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(source.data()),
                              static_cast<utf8proc_ssize_t>(source.size()), &out, options);
  std::string result;
  if (n >= 0 && out != nullptr) result.assign(reinterpret_cast<const char*>(out), n);
  std::free(out);
  return result;
}

std::vector<Token> tokenize(std::string_view source) {
  const Folded f = fold(source);
  const std::string& s = f.text;
  std::vector<Token> tokens;
  bool spaced = true;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space_byte(s[i])) {
      spaced = true;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    TokenKind kind = TokenKind::punct;
    if (is_ascii_digit(s[i])) {
      kind = TokenKind::number;
      while (j < s.size() && is_ascii_digit(s[j])) ++j;
    } else if (is_word_byte(s[i])) {
      kind = TokenKind::word;
      while (j < s.size() && is_word_byte(s[j])) ++j;
    }
    Token t{kind, s.substr(i, j - i), {}, -1, f.origin[i], f.origin[j], spaced};
    if (kind == TokenKind::number && t.text.size() <= kMaxNumberDigits) t.value = std::stol(t.text);
    if (kind == TokenKind::word)
      t.marked = fold_keep_marks(source.substr(t.begin, t.end - t.begin));
    tokens.push_back(std::move(t));
    spaced = false;
    i = j;
  }
  return tokens;
}

const Token* Cursor::peek(std::size_t k) const {
  return pos_ + k < tokens_->size() ? &(*tokens_)[pos_ + k] : nullptr;
}

bool Cursor::is(std::size_t k, std::string_view text) const {
  const Token* t = peek(k);
  return t != nullptr && t->text == text;
}

bool Cursor::is_any(std::size_t k, std::initializer_list<std::string_view> texts) const {
  return std::any_of(texts.begin(), texts.end(),
                     [&](std::string_view text) { return is(k, text); });
}

bool Cursor::is_number(std::size_t k) const {
  const Token* t = peek(k);
  return t != nullptr && t->kind == TokenKind::number;
}

bool Cursor::accept(std::string_view text) {
  if (!is(0, text)) return false;
  ++pos_;
  return true;
}

bool Cursor::accept_unless(std::string_view text, std::string_view other) {
  if (!is(0, text) || peek()->marked == other) return false;
  ++pos_;
  return true;
}

bool Cursor::accept_any(std::initializer_list<std::string_view> texts) {
  // A plain loop: accept() advances the cursor, which an any_of predicate should not do.
  for (auto text : texts) {  // NOLINT(readability-use-anyofallof)
    if (accept(text)) return true;
  }
  return false;
}

bool Cursor::accept_seq(std::initializer_list<std::string_view> texts) {
  std::size_t k = 0;
  for (auto text : texts) {
    if (!is(k++, text)) return false;
  }
  pos_ += texts.size();
  return true;
}

long Cursor::accept_number(long lo, long hi) {
  const Token* t = peek();
  if (t == nullptr || t->kind != TokenKind::number || t->value < lo || t->value > hi) return -1;
  ++pos_;
  return t->value;
}

}  // namespace wgbot::timeexpr::detail
