#include "bot/http/http_types.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

namespace wgbot::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  auto lower = [](unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) {
           return lower(static_cast<unsigned char>(x)) == lower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

Response text_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Responder& Responder::operator=(Responder&& other) noexcept {
  if (this != &other) {
    answer_unsent();  // the request this one held must not go unanswered
    deliver_ = std::move(other.deliver_);
    other.deliver_ = nullptr;
  }
  return *this;
}

Responder::~Responder() {
  answer_unsent();
}

void Responder::send(Response response) {
  if (!deliver_) return;
  // Clear first so that a throwing deliver cannot make the destructor answer a second time.
  Deliver deliver = std::move(deliver_);
  deliver_ = nullptr;
  deliver(std::move(response));
}

void Responder::answer_unsent() noexcept {
  if (!deliver_) return;
  spdlog::error("event=http_responder_dropped status=500");
  try {
    send(text_response(500, "internal error"));
  } catch (const std::exception& e) {
    spdlog::error("event=http_responder_drop_failed what=\"{}\"", e.what());
  } catch (...) {
    spdlog::error("event=http_responder_drop_failed what=unknown");
  }
}

}  // namespace wgbot::http
