#include "plist/binary_reader.h"

#include <fmt/format.h>
#include <plist/plist.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

#include "plist/read_limits.h"

namespace profilec {
namespace {

constexpr std::string_view kMagic = "bplist00";
constexpr std::size_t kTrailerSize = 32;
// Seconds between 1970-01-01 and 2001-01-01, the epoch of plist dates.
constexpr std::int64_t kAppleEpoch = 978307200;
// The dates profilec holds (and XML plists and TOML write): the years 0001
// to 9999, as seconds since 2001-01-01: [first, end).
constexpr double kFirstDateSeconds = -62135596800.0 - kAppleEpoch;
constexpr double kEndDateSeconds = 253402300800.0 - kAppleEpoch;

std::uint64_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

// The object graph of a binary plist, checked for what libplist 2.2 does
// not check: cycles, depth and expanded size.
class Layout {
 public:
  explicit Layout(std::string_view bytes) : bytes_(bytes) {}

  // An error message, or empty when the structure is sound.
  std::string check() {
    if (bytes_.size() < kMagic.size() + kTrailerSize) return "the file is too short to be a binary property list";
    const std::size_t trailer = bytes_.size() - kTrailerSize;
    offset_size_ = static_cast<std::size_t>(static_cast<unsigned char>(bytes_[trailer + 6]));
    ref_size_ = static_cast<std::size_t>(static_cast<unsigned char>(bytes_[trailer + 7]));
    const std::uint64_t count = big_endian(bytes_, trailer + 8, 8);
    const std::uint64_t top = big_endian(bytes_, trailer + 16, 8);
    const std::uint64_t table = big_endian(bytes_, trailer + 24, 8);
    if (offset_size_ < 1 || offset_size_ > 8 || ref_size_ < 1 || ref_size_ > 8) return "its trailer is damaged";
    if (count == 0 || top >= count || table < kMagic.size() || table > trailer ||
        count > (trailer - table) / offset_size_) {
      return "its trailer or offset table is damaged";
    }
    offsets_.resize(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < offsets_.size(); ++i) {
      offsets_[i] = big_endian(bytes_, static_cast<std::size_t>(table) + i * offset_size_, offset_size_);
      if (offsets_[i] < kMagic.size() || offsets_[i] >= table) return "an object offset points outside the objects";
    }
    end_of_objects_ = static_cast<std::size_t>(table);
    return walk(static_cast<std::size_t>(top));
  }

  bool too_deep() const { return too_deep_; }
  // The first value profilec cannot hold as it is (a NaN date, a lone
  // surrogate), described with its byte offset; empty when there is none.
  const std::string& unrepresentable() const { return unrepresentable_; }

 private:
  // The references a container holds (empty for scalars); false when the
  // object is malformed.
  // The count in an object's marker (or in the integer after it); `at` moves
  // past both. False when it runs off the objects.
  bool count(std::size_t& at, std::uint64_t& n) const {
    n = static_cast<unsigned char>(bytes_[at]) & 0x0F;
    ++at;
    if (n != 0x0F) return true;
    if (at >= end_of_objects_) return false;  // the count follows as an integer object
    const auto int_marker = static_cast<unsigned char>(bytes_[at]);
    if ((int_marker >> 4) != 0x1 || (int_marker & 0x0F) > 3) return false;
    const std::size_t width = std::size_t{1} << (int_marker & 0x0F);
    if (at + 1 + width > end_of_objects_) return false;
    n = big_endian(bytes_, at + 1, width);
    at += 1 + width;
    return true;
  }

