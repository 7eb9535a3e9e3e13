// Reference data of a county, read from CSV files (data/ in the repository; Lin County's files
// are embedded in the binary so `anju init` works from any directory; `anju init --data DIR`
// reads another county's files). See data/README.md for the columns and sources.
//
// Thread-safety: pure functions over values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sites/sites.h"

namespace anju::sites {

/// One row of <county>_divisions.csv (code,name,level,parent_code,urban_rural_code).
struct DivisionRow {
  std::string code, name, level, parent_code, urban_rural_code;
};

/// One row of sites.csv; `township_code`/`community_code` as in the file.
struct SiteRow {
  Site site;  // aliases filled from the aliases column ("alias:reason|alias:reason")
};

/// One row of parks.csv: the park with its site names (resolved to ids when loading).
struct ParkRow {
  Park park;
  std::string site_name;
  std::vector<std::string> shared_with_names;
};

/// One row of reference_kinds.csv.
struct KindRow {
  std::string category, code, name_zh, name_en;
};

/// Everything `anju init` loads.
struct ReferenceData {
  std::string county_code;  // the county row of the division file (6 digits)
  std::string county_name;  // e.g. 临县 ("" when the file has no county row)
  std::vector<DivisionRow> divisions;
  std::vector<SiteRow> sites;
  std::vector<ParkRow> parks;
  std::vector<KindRow> kinds;
  std::string surnames_csv;     // kept as text for the demo generator
  std::string given_names_csv;
};

/// Splits CSV text (RFC 4180: quoted fields, "" escapes, CRLF or LF) into rows of fields.
/// A UTF-8 BOM is skipped. Errors: kInvalidArgument naming `file` and the row of an unclosed quote.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text, std::string_view file);

/// Parses the files of one county. `read(name)` returns a file's text or nullopt when absent.
/// Needed: divisions.csv (or linxian_divisions.csv), sites.csv, parks.csv, reference_kinds.csv;
/// surnames.csv and given_name_chars.csv are optional (the demo needs them).
/// Errors: kInvalidArgument naming file, row, column and value, e.g.
///   "sites.csv row 4 column mode: 'city' is not a site mode; use county_town, …".
Result<ReferenceData> ParseReferenceData(
    const std::function<std::optional<std::string>(std::string_view)>& read);

/// The Lin County files embedded at build time (data/*.csv); nullopt for an unknown name.
std::optional<std::string> EmbeddedDataFile(std::string_view name);

}  // namespace anju::sites

namespace anju::sites {
/// Parses the files in `dir` (another county's data), or the embedded Lin County files when
/// `dir` is empty. Errors: kNotFound when `dir` lacks a required file; parse errors as above.
Result<ReferenceData> LoadReferenceFiles(const std::string& dir);
}  // namespace anju::sites
