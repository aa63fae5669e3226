// Files the bot serves to a chat platform that fetches media by URL instead of taking an upload
// (Zalo Bot's sendPhoto): the bytes are put on the shelf under a random token, and the HTTP
// route (media_route.hpp) answers GET /media/<token><extension> until the entry expires. The
// shelf lives in memory only, within a byte budget: the oldest entries leave first. A sender
// restarted after a crash puts the bytes again when it sends again.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace wgbot::http {

// The URL path every shelved file is served under.
inline constexpr std::string_view kMediaPrefix = "/media/";
// A token is 24 random bytes (192 bits) in URL-safe base64 without padding.
inline constexpr std::size_t kMediaTokenBytes = 24;
inline constexpr std::size_t kMediaTokenLength = 32;

struct MediaShelfOptions {
  std::chrono::seconds lifetime{std::chrono::hours{24}};
  std::size_t max_bytes = std::size_t{32} * 1024 * 1024;
};

// What the route sends for a token.
struct MediaItem {
  std::shared_ptr<const std::string> bytes;
  std::string content_type;
  std::chrono::sys_seconds expires;
};

// True for a string that has the shape of a token (length and alphabet); says nothing about
// whether it is on the shelf.
[[nodiscard]] bool is_media_token(std::string_view token);
// The file name extension a URL gets for this content type: ".png", ".jpg", ".gif", ".webp",
// or "" for anything else.
[[nodiscard]] std::string media_extension(std::string_view content_type);
// "/media/<token><extension>".
[[nodiscard]] std::string media_path(std::string_view token, std::string_view content_type);
// `path` as the logs may show it: a path under kMediaPrefix loses its token ("/media/***.png"),
// since whoever has the URL has the file; any other path is unchanged.
[[nodiscard]] std::string loggable_path(std::string_view path);

// Thread-safe: the outbox senders put, the HTTP server's connections get.
class MediaShelf {
 public:
  explicit MediaShelf(MediaShelfOptions options = {});

  // Keeps `bytes` until now + lifetime and returns its token, dropping expired entries and then
  // the oldest ones until the budget holds it; nullopt when it is larger than the whole budget.
  // Throws std::runtime_error when the system has no randomness to give.
  [[nodiscard]] std::optional<std::string> put(std::string bytes, std::string content_type,
                                               std::chrono::sys_seconds now);
  // The entry under `token` unless it is unknown, malformed or expired at `now`.
  [[nodiscard]] std::optional<MediaItem> get(std::string_view token, std::chrono::sys_seconds now);

  [[nodiscard]] std::size_t entries() const;
  [[nodiscard]] std::size_t bytes() const;
  [[nodiscard]] const MediaShelfOptions& options() const { return options_; }

 private:
  void drop_expired(std::chrono::sys_seconds now);
  void drop_oldest();

  const MediaShelfOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, MediaItem, std::less<>> items_;
  std::deque<std::string> order_;  // tokens, oldest first (the expiry order too)
  std::size_t bytes_ = 0;
};

}  // namespace wgbot::http
