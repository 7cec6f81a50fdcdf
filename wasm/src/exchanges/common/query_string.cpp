#include "exchanges/common/query_string.hpp"

#include "crypto/encoding.hpp"

namespace kf::exchanges {

QueryString& QueryString::add(std::string_view name, std::string_view value) {
  return addEncoded(name, crypto::percentEncode(value));
}

QueryString& QueryString::add(std::string_view name, int64_t value) {
  return addEncoded(name, std::to_string(value));
}

QueryString& QueryString::addEncoded(std::string_view name, std::string_view encodedValue) {
  if (!text_.empty()) text_.push_back('&');
  text_ += crypto::percentEncode(name);
  text_.push_back('=');
  text_ += encodedValue;
  return *this;
}

}  // namespace kf::exchanges
