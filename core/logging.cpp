#include "core/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "core/log_line.hpp"

namespace wgbot {

namespace {

constexpr const char* kTimePattern = "%Y-%m-%dT%H:%M:%S.%e%z";

// Formats each event (text or JSON), replaces secrets, and writes the line to stderr.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  RedactingSink(std::vector<std::string> secrets, bool json)
      : secrets_(std::move(secrets)),
        json_(json),
        time_(std::make_unique<spdlog::pattern_formatter>(kTimePattern,
                                                          spdlog::pattern_time_type::local, "")) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string line;
    if (json_) {
      spdlog::memory_buf_t time;
      time_->format(msg, time);
      const std::string message =
          redact(std::string(msg.payload.data(), msg.payload.size()), secrets_);
      const auto level = spdlog::level::to_string_view(msg.level);
      line = json_log_line(std::string_view(time.data(), time.size()),
                           std::string_view(level.data(), level.size()), message);
      line += '\n';
    } else {
      spdlog::memory_buf_t formatted;
      formatter_->format(msg, formatted);
      line.assign(formatted.data(), formatted.size());
    }
    line = redact(std::move(line), secrets_);
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  std::vector<std::string> secrets_;
  bool json_;
  std::unique_ptr<spdlog::formatter> time_;
};

}  // namespace

void install_logger(const std::string& level, const std::string& format,
                    std::vector<std::string> secrets) {
  auto sink = std::make_shared<RedactingSink>(std::move(secrets), format == "json");
  auto logger = std::make_shared<spdlog::logger>("wgbot", sink);
  logger->set_pattern(std::string(kTimePattern) + " level=%l %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

bool set_log_level(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  // from_str answers "off" for a name it does not know.
  if (parsed == spdlog::level::off && level != "off") return false;
  spdlog::set_level(parsed);
  return true;
}

}  // namespace wgbot
