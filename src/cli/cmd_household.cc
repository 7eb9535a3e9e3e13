// `anju household show ID [--db PATH] [--full]`: one household with its origin village, site,
// housing unit and members. Ids and phones are masked unless --full (which is audited).
#include <fmt/format.h>

#include <algorithm>

#include "cli/command.h"
#include "registry/registry_service.h"
#include "storage/migrate.h"
#include "storage/sqlite_registry_repository.h"

namespace anju::cli {

void RegisterHouseholdCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("household", "Look up relocated households");
  cmd->require_subcommand(1);
  auto* show = cmd->add_subcommand("show", "Show one household (by id or household number)");
  struct Opts {
    std::string db, id;
    bool full = false;
  };
  auto o = std::make_shared<Opts>();
  show->add_option("ID", o->id, "household id or number (e.g. 17 or LX-0000017)")->required();
  AddDbOption(show, o->db);
  show->add_flag("--full", o->full, "show whole resident ids and phones (recorded in the audit trail)");
  show->callback([&run, o] {
    run = [o] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteRegistryRepository repo(**db);
      registry::RegistryService svc(repo);
      int64_t id = 0;
      if (!o->id.empty() && std::all_of(o->id.begin(), o->id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        id = std::stoll(o->id);
      } else {
        auto by_no = repo.HouseholdIdByNo(o->id);
        if (!by_no) return ReportError(by_no.error());
        if (!*by_no) return ReportError(NotFound(fmt::format("no household numbered {}", o->id), "household", o->id, "找不到该户").error());
        id = **by_no;
      }
      auto d = svc.GetHousehold(SystemActor(), id, o->full);
      if (!d) return ReportError(d.error());
      const auto& h = d->household;
      fmt::print("户 {} (id {})  {}  version {}\n", h.household_no, h.id,
                 h.category == registry::Category::kRegisteredPoor ? "建档立卡贫困户 registered_poor" : "同步搬迁户 co_relocated", h.version);
      fmt::print("迁出村 origin village: {} ({}, {}, {})\n", d->origin_village.name, d->origin_village.division_code,
                 d->origin_village.township_name, registry::RelocationTypeName(d->origin_village.relocation_type));
      fmt::print("安置点 site: {} (id {})  grid {}  move-in {}  convention {}\n", d->site_name, h.site_id,
                 h.grid_id ? std::to_string(*h.grid_id) : "-", FormatIsoDate(h.move_in_date), h.convention_signed ? "signed" : "not signed");
      if (d->housing_unit)
        fmt::print("安置房 housing: building {} entrance {} room {}, {:.2f} m²{}\n", d->housing_unit->building,
                   d->housing_unit->entrance, d->housing_unit->room, static_cast<double>(d->housing_unit->floor_area_dm2) / 100.0,
                   d->area_exceeds_standard ? "  [above 25 m² per person: flagged]" : "");
      fmt::print("members ({}):\n", d->members.size());
      for (const auto& p : d->members)
        fmt::print("  {:>8}  {}\t{}\t{}\t{}\t{}\t{}\t{}\n", p.id, p.name, registry::RelationshipNameZh(p.relationship),
                   p.resident_id, SexName(p.sex), FormatIsoDate(p.birth_date), registry::EmploymentKindName(p.employment_kind),
                   p.phone.empty() ? "-" : p.phone);
      return kExitOk;
    };
  });
}

}  // namespace anju::cli
