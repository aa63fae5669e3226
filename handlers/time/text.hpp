// Text folding and tokenizing shared by the time-expression parsers.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot::timeexpr::detail {

// `text` is the source lower-cased, compatibility-decomposed, without diacritics and with đ → d,
// so "Thứ Sáu", "thu sau" and NFD input all read alike. origin[i] is the byte offset in the
// source of the character that produced text[i]; origin[text.size()] is the source's size.
struct Folded {
  std::string text;
  std::vector<std::size_t> origin;
};
Folded fold(std::string_view source);

// NFC + case folding, diacritics kept: tells "tới" (coming) from "tối" (evening).
std::string fold_keep_marks(std::string_view source);

enum class TokenKind { word, number, punct };

struct Token {
  TokenKind kind = TokenKind::word;
  std::string text;       // folded
  std::string marked;     // words only: NFC, case-folded, diacritics kept
  long value = -1;        // numbers only; -1 when too long to matter
  std::size_t begin = 0;  // byte range in the source
  std::size_t end = 0;
  bool spaced = true;  // whitespace (or the start) precedes it
};

// Splits folded text into runs of letters, runs of digits and single punctuation characters:
// "17h30" → 17 h 30, "t2" → t 2, "15/12" → 15 / 12.
std::vector<Token> tokenize(std::string_view source);

// A read position over tokens with all-or-nothing matching helpers.
class Cursor {
 public:
  explicit Cursor(const std::vector<Token>& tokens) : tokens_(&tokens) {}

  bool done() const { return pos_ >= tokens_->size(); }
  std::size_t pos() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }
  void skip(std::size_t n = 1) { pos_ += n; }
  // The token k places ahead, or nullptr past the end.
  const Token* peek(std::size_t k = 0) const;
  bool is(std::size_t k, std::string_view text) const;
  bool is_any(std::size_t k, std::initializer_list<std::string_view> texts) const;
  bool is_number(std::size_t k) const;

  bool accept(std::string_view text);
  // Accepts `text` unless its diacritics show it is the homograph `other` ("một" vs "mốt"):
  // unmarked input stays ambiguous and is accepted.
  bool accept_unless(std::string_view text, std::string_view other);
  bool accept_any(std::initializer_list<std::string_view> texts);
  // Consumes the whole sequence or nothing.
  bool accept_seq(std::initializer_list<std::string_view> texts);
  // A number within [lo, hi], or -1 (nothing consumed).
  long accept_number(long lo, long hi);

 private:
  const std::vector<Token>* tokens_;
  std::size_t pos_ = 0;
};

}  // namespace wgbot::timeexpr::detail
