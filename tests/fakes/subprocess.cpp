#include "fakes/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <stdexcept>

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace wgbot::testing {

namespace {

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& env) {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    // The test decides every WGBOT_ variable itself.
    if (entry.starts_with("WGBOT_")) continue;
    out.push_back(entry);
  }
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

Subprocess::Subprocess(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env) {
  std::array<int, 2> in{};
  std::array<int, 2> out{};
  std::array<int, 2> err{};
  if (::pipe2(in.data(), O_CLOEXEC) != 0 || ::pipe2(out.data(), O_CLOEXEC) != 0 ||
      ::pipe2(err.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  auto env_strings = merged_environment(env);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::execve(argp[0], argp.data(), envp.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  in_ = in[1];
  out_ = out[0];
  err_ = err[0];
  ::signal(SIGPIPE, SIG_IGN);
}

Subprocess::~Subprocess() {
  close_fd(in_);
  if (!exit_code_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  close_fd(out_);
  close_fd(err_);
}

void Subprocess::write_stdin(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(in_, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

void Subprocess::close_stdin() {
  close_fd(in_);
}

std::string Subprocess::read_until(int& fd, std::string& buffer, const std::string& needle,
                                   std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fd >= 0 && (needle.empty() || buffer.find(needle) == std::string::npos)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    std::array<char, 4096> chunk{};
    const auto n = ::read(fd, chunk.data(), chunk.size());
    if (n <= 0) {
      close_fd(fd);
      break;
    }
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return buffer;
}

std::string Subprocess::read_stdout_until(const std::string& needle,
                                          std::chrono::milliseconds timeout) {
  return read_until(out_, out_buffer_, needle, timeout);
}

std::string Subprocess::read_stderr_until(const std::string& needle,
                                          std::chrono::milliseconds timeout) {
  return read_until(err_, err_buffer_, needle, timeout);
}

void Subprocess::signal(int sig) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, sig);
}

int Subprocess::wait(std::chrono::milliseconds timeout) {
  if (exit_code_) return *exit_code_;
  // Keep draining the pipes so a chatty child never blocks on a full pipe.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const auto r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return *exit_code_;
    }
    read_until(out_, out_buffer_, "\x01\x02", std::chrono::milliseconds(20));
    read_until(err_, err_buffer_, "\x01\x02", std::chrono::milliseconds(20));
  }
  return -1;
}

std::string Subprocess::all_stdout() {
  read_until(out_, out_buffer_, "\x01\x02", std::chrono::milliseconds(50));
  return out_buffer_;
}

std::string Subprocess::all_stderr() {
  read_until(err_, err_buffer_, "\x01\x02", std::chrono::milliseconds(50));
  return err_buffer_;
}

RunResult run_process(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& env, const std::string& input) {
  Subprocess p(argv, env);
  p.write_stdin(input);
  p.close_stdin();
  RunResult r;
  r.code = p.wait(std::chrono::seconds(60));
  p.read_stdout_until("", std::chrono::seconds(5));
  p.read_stderr_until("", std::chrono::seconds(5));
  r.out = p.all_stdout();
  r.err = p.all_stderr();
  return r;
}

}  // namespace wgbot::testing
