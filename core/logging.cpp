#include "core/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>

namespace wgbot {

namespace {

// Replaces secrets in the formatted line before it reaches stderr.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {
    std::erase_if(secrets_, [](const std::string& s) { return s.size() < 4; });
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::string line(formatted.data(), formatted.size());
    for (const auto& secret : secrets_) {
      for (auto pos = line.find(secret); pos != std::string::npos;
           pos = line.find(secret, pos + 3)) {
        line.replace(pos, secret.size(), "***");
      }
    }
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  std::vector<std::string> secrets_;
};

}  // namespace

void install_logger(const std::string& level, const std::string& format,
                    std::vector<std::string> secrets) {
  auto sink = std::make_shared<RedactingSink>(std::move(secrets));
  auto logger = std::make_shared<spdlog::logger>("wgbot", sink);
  if (format == "json") {
    logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","msg":"%v"})");
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %L %v");
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace wgbot
