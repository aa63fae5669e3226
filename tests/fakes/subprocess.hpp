// Runs the real wgbot binary with pipes on its standard streams, for end-to-end tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wgbot::testing {

class Subprocess {
 public:
  Subprocess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void write_stdin(const std::string& text);
  void close_stdin();
  // Reads until `needle` appears in the stream (or it closes, or `timeout` passes); returns
  // everything read from that stream so far.
  std::string read_stdout_until(const std::string& needle,
                                std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::string read_stderr_until(const std::string& needle,
                                std::chrono::milliseconds timeout = std::chrono::seconds(20));
  void signal(int sig);
  // Waits for the exit; returns the exit code, or 128 + signal.
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::string all_stdout();
  std::string all_stderr();

 private:
  std::string read_until(int& fd, std::string& buffer, const std::string& needle,
                         std::chrono::milliseconds timeout);
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string out_buffer_;
  std::string err_buffer_;
  std::optional<int> exit_code_;
};

// Runs to completion with `input` on stdin; returns {exit code, stdout, stderr}.
struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};
RunResult run_process(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env, const std::string& input = "");

}  // namespace wgbot::testing
