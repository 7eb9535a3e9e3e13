#include "industry/storage/roster_rows.h"

#include <variant>

#include "core/date.h"
#include "core/try.h"

namespace anju::storage::roster {

std::string Text(const importer::TableValue& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "";
}

std::optional<int64_t> Int(const importer::TableValue& v) {
  return std::holds_alternative<int64_t>(v) ? std::optional<int64_t>(std::get<int64_t>(v)) : std::nullopt;
}

bool Empty(const importer::TableValue& v) { return std::holds_alternative<std::monostate>(v); }

Error RowError(std::string field, std::string value, std::string en, std::string zh) {
  return InvalidArgument(std::move(en), std::move(field), std::move(value), std::move(zh)).error();
}

Result<industry::JobPatch> PatchFromRow(const importer::TableSpec& spec, const importer::TableRow& v,
                                        const std::vector<bool>& present, const industry::Job& job,
                                        std::string_view end_reason) {
  // The column's value when the spec has it and the file filled it in, else nullptr.
  auto cell = [&](std::string_view name) -> const importer::TableValue* {
    const int i = spec.IndexOf(name);
    if (i < 0 || !present[static_cast<size_t>(i)]) return nullptr;
    return &v[static_cast<size_t>(i)];
  };
  industry::JobPatch p;
  if (const auto* c = cell("ended_on")) {
    if (const std::string e = Text(*c); !e.empty()) {
      ANJU_TRY(end, ParseIsoDate(e, "ended_on"));
      if (job.in.ended_on != end) {
        p.ended_on = end;
        p.end_reason = std::string(end_reason);
      }
    } else if (job.in.ended_on) {
      p.clear_ended_on = true;
    }
  }
  if (const auto* c = cell("monthly_income_fen"); c && Int(*c) && job.in.monthly_income_fen != Int(*c))
    p.monthly_income_fen = Int(*c);
  if (const auto* c = cell("place"); c && !Text(*c).empty()) {
    ANJU_TRY(place, industry::ParseWorkPlace(Text(*c)));
    if (job.in.place != place) p.place = place;
  }
  if (const auto* c = cell("work_county"); c && !Text(*c).empty() && job.in.work_county != Text(*c))
    p.work_county = Text(*c);
  return p;
}

}  // namespace anju::storage::roster
