#include "portfolio/csv_writer.hpp"

#include <cstdint>

namespace kf::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed sequence starting at text[i], or 0 when the bytes from i
// are ill-formed. `subpart` receives how many bytes form the maximal ill-formed
// subpart (at least 1), so one U+FFFD replaces exactly that (Unicode 15, 3.9 U+FFFD).
std::size_t wellFormedLength(std::string_view text, std::size_t i, std::size_t& subpart) {
  const auto byte = [&](std::size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  subpart = 1;
  if (b0 < 0x80) return 1;
  std::size_t need;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte (Table 3-7)
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;  // C0, C1, F5..FF or a stray continuation byte
  }
  for (std::size_t k = 1; k < need; ++k) {
    if (i + k >= text.size()) return 0;
    const uint8_t b = byte(i + k);
    const uint8_t min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
    subpart = k + 1;
  }
  return need;
}

bool needsQuotes(std::string_view s) {
  return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

// OWASP CSV Injection: these first characters start a formula (or, for TAB and CR,
// let one hide behind whitespace) in Excel, LibreOffice Calc and Google Sheets.
bool startsFormula(std::string_view s) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

void appendField(std::string& out, std::string_view value) {
  if (!needsQuotes(value)) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string sanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t subpart = 1;
    const std::size_t n = wellFormedLength(text, i, subpart);
    if (n == 0) {
      out += kReplacement;
      i += subpart;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

Cell Cell::text(std::string_view value) {
  std::string clean = sanitizeUtf8(value);
  if (startsFormula(clean)) clean.insert(clean.begin(), '\'');
  return Cell(std::move(clean));
}

Cell Cell::number(const Decimal& value) {
  return Cell(value.toString());
}

CsvWriter::CsvWriter(bool byteOrderMark) {
  if (byteOrderMark) out_ = "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<Cell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ += ',';
    appendField(out_, cells[i].value());
  }
  out_ += "\r\n";
}

void CsvWriter::textRow(const std::vector<std::string_view>& cells) {
  std::vector<Cell> row;
  row.reserve(cells.size());
  for (auto c : cells) row.push_back(Cell::text(c));
  this->row(row);
}

void CsvWriter::blankRow() {
  out_ += "\r\n";
}

}  // namespace kf::report
