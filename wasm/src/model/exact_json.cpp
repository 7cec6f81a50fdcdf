#include "model/exact_json.hpp"

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace kf {

namespace {

using json = nlohmann::json;

// The text of nlohmann's error without its "[json.exception...] parse error at line L,
// column C: " prefix, reduced to printable ASCII and a bounded length: it may quote
// the offending input, which is untrusted.
std::string describe(const std::string& what) {
  std::string_view text = what;
  if (const auto bracket = text.find("] "); bracket != std::string_view::npos)
    text.remove_prefix(bracket + 2);
  if (const auto column = text.find("column "); column != std::string_view::npos) {
    if (const auto colon = text.find(": ", column); colon != std::string_view::npos)
      text.remove_prefix(colon + 2);
  }
  constexpr std::size_t kMax = 160;
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i)
    out += (text[i] >= 0x20 && text[i] <= 0x7e) ? text[i] : '?';
  if (text.size() > kMax) out += "...";
  return out;
}

// Builds the DOM like nlohmann's json_sax_dom_parser, except for floating-point numbers.
class ExactDomBuilder {
 public:
  ExactDomBuilder(json& root, std::size_t maxDepth) : root_(root), maxDepth_(maxDepth) {}

  bool null() { return put(json(nullptr)); }
  bool boolean(bool value) { return put(json(value)); }
  bool number_integer(json::number_integer_t value) { return put(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
  bool number_float(json::number_float_t, const json::string_t& text) {
    // The lexer's buffer holds the number as read, except that it writes the C
    // locale's decimal point in place of '.'; put the '.' back.
    json::string_t exact = text;
    for (char& c : exact)
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E')) c = '.';
    return put(json(std::move(exact)));
  }
  bool string(json::string_t& value) { return put(json(std::move(value))); }
  bool binary(json::binary_t&) { return fail("binary values are not JSON"); }

  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool key(json::string_t& name) {
    // operator[] creates the member (null); the value callback then fills it.
    member_ = &(*stack_.back())[std::move(name)];
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    return fail("invalid JSON at byte " + std::to_string(position) + ": " + describe(e.what()));
  }

  const std::string& error() const { return error_; }

 private:
  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  bool open(json::value_t type) {
    if (stack_.size() >= maxDepth_)
      return fail("JSON nested deeper than " + std::to_string(maxDepth_) + " levels");
    put(json(type));
    stack_.push_back(last_);
    return true;
  }

  bool close() {
    stack_.pop_back();  // the parser only calls end_* after a matching start_*
    return true;
  }

  // Places a value at the current position and remembers where it now lives. Parents
  // are only appended to after their children close, so stacked pointers stay valid.
  bool put(json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      last_ = &root_;
    } else if (json& top = *stack_.back(); top.is_array()) {
      auto& array = top.get_ref<json::array_t&>();
      array.push_back(std::move(value));
      last_ = &array.back();
    } else {
      *member_ = std::move(value);
      last_ = member_;
    }
    return true;
  }

  json& root_;
  std::size_t maxDepth_;
  std::vector<json*> stack_;
  json* member_ = nullptr;  // the object member a key() opened
  json* last_ = nullptr;    // the value put() placed last
  std::string error_;
};

}  // namespace

json parseExact(std::string_view text, std::size_t maxDepth) {
  json root;
  ExactDomBuilder builder(root, maxDepth);
  const char* begin = text.data();
  const bool ok = json::sax_parse(begin, begin + text.size(), &builder, json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!ok) {
    throw CoreError(ErrorKind::Malformed,
                    builder.error().empty() ? std::string("invalid JSON") : builder.error());
  }
  return root;
}

}  // namespace kf
