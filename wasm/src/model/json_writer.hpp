// Writes JSON text into a growing buffer, for answers too large or too frequent to build
// as an nlohmann DOM first (parsed trade histories, signed requests). The text is
// byte-identical to what nlohmann's dump(-1, ' ', false, replace) makes of the same
// values: callers write object keys in sorted order, as nlohmann's std::map keeps them,
// and strings are escaped by nlohmann itself whenever they hold anything but plain ASCII.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/decimal.hpp"

namespace kf {

namespace write_detail {
// Printable ASCII other than '"' and '\\': copied as is by nlohmann's serializer.
struct PlainTable {
  bool plain[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c <= 0x7e; ++c) plain[c] = c != '"' && c != '\\';
  }
};
inline constexpr PlainTable kPlain{};
inline bool plain(std::string_view s) {
  for (const char c : s)
    if (!kPlain.plain[static_cast<unsigned char>(c)]) return false;
  return true;
}
}  // namespace write_detail

// The small, hot writes are inline (forced), since the fast parsers call them per field.
#if defined(__GNUC__) || defined(__clang__)
#define KF_WRITE_INLINE __attribute__((always_inline)) inline
#else
#define KF_WRITE_INLINE inline
#endif

class JsonWriter {
 public:
  explicit JsonWriter(size_t expectedBytes = 256) { buf_.resize(expectedBytes); }

  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  // An object key, one of the model's own names (plain ASCII, written as is); the
  // value written next belongs to it.
  KF_WRITE_INLINE JsonWriter& key(std::string_view name) {
    // ,"name":  in one step
    char* p = room(name.size() + 4);
    size_t i = 0;
    if (needComma_) p[i++] = ',';
    p[i++] = '"';
    std::memcpy(p + i, name.data(), name.size());
    i += name.size();
    p[i++] = '"';
    p[i++] = ':';
    len_ += i;
    needComma_ = false;
    return *this;
  }
  // A key from elsewhere (header names, ...), escaped like a string value.
  JsonWriter& escapedKey(std::string_view name);

  KF_WRITE_INLINE JsonWriter& string(std::string_view value) {
    separate();
    quoted(value);
    return *this;
  }
  JsonWriter& stringOrNull(std::string_view value);  // "" is written as null
  // A decimal as the string Decimal::toString() gives, without building that string.
  JsonWriter& decimal(const Decimal& value);
  JsonWriter& integer(int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // A value given as nlohmann JSON (small parts such as a `next` params object).
  JsonWriter& value(const nlohmann::json& value);
  // A value that is already JSON text.
  JsonWriter& raw(std::string_view json);

  // The text written; the writer is empty afterwards.
  std::string take();

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  KF_WRITE_INLINE void separate() {
    if (needComma_) put(',');
    needComma_ = true;
  }
  // Room for n more bytes at the end: the buffer grows by doubling, and `len_` (not the
  // string's size) says how much of it is written.
  KF_WRITE_INLINE char* room(size_t n) {
    if (len_ + n > buf_.size()) grow(n);
    return &buf_[len_];
  }
  void grow(size_t n);
  KF_WRITE_INLINE void put(char c) {
    *room(1) = c;
    ++len_;
  }
  KF_WRITE_INLINE void put(std::string_view s) {
    if (s.empty()) return;
    std::memcpy(room(s.size()), s.data(), s.size());
    len_ += s.size();
  }
  KF_WRITE_INLINE void quoted(std::string_view s) {  // s as a JSON string
    if (!write_detail::plain(s)) {
      escaped(s);
      return;
    }
    char* p = room(s.size() + 2);
    p[0] = '"';
    if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    len_ += s.size() + 2;
  }
  void escaped(std::string_view s);  // anything but plain ASCII, as nlohmann writes it

  std::string buf_;
  size_t len_ = 0;
  bool needComma_ = false;  // a value was written at this level: the next one needs a ','
};

// `value` as a JSON string exactly as nlohmann's dump would write it (ensure_ascii off,
// invalid UTF-8 replaced by U+FFFD).
std::string jsonString(std::string_view value);

}  // namespace kf
