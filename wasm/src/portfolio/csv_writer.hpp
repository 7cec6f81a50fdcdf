// CSV for the report files: RFC 4180 (CRLF line ends; a field holding a comma, a
// double quote, CR or LF is quoted, quotes doubled), always valid UTF-8, and safe to
// open in a spreadsheet. Exchange-supplied strings reach these files, so a text cell
// that begins with = + - @ TAB or CR is prefixed with a single quote (OWASP "CSV
// Injection"): Excel, LibreOffice and Sheets would otherwise run it as a formula.
// Numbers the report computes itself ("-12.50") are a separate cell kind, written from
// a kf::Decimal, so they are never neutralised and stay numbers in the spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.hpp"

namespace kf::report {

// Replaces every ill-formed UTF-8 sequence (stray continuation bytes, overlong forms,
// surrogates, code points above U+10FFFF, truncated sequences) with U+FFFD, one per
// maximal ill-formed subpart as the Unicode standard recommends. Never passes raw bytes.
std::string sanitizeUtf8(std::string_view text);

class Cell {
 public:
  static Cell text(std::string_view value);  // untrusted text: sanitised and neutralised
  static Cell number(const Decimal& value);  // exact digits from a Decimal, never neutralised
  static Cell empty() { return Cell(std::string()); }

  // The cell's content before RFC 4180 quoting.
  const std::string& value() const { return value_; }

 private:
  explicit Cell(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

class CsvWriter {
 public:
  // The UTF-8 byte order mark is off by default: RFC 4180 and RFC 3629 do not want one,
  // and importers that match the header row exactly (CoinTracker: "headers must match
  // the template exactly") would see "\uFEFFDate" instead of "Date". On is only useful
  // for old Excel versions that guess the encoding of a double-clicked file.
  explicit CsvWriter(bool byteOrderMark = false);

  void row(const std::vector<Cell>& cells);
  // A header or label row: every cell is text.
  void textRow(const std::vector<std::string_view>& cells);
  void blankRow();

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace kf::report