  // False when an ASCII (0x5) or UTF-16 (0x6) string holds a NUL: libplist
  // 2.2 asserts (aborts) on a key with one, and XML cannot say it either.
  // A UTF-16 surrogate without its other half is noted (libplist drops it).
  bool string_without_nul(std::size_t at, unsigned type) {
    const std::size_t object = at;
    std::uint64_t n = 0;
    if (!count(at, n)) return false;
    const std::uint64_t width = type == 0x6 ? 2 : 1;
    if (n > (end_of_objects_ - at) / width) return false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t unit = big_endian(bytes_, at + i * width, width);
      if (unit == 0) return false;
      if (type != 0x6 || unit < 0xD800 || unit > 0xDFFF) continue;
      const bool high = unit <= 0xDBFF;
      const std::uint64_t next = i + 1 < n ? big_endian(bytes_, at + (i + 1) * width, width) : 0;
      if (high && next >= 0xDC00 && next <= 0xDFFF) {
        ++i;
        continue;
      }
      note_unrepresentable(
          fmt::format("the string at byte {} holds a lone UTF-16 surrogate U+{:04X}, which is not a "
                      "character (libplist would drop it)",
                      object, unit));
    }
    return true;
  }

  // A date (0x33, a big-endian float64 of seconds since 2001-01-01) must be
  // one profilec can hold: libplist 2.2 gives it as 32-bit seconds, which
  // turned NaN, infinity and dates outside 1901-2038 into 1932-12-13.
  bool check_date(std::size_t at) {
    if (static_cast<unsigned char>(bytes_[at]) != 0x33) return true;  // libplist refuses other widths
    if (at + 9 > end_of_objects_) return false;
    const double seconds = std::bit_cast<double>(big_endian(bytes_, at + 1, 8));
    if (std::isnan(seconds)) {
      note_unrepresentable(fmt::format("the date at byte {} is not a number (NaN)", at));
    } else if (std::isinf(seconds)) {
      note_unrepresentable(fmt::format("the date at byte {} is infinite", at));
    } else if (seconds < kFirstDateSeconds || seconds >= kEndDateSeconds) {
      note_unrepresentable(
          fmt::format("the date at byte {} ({:.17g} seconds from 2001-01-01) is outside the years "
                      "0001 to 9999",
                      at, seconds));
    }
    return true;
  }

  void note_unrepresentable(std::string what) {
    if (unrepresentable_.empty()) unrepresentable_ = std::move(what);
  }

  bool children(std::size_t object, std::vector<std::size_t>& out) {
    out.clear();
    std::size_t at = static_cast<std::size_t>(offsets_[object]);
    const unsigned type = static_cast<unsigned char>(bytes_[at]) >> 4;
    if (type == 0x5 || type == 0x6) return string_without_nul(at, type);
    if (type == 0x3) return check_date(at);
    if (type != 0xA && type != 0xC && type != 0xD) return true;
    std::uint64_t n = 0;
    if (!count(at, n)) return false;
    const std::uint64_t refs = type == 0xD ? n * 2 : n;
    if (n > end_of_objects_ || refs > (end_of_objects_ - at) / ref_size_) return false;
    out.reserve(static_cast<std::size_t>(refs));
    for (std::uint64_t i = 0; i < refs; ++i) {
      const std::uint64_t ref = big_endian(bytes_, at + static_cast<std::size_t>(i) * ref_size_, ref_size_);
      if (ref >= offsets_.size()) return false;
      out.push_back(static_cast<std::size_t>(ref));
    }
    return true;
  }

  // Depth-first from the top object with an explicit stack; heights and
  // expanded sizes are memoised per object, so shared objects cost once.
  std::string walk(std::size_t top) {
    enum : std::uint8_t { kUnseen, kOpen, kDone };
    std::vector<std::uint8_t> state(offsets_.size(), kUnseen);
    std::vector<std::uint32_t> height(offsets_.size(), 0);
    std::vector<std::uint64_t> size(offsets_.size(), 0);
    struct Frame {
      std::size_t object;
      std::vector<std::size_t> children;
      std::size_t next = 0;
    };
    std::vector<Frame> stack;
    const auto open = [&](std::size_t object) -> std::string {
      Frame frame{object, {}, 0};
      if (!children(object, frame.children)) return "a container is malformed or a string holds a NUL character";
      state[object] = kOpen;
      stack.push_back(std::move(frame));
      if (stack.size() > kMaxPlistDepth + 1) too_deep_ = true;
      return {};
    };
    if (auto error = open(top); !error.empty()) return error;
    while (!stack.empty() && !too_deep_) {
      Frame& frame = stack.back();
      if (frame.next < frame.children.size()) {
        const std::size_t child = frame.children[frame.next++];
        if (state[child] == kOpen) return "a container holds itself";
        if (state[child] == kUnseen) {
          if (auto error = open(child); !error.empty()) return error;
        }
        continue;
      }
      const bool container = !frame.children.empty() ||
                             (static_cast<unsigned char>(bytes_[offsets_[frame.object]]) >> 4) >= 0xA;
      std::uint32_t h = 0;
      std::uint64_t s = 1;
      for (const std::size_t child : frame.children) {
        h = std::max(h, height[child]);
        s = std::min<std::uint64_t>(s + size[child], kMaxPlistValues + 1);
      }
      height[frame.object] = container ? h + 1 : 0;
      size[frame.object] = s;
      state[frame.object] = kDone;
      if (height[frame.object] > kMaxPlistDepth) too_deep_ = true;
      if (s > kMaxPlistValues) return fmt::format("it expands to more than {} values", kMaxPlistValues);
      stack.pop_back();
    }
    return {};
  }

