#include "bot/http/media_shelf.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace wgbot::http {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// URL-safe base64 without padding; 24 bytes make exactly 32 characters.
std::string random_token() {
  std::array<unsigned char, kMediaTokenBytes> raw{};
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("cannot make a media token: no randomness");
  }
  std::string token;
  token.reserve(kMediaTokenLength);
  for (std::size_t i = 0; i < raw.size(); i += 3) {
    const unsigned v = (unsigned{raw[i]} << 16U) | (unsigned{raw[i + 1]} << 8U) | raw[i + 2];
    token += kAlphabet[(v >> 18U) & 63U];
    token += kAlphabet[(v >> 12U) & 63U];
    token += kAlphabet[(v >> 6U) & 63U];
    token += kAlphabet[v & 63U];
  }
  return token;
}

}  // namespace

bool is_media_token(std::string_view token) {
  return token.size() == kMediaTokenLength && std::all_of(token.begin(), token.end(), [](char c) {
           return kAlphabet.find(c) != std::string_view::npos;
         });
}

std::string media_extension(std::string_view content_type) {
  if (content_type == "image/png") return ".png";
  if (content_type == "image/jpeg") return ".jpg";
  if (content_type == "image/gif") return ".gif";
  if (content_type == "image/webp") return ".webp";
  return "";
}

std::string media_path(std::string_view token, std::string_view content_type) {
  return std::string(kMediaPrefix) + std::string(token) + media_extension(content_type);
}

std::string loggable_path(std::string_view path) {
  if (path.substr(0, kMediaPrefix.size()) != kMediaPrefix) return std::string(path);
  const std::string_view name = path.substr(kMediaPrefix.size());
  const std::size_t dot = name.find('.');
  return std::string(kMediaPrefix) + "***" +
         std::string(dot == std::string_view::npos ? std::string_view{} : name.substr(dot));
}

MediaShelf::MediaShelf(MediaShelfOptions options) : options_(options) {}

std::optional<std::string> MediaShelf::put(std::string bytes, std::string content_type,
                                           std::chrono::sys_seconds now) {
  if (bytes.size() > options_.max_bytes) return std::nullopt;
  std::string token = random_token();
  std::lock_guard lock(mu_);
  drop_expired(now);
  while (!order_.empty() && bytes_ + bytes.size() > options_.max_bytes) drop_oldest();
  bytes_ += bytes.size();
  items_.emplace(token, MediaItem{std::make_shared<const std::string>(std::move(bytes)),
                                  std::move(content_type), now + options_.lifetime});
  order_.push_back(token);
  return token;
}

std::optional<MediaItem> MediaShelf::get(std::string_view token, std::chrono::sys_seconds now) {
  if (!is_media_token(token)) return std::nullopt;
  std::lock_guard lock(mu_);
  drop_expired(now);
  const auto found = items_.find(token);
  if (found == items_.end()) return std::nullopt;
  return found->second;
}

std::size_t MediaShelf::entries() const {
  std::lock_guard lock(mu_);
  return items_.size();
}

std::size_t MediaShelf::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

// Every entry lives as long, so the oldest expires first.
void MediaShelf::drop_expired(std::chrono::sys_seconds now) {
  while (!order_.empty()) {
    const auto found = items_.find(order_.front());
    if (found != items_.end() && found->second.expires > now) return;
    drop_oldest();
  }
}

void MediaShelf::drop_oldest() {
  const auto found = items_.find(order_.front());
  if (found != items_.end()) {
    bytes_ -= found->second.bytes->size();
    items_.erase(found);
  }
  order_.pop_front();
}

}  // namespace wgbot::http
