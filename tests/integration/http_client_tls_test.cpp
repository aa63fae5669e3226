// The outbound HTTP client over TLS, against the fake server with certificates from a CA made
// at test time and trusted through `extra_ca_file` only.
#include <chrono>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "bot/http/http_client.hpp"
#include "fakes/fake_http_server.hpp"
#include "fakes/http_client_fixture.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_tls.hpp"

namespace wgbot::http {
namespace {

using namespace std::chrono_literals;
using test::FakeExchange;
using test::FakeHttpServer;
using test::FakeReply;

FakeHttpServer::Handler answer(std::string body) {
  return test::answer_with(std::move(body));
}

ClientRequest get(std::string url) {
  return test::get_request(std::move(url));
}

class HttpClientTlsTest : public test::HttpClientFixture {
 protected:
  HttpClientTlsTest() { test::write_text_file(ca_file_, ca_.certificate_pem()); }

  static test::FakeServerOptions serving(const test::TestCertificate& certificate) {
    test::FakeServerOptions options;
    options.tls_certificate_pem = certificate.certificate_pem;
    options.tls_private_key_pem = certificate.private_key_pem;
    return options;
  }

  [[nodiscard]] ClientOptions trusting_test_ca() const {
    ClientOptions options;
    options.use_system_ca = false;
    options.extra_ca_file = ca_file_;
    options.connect_timeout = 5s;
    return options;
  }

  testing::TempDir dir_;
  test::TestCa ca_;
  std::string ca_file_ = dir_.file("ca.pem");
};

TEST_F(HttpClientTlsTest, AcceptsACertificateForTheHostFromATrustedCa) {
  FakeHttpServer server(answer("secure"), serving(ca_.issue({"localhost"})));
  HttpClient client(ioc_, trusting_test_ca());
  for (int i = 0; i < 2; ++i) {
    const auto response = send(client, get(server.base_url("localhost") + "/botX/getMe"));
    EXPECT_EQ(response.error, "");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "secure");
  }
  EXPECT_EQ(server.connections_accepted(), 1U);  // kept alive over TLS too
}

TEST_F(HttpClientTlsTest, AcceptsAnIpAddressListedInTheCertificate) {
  FakeHttpServer server(answer("ip"), serving(ca_.issue({}, {"127.0.0.1"})));
  HttpClient client(ioc_, trusting_test_ca());
  const auto response = send(client, get(server.base_url("127.0.0.1") + "/"));
  EXPECT_EQ(response.error, "");
  EXPECT_EQ(response.body, "ip");
}

TEST_F(HttpClientTlsTest, RefusesACertificateForAnotherHost) {
  FakeHttpServer server(answer("never"), serving(ca_.issue({"wrong.example"})));
  HttpClient client(ioc_, trusting_test_ca());
  const auto response = send(client, get(server.base_url("localhost") + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("tls handshake"), std::string::npos) << response.error;
  EXPECT_NE(response.error.find("hostname mismatch"), std::string::npos) << response.error;
  EXPECT_EQ(server.requests(), 0U);
}

TEST_F(HttpClientTlsTest, RefusesASelfSignedCertificate) {
  FakeHttpServer server(answer("never"), serving(test::make_self_signed({"localhost"})));
  HttpClient client(ioc_, trusting_test_ca());
  const auto response = send(client, get(server.base_url("localhost") + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("tls handshake"), std::string::npos) << response.error;
  EXPECT_EQ(server.requests(), 0U);
}

TEST_F(HttpClientTlsTest, RefusesACertificateFromAnotherCa) {
  test::TestCa other("another CA");
  FakeHttpServer server(answer("never"), serving(other.issue({"localhost"})));
  HttpClient client(ioc_, trusting_test_ca());
  const auto response = send(client, get(server.base_url("localhost") + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("tls handshake"), std::string::npos) << response.error;
  EXPECT_EQ(server.requests(), 0U);
}

TEST_F(HttpClientTlsTest, SystemStoreAloneDoesNotTrustTheTestCa) {
  FakeHttpServer server(answer("never"), serving(ca_.issue({"localhost"})));
  HttpClient client(ioc_);
  const auto response = send(client, get(server.base_url("localhost") + "/"));
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("tls handshake"), std::string::npos) << response.error;
}

TEST_F(HttpClientTlsTest, ServerClosingAfterEachAnswerIsFine) {
  auto options = serving(ca_.issue({"localhost"}));
  options.keep_alive = false;
  FakeHttpServer server(answer("bye"), options);
  HttpClient client(ioc_, trusting_test_ca());
  EXPECT_EQ(send(client, get(server.base_url("localhost") + "/1")).body, "bye");
  EXPECT_EQ(send(client, get(server.base_url("localhost") + "/2")).body, "bye");
  EXPECT_EQ(server.connections_accepted(), 2U);
}

TEST_F(HttpClientTlsTest, StaleTlsConnectionIsRetriedOnAFreshOne) {
  FakeHttpServer server(
      [](const FakeExchange& exchange) {
        if (exchange.connection == 1 && exchange.nth_on_connection == 2) {
          return FakeReply::close_connection();
        }
        return FakeReply::respond(200, "conn " + std::to_string(exchange.connection));
      },
      serving(ca_.issue({"localhost"})));
  HttpClient client(ioc_, trusting_test_ca());
  EXPECT_EQ(send(client, get(server.base_url("localhost") + "/1")).body, "conn 1");
  const auto second = send(client, get(server.base_url("localhost") + "/2"));
  EXPECT_EQ(second.error, "");
  EXPECT_EQ(second.body, "conn 2");
}

TEST_F(HttpClientTlsTest, HandshakeWithASilentServerTimesOut) {
  // Listening but never accepting: the kernel completes the TCP handshake, nobody reads.
  boost::asio::ip::tcp::acceptor silent(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto options = trusting_test_ca();
  options.connect_timeout = 200ms;
  HttpClient client(ioc_, options);
  const auto url = "https://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/";
  const auto response = send(client, get(url));
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error, "tls handshake: timed out");
}

TEST(HttpClientOptions, UnreadableCaFileIsAStartUpError) {
  boost::asio::io_context ioc;
  ClientOptions options;
  options.extra_ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(HttpClient(ioc, options), std::runtime_error);
}

}  // namespace
}  // namespace wgbot::http
