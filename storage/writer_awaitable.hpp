// Awaiting a Writer job from an Asio coroutine: the coroutine suspends, the storage thread runs
// the job and commits, and the coroutine resumes on its own executor with the result.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <type_traits>

#include "storage/writer.hpp"

namespace wgbot::storage {

// Completes with (WriteResult, value) — `value` is default-constructed unless the job succeeded.
template <typename Fn, typename CompletionToken>
auto async_write(Writer& writer, Fn fn, CompletionToken&& token) {
  using Value = std::invoke_result_t<Fn&, storage::Connection&>;
  static_assert(!std::is_void_v<Value>, "return a value (e.g. bool) from the job");
  return boost::asio::async_initiate<CompletionToken, void(WriteResult, Value)>(
      [&writer](auto handler, Fn job) {
        auto state = std::make_shared<Value>();
        auto work = std::make_shared<decltype(handler)>(std::move(handler));
        writer.submit(
            [state, job = std::move(job)](storage::Connection& db) mutable { *state = job(db); },
            [state, work](const WriteResult& result) {
              auto executor = boost::asio::get_associated_executor(*work);
              boost::asio::post(executor, [state, work, result]() mutable {
                (*work)(result, std::move(*state));
              });
            });
      },
      token, std::move(fn));
}

}  // namespace wgbot::storage
