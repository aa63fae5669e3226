#include "fakes/loopback_platform.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "bot/dispatch/ingest.hpp"
#include "bot/http/router.hpp"
#include "core/inbound.hpp"

namespace wgbot::testing {

namespace {

using nlohmann::json;

class LoopbackDelivery final : public Delivery {
 public:
  explicit LoopbackDelivery(std::shared_ptr<LoopbackInbox> inbox) : inbox_(std::move(inbox)) {}

  [[nodiscard]] std::string platform() const override { return kLoopbackPlatform; }
  [[nodiscard]] int parts(const Outgoing& message) const override {
    return message.kind == OutKind::message ? 1 : 0;  // no button answers, no edits
  }
  void send_part(const Outgoing& message, int /*part*/, Done done) override {
    std::string text = message.text;
    if (!message.hint.empty()) text += "\n" + message.hint;
    inbox_->add(LoopbackMessage{message.chat_id, std::move(text)});
    DeliveryResult result;
    result.status = DeliveryStatus::sent;
    result.answered = true;
    done(result);
  }

 private:
  std::shared_ptr<LoopbackInbox> inbox_;
};

class LoopbackPlatform final : public Platform {
 public:
  LoopbackPlatform(PlatformContext& context, std::shared_ptr<LoopbackInbox> inbox)
      : ioc_(context.ioc), ingest_(context.ingest), inbox_(inbox), delivery_(std::move(inbox)) {}

  [[nodiscard]] std::string_view id() const override { return kLoopbackPlatform; }
  [[nodiscard]] Capabilities capabilities() const override {
    Capabilities c;
    c.max_message_length = 2000;
    return c;
  }
  [[nodiscard]] RateLimits rate_limits() const override { return RateLimits{1000, 1000, 1000}; }

  void add_routes(http::Router& router) override {
    router.add("POST", "/webhook/loopback", [this](http::Request request, http::Responder out) {
      const json body = json::parse(request.body, nullptr, false);
      if (!body.is_object() || !body.contains("id") || !body.contains("text")) {
        out.send(http::text_response(400, "malformed\n"));
        return;
      }
      Inbound in;
      in.platform = kLoopbackPlatform;
      in.update_key = body.value("id", "");
      in.chat_id = body.value("chat", "");
      in.sender_id = body.value("user", "");
      in.sender_name = body.value("name", "");
      in.text = body.value("text", "");
      in.raw = request.body;
      auto responder = std::make_shared<http::Responder>(std::move(out));
      inbox_->count_update();
      ingest_.submit(std::move(in), [responder](const IngestResult& r) {
        responder->send(http::text_response(r.committed() ? 200 : 503, ""));
      });
    });
  }
  void start() override {}
  void stop(std::function<void()> done) override { boost::asio::post(ioc_, std::move(done)); }
  Delivery& delivery() override { return delivery_; }

 private:
  boost::asio::io_context& ioc_;
  IngestService& ingest_;
  std::shared_ptr<LoopbackInbox> inbox_;
  LoopbackDelivery delivery_;
};

}  // namespace

void LoopbackInbox::add(LoopbackMessage message) {
  {
    std::lock_guard lock(mutex_);
    messages_.push_back(std::move(message));
  }
  changed_.notify_all();
}

std::vector<LoopbackMessage> LoopbackInbox::to(const std::string& chat_id) const {
  std::lock_guard lock(mutex_);
  std::vector<LoopbackMessage> out;
  for (const auto& m : messages_) {
    if (m.chat_id == chat_id) out.push_back(m);
  }
  return out;
}

std::vector<LoopbackMessage> LoopbackInbox::wait_for(const std::string& chat_id, std::size_t n,
                                                     std::chrono::seconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] {
    std::size_t count = 0;
    for (const auto& m : messages_) count += m.chat_id == chat_id ? 1 : 0;
    return count >= n;
  });
  lock.unlock();
  return to(chat_id);
}

std::size_t LoopbackInbox::size() const {
  std::lock_guard lock(mutex_);
  return messages_.size();
}

PlatformFactory loopback_platform(std::shared_ptr<LoopbackInbox> inbox) {
  return [inbox](PlatformContext& context) -> std::unique_ptr<Platform> {
    return std::make_unique<LoopbackPlatform>(context, inbox);
  };
}

}  // namespace wgbot::testing
