#include "exchanges/common/response_fields.hpp"

#include "core/error.hpp"
#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_time.hpp"

namespace kf::exchanges::response {

namespace {

std::string quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string typeName(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number_integer() || v.is_number_unsigned()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "a boolean";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "null";
}

std::string shown(const Json& v) {
  return v.is_string() ? excerpt(v.get_ref<const std::string&>(), 40)
                       : excerpt(v.dump(-1, ' ', false, Json::error_handler_t::replace), 40);
}

}  // namespace

void malformed(std::string_view context, const std::string& what) {
  throw CoreError(ErrorKind::Malformed, std::string(context) + ": " + what);
}

void requireObject(const Json& value, std::string_view context, std::string_view what) {
  if (!value.is_object())
    malformed(context, std::string(what) + " must be an object, got " + typeName(value));
}

namespace {
// The same check with the label built only on failure (field access runs per row).
void requireObjectHolding(const Json& value, std::string_view context, std::string_view name) {
  if (!value.is_object())
    malformed(context, "the value holding field " + quoted(name) + " must be an object, got " +
                           typeName(value));
}
}  // namespace

void requireArray(const Json& value, std::string_view context, std::string_view what) {
  if (!value.is_array())
    malformed(context, std::string(what) + " must be an array, got " + typeName(value));
}

const Json* optionalField(const Json& obj, std::string_view context, std::string_view name) {
  requireObjectHolding(obj, context, name);
  const auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

const Json& field(const Json& obj, std::string_view context, std::string_view name) {
  const Json* v = optionalField(obj, context, name);
  if (!v) malformed(context, "field " + quoted(name) + " is missing");
  return *v;
}

const Json& arrayField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (!v.is_array()) requireArray(v, context, "field " + quoted(name));
  return v;
}

const Json& objectField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (!v.is_object()) requireObject(v, context, "field " + quoted(name));
  return v;
}

std::string stringField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (!v.is_string())
    malformed(context, "field " + quoted(name) + " must be a string, got " + typeName(v));
  return v.get<std::string>();
}

std::optional<std::string> optionalString(const Json& obj, std::string_view context,
                                          std::string_view name) {
  const Json* v = optionalField(obj, context, name);
  if (!v) return std::nullopt;
  if (!v->is_string())
    malformed(context, "field " + quoted(name) + " must be a string, got " + typeName(*v));
  return v->get<std::string>();
}

std::string idField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  malformed(context,
            "field " + quoted(name) + " must be an id (string or integer), got " + typeName(v));
}

bool boolField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (!v.is_boolean())
    malformed(context, "field " + quoted(name) + " must be true or false, got " + typeName(v));
  return v.get<bool>();
}

std::optional<bool> optionalBool(const Json& obj, std::string_view context, std::string_view name) {
  const Json* v = optionalField(obj, context, name);
  if (!v) return std::nullopt;
  if (!v->is_boolean())
    malformed(context, "field " + quoted(name) + " must be true or false, got " + typeName(*v));
  return v->get<bool>();
}

int64_t intValue(const Json& v, std::string_view context, std::string_view what) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<int64_t>();
  if (v.is_number_unsigned() && v.get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX))
    return static_cast<int64_t>(v.get<uint64_t>());
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const bool negative = !s.empty() && s[0] == '-';
    const size_t start = negative ? 1 : 0;
    if (s.size() > start && s.size() - start <= 18) {
      int64_t n = 0;
      size_t i = start;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) n = n * 10 + (s[i] - '0');
      if (i == s.size()) return negative ? -n : n;
    }
  }
  malformed(context,
            std::string(what) + " must be an integer, got " + typeName(v) + " " + shown(v));
}

int64_t intField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<int64_t>();  // fast path
  return intValue(v, context, "field " + quoted(name));
}

Decimal decimalValue(const Json& v, std::string_view context, std::string_view what) {
  try {
    return Decimal::fromJson(v);
  } catch (const CoreError& e) {
    if (e.kind() == ErrorKind::Overflow) throw;  // too large to hold exactly: say so, loudly
    malformed(context,
              std::string(what) + " must be a decimal amount, got " + typeName(v) + " " + shown(v));
  }
}

Decimal decimalField(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  try {
    return Decimal::fromJson(v);
  } catch (const CoreError& e) {
    if (e.kind() == ErrorKind::Overflow) throw;
    return decimalValue(v, context, "field " + quoted(name));  // rethrows with the message
  }
}

std::string amountField(const Json& obj, std::string_view context, std::string_view name) {
  return decimalField(obj, context, name).toString();
}

std::string amountValue(const Json& value, std::string_view context, std::string_view what) {
  return decimalValue(value, context, what).toString();
}

int64_t secondsValueMs(const Json& v, std::string_view context, std::string_view what) {
  std::optional<int64_t> ms;
  if (v.is_string())
    ms = secondsTextToMs(v.get_ref<const std::string&>());
  else if (v.is_number_unsigned() || v.is_number_integer())
    ms = secondsTextToMs(v.dump());
  if (!ms)
    malformed(context, std::string(what) + " must be a time in seconds, got " + typeName(v) + " " +
                           shown(v));
  return *ms;
}

int64_t secondsFieldMs(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  if (v.is_string())
    if (const auto ms = secondsTextToMs(v.get_ref<const std::string&>())) return *ms;
  return secondsValueMs(v, context, "field " + quoted(name));
}

int64_t isoFieldMs(const Json& obj, std::string_view context, std::string_view name) {
  const Json& v = field(obj, context, name);
  std::optional<int64_t> ms;
  if (v.is_string()) ms = isoTextToMs(v.get_ref<const std::string&>());
  if (!ms)
    malformed(context, "field " + quoted(name) + " must be a UTC date-time, got " + typeName(v) +
                           " " + shown(v));
  return *ms;
}

const Json& at(const Json& array, size_t i, std::string_view context, std::string_view what) {
  requireArray(array, context, what);
  if (i >= array.size())
    malformed(context, std::string(what) + " has " + std::to_string(array.size()) +
                           " elements, expected at least " + std::to_string(i + 1));
  return array[i];
}

int64_t intParam(const Json& params, std::string_view name, int64_t fallback) {
  if (!params.is_object()) return fallback;
  const auto it = params.find(name);
  if (it == params.end() || it->is_null()) return fallback;
  try {
    return intValue(*it, "request params", name);
  } catch (const CoreError&) {
    throw CoreError(ErrorKind::InvalidInput, "params." + std::string(name) + " must be an integer");
  }
}

std::string stringParam(const Json& params, std::string_view name) {
  if (!params.is_object()) return {};
  const auto it = params.find(name);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace kf::exchanges::response
