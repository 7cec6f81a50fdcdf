// JsonWriter (model/json_writer.hpp) writes what nlohmann's dump writes for the same
// values: decimals as Decimal::toString, integers, escapes and invalid UTF-8, commas.
#include <gtest/gtest.h>

#include <random>

#include "model/json_writer.hpp"

using kf::Decimal;
using kf::JsonWriter;
using nlohmann::json;

TEST(JsonWriter, DecimalsAreTheirToString) {
  std::mt19937_64 rng(11);
  std::vector<Decimal> values = {Decimal(), Decimal::parse("-0.000"), Decimal::parse("1e-38"),
                                 Decimal::parse("99999999999999999999999999999999999999"),
                                 Decimal::parse("-9999999999999999999.9999999999999999999")};
  for (int i = 0; i < 5000; ++i) {
    const int digits = static_cast<int>(rng() % 38) + 1;
    __int128 c = 0;
    for (int d = 0; d < digits; ++d) c = c * 10 + static_cast<int>(rng() % 10);
    if (rng() % 2) c = -c;
    values.push_back(Decimal::fromParts(c, static_cast<int>(rng() % 39)));
  }
  for (const Decimal& d : values) {
    JsonWriter w;
    w.decimal(d);
    ASSERT_EQ(w.take(), "\"" + d.toString() + "\"");
  }
}

TEST(JsonWriter, SameTextAsNlohmann) {
  const std::vector<std::string> strings = {"",
                                            "plain",
                                            "quote\"back\\slash",
                                            "\n\t\r\b\f",
                                            "\x01\x1f\x7f",
                                            "caf\xc3\xa9 \xe2\x82\xac",
                                            "bad \xff\xfe utf-8",
                                            "cut \xe2\x82"};
  json expected = json::array();
  JsonWriter w;
  w.beginArray();
  for (const auto& s : strings) {
    w.string(s);
    expected.push_back(s);
  }
  for (int64_t n : {int64_t{0}, int64_t{-1}, INT64_MAX, INT64_MIN, int64_t{1700000000000}}) {
    w.integer(n);
    expected.push_back(n);
  }
  w.boolean(true).boolean(false).null().stringOrNull("").stringOrNull("x");
  expected.insert(expected.end(), {true, false, nullptr, nullptr, "x"});
  w.beginObject().key("a").beginArray().endArray().key("b").beginObject().endObject();
  w.escapedKey("c\"d").value(json{{"z", 1.5}, {"y", {1, 2}}}).endObject();
  expected.push_back(
      {{"a", json::array()}, {"b", json::object()}, {"c\"d", {{"z", 1.5}, {"y", {1, 2}}}}});
  w.endArray();
  EXPECT_EQ(w.take(), expected.dump(-1, ' ', false, json::error_handler_t::replace));
}

TEST(JsonWriter, GrowsFromATinyBuffer) {
  JsonWriter w(1);
  w.beginArray();
  json expected = json::array();
  for (int i = 0; i < 10000; ++i) {
    w.string(std::string(static_cast<size_t>(i % 50), 'x'));
    expected.push_back(std::string(static_cast<size_t>(i % 50), 'x'));
  }
  w.endArray();
  EXPECT_EQ(w.take(), expected.dump());
}
