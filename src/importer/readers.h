// The format readers behind OpenWorkbook (importer/input.h). Exposed for tests and fuzz targets;
// callers normally use OpenWorkbook, which picks one by content.
//
// Thread-safety: each Workbook is used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "importer/input.h"
#include "importer/sheet.h"

namespace anju::importer {

/// Limits that refuse zip bombs and absurd files before anything is inflated.
struct XlsxLimits {
  uint64_t max_entry_bytes = 4ull << 30;   // declared uncompressed size of one part (4 GiB)
  uint64_t max_total_bytes = 8ull << 30;   // all parts together
  uint64_t max_ratio = 1000;               // uncompressed / compressed, for parts over 1 MiB
  int max_entries = 10000;
  // How the rows inside <sheetData> are parsed (the rest of a sheet, and every other part, is
  // always read with expat). true: pugixml on fragments of whole rows, cut at a row's start
  // tag every `row_chunk_bytes`; a sheet the splitter cannot cut safely (a comment, CDATA
  // section, processing instruction or DOCTYPE; no row boundary within `max_unsplit_bytes`)
  // goes on with expat from where it is. false: expat for everything (tests compare both).
  bool pugixml_rows = true;
  size_t row_chunk_bytes = 256u << 10;
  size_t max_unsplit_bytes = 32u << 20;
  size_t read_chunk_bytes = 64u << 10;  // bytes inflated per read (tests use a few)
  // Sheet rows inflated and parsed on a thread of their own, handed to ReadRows' sink on the
  // caller's thread in order (false: all on the caller's thread).
  bool reader_thread = true;
};

/// xlsx (Office Open XML) read as a stream with libzip, expat and pugixml (sheet rows): sheets
/// resolved through xl/workbook.xml and its relationships, shared strings (rich-text runs
/// joined, phonetic runs dropped), inline strings, cell types s/inlineStr/str/n/b/e/d, number
/// formats from styles (built-in and custom date formats, Chinese ones included), merged
/// ranges, the 1904 system. Errors (kInvalidArgument, naming the file): not a zip, encrypted
/// entries, declared sizes over the limits, missing workbook parts, malformed XML (with the
/// part and its line, or the byte offset for sheet rows), text that is not UTF-8.
Result<std::unique_ptr<Workbook>> OpenXlsx(std::shared_ptr<InputFile> file,
                                           const XlsxLimits& limits = {});

/// xls (BIFF 5/8) through libfreexl, which decodes strings by the workbook's CODEPAGE record;
/// the code page is reported as the encoding ("CP936" …). libfreexl exposes neither merged
/// ranges nor sheet visibility, so an xls has no merged ranges here and all sheets count as
/// visible. Errors: kInvalidArgument when libfreexl cannot open it (damaged or encrypted).
Result<std::unique_ptr<Workbook>> OpenXls(std::shared_ptr<InputFile> file);

/// CSV or TSV text (decoded per importer/text_decode.h). The delimiter (comma, tab, semicolon)
/// is the one most frequent outside quotes in the first lines. RFC 4180 quoting: fields in
/// double quotes may contain delimiters, "" and line breaks. Errors: encoding errors.
Result<std::unique_ptr<Workbook>> OpenCsv(std::shared_ptr<InputFile> file,
                                          std::string_view forced_encoding = {});

/// An HTML table (what many systems export as ".xls"): the first <table>'s rows, <td>/<th>
/// text with tags stripped and entities decoded; colspan/rowspan become merged ranges.
Result<std::unique_ptr<Workbook>> OpenHtmlTable(std::shared_ptr<InputFile> file,
                                                std::string_view forced_encoding = {});

/// Decodes the escapes of ECMA-376 Part 1 §22.9.2.19 ST_Xstring in `s` from byte `from` on, in
/// place: "_xHHHH_" (four hex digits) is the character U+HHHH ("_x000D_" a carriage return,
/// "_x001F_" a control character; a UTF-16 surrogate pair of two escapes one character), and
/// "_x005F_" an underscore, so "_x005F_x0041_" is the literal text "_x0041_" (decoded text is not
/// scanned again). Shared strings, inline strings and formula string results are decoded; what
/// comes out is cleaned like any other text (controls removed from ids and names).
void DecodeXstringEscapes(std::string& s, size_t from = 0);

/// Parses CSV text already in UTF-8 into rows (used by OpenCsv; exposed for the fuzz target).
/// `delimiter` 0 = detect.
Status ParseCsv(std::string_view text, char delimiter, const RowSink& sink);

}  // namespace anju::importer
