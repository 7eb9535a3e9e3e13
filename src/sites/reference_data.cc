#include "sites/reference_data.h"

#include <fmt/format.h>

#include <map>

#include "core/area.h"
#include "core/division_code.h"

namespace anju::sites {

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text, std::string_view file) {
  std::vector<std::vector<std::string>> rows;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  size_t line = 1, quote_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') { quoted = true; quote_line = line; any = true; }
    else if (c == ',') { row.push_back(std::move(field)); field.clear(); any = true; }
    else if (c == '\r') {}
    else if (c == '\n') {
      ++line;
      if (any || !field.empty()) { row.push_back(std::move(field)); rows.push_back(std::move(row)); }
      row.clear(); field.clear(); any = false;
    } else { field += c; any = true; }
  }
  if (quoted)
    return InvalidArgument(fmt::format("{} row {}: a quoted field is not closed; add the closing '\"'", file, quote_line),
                           "csv", std::string(file));
  if (any || !field.empty()) { row.push_back(std::move(field)); rows.push_back(std::move(row)); }
  return rows;
}

namespace {

// Rows as maps from header name to value, with the row number (1 = header).
struct Table {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  Result<std::string> Get(size_t r, std::string_view col) const {
    for (size_t c = 0; c < header.size(); ++c)
      if (header[c] == col) return c < rows[r].size() ? rows[r][c] : std::string();
    return InvalidArgument(fmt::format("{}: column '{}' is missing from the header; add it", file, col), "column", std::string(col));
  }
};

Result<Table> Load(const std::function<std::optional<std::string>(std::string_view)>& read, std::string_view file,
                   size_t want_cols) {
  auto text = read(file);
  if (!text) return NotFound(fmt::format("reference file {} is missing", file), "file", std::string(file));
  auto rows = ParseCsv(*text, file);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return InvalidArgument(fmt::format("{} is empty; it needs a header row", file), "file", std::string(file));
  Table t;
  t.file = std::string(file);
  t.header = (*rows)[0];
  for (size_t i = 1; i < rows->size(); ++i) {
    if ((*rows)[i].size() != want_cols)
      return InvalidArgument(fmt::format("{} row {}: {} columns, want {} ({}); quote fields that contain commas",
                                         file, i + 1, (*rows)[i].size(), want_cols, fmt::join(t.header, ",")),
                             "row", std::to_string(i + 1));
    t.rows.push_back((*rows)[i]);
  }
  return t;
}

std::unexpected<Error> Bad(const Table& t, size_t r, std::string_view col, std::string_view value, std::string_view why) {
  return InvalidArgument(fmt::format("{} row {} column {}: '{}' {}", t.file, r + 2, col, value, why), std::string(col),
                         std::string(value));
}

}  // namespace