  std::string_view bytes_;
  std::size_t offset_size_ = 0, ref_size_ = 0, end_of_objects_ = 0;
  std::vector<std::uint64_t> offsets_;
  bool too_deep_ = false;
  std::string unrepresentable_;
};

// The exact seconds since 2001-01-01 of a date node: libplist 2.2's
// plist_get_date_val gives 32-bit seconds (1901-2038 only), but writes the
// node's float64 exactly; the one object of that small plist is at byte 8.
std::optional<double> date_seconds(plist_t node) {
  char* bytes = nullptr;
  std::uint32_t length = 0;
  plist_to_bin(node, &bytes, &length);
  std::optional<double> seconds;
  if (bytes && length >= 17 && static_cast<unsigned char>(bytes[8]) == 0x33) {
    seconds = std::bit_cast<double>(big_endian(std::string_view(bytes, length), 9, 8));
  }
  std::free(bytes);
  return seconds;
}

class Converter {
 public:
  explicit Converter(SourceSpan span) : span_(std::move(span)) {}

  std::optional<ir::Value> convert(plist_t node) {
    switch (plist_get_node_type(node)) {
      case PLIST_BOOLEAN: {
        std::uint8_t v = 0;
        plist_get_bool_val(node, &v);
        return ir::make_boolean(v != 0, span_);
      }
      case PLIST_UINT: {
        std::uint64_t v = 0;
        plist_get_uint_val(node, &v);
        return ir::make_integer(static_cast<std::int64_t>(v), span_);
      }
      case PLIST_REAL: {
        double v = 0;
        plist_get_real_val(node, &v);
        return ir::make_real(v, span_);
      }
      case PLIST_STRING:
      case PLIST_KEY: {
        char* text = nullptr;
        plist_get_string_val(node, &text);
        std::string value = text ? text : "";
        std::free(text);
        return ir::make_string(std::move(value), span_);
      }
      case PLIST_DATE: {
        // Finite and within the years 1-9999: Layout checked every date.
        const std::optional<double> seconds = date_seconds(node);
        if (!seconds) {
          unsupported_ = true;
          return std::nullopt;
        }
        return ir::make_date(ir::date_from_unix_seconds(kAppleEpoch + static_cast<std::int64_t>(std::floor(*seconds))),
                             span_);
      }
      case PLIST_DATA: {
        char* bytes = nullptr;
        std::uint64_t length = 0;
        plist_get_data_val(node, &bytes, &length);
        std::string value(bytes ? bytes : "", bytes ? static_cast<std::size_t>(length) : 0);
        std::free(bytes);
        return ir::make_data(std::move(value), span_);
      }
      case PLIST_ARRAY: {
        // libplist 2.2's plist_array_get_item(i) walks the list from its
        // start: an iterator keeps a large array linear (issue 15).
        ir::Array items;
        items.reserve(plist_array_get_size(node));
        plist_array_iter it = nullptr;
        plist_array_new_iter(node, &it);
        for (;;) {
          plist_t child = nullptr;
          plist_array_next_item(node, it, &child);
          if (!child) break;
          auto item = convert(child);
          if (!item) {
            std::free(it);
            return std::nullopt;
          }
          items.push_back(std::move(*item));
        }
        std::free(it);
        return ir::make_array(std::move(items), span_);
      }
      case PLIST_DICT: {
        ir::Dict entries;
        plist_dict_iter it = nullptr;
        plist_dict_new_iter(node, &it);
        for (;;) {
          char* key = nullptr;
          plist_t child = nullptr;
          plist_dict_next_item(node, it, &key, &child);
          if (!child) {
            std::free(key);
            break;
          }
          std::string name = key ? key : "";
          std::free(key);
          auto item = convert(child);
          if (!item) {
            std::free(it);
            return std::nullopt;
          }
          entries.push_back(ir::DictEntry{std::move(name), span_, std::move(*item)});
        }
        std::free(it);
        return ir::make_dict(std::move(entries), span_);
      }
      default: unsupported_ = true; return std::nullopt;
    }
  }

