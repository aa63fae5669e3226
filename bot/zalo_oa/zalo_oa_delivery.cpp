#include "bot/zalo_oa/zalo_oa_delivery.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/text_split.hpp"
#include "bot/zalo_oa/token_manager.hpp"
#include "core/clock.hpp"
#include "core/text_markup.hpp"
#include "storage/audit_repository.hpp"
#include "storage/model.hpp"
#include "storage/writer.hpp"

namespace wgbot::zalo_oa {

struct ZaloOaDelivery::Attempt {
  std::string user_id;
  std::string text;
  Done done;
  bool retried = false;  // the one resend after a token refresh is spent
};

namespace {

DeliveryResult failed(DeliveryStatus status, std::string error) {
  DeliveryResult out;
  out.status = status;
  out.error = std::move(error);
  return out;
}

}  // namespace

std::string visible_text(const Outgoing& message) {
  // Plain text: the markup (bold spans, fixed-width lines) is dropped, its words kept.
  std::string text = strip_bold_markup(message.text);
  if (message.hint.empty()) return text;
  return text + "\n" + strip_bold_markup(message.hint);
}

nlohmann::json build_cs_message(const std::string& user_id, const std::string& text) {
  return {{"recipient", {{"user_id", user_id}}}, {"message", {{"text", text}}}};
}

DeliveryResult to_delivery_result(const OaResult& result) {
  DeliveryResult out;
  out.answered = result.answered;
  out.error = result.error != 0
                  ? "error " + std::to_string(result.error) + ": " + result.description
                  : result.description;
  switch (result.outcome) {
    case OaOutcome::ok:
      out.status = DeliveryStatus::sent;
      break;
    case OaOutcome::outside_window:
    case OaOutcome::rejected:
      out.status = DeliveryStatus::rejected;
      break;
    case OaOutcome::needs_admin:
      spdlog::error("event=zalo_oa_needs_admin error={} detail=\"{}\"", result.error,
                    result.description);
      out.status = DeliveryStatus::transient;  // fixed by an admin, not by dropping messages
      break;
    case OaOutcome::token_invalid:
    case OaOutcome::throttled:
    case OaOutcome::transient:
      out.status = DeliveryStatus::transient;
      break;
  }
  return out;
}

ZaloOaDelivery::ZaloOaDelivery(http::HttpClient& http, TokenManager& tokens,
                               storage::Writer& writer, const Clock& clock,
                               std::string api_base_url)
    : http_(http), tokens_(tokens), writer_(writer), clock_(clock), url_([&] {
        while (!api_base_url.empty() && api_base_url.back() == '/') api_base_url.pop_back();
        return api_base_url + "/v3.0/oa/message/cs";
      }()) {}

std::string ZaloOaDelivery::platform() const {
  return std::string(kPlatformId);
}

// Only new messages exist here: without buttons there are no presses to answer or cards to edit.
int ZaloOaDelivery::parts(const Outgoing& message) const {
  if (message.kind != OutKind::message) return 0;
  return static_cast<int>(split_plain_text(visible_text(message), kMaxMessageChars).size());
}

void ZaloOaDelivery::send_part(const Outgoing& message, int part, Done done) {
  const auto chunks = split_plain_text(visible_text(message), kMaxMessageChars);
  if (message.kind != OutKind::message || part < 0 ||
      static_cast<std::size_t>(part) >= chunks.size()) {
    done(failed(DeliveryStatus::rejected, "no such part"));
    return;
  }
  auto attempt = std::make_shared<Attempt>(
      Attempt{message.chat_id, chunks[static_cast<std::size_t>(part)], std::move(done)});
  tokens_.current([this, attempt](const TokenResult& token) {
    if (!token.ok) {
      attempt->done(failed(DeliveryStatus::transient, token.error));
      return;
    }
    post(attempt, token.access_token);
  });
}

void ZaloOaDelivery::post(const std::shared_ptr<Attempt>& attempt, const std::string& token) {
  http::ClientRequest request;
  request.url = url_;
  request.body = build_cs_message(attempt->user_id, attempt->text).dump();
  request.headers.emplace_back("access_token", token);
  request.timeout = std::chrono::seconds{20};
  http_.request(std::move(request), [this, attempt, token](const http::ClientResponse& response) {
    on_answer(attempt, token, classify_response(response));
  });
}

void ZaloOaDelivery::on_answer(const std::shared_ptr<Attempt>& attempt, const std::string& token,
                               const OaResult& r) {
  if (r.outcome == OaOutcome::token_invalid && !attempt->retried) {
    attempt->retried = true;
    spdlog::warn("event=zalo_oa_token_rejected error={} action=refresh_and_resend", r.error);
    tokens_.replace(token, [this, attempt, token](const TokenResult& fresh) {
      if (!fresh.ok || fresh.access_token == token) {
        attempt->done(failed(DeliveryStatus::transient, "access token invalid; " + fresh.error));
        return;
      }
      post(attempt, fresh.access_token);
    });
    return;
  }
  if (r.outcome == OaOutcome::outside_window)
    record_outside_window(attempt->user_id, r.description);
  attempt->done(to_delivery_result(r));
}

// Only the user writing to the OA reopens the window, so the admins are told who cannot be
// reached (the sender drops the message; retrying would fail for as long as the user is silent).
void ZaloOaDelivery::record_outside_window(const std::string& user_id, const std::string& error) {
  const auto at = clock_.now().time_since_epoch().count();
  const std::string target = std::string(kPlatformId) + ":" + user_id;
  writer_.submit(
      [at, target, error](storage::Connection& db) {
        storage::AuditRepository(db).write(
            AuditEntry{0, at, "system", "zalo_oa_outside_window", target, "",
                       "message not delivered: the user has not written to the OA in 7 days (" +
                           error + "); it reaches them only after they write again"});
      },
      {});
}

}  // namespace wgbot::zalo_oa