Result<ReferenceData> ParseReferenceData(const std::function<std::optional<std::string>(std::string_view)>& read) {
  ReferenceData out;
  // Divisions.
  std::string_view dfile = read("divisions.csv") ? "divisions.csv" : "linxian_divisions.csv";
  auto dt = Load(read, dfile, 5);
  if (!dt) return std::unexpected(dt.error());
  std::map<std::string, std::string> names;
  for (size_t r = 0; r < dt->rows.size(); ++r) {
    const auto& f = dt->rows[r];
    DivisionRow d{f[0], f[1], f[2], f[3], f[4]};
    auto code = ParseDivisionCode(d.code);
    if (!code) return Bad(*dt, r, "code", d.code, "is not a statistical division code (6, 9 or 12 digits)");
    if (!ParseDivisionLevel(d.level)) return Bad(*dt, r, "level", d.level, "is not a level; use county, township or village");
    if (d.level == "township" && out.county_code.empty()) out.county_code = d.parent_code;
    if (d.level == "county") { out.county_code = d.code; out.county_name = d.name; }
    names[d.code] = d.name;
    out.divisions.push_back(std::move(d));
  }
  // Sites.
  auto st = Load(read, "sites.csv", 7);
  if (!st) return std::unexpected(st.error());
  for (size_t r = 0; r < st->rows.size(); ++r) {
    const auto& f = st->rows[r];
    SiteRow s;
    s.site.name = f[0];
    auto mode = ParseSiteMode(f[1]);
    if (!mode) return Bad(*st, r, "mode", f[1], "is not a site mode; use county_town, township_seat, large_village or dispersed");
    s.site.mode = *mode;
    s.site.township_code = f[2];
    if (!names.contains(f[2])) return Bad(*st, r, "township_code", f[2], "is not in the division list; use a 9-digit township code of divisions.csv");
    s.site.community_code = f[3];
    if (!f[3].empty() && !names.contains(f[3])) return Bad(*st, r, "community_code", f[3], "is not in the division list; leave it empty when unknown");
    if (!f[4].empty()) {
      int64_t cap = 0;
      for (char c : f[4]) {
        if (c < '0' || c > '9') return Bad(*st, r, "planned_capacity", f[4], "is not a whole number of persons");
        cap = cap * 10 + (c - '0');
      }
      s.site.planned_capacity = cap;
    }
    std::string_view al = f[5];
    while (!al.empty()) {
      size_t bar = al.find('|');
      std::string_view one = al.substr(0, bar);
      size_t colon = one.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == one.size())
        return Bad(*st, r, "aliases", one, "needs the form alias:reason (several separated by |)");
      s.site.aliases.push_back({std::string(one.substr(0, colon)), std::string(one.substr(colon + 1))});
      al = bar == std::string_view::npos ? std::string_view() : al.substr(bar + 1);
    }
    s.site.note = f[6];
    out.sites.push_back(std::move(s));
  }
  // Parks.
  auto pt = Load(read, "parks.csv", 9);
  if (!pt) return std::unexpected(pt.error());
  for (size_t r = 0; r < pt->rows.size(); ++r) {
    const auto& f = pt->rows[r];
    ParkRow p;
    p.park.name = f[0];
    p.site_name = f[1];
    std::string_view sh = f[2];
    while (!sh.empty()) {
      size_t bar = sh.find('|');
      p.shared_with_names.emplace_back(sh.substr(0, bar));
      sh = bar == std::string_view::npos ? std::string_view() : sh.substr(bar + 1);
    }
    p.park.kind = f[3];
    if (!f[4].empty()) {
      auto mu = ParseMu(f[4]);
      if (!mu) return Bad(*pt, r, "area_mu", f[4], "is not an area in mu (up to two decimals)");
      p.park.area_centimu = mu->RoundedCentimu();
    }
    if (!f[5].empty()) {
      int64_t n = 0;
      for (char c : f[5]) {
        if (c < '0' || c > '9') return Bad(*pt, r, "head_count", f[5], "is not a whole number");
        n = n * 10 + (c - '0');
      }
      p.park.head_count = n;
    }
    p.park.operator_name = f[6];
    if (f[7] != "built" && f[7] != "planned") return Bad(*pt, r, "status", f[7], "is not a status; use built or planned");
    p.park.planned = f[7] == "planned";
    p.park.note = f[8];
    out.parks.push_back(std::move(p));
  }
  // Kinds.
  auto kt = Load(read, "reference_kinds.csv", 4);
  if (!kt) return std::unexpected(kt.error());
  for (size_t r = 0; r < kt->rows.size(); ++r) {
    const auto& f = kt->rows[r];
    if (f[0] != "training_course" && f[0] != "certificate" && f[0] != "welfare_post" && f[0] != "facility")
      return Bad(*kt, r, "category", f[0], "is not a category; use training_course, certificate, welfare_post or facility");
    out.kinds.push_back({f[0], f[1], f[2], f[3]});
  }
  if (auto s = read("surnames.csv")) out.surnames_csv = *s;
  if (auto g = read("given_name_chars.csv")) out.given_names_csv = *g;
  return out;
}

}  // namespace anju::sites

#include <fstream>
#include <sstream>

namespace anju::sites {

Result<ReferenceData> LoadReferenceFiles(const std::string& dir) {
  if (dir.empty()) return ParseReferenceData([](std::string_view name) { return EmbeddedDataFile(name); });
  return ParseReferenceData([&dir](std::string_view name) -> std::optional<std::string> {
    // file-open: a reference CSV under data/
    std::ifstream in(dir + "/" + std::string(name), std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  });
}

}  // namespace anju::sites