  bool unsupported() const { return unsupported_; }

 private:
  SourceSpan span_;
  bool unsupported_ = false;
};

struct PlistDeleter {
  void operator()(plist_t p) const { plist_free(p); }
};

}  // namespace

bool is_binary_plist(std::string_view bytes) { return bytes.starts_with(kMagic.substr(0, 6)); }

std::optional<ir::Value> read_binary_plist(std::string_view bytes, const std::shared_ptr<const std::string>& path,
                                           Diagnostics& diagnostics) {
  const SourceSpan file = whole_file_span(path);
  if (!bytes.starts_with(kMagic)) {
    std::string header;  // "bplist" and what stands where "00" belongs
    for (const char c : bytes.substr(0, kMagic.size())) {
      const auto u = static_cast<unsigned char>(c);
      header += u >= 0x20 && u < 0x7F && c != '\'' && c != '\\' ? std::string(1, c) : fmt::format("\\x{:02X}", u);
    }
    diagnostics.report(DiagnosticCode::PC0017, file,
                       fmt::format("unsupported binary property list version '{}'; profilec reads '{}'", header,
                                   kMagic),
                       "configuration profiles are XML or bplist00 property lists; export the profile again as XML");
    return std::nullopt;
  }
  Layout layout(bytes);
  if (const std::string problem = layout.check(); !problem.empty()) {
    diagnostics.report(DiagnosticCode::PC0017, file, fmt::format("malformed binary property list: {}", problem),
                       "the file is damaged; re-export it from its source");
    return std::nullopt;
  }
  if (!layout.unrepresentable().empty()) {
    diagnostics.report(DiagnosticCode::PC0032, file, layout.unrepresentable(),
                       "profilec would change the value (a date read as 1932-12-13, a character dropped); correct "
                       "it where the profile was made, or export the profile again as XML");
    return std::nullopt;
  }
  if (layout.too_deep()) {
    diagnostics.report(DiagnosticCode::PC0018, file,
                       fmt::format("containers nested more than {} levels deep", kMaxPlistDepth),
                       fmt::format("profilec reads property lists nested up to {} levels; no profile needs more",
                                   kMaxPlistDepth));
    return std::nullopt;
  }
  plist_t raw = nullptr;
  errno = 0;
  plist_from_bin(bytes.data(), static_cast<std::uint32_t>(bytes.size()), &raw);
  const std::unique_ptr<void, PlistDeleter> root(raw);
  // libplist says only "no"; a malloc that failed (the run's memory limit)
  // left ENOMEM: that is not the file's fault.
  if (!root && errno == ENOMEM) throw std::bad_alloc();
  if (!root) {
    diagnostics.report(DiagnosticCode::PC0017, file, "malformed binary property list: libplist cannot read it",
                       "the file is damaged; re-export it from its source");
    return std::nullopt;
  }
  Converter converter(file);
  auto value = converter.convert(root.get());
  if (!value) {
    diagnostics.report(DiagnosticCode::PC0017, file,
                       "the binary property list holds a keyed-archiver UID, which profiles cannot hold",
                       "configuration profiles hold dictionaries, arrays, strings, numbers, booleans, dates and data");
  }
  return value;
}

}  // namespace profilec
