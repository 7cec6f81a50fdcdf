// Shared response helpers: excerpts, headers, Retry-After, body classification,
// field access errors, time formats.
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_model.hpp"
#include "exchanges/common/response_time.hpp"
#include "model/exact_json.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::exchanges::response;
using nlohmann::json;

namespace {

HttpResponse answer(int status, std::string_view body,
                    std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = std::move(headers);
  return r;
}

template <typename F>
CoreError caught(F&& f) {
  try {
    f();
  } catch (const CoreError& e) {
    return e;
  }
  ADD_FAILURE() << "no CoreError thrown";
  return CoreError(ErrorKind::Internal, "none");
}

}  // namespace

TEST(ResponseHttp, ExcerptIsShortSingleLineAndUtf8Safe) {
  const std::string big(10000, 'x');
  const auto e = excerpt(big);
  EXPECT_EQ(e.size(), kExcerptChars + 3);
  EXPECT_EQ(e.substr(e.size() - 3), "...");
  EXPECT_EQ(excerpt("  a\n\n\tb  c \r\n"), "a b c");
  // A 2-byte character straddling the limit is dropped whole, never split.
  const std::string text = std::string(9, 'a') + "\xC3\xA9" + "zzz";
  EXPECT_EQ(excerpt(text, 10), std::string(9, 'a') + "...");
  EXPECT_EQ(excerpt(""), "");
}

TEST(ResponseHttp, BodySummaryQuotesHtmlTitles) {
  EXPECT_EQ(bodySummary("<html><head><title>502 Bad Gateway</title></head></html>"),
            "HTML page '502 Bad Gateway'");
  EXPECT_EQ(bodySummary("<!DOCTYPE html><body>no title</body>"), "HTML page");
  EXPECT_EQ(bodySummary("{\"code\":-1}"), "{\"code\":-1}");
}

TEST(ResponseHttp, HeadersAndRetryAfter) {
  auto r = answer(429, "", {{"Retry-After", " 120 "}});
  EXPECT_EQ(header(r, "retry-after"), " 120 ");
  EXPECT_EQ(retryAfterMs(r), 120000);
  r.headers = {{"retry-after", "1.5"}};
  EXPECT_EQ(retryAfterMs(r), 1500);
  r.headers = {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}};
  EXPECT_FALSE(retryAfterMs(r));
  r.headers = {{"retry-after", "-5"}};
  EXPECT_FALSE(retryAfterMs(r));
  r.headers = {{"retry-after", "99999999999999999999"}};
  EXPECT_FALSE(retryAfterMs(r));
  r.headers = {};
  EXPECT_FALSE(retryAfterMs(r));
}

TEST(ResponseHttp, StatusKinds) {
  EXPECT_EQ(kindForStatus(401), ErrorKind::Auth);
  EXPECT_EQ(kindForStatus(403), ErrorKind::Permission);
  EXPECT_EQ(kindForStatus(418), ErrorKind::RateLimit);
  EXPECT_EQ(kindForStatus(429), ErrorKind::RateLimit);
  EXPECT_EQ(kindForStatus(400), ErrorKind::BadRequest);
  EXPECT_EQ(kindForStatus(404), ErrorKind::BadRequest);
  EXPECT_EQ(kindForStatus(502), ErrorKind::Unavailable);
  EXPECT_EQ(kindForStatus(200), ErrorKind::Malformed);
}

TEST(ResponseHttp, ParseBodyClassifiesWhatIsNotJson) {
  const std::string html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>" +
                           std::string(5000, ' ') + "<body>cloudflare</body></html>";
  auto e = caught([&] { parseBody("Kraken", answer(502, html, {{"retry-after", "30"}})); });
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_EQ(e.retryAfterMs(), 30000);
  EXPECT_NE(std::string(e.what()).find("HTTP 502"), std::string::npos);
  EXPECT_LT(std::string(e.what()).size(), 300u);

  e = caught([&] { parseBody("Kraken", answer(200, "<html><body>Maintenance</body></html>")); });
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_NE(std::string(e.what()).find("HTML"), std::string::npos);

  e = caught([&] { parseBody("Binance", answer(200, R"({"balances":[{"asset":"BTC","fr)")); });
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos);

  e = caught([&] { parseBody("Binance", answer(200, "")); });
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);

  e = caught([&] { parseBody("Binance", answer(503, "")); });
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);

  const auto ok = parseBody("Binance", answer(200, R"({"a":0.1,"b":"2.50","c":7})"));
  EXPECT_EQ(ok["a"], "0.1");  // exact text, never a double
  EXPECT_EQ(ok["c"], 7);
  EXPECT_FALSE(tryParseBody(answer(500, "oops")));
}

