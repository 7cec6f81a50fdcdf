// CsvWriter: RFC 4180 quoting, UTF-8 sanitising and spreadsheet-formula neutralisation.
#include <gtest/gtest.h>

#include "model/decimal.hpp"
#include "portfolio/csv_writer.hpp"

using kf::Decimal;
using kf::report::Cell;
using kf::report::CsvWriter;
using kf::report::sanitizeUtf8;

namespace {

std::string oneRow(std::vector<Cell> cells) {
  CsvWriter csv;
  csv.row(cells);
  return csv.str();
}

std::string textCell(std::string_view s) {
  return oneRow({Cell::text(s)});
}

}  // namespace

TEST(CsvWriter, PlainFieldsAreCommaSeparatedAndEndWithCrlf) {
  EXPECT_EQ(oneRow({Cell::text("a"), Cell::text("b c"), Cell::empty(), Cell::text("d")}),
            "a,b c,,d\r\n");
}

TEST(CsvWriter, QuotesFieldsWithCommaQuoteCrOrLf) {
  EXPECT_EQ(textCell("a,b"), "\"a,b\"\r\n");
  EXPECT_EQ(textCell("say \"hi\""), "\"say \"\"hi\"\"\"\r\n");
  EXPECT_EQ(textCell("line1\nline2"), "\"line1\nline2\"\r\n");
  EXPECT_EQ(textCell("a\rb"), "\"a\rb\"\r\n");
  EXPECT_EQ(textCell("\""), "\"\"\"\"\r\n");
  // No quoting needed: semicolons, spaces, single quotes.
  EXPECT_EQ(textCell("a;b 'c'"), "a;b 'c'\r\n");
}

TEST(CsvWriter, RowsAndBlankRows) {
  CsvWriter csv;
  csv.textRow({"h1", "h2"});
  csv.blankRow();
  csv.row({Cell::number(Decimal::parse("1.50")), Cell::text("x")});
  EXPECT_EQ(csv.str(), "h1,h2\r\n\r\n1.50,x\r\n");
}

TEST(CsvWriter, EachFormulaPrefixIsNeutralisedInTextCells) {
  EXPECT_EQ(textCell("=1+1"), "'=1+1\r\n");
  EXPECT_EQ(textCell("+1"), "'+1\r\n");
  EXPECT_EQ(textCell("-12.50"), "'-12.50\r\n");
  EXPECT_EQ(textCell("@SUM(A1)"), "'@SUM(A1)\r\n");
  EXPECT_EQ(textCell("\tcmd"), "'\tcmd\r\n");
  // CR also forces quoting; the quote mark goes inside the quoted field.
  EXPECT_EQ(textCell("\r=cmd"), "\"'\r=cmd\"\r\n");
  // The classic payload, with a comma and quotes inside.
  EXPECT_EQ(textCell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
  // Only the first character matters.
  EXPECT_EQ(textCell("a=b"), "a=b\r\n");
  EXPECT_EQ(textCell("BTC-USD"), "BTC-USD\r\n");
}

TEST(CsvWriter, NumberCellsAreNeverNeutralised) {
  EXPECT_EQ(oneRow({Cell::number(Decimal::parse("-12.50"))}), "-12.50\r\n");
  EXPECT_EQ(oneRow({Cell::number(Decimal::parse("+3"))}), "3\r\n");
  EXPECT_EQ(oneRow({Cell::number(Decimal::parse("0.00000001"))}), "0.00000001\r\n");
  EXPECT_EQ(oneRow({Cell::number(Decimal::parse("1e-8"))}), "0.00000001\r\n");
  // The same text as a text cell is neutralised.
  EXPECT_EQ(oneRow({Cell::number(Decimal::parse("-1")), Cell::text("-1")}), "-1,'-1\r\n");
}

TEST(CsvWriter, ByteOrderMarkOnlyWhenAsked) {
  CsvWriter off;
  off.textRow({"Date"});
  EXPECT_EQ(off.str(), "Date\r\n");
  CsvWriter on(true);
  on.textRow({"Date"});
  EXPECT_EQ(on.str(),
            "\xEF\xBB\xBF"
            "Date\r\n");
}

TEST(Utf8, ValidTextPassesUnchanged) {
  const std::string s = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD";
  EXPECT_EQ(sanitizeUtf8(s), s);
  EXPECT_EQ(sanitizeUtf8(""), "");
  EXPECT_EQ(sanitizeUtf8(std::string("a\0b", 3)), std::string("a\0b", 3));
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  const std::string R = "\xEF\xBF\xBD";
  EXPECT_EQ(sanitizeUtf8("a\xFF"
                         "b"),
            "a" + R + "b");                                    // never valid
  EXPECT_EQ(sanitizeUtf8("\x80"), R);                          // stray continuation
  EXPECT_EQ(sanitizeUtf8("\xC0\xAF"), R + R);                  // overlong '/'
  EXPECT_EQ(sanitizeUtf8("\xE0\x80\xAF"), R + R + R);          // overlong 3-byte
  EXPECT_EQ(sanitizeUtf8("\xED\xA0\x80"), R + R + R);          // UTF-16 surrogate
  EXPECT_EQ(sanitizeUtf8("\xF4\x90\x80\x80"), R + R + R + R);  // above U+10FFFF
  EXPECT_EQ(sanitizeUtf8("\xE2\x82"), R);                      // truncated at the end
  EXPECT_EQ(sanitizeUtf8("\xE2\x82x"), R + "x");               // truncated mid-text
  EXPECT_EQ(sanitizeUtf8("\xF0\x9F\x98"), R);                  // truncated 4-byte
  EXPECT_EQ(sanitizeUtf8("\xC3\xA9\xC3"), "\xC3\xA9" + R);
}

TEST(Utf8, TextCellsAreSanitisedBeforeNeutralising) {
  // An invalid byte in front of '=' does not hide the formula: U+FFFD is the first character.
  EXPECT_EQ(textCell("\xFF=1"), "\xEF\xBF\xBD=1\r\n");
  EXPECT_EQ(textCell("=\xFF"), "'=\xEF\xBF\xBD\r\n");
}
