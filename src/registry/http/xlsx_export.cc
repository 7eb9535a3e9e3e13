#include "registry/http/xlsx_export.h"

#include <fmt/format.h>

#include <unordered_set>

#include "importer/export.h"

namespace anju::registry {

namespace {

std::unexpected<Error> TooMany() {
  return ResourceExhausted(
      fmt::format("the list has more than {} rows; narrow the filter (site, township) and "
                  "export again",
                  kMaxExportRows),
      fmt::format("超过 {} 行，请缩小筛选范围后再导出", kMaxExportRows));
}

// The person export of the persons or households in `ids`.
Result<std::string> Roster(importer::ExportRepository& exports, const Actor& actor, std::optional<int64_t> site_id,
                           const std::unordered_set<int64_t>& ids, bool households) {
  importer::ExportRequest req;
  req.kind = importer::ExportKind::kPersons;
  req.format = importer::SheetFormat::kXlsx;
  req.site_id = site_id;
  (households ? req.household_ids : req.person_ids) = &ids;
  return importer::ExportToBytes(exports, actor, req);
}

}  // namespace

Result<std::string> ExportHouseholdsXlsx(registry::RegistryService& registry, importer::ExportRepository& exports,
                                         const Actor& actor, const registry::HouseholdFilter& filter,
                                         const registry::HouseholdSort& sort) {
  if (auto st = importer::CheckExportTempFolder(); !st) return std::unexpected(st.error());
  std::unordered_set<int64_t> ids;
  auto rows = registry.ExportHouseholds(
      actor, filter, sort,
      [&](const registry::HouseholdSummary& s) -> Status {
        if (ids.size() >= kMaxExportRows) return TooMany();
        ids.insert(s.household.id);
        return {};
      },
      "GET /api/v1/households.xlsx");
  if (!rows) return std::unexpected(rows.error());
  return Roster(exports, actor, filter.site_id, ids, true);
}

Result<std::string> ExportPersonsXlsx(registry::RegistryService& registry, importer::ExportRepository& exports,
                                      const Actor& actor, const registry::PersonFilter& filter,
                                      const registry::PersonSort& sort) {
  if (auto st = importer::CheckExportTempFolder(); !st) return std::unexpected(st.error());
  std::unordered_set<int64_t> ids;
  auto rows = registry.ExportPersons(
      actor, filter, sort,
      [&](const registry::Person& p) -> Status {
        if (ids.size() >= kMaxExportRows) return TooMany();
        ids.insert(p.id);
        return {};
      },
      "GET /api/v1/persons.xlsx");
  if (!rows) return std::unexpected(rows.error());
  return Roster(exports, actor, filter.site_id, ids, false);
}

}  // namespace anju::registry
