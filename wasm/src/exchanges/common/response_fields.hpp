// Reading fields of an exchange's (untrusted) JSON answer. Every accessor throws
// CoreError(Malformed) naming the context and the field ("Binance balances: field
// 'free' is missing"), so a changed API shape is reported, never guessed around.
// Amounts go through kf::Decimal: validated, exact, and kept as the exchange wrote them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/decimal.hpp"

namespace kf::exchanges::response {

using Json = nlohmann::json;

[[noreturn]] void malformed(std::string_view context, const std::string& what);

// Present and not null; `obj` must be an object.
const Json& field(const Json& obj, std::string_view context, std::string_view name);
const Json* optionalField(const Json& obj, std::string_view context, std::string_view name);
const Json& arrayField(const Json& obj, std::string_view context, std::string_view name);
const Json& objectField(const Json& obj, std::string_view context, std::string_view name);

void requireObject(const Json& value, std::string_view context, std::string_view what);
void requireArray(const Json& value, std::string_view context, std::string_view what);

std::string stringField(const Json& obj, std::string_view context, std::string_view name);
std::optional<std::string> optionalString(const Json& obj, std::string_view context,
                                          std::string_view name);
// A string, or an integer written as a number (ids are one or the other depending on the endpoint).
std::string idField(const Json& obj, std::string_view context, std::string_view name);
bool boolField(const Json& obj, std::string_view context, std::string_view name);
std::optional<bool> optionalBool(const Json& obj, std::string_view context, std::string_view name);
// An integer, as a JSON integer or a string of digits.
int64_t intField(const Json& obj, std::string_view context, std::string_view name);
int64_t intValue(const Json& value, std::string_view context, std::string_view what);

// A decimal amount (string, exact-number text or integer).
Decimal decimalValue(const Json& value, std::string_view context, std::string_view what);
Decimal decimalField(const Json& obj, std::string_view context, std::string_view name);
// The same, as the output string of the normalized model.
std::string amountField(const Json& obj, std::string_view context, std::string_view name);
std::string amountValue(const Json& value, std::string_view context, std::string_view what);

// Times. Seconds with an optional fraction ("1688667796.8802") → ms, truncating below 1 ms.
int64_t secondsFieldMs(const Json& obj, std::string_view context, std::string_view name);
int64_t secondsValueMs(const Json& value, std::string_view context, std::string_view what);
// ISO 8601 / RFC 3339 UTC text ("2024-01-15T10:30:00.123Z", "2019-10-12 11:12:02") → ms.
int64_t isoFieldMs(const Json& obj, std::string_view context, std::string_view name);

// Element i of an array (bounds-checked), for positional rows like candles.
const Json& at(const Json& array, size_t i, std::string_view context, std::string_view what);

// The request's params as passed back with the answer (for paging and labels): an
// optional integer (JSON integer or digit string; anything else is InvalidInput) and an
// optional string ("" when absent or not a string).
int64_t intParam(const Json& params, std::string_view name, int64_t fallback);
std::string stringParam(const Json& params, std::string_view name);

}  // namespace kf::exchanges::response
