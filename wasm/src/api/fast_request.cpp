#include "api/fast_request.hpp"

#include <map>

#include <cryptopp/misc.h>

#include "model/json_scan.hpp"
#include "model/json_writer.hpp"

namespace kf::api {

namespace {

using nlohmann::json;
using Kind = JsonScanner::Kind;

void once(unsigned& seen, unsigned bit) {
  if (seen & bit) JsonScanner::unhandled();  // nlohmann keeps the last: the general path
  seen |= bit;
}

std::string stringOf(JsonScanner& s) {
  if (s.peek() != Kind::String) JsonScanner::unhandled();
  return std::string(s.string());
}

// optionalString: absent or null is "", a string is itself, anything else an error.
std::string optionalStringOf(JsonScanner& s) {
  if (s.peek() == Kind::Null) {
    s.null();
    return {};
  }
  return stringOf(s);
}

// A value as nlohmann's parser builds it. Integers: unsigned when written without '-',
// signed with it; fractions (doubles) are left to the general path.
json valueOf(JsonScanner& s) {
  switch (s.peek()) {
    case Kind::String:
      return json(std::string(s.string()));
    case Kind::Number: {
      const std::string_view text = s.number();
      const auto n = jsonInteger(text);
      if (!n) JsonScanner::unhandled();
      if (text[0] == '-') return json(static_cast<json::number_integer_t>(*n));
      return json(static_cast<json::number_unsigned_t>(*n));
    }
    case Kind::True:
    case Kind::False:
      return json(s.boolean());
    case Kind::Null:
      s.null();
      return json();
    case Kind::Object: {
      json out = json::object();
      std::string_view key;
      s.beginObject();
      while (s.nextKey(key)) out[std::string(key)] = valueOf(s);  // a repeated key: the last
      return out;
    }
    case Kind::Array: {
      json out = json::array();
      s.beginArray();
      while (s.nextElement()) out.push_back(valueOf(s));
      return out;
    }
  }
  JsonScanner::unhandled();
}

void credentialsOf(JsonScanner& s, exchanges::Credentials& c) {
  if (s.peek() == Kind::Null) {
    s.null();
    return;
  }
  if (s.peek() != Kind::Object) JsonScanner::unhandled();
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "apiKey") {
      once(seen, 1);
      c.apiKey = optionalStringOf(s);
    } else if (key == "secret") {
      once(seen, 2);
      c.secret = optionalStringOf(s);
    } else if (key == "passphrase") {
      once(seen, 4);
      c.passphrase = optionalStringOf(s);
    } else if (key == "keyType") {
      once(seen, 8);
      c.keyType = optionalStringOf(s);
    } else {
      s.skip();
    }
  }
}

// nonceOf: a string as is, an integer as nlohmann dumps it (its text, but "-0" is "0").
std::string nonceOf(JsonScanner& s) {
  switch (s.peek()) {
    case Kind::Null:
      s.null();
      return {};
    case Kind::String:
      return std::string(s.string());
    case Kind::Number: {
      const std::string_view text = s.number();
      if (!jsonInteger(text) || text == "-0") JsonScanner::unhandled();
      return std::string(text);
    }
    default:
      JsonScanner::unhandled();
  }
}

void wipe(std::string& text) {
  if (!text.empty())
    CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::byte*>(text.data()), text.size());
}

}  // namespace

RequestInput::~RequestInput() {
  wipe(context.credentials.secret);
  wipe(context.credentials.passphrase);
}

std::optional<RequestInput> scanRequestInput(std::string_view text) {
  try {
    JsonScanner s(text);
    RequestInput in;
    unsigned seen = 0;
    std::string_view key;
    s.beginObject();
    while (s.nextKey(key)) {
      if (key == "exchange") {
        once(seen, 1);
        in.exchange = stringOf(s);
      } else if (key == "operation") {
        once(seen, 2);
        in.operation = stringOf(s);
      } else if (key == "credentials") {
        once(seen, 4);
        credentialsOf(s, in.context.credentials);
      } else if (key == "params") {
        once(seen, 8);
        const Kind kind = s.peek();
        if (kind == Kind::Null)
          s.null();
        else if (kind == Kind::Object)
          in.context.params = valueOf(s);
        else
          JsonScanner::unhandled();
      } else if (key == "nowMs") {
        once(seen, 16);
        if (s.peek() == Kind::Null) {
          s.null();
        } else {
          if (s.peek() != Kind::Number) JsonScanner::unhandled();
          const auto n = jsonInteger(s.number());
          if (!n) JsonScanner::unhandled();
          in.context.nowMs = *n;
        }
      } else if (key == "nonce") {
        once(seen, 32);
        in.context.nonce = nonceOf(s);
      } else {
        s.skip();
      }
    }
    s.finish();
    if ((seen & 3) != 3) return std::nullopt;  // the general path names the missing field
    return in;
  } catch (const JsonScanner::Unhandled&) {
    return std::nullopt;
  }
}

std::string requestText(const exchanges::HttpRequest& request) {
  // Header names in strictly increasing order (what the exchanges build) are written as
  // they are; otherwise sorted, the last value of a repeated name winning, as in nlohmann.
  const auto& list = request.headers;
  bool sorted = true;
  size_t size = 64 + request.url.size() + request.body.size();
  for (size_t i = 0; i < list.size(); ++i) {
    size += list[i].first.size() + list[i].second.size() + 8;
    if (i > 0 && !(std::string_view(list[i - 1].first) < std::string_view(list[i].first)))
      sorted = false;
  }
  JsonWriter w(size);
  w.beginObject().key("body").string(request.body).key("cost").integer(request.cost);
  w.key("headers").beginObject();
  if (sorted) {
    for (const auto& [name, value] : list) w.escapedKey(name).string(value);
  } else {
    std::map<std::string_view, std::string_view> headers;
    for (const auto& [name, value] : list) headers[name] = value;
    for (const auto& [name, value] : headers) w.escapedKey(name).string(value);
  }
  w.endObject();
  w.key("method").string(request.method).key("ok").boolean(true).key("url").string(request.url);
  w.endObject();
  return w.take();
}

}  // namespace kf::api
