// Certificates made at test time with the OpenSSL 3 API: a private CA and server certificates
// it signs, or self-signed ones. Nothing is written to disk unless a test asks (write_text_file).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace wgbot::test {

struct TestCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A certificate authority that exists only for one test (P-256 keys, SHA-256, valid one day).
class TestCa {
 public:
  explicit TestCa(const std::string& common_name = "wgbot test CA");
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  [[nodiscard]] const std::string& certificate_pem() const;
  // A server certificate whose subjectAltName lists these DNS names and IP addresses.
  [[nodiscard]] TestCertificate issue(const std::vector<std::string>& dns_names,
                                      const std::vector<std::string>& ip_addresses = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A server certificate signed by its own key: no client should trust it.
[[nodiscard]] TestCertificate make_self_signed(const std::vector<std::string>& dns_names);

// Writes `text` to `path` (for ClientOptions::extra_ca_file); throws on failure.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace wgbot::test