TEST(ResponseFields, ErrorsNameTheField) {
  const auto obj = parseExact(R"({"s":"x","n":5,"d":"1.50","bad":"1.2.3","f":0.1,"arr":[1]})");
  EXPECT_EQ(stringField(obj, "ctx", "s"), "x");
  EXPECT_EQ(intField(obj, "ctx", "n"), 5);
  EXPECT_EQ(amountField(obj, "ctx", "d"), "1.50");
  EXPECT_EQ(amountField(obj, "ctx", "f"), "0.1");
  EXPECT_EQ(idField(obj, "ctx", "n"), "5");
  auto e = caught([&] { stringField(obj, "Binance trades", "missing"); });
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_STREQ(e.what(), "Binance trades: field 'missing' is missing");
  e = caught([&] { amountField(obj, "ctx", "bad"); });
  EXPECT_NE(std::string(e.what()).find("'bad'"), std::string::npos);
  e = caught([&] { stringField(obj, "ctx", "n"); });
  EXPECT_NE(std::string(e.what()).find("must be a string"), std::string::npos);
  e = caught([&] { at(obj["arr"], 3, "ctx", "a row"); });
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  e = caught([&] { field(json::array(), "ctx", "x"); });
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  // 39 significant digits cannot be held exactly: overflow, loudly.
  const auto huge = parseExact(R"({"v":"123456789012345678901234567890123456789"})");
  EXPECT_EQ(caught([&] { amountField(huge, "ctx", "v"); }).kind(), ErrorKind::Overflow);
}

TEST(ResponseTime, SecondsAndIsoTexts) {
  EXPECT_EQ(secondsTextToMs("1688667796.8802"), 1688667796880);
  EXPECT_EQ(secondsTextToMs("1688669448"), 1688669448000);
  EXPECT_EQ(secondsTextToMs("0.0009"), 0);
  EXPECT_FALSE(secondsTextToMs("-1"));
  EXPECT_FALSE(secondsTextToMs("1e9"));
  EXPECT_FALSE(secondsTextToMs("12."));
  EXPECT_FALSE(secondsTextToMs(""));
  EXPECT_EQ(isoTextToMs("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(isoTextToMs("2024-01-15T10:30:00Z"), 1705314600000);
  EXPECT_EQ(isoTextToMs("2024-01-15T10:30:00.123456Z"), 1705314600123);
  EXPECT_EQ(isoTextToMs("2024-01-15T12:30:00+02:00"), 1705314600000);
  EXPECT_EQ(isoTextToMs("2019-10-12 11:12:02"), 1570878722000);
  EXPECT_EQ(isoTextToMs("2024-02-29T00:00:00Z"), 1709164800000);
  EXPECT_FALSE(isoTextToMs("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(isoTextToMs("2024-01-15"));
  EXPECT_FALSE(isoTextToMs("2024-01-15T10:30:00Zjunk"));
  EXPECT_EQ(httpDateToMs("Wed, 17 Jan 2018 09:13:25 GMT"), 1516180405000);
  EXPECT_FALSE(httpDateToMs("Wed, 17 Foo 2018 09:13:25 GMT"));
}

TEST(ResponseModel, BalanceTotalsExactlyAndDropsZero) {
  auto b = balance(
      "x", {"BTC", "spot", Decimal::parse("123456789012345678901234.5"), Decimal::parse("0.75")});
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)["free"], "123456789012345678901234.5");
  EXPECT_EQ((*b)["total"], "123456789012345678901235.25");
  b = balance("x", {"BTC", "spot", Decimal::parse("0.000000000000000001"), Decimal::parse("0")});
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)["total"], "0.000000000000000001");
  // A sum needing more than 38 digits is refused loudly, never rounded.
  EXPECT_EQ(caught([] {
              balance("x", {"BTC", "spot", Decimal::parse("0.000000000000000001"),
                            Decimal::parse("123456789012345678901234.5")});
            }).kind(),
            ErrorKind::Overflow);
  EXPECT_FALSE(balance("x", {"BTC", "spot", Decimal::parse("0.00000000"), Decimal::parse("0")}));
  const auto next = nextParams(json{{"a", 1}, {"b", 2}}, json{{"b", nullptr}, {"c", 3}});
  EXPECT_EQ(next, (json{{"a", 1}, {"c", 3}}));
}
