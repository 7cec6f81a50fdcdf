#include "model/exact_json.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "model/decimal.hpp"

using kf::CoreError;
using kf::ErrorKind;
using kf::parseExact;
using nlohmann::json;

namespace {

// The CoreError message parseExact throws, or fails the test when it does not throw one.
std::string malformedMessage(std::string_view text, std::size_t depth = kf::kMaxJsonDepth) {
  try {
    parseExact(text, depth);
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Malformed) << text;
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "non-CoreError for " << text << ": " << e.what();
    return "";
  }
  ADD_FAILURE() << "no error for " << text;
  return "";
}

}  // namespace

TEST(ExactJson, FloatingPointNumbersBecomeTheirExactText) {
  const json v = parseExact(R"({"a":1e-8,"b":0.1,"c":-2.50,"d":1E+2,"e":[0.30000000000000004]})");
  EXPECT_EQ(v["a"], "1e-8");
  EXPECT_EQ(v["b"], "0.1");
  EXPECT_EQ(v["c"], "-2.50");
  EXPECT_EQ(v["d"], "1E+2");
  EXPECT_EQ(v["e"][0], "0.30000000000000004");
  EXPECT_EQ(kf::Decimal::fromJson(v["a"]).toString(), "0.00000001");
  EXPECT_EQ(kf::Decimal::fromJson(v["c"]).toString(), "-2.50");
}

TEST(ExactJson, IntegersStayIntegersUntilTheyExceed64Bits) {
  const std::string eighty(80, '9');
  const json v = parseExact("[0,-0,42,-9223372036854775808,18446744073709551615," +
                            std::string("18446744073709551616,-9223372036854775809,") + eighty +
                            ",-" + eighty + "]");
  EXPECT_TRUE(v[0].is_number_unsigned());
  EXPECT_EQ(v[0], 0);
  EXPECT_TRUE(v[1].is_number_integer());
  EXPECT_EQ(v[2], 42);
  EXPECT_TRUE(v[3].is_number_integer());
  EXPECT_EQ(v[3].get<int64_t>(), INT64_MIN);
  EXPECT_TRUE(v[4].is_number_unsigned());
  EXPECT_EQ(v[4].get<uint64_t>(), UINT64_MAX);
  EXPECT_EQ(v[5], "18446744073709551616");
  EXPECT_EQ(v[6], "-9223372036854775809");
  EXPECT_EQ(v[7], eighty);
  EXPECT_EQ(v[8], "-" + eighty);
  for (const auto& x : v) EXPECT_FALSE(x.is_number_float());
  EXPECT_EQ(kf::Decimal::fromJson(v[5]).toString(), "18446744073709551616");
}

TEST(ExactJson, BuildsTheSameDocumentAsNlohmannWithoutFloats) {
  const std::string text =
      R"({"ok":true,"none":null,"list":[1,"two",[],{},{"x":[{"y":false}]}],"s":"caf\u00e9 \"q\"",)"
      R"("nested":{"a":{"b":{"c":[[[-1]]]}}},"empty":"","balances":[)"
      R"({"asset":"BTC","free":"4723846.89208129","locked":"0.00000000"}]})";
  EXPECT_EQ(parseExact(text), json::parse(text));
  EXPECT_EQ(parseExact("\"just a string\""), "just a string");
  EXPECT_EQ(parseExact(" 7 "), 7);
  EXPECT_EQ(parseExact("2.5"), "2.5");
  EXPECT_TRUE(parseExact("null").is_null());
}

TEST(ExactJson, DuplicateKeysKeepTheLastValue) {
  EXPECT_EQ(parseExact(R"({"a":1,"a":[2.5]})"), json::parse(R"({"a":["2.5"]})"));
}

TEST(ExactJson, EnforcesTheDepthLimit) {
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_NO_THROW(parseExact(nested(512)));
  EXPECT_NE(malformedMessage(nested(513)).find("deeper than 512"), std::string::npos);
  EXPECT_NE(malformedMessage(std::string(1000000, '[')).find("deeper"), std::string::npos);
  EXPECT_NO_THROW(parseExact(R"({"a":{"b":1}})", 2));
  EXPECT_NE(malformedMessage(R"({"a":{"b":[]}})", 2).find("deeper than 2"), std::string::npos);
  std::string objects;
  for (int i = 0; i < 600; ++i) objects += "{\"k\":";
  objects += "0" + std::string(600, '}');
  malformedMessage(objects);
}

TEST(ExactJson, InvalidJsonIsMalformedWithAPosition) {
  for (const char* text :
       {"", "{", "[1,]", R"({"a" 1})", "1 2", "NaN", "Infinity", "01", ".5", "1.", "-", "[1e]",
        "{'a':1}", "[1] x", R"("unterminated)", "tru", R"({"a":1,})", "\"\x01\"", "// c\n1"}) {
    const std::string message = malformedMessage(text);
    EXPECT_NE(message.find("invalid JSON at byte "), std::string::npos) << text << ": " << message;
  }
  const std::string message = malformedMessage("[1,2,x]");
  EXPECT_NE(message.find("at byte 6"), std::string::npos) << message;
}

TEST(ExactJson, HostileBytesNeverReachTheMessageRaw) {
  for (const std::string& text : {std::string("[\"\xff\xfe\"]"), std::string("[\xc3\x28]"),
                                  std::string("{\"a\":\x01}"), std::string("[1,\0]", 5)}) {
    const std::string message = malformedMessage(text);
    for (char c : message) EXPECT_TRUE(c >= 0x20 && c <= 0x7e) << message;
    EXPECT_LT(message.size(), 250u);
  }
}

TEST(ExactJson, NumbersBeyondDoubleRangeAreRejectedNotRounded) {
  // nlohmann refuses numbers a double cannot hold; no exchange sends them.
  EXPECT_NE(malformedMessage("[1e400]").find("byte"), std::string::npos);
}
