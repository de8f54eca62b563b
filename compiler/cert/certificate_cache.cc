#include "cert/certificate_cache.h"

#include <functional>
#include <mutex>
#include <unordered_map>

namespace profilec::cert {

namespace {

// Looks strings up by view, without copying the bytes for each lookup.
struct BytesHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view bytes) const { return std::hash<std::string_view>{}(bytes); }
};

}  // namespace

Expected<CertificateInfo, std::string> read_certificate_cached(std::string_view der_or_pem) {
  using Result = Expected<CertificateInfo, std::string>;
  static std::mutex mutex;
  static std::unordered_map<std::string, Result, BytesHash, std::equal_to<>> by_bytes;
  {
    std::lock_guard lock(mutex);
    if (auto it = by_bytes.find(der_or_pem); it != by_bytes.end()) return it->second;
  }
  // Read outside the lock: two threads may read the same bytes once each,
  // with the same result.
  Result result = read_certificate(der_or_pem);
  std::lock_guard lock(mutex);
  return by_bytes.try_emplace(std::string(der_or_pem), std::move(result)).first->second;
}

}  // namespace profilec::cert
