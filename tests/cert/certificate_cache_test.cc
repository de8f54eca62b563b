// read_certificate_cached: the same answer as read_certificate, for every
// thread, and for bytes that are not a certificate.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "cert/certificate_cache.h"
#include "support/test_certificates.h"

namespace profilec::cert {
namespace {

TEST(CertificateCache, GivesWhatReadingGives) {
  testing::TestCertificateSpec spec;
  spec.common_name = "Cache Test Root";
  const std::string pem = testing::make_test_identity(spec).certificate_pem;
  auto direct = read_certificate(pem);
  ASSERT_TRUE(direct.has_value());
  for (int round = 0; round < 2; ++round) {  // the first call reads, the second remembers
    auto cached = read_certificate_cached(pem);
    ASSERT_TRUE(cached.has_value());
    EXPECT_EQ(cached->subject, direct->subject);
    EXPECT_EQ(cached->sha256_fingerprint, direct->sha256_fingerprint);
    EXPECT_EQ(cached->not_after, direct->not_after);
  }
}

TEST(CertificateCache, RemembersErrorsByTheirBytes) {
  auto first = read_certificate_cached("not a certificate");
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error(), read_certificate("not a certificate").error());
  auto again = read_certificate_cached("not a certificate");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error(), first.error());
  // Other bytes are read on their own, not taken for the remembered ones.
  EXPECT_FALSE(read_certificate_cached("not a certificate either").has_value());
}

TEST(CertificateCache, ThreadsReadingTheSameCertificatesAgree) {
  std::vector<std::string> pems;
  for (int i = 0; i < 3; ++i) {
    testing::TestCertificateSpec spec;
    spec.common_name = "Cache Thread " + std::to_string(i);
    pems.push_back(testing::make_test_identity(spec).certificate_pem);
  }
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (const std::string& pem : pems) seen[t].push_back(read_certificate_cached(pem)->subject);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& subjects : seen) {
    ASSERT_EQ(subjects.size(), 60u);
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      EXPECT_EQ(subjects[i], read_certificate(pems[i % 3])->subject) << i;
      EXPECT_NE(subjects[i].find("Cache Thread " + std::to_string(i % 3)), std::string::npos) << subjects[i];
    }
  }
}

}  // namespace
}  // namespace profilec::cert
