#include "fakes/test_tls.hpp"

#include <fstream>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace wgbot::test {

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertPtr = std::unique_ptr<X509, CertFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test TLS: ") + what + " failed");
}

KeyPtr make_key() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  check(key != nullptr, "EVP_PKEY_Q_keygen");
  return key;
}

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.c_str());
  check(ext != nullptr, "X509V3_EXT_nconf_nid");
  const int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(added == 1, "X509_add_ext");
}

// The common part of every certificate; `issuer` null means self-issued.
CertPtr make_certificate(EVP_PKEY* key, const std::string& common_name, X509* issuer) {
  CertPtr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  unsigned char serial[16];
  check(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
  serial[0] &= 0x7F;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  check(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr,
        "serial number");
  BN_free(bn);
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) != nullptr, "notAfter");
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                   -1, 0) == 1,
        "subject name");
  check(X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name) == 1,
        "issuer name");
  return cert;
}

std::string subject_alt_names(const std::vector<std::string>& dns_names,
                              const std::vector<std::string>& ip_addresses) {
  std::string value;
  for (const auto& dns : dns_names) value += (value.empty() ? "DNS:" : ",DNS:") + dns;
  for (const auto& ip : ip_addresses) value += (value.empty() ? "IP:" : ",IP:") + ip;
  return value;
}

// A leaf certificate for a TLS server; signed by `ca_cert`/`ca_key`, or by itself when null.
CertPtr make_server_certificate(EVP_PKEY* key, const std::vector<std::string>& dns_names,
                                const std::vector<std::string>& ip_addresses, X509* ca_cert,
                                EVP_PKEY* ca_key) {
  const std::string cn = dns_names.empty() ? "test server" : dns_names.front();
  CertPtr cert = make_certificate(key, cn, ca_cert);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ca_cert ? ca_cert : cert.get(), cert.get(), nullptr, nullptr, 0);
  add_extension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
  const auto names = subject_alt_names(dns_names, ip_addresses);
  if (!names.empty()) add_extension(cert.get(), &ctx, NID_subject_alt_name, names);
  check(X509_sign(cert.get(), ca_key ? ca_key : key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

template <class Write>
std::string to_pem(Write write) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  check(bio != nullptr, "BIO_new");
  check(write(bio.get()) == 1, "PEM write");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string cert_pem(X509* cert) {
  return to_pem([cert](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
}

std::string key_pem(EVP_PKEY* key) {
  return to_pem([key](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  });
}

}  // namespace

struct TestCa::Impl {
  KeyPtr key;
  CertPtr cert;
  std::string pem;
};

TestCa::TestCa(const std::string& common_name) : impl_(std::make_unique<Impl>()) {
  impl_->key = make_key();
  impl_->cert = make_certificate(impl_->key.get(), common_name, nullptr);
  X509* cert = impl_->cert.get();
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  add_extension(cert, &ctx, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(cert, &ctx, NID_subject_key_identifier, "hash");
  check(X509_sign(cert, impl_->key.get(), EVP_sha256()) > 0, "X509_sign");
  impl_->pem = cert_pem(cert);
}

TestCa::~TestCa() = default;

const std::string& TestCa::certificate_pem() const {
  return impl_->pem;
}

TestCertificate TestCa::issue(const std::vector<std::string>& dns_names,
                              const std::vector<std::string>& ip_addresses) const {
  KeyPtr key = make_key();
  CertPtr cert = make_server_certificate(key.get(), dns_names, ip_addresses, impl_->cert.get(),
                                         impl_->key.get());
  return TestCertificate{cert_pem(cert.get()), key_pem(key.get())};
}

TestCertificate make_self_signed(const std::vector<std::string>& dns_names) {
  KeyPtr key = make_key();
  CertPtr cert = make_server_certificate(key.get(), dns_names, {}, nullptr, nullptr);
  return TestCertificate{cert_pem(cert.get()), key_pem(key.get())};
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace wgbot::test
