// The Bot API methods wgbot calls: POST <api_base_url>/bot<token>/<method> with a JSON body,
// answered as a classified ApiResult. The token is part of every URL, so neither the URL nor the
// token is ever logged here; callers log the method name and the outcome.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/telegram/api_result.hpp"
#include "bot/telegram/update_parser.hpp"
#include "core/outgoing.hpp"

namespace wgbot::http {
class HttpClient;
}

namespace wgbot::telegram {

// Long-poll length of getUpdates; the HTTP timeout adds kPollSlack so the server answers first.
inline constexpr std::chrono::seconds kPollTimeout{30};
inline constexpr std::chrono::seconds kPollSlack{5};
// Every other method.
inline constexpr std::chrono::seconds kCallTimeout{15};
// A file upload (sendPhoto, sendDocument).
inline constexpr std::chrono::seconds kUploadTimeout{60};

// The update types wgbot asks for (getUpdates and setWebhook).
[[nodiscard]] const std::vector<std::string>& allowed_updates();

// One entry of setMyCommands.
struct BotCommand {
  std::string command;  // without '/'
  std::string description;
};

// Request bodies, shared by the callback methods below and by coroutines using async_call.
[[nodiscard]] nlohmann::json set_webhook_body(const std::string& url,
                                              const std::string& secret_token, int max_connections);
[[nodiscard]] nlohmann::json set_my_commands_body(const std::vector<BotCommand>& commands,
                                                  const std::string& language_code);

class ApiClient {
 public:
  using Done = std::function<void(ApiResult)>;
  using UpdatesDone = std::function<void(GetUpdatesResult)>;

  // `api_base_url`: scheme, host and port, e.g. "https://api.telegram.org" (a trailing '/' is
  // ignored). `http` must outlive the client.
  ApiClient(http::HttpClient& http, std::string api_base_url, std::string token);

  // Any method; `done` runs once on the HTTP client's io_context.
  void call(std::string_view method, const nlohmann::json& body, Done done,
            std::chrono::milliseconds timeout = kCallTimeout);

  void get_me(Done done);
  // `offset`: last seen update_id + 1 (nullopt on the very first call); `timeout`: long-poll
  // seconds (0 = answer at once).
  void get_updates(std::optional<std::int64_t> offset, std::chrono::seconds timeout,
                   UpdatesDone done);
  void set_webhook(const std::string& url, const std::string& secret_token, int max_connections,
                   Done done);
  void delete_webhook(bool drop_pending_updates, Done done);
  void get_webhook_info(Done done);
  // `language_code` "" = the default list for every language without its own.
  void set_my_commands(const std::vector<BotCommand>& commands, const std::string& language_code,
                       Done done);
  // Bodies from formatter.hpp (build_send_message's JSON text, build_answer_callback,
  // build_edit_message_text).
  void send_message(std::string body_json, Done done);
  void answer_callback_query(const nlohmann::json& body, Done done);
  void edit_message_text(const nlohmann::json& body, Done done);
  // sendPhoto / sendDocument as a multipart upload: `fields` from build_send_file (each a form
  // field; objects such as reply_markup as JSON text), the file as the "photo" or "document"
  // part.
  void send_file(const nlohmann::json& fields, const OutgoingFile& file, Done done);

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
};

}  // namespace wgbot::telegram
