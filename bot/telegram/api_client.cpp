#include "bot/telegram/api_client.hpp"

#include "bot/platform/bot_api_calls.hpp"

namespace wgbot::telegram {

using nlohmann::json;

struct ApiClient::Shared {
  BotApiCalls<ApiResult> calls;
};

namespace {

json updates_list() {
  json list = json::array();
  for (const auto& type : allowed_updates()) list.push_back(type);
  return list;
}

}  // namespace

const std::vector<std::string>& allowed_updates() {
  static const std::vector<std::string> kTypes = {"message", "edited_message", "callback_query",
                                                  "my_chat_member"};
  return kTypes;
}

json set_webhook_body(const std::string& url, const std::string& secret_token,
                      int max_connections) {
  return {{"url", url},
          {"secret_token", secret_token},
          {"allowed_updates", updates_list()},
          {"max_connections", max_connections}};
}

json set_my_commands_body(const std::vector<BotCommand>& commands,
                          const std::string& language_code) {
  json list = json::array();
  for (const auto& c : commands) {
    list.push_back({{"command", c.command}, {"description", c.description}});
  }
  json body = {{"commands", std::move(list)}, {"scope", {{"type", "default"}}}};
  if (!language_code.empty()) body["language_code"] = language_code;
  return body;
}

ApiClient::ApiClient(http::HttpClient& http, std::string api_base_url, std::string token)
    : shared_(std::make_shared<Shared>(Shared{BotApiCalls<ApiResult>(
          http, std::move(api_base_url), std::move(token), classify_response, network_error)})) {}

void ApiClient::call(std::string_view method, const json& body, Done done,
                     std::chrono::milliseconds timeout) {
  shared_->calls.call(method, body, timeout, std::move(done));
}

void ApiClient::get_me(Done done) {
  call("getMe", json::object(), std::move(done));
}

void ApiClient::get_updates(std::optional<std::int64_t> offset, std::chrono::seconds timeout,
                            UpdatesDone done) {
  json body = {{"timeout", timeout.count()}, {"allowed_updates", updates_list()}};
  if (offset) body["offset"] = *offset;
  shared_->calls.transport().post("getUpdates", body, timeout + kPollSlack,
                                  [done = std::move(done)](const http::ClientResponse& r) {
                                    if (r.status == 0) {
                                      GetUpdatesResult failed;
                                      failed.api = network_error(http::no_answer_reason(r));
                                      done(std::move(failed));
                                      return;
                                    }
                                    done(parse_get_updates(r.body, r.status));
                                  });
}

void ApiClient::set_webhook(const std::string& url, const std::string& secret_token,
                            int max_connections, Done done) {
  call("setWebhook", set_webhook_body(url, secret_token, max_connections), std::move(done));
}

void ApiClient::delete_webhook(bool drop_pending_updates, Done done) {
  call("deleteWebhook", json{{"drop_pending_updates", drop_pending_updates}}, std::move(done));
}

void ApiClient::get_webhook_info(Done done) {
  call("getWebhookInfo", json::object(), std::move(done));
}

void ApiClient::set_my_commands(const std::vector<BotCommand>& commands,
                                const std::string& language_code, Done done) {
  call("setMyCommands", set_my_commands_body(commands, language_code), std::move(done));
}

void ApiClient::send_message(std::string body_json, Done done) {
  shared_->calls.call_json("sendMessage", std::move(body_json), kCallTimeout, std::move(done),
                           classify_send_response);
}

void ApiClient::answer_callback_query(const json& body, Done done) {
  call("answerCallbackQuery", body, std::move(done));
}

void ApiClient::edit_message_text(const json& body, Done done) {
  call("editMessageText", body, std::move(done));
}

void ApiClient::send_file(const json& fields, const OutgoingFile& file, Done done) {
  const bool photo = file.kind == FileKind::photo;
  std::vector<http::FormPart> parts;
  for (const auto& [key, value] : fields.items()) {
    parts.push_back(http::FormPart{
        key, value.is_string() ? value.get<std::string>()
                               : value.dump(-1, ' ', false, json::error_handler_t::replace)});
  }
  parts.push_back(
      http::FormPart{photo ? "photo" : "document", file.bytes, file.name, file.content_type});
  shared_->calls.call_form(photo ? "sendPhoto" : "sendDocument", parts, kUploadTimeout,
                           std::move(done));
}

}  // namespace wgbot::telegram
