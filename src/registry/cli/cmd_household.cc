// `anju household show ID [--db PATH] [--full]`: one household with its origin village, site,
// housing unit and members. Ids and phones are masked unless --full (which is audited).
#include <fmt/format.h>

#include <algorithm>

#include "cli/command.h"
#include "registry/cli/commands.h"
#include "registry/registry.h"
#include "registry/registry_service.h"
#include "storage/migrate.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::registry {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

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
      // As typed: " lx-0000017 " (spaces, U+3000, lower case, full width) is LX-0000017.
      const std::string typed = registry::NormalizeHouseholdNo(o->id);
      int64_t id = 0;
      if (!typed.empty() && typed.size() <= 18 &&
          std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        id = std::stoll(typed);
      } else {
        auto by_no = repo.HouseholdIdByNo(typed);
        if (!by_no) return ReportError(by_no.error());
        // A number stored before numbers were upper-cased: try it as typed (trimmed) too.
        if (!*by_no) by_no = repo.HouseholdIdByNo(registry::TrimSpace(o->id));
        if (!by_no) return ReportError(by_no.error());
        if (!*by_no)
          return ReportError(NotFound(fmt::format("no household numbered {}; check the number "
                                                  "(e.g. LX-0000017) or give the household id",
                                                  typed),
                                      "household", typed,
                                      fmt::format("找不到户编号为 {} 的户，请核对户编号（如 "
                                                  "LX-0000017）或改用户 id",
                                                  typed))
                                 .error());
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

}  // namespace anju::registry
