// Awaiting IngestService::submit_batch from a poller's coroutine: it resumes on its own executor
// with the BatchIngestResult. Shared by the platforms' pollers, which store what they fetched.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>

#include "bot/dispatch/ingest.hpp"

namespace wgbot {

// Completes with (BatchIngestResult); `also` runs in the same job (may be empty).
template <typename CompletionToken>
auto async_submit_batch(IngestService& ingest, std::vector<Inbound> batch,
                        IngestService::AlsoInJob also, CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(BatchIngestResult)>(
      [&ingest](auto handler, std::vector<Inbound>&& updates,
                IngestService::AlsoInJob&& also_in_job) {
        auto work = std::make_shared<decltype(handler)>(std::move(handler));
        ingest.submit_batch(std::move(updates), std::move(also_in_job),
                            [work](const BatchIngestResult& r) {
                              auto executor = boost::asio::get_associated_executor(*work);
                              boost::asio::post(executor, [work, r]() mutable { (*work)(r); });
                            });
      },
      token, std::move(batch), std::move(also));
}

}  // namespace wgbot
