// An application/x-www-form-urlencoded string built in insertion order (the
// order is part of what Binance and Kraken sign). Names and values are
// percent-encoded per RFC 3986 (unreserved characters kept).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kf::exchanges {

class QueryString {
 public:
  QueryString& add(std::string_view name, std::string_view value);
  QueryString& add(std::string_view name, int64_t value);
  // Appends an already-encoded value (e.g. a signature that is encoded by its own rules).
  QueryString& addEncoded(std::string_view name, std::string_view encodedValue);

  const std::string& str() const { return text_; }
  bool empty() const { return text_.empty(); }

 private:
  std::string text_;
};

}  // namespace kf::exchanges
