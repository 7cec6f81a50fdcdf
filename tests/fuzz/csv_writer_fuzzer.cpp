// libFuzzer target: the CSV writer behind every report file, fed arbitrary cells (exchange
// strings reach these files). The output is read back with a strict RFC 4180 reader
// written here, independent of the writer. Invariants:
//  - the file re-parses to exactly the rows and cells written (a blank row reads as one
//    empty cell); CRLF line ends; quotes only where needed and doubled inside;
//  - every text cell is valid UTF-8, equals its input when that was valid UTF-8 (after
//    neutralisation), and never starts with = + - @ TAB or CR;
//  - a number cell is the Decimal's own text, never neutralised.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "model/decimal.hpp"
#include "portfolio/csv_writer.hpp"

namespace {

using kf::fuzz::check;
using kf::report::Cell;
using Rows = std::vector<std::vector<std::string>>;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool startsFormula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

// RFC 4180 with CRLF records. Returns false on anything a conforming writer would
// not produce (a bare quote in an unquoted field, text after a closing quote, a lone CR
// or LF outside quotes, a missing final CRLF).
bool readCsv(std::string_view s, Rows& rows) {
  size_t i = 0;
  while (i < s.size()) {
    std::vector<std::string> row;
    for (;;) {
      std::string cell;
      if (i < s.size() && s[i] == '"') {
        ++i;
        for (;;) {
          if (i >= s.size()) return false;
          if (s[i] == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          cell += s[i++];
        }
      } else {
        while (i < s.size() && s[i] != ',' && s[i] != '\r') {
          if (s[i] == '"' || s[i] == '\n') return false;
          cell += s[i++];
        }
      }
      row.push_back(std::move(cell));
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') {
        i += 2;
        break;
      }
      return false;
    }
    rows.push_back(std::move(row));
  }
  return true;
}

void checkTextCell(const std::string& input, const Cell& cell) {
  const std::string& v = cell.value();
  check(kf::fuzz::isValidUtf8(v), "text cell is not valid UTF-8", v);
  check(!startsFormula(v), "text cell starts a formula", v);
  if (kf::fuzz::isValidUtf8(input)) {
    const std::string expected = startsFormula(input) ? "'" + input : input;
    check(v == expected, "valid text was changed beyond neutralisation", input + " -> " + v);
  } else {
    check(v.find(kReplacement) != std::string_view::npos, "ill-formed UTF-8 left no U+FFFD", v);
    check(v.size() <= 3 * input.size() + 1, "sanitised text grew beyond 3 bytes per byte");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const bool bom = in.ConsumeBool();
  kf::report::CsvWriter csv(bom);
  Rows expected;
  while (in.remaining_bytes() > 0 && expected.size() < 64) {
    const uint8_t kind = in.ConsumeIntegralInRange<uint8_t>(0, 7);
    if (kind == 7) {
      csv.blankRow();
      expected.push_back({""});
      continue;
    }
    const size_t columns = in.ConsumeIntegralInRange<size_t>(0, 6);
    std::vector<Cell> cells;
    std::vector<std::string> texts;
    std::vector<std::string_view> views;
    for (size_t c = 0; c < columns; ++c) {
      const uint8_t cellKind = in.ConsumeIntegralInRange<uint8_t>(0, 7);
      std::string raw = in.ConsumeRandomLengthString(200);
      if (cellKind == 0) {
        cells.push_back(Cell::empty());
      } else if (cellKind == 1) {
        kf::Decimal d;
        if (kf::fuzz::expectCoreErrorOnly([&] { d = kf::Decimal::parse(raw); },
                                          {kf::ErrorKind::Malformed, kf::ErrorKind::Overflow})) {
          cells.push_back(Cell::number(d));
          check(cells.back().value() == d.toString(), "number cell is not the Decimal's text");
        } else {
          cells.push_back(Cell::text(raw));
          checkTextCell(raw, cells.back());
        }
      } else {
        cells.push_back(Cell::text(raw));
        checkTextCell(raw, cells.back());
      }
      texts.push_back(std::move(raw));
    }
    if (kind == 6) {
      // textRow: the same strings, all as text cells.
      for (const auto& t : texts) views.emplace_back(t);
      csv.textRow(views);
      std::vector<std::string> row;
      for (const auto& t : texts) row.push_back(Cell::text(t).value());
      if (row.empty()) row.push_back("");
      expected.push_back(std::move(row));
    } else {
      csv.row(cells);
      std::vector<std::string> row;
      for (const auto& c : cells) row.push_back(c.value());
      if (row.empty()) row.push_back("");
      expected.push_back(std::move(row));
    }
  }

  std::string_view out = csv.str();
  if (bom) {
    check(out.substr(0, 3) == kBom, "byte order mark missing");
    out.remove_prefix(3);
  }
  Rows actual;
  check(readCsv(out, actual), "output is not RFC 4180 CSV", std::string(out));
  check(actual == expected, "CSV does not read back to the cells written", std::string(out));
  return 0;
}
