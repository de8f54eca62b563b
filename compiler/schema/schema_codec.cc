#include "schema/schema_codec.h"

#include <stdexcept>

#include "base/byte_codec.h"

namespace profilec::schema {
namespace {

using Writer = ByteWriter;
using Reader = ByteReader;

// One function per struct, used for both directions: `Io` is Writer or
// Reader, `T` const or not.
template <typename Io, typename T>
void io_version(Io& io, T& v) {
  if constexpr (std::is_same_v<Io, Writer>) {
    io.str(v.text());
  } else {
    auto parsed = OsVersion::parse(io.str());
    if (!parsed) io.fail("bad version");
    v = *parsed;
  }
}

template <typename Io, typename E>
void io_enum(Io& io, E& v) {
  if constexpr (std::is_same_v<Io, Writer>) io.u64(static_cast<std::uint64_t>(v));
  else v = static_cast<std::remove_const_t<E>>(io.u64());
}

template <typename Io, typename B>
void io_bool(Io& io, B& v) {
  if constexpr (std::is_same_v<Io, Writer>) io.boolean(v);
  else v = io.boolean();
}

template <typename Io, typename S>
void io_str(Io& io, S& v) {
  if constexpr (std::is_same_v<Io, Writer>) io.str(v);
  else v = io.str();
}

template <typename Io, typename N>
void io_i64(Io& io, N& v) {
  if constexpr (std::is_same_v<Io, Writer>) io.i64(v);
  else v = io.i64();
}

template <typename Io, typename D>
void io_f64(Io& io, D& v) {
  if constexpr (std::is_same_v<Io, Writer>) io.f64(v);
  else v = io.f64();
}

template <typename Io, typename O, typename F>
void io_opt(Io& io, O& v, F&& each) {
  io.opt(v, each);
}

template <typename Io, typename V, typename F>
void io_vec(Io& io, V& v, F&& each) {
  io.vec(v, each);
}

template <typename Io, typename F>
void io_facts(Io& io, F& f) {
  for_each_platform_fact(f, [&](const PlatformFactInfo&, auto& fact) {
    io_opt(io, fact, [&](auto& x) {
      using T = std::remove_cvref_t<decltype(x)>;
      if constexpr (std::is_same_v<T, OsVersion>) io_version(io, x);
      else if constexpr (std::is_same_v<T, bool>) io_bool(io, x);
      else io_enum(io, x);
    });
  });
}

template <typename Io, typename O>
void io_os(Io& io, O& os) {
  for (auto& platform : os) io_opt(io, platform, [&](auto& f) { io_facts(io, f); });
}

template <typename Io, typename S>
void io_scalar(Io& io, S& v) {
  if constexpr (std::is_same_v<Io, Writer>) {
    io.u64(v.index());
    std::visit(
        [&](const auto& x) {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, std::string>) io.str(x);
          else if constexpr (std::is_same_v<X, std::int64_t>) io.i64(x);
          else if constexpr (std::is_same_v<X, double>) io.f64(x);
          else io.boolean(x);
        },
        v);
  } else {
    switch (io.u64()) {
      case 0: v = io.str(); break;
      case 1: v = io.i64(); break;
      case 2: v = io.f64(); break;
      case 3: v = io.boolean(); break;
      default: io.fail("bad scalar");
    }
  }
}

template <typename Io, typename K>
void io_key(Io& io, K& k) {
  auto scalar = [&](auto& x) { io_scalar(io, x); };
  auto f64 = [&](auto& x) { io_f64(io, x); };
  auto i64 = [&](auto& x) { io_i64(io, x); };
  io_str(io, k.name);
  io_str(io, k.title);
  io_str(io, k.description);
  io_enum(io, k.type);
  io_enum(io, k.presence);
  io_opt(io, k.default_value, scalar);
  io_vec(io, k.allowed_values, scalar);
  io_opt(io, k.range_min, f64);
  io_opt(io, k.range_max, f64);
  io_str(io, k.format);
  io_str(io, k.subtype);
  io_opt(io, k.repetition_min, i64);
  io_opt(io, k.repetition_max, i64);
  io_os(io, k.os);
  io_vec(io, k.subkeys, [&](auto& sub) { io_key(io, sub); });
  if constexpr (std::is_same_v<Io, Writer>) io.i64(k.subkeys_type);
  else k.subkeys_type = static_cast<int>(io.i64());
  io_str(io, k.combinetype);
  io_vec(io, k.references, [&](auto& s) { io_str(io, s); });
}

template <typename Io, typename P>
void io_path(Io& io, P& p) {
  io_vec(io, p.segments, [&](auto& s) { io_str(io, s); });
  io_str(io, p.variant);
}

template <typename Io, typename S>
void io_schema(Io& io, S& s) {
  auto str = [&](auto& x) { io_str(io, x); };
  auto key = [&](auto& k) { io_key(io, k); };
  io_enum(io, s.kind);
  io_str(io, s.payload_type);
  io_str(io, s.title);
  io_str(io, s.doc_url);
  io_str(io, s.description);
  io_str(io, s.upstream);
  io_str(io, s.source_path);
  io_str(io, s.origin);
  io_vec(io, s.not_expressed, str);
  io_vec(io, s.groups, [&](auto& g) {
    io_str(io, g.file);
    io_str(io, g.title);
    io_str(io, g.doc_url);
    io_str(io, g.description);
    io_os(io, g.os);
    io_vec(io, g.keys, key);
    io_str(io, g.variant);
    io_str(io, g.when_key);
    io_str(io, g.when_value);
  });
  io_vec(io, s.types, [&](auto& t) {
    io_str(io, t.name);
    io_vec(io, t.keys, key);
    io_bool(io, t.derived_name);
  });
  auto& o = s.overlay;
  io_bool(io, o.combine_complete);
  io_vec(io, o.combine, [&](auto& c) {
    io_path(io, c.path);
    io_enum(io, c.rule);
    io_str(io, c.note);
  });
  io_vec(io, o.secrets, [&](auto& c) {
    io_path(io, c.path);
    io_str(io, c.note);
  });
  io_vec(io, o.references, [&](auto& c) {
    io_path(io, c.path);
    io_vec(io, c.types, str);
    io_str(io, c.note);
  });
  io_opt(io, o.exclusive, [&](auto& e) {
    io_vec(io, e.allow, str);
    io_str(io, e.reason);
  });
  io_str(io, o.source_path);
  io_str(io, s.declaration_class);
  io_str(io, s.apply);
}

}  // namespace

std::string encode_schema(const PayloadSchema& schema) {
  Writer writer;
  io_schema(writer, schema);
  return writer.take();
}

SchemaKind decode_schema_kind(std::string_view bytes) {
  Reader reader(bytes, "compiled schema");
  SchemaKind kind{};
  io_enum(reader, kind);
  return kind;
}

PayloadSchema decode_schema(std::string_view bytes) {
  Reader reader(bytes, "compiled schema");
  PayloadSchema schema;
  io_schema(reader, schema);
  if (!reader.done()) reader.fail("trailing bytes");
  return schema;
}

}  // namespace profilec::schema
