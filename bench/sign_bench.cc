// In-process signing cost per profile: sign_content() on a typical
// 1.3 KB profile, against the raw signature (EVP_DigestSign) for the same
// key, so the CMS overhead is visible apart from the cryptography.
#include <benchmark/benchmark.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <optional>

#include "cert/openssl_ptr.h"
#include "sign/cms_sign.h"
#include "sign/identity.h"
#include "support/test_certificates.h"

namespace {

using namespace profilec;

const std::string& profile_bytes() {
  static const std::string text = [] {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n";
    for (int i = 0; i < 40; ++i) s += "\t<key>allowSetting" + std::to_string(i) + "</key>\n\t<false/>\n";
    return s + "</dict>\n</plist>\n";
  }();
  return text;
}

struct Fixture {
  testing::TestIdentity id;
  std::optional<sign::SigningIdentity> identity;
  cert::PkeyPtr key;
};

Fixture make(const char* type) {
  testing::TestCertificateSpec spec;
  spec.key_type = type;
  Fixture f{testing::make_test_identity(spec), std::nullopt, nullptr};
  auto loaded = sign::load_pem_identity({{"c.pem", f.id.certificate_pem}, {"k.pem", f.id.key_pem}, std::nullopt, {}});
  f.identity = *loaded;
  cert::BioPtr bio = cert::memory_bio(f.id.key_pem);
  f.key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  return f;
}

void BM_SignProfile(benchmark::State& state, const char* type) {
  const Fixture f = make(type);
  for (auto _ : state) {
    auto der = sign::sign_content(profile_bytes(), *f.identity, sign::SignOptions{1767225600});
    benchmark::DoNotOptimize(der);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RawSignature(benchmark::State& state, const char* type) {
  const Fixture f = make(type);
  std::string signature(512, '\0');
  for (auto _ : state) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t size = signature.size();
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, f.key.get());
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                   reinterpret_cast<const unsigned char*>(profile_bytes().data()), profile_bytes().size());
    EVP_MD_CTX_free(ctx);
    benchmark::DoNotOptimize(size);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_SignProfile, RSA2048, "RSA");
BENCHMARK_CAPTURE(BM_RawSignature, RSA2048, "RSA");
BENCHMARK_CAPTURE(BM_SignProfile, EcdsaP256, "EC");
BENCHMARK_CAPTURE(BM_RawSignature, EcdsaP256, "EC");

}  // namespace
