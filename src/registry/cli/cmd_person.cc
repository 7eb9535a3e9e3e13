// `anju person find QUERY [--db PATH] [--full] [--limit N]`: search persons by name (prefix),
// pinyin initials ("zhm" finds 张海明), whole resident id, or its last 4–6 characters. Ids and
// phones are masked unless --full (each person shown whole is recorded in the audit trail).
// Each line: person id, name, id, sex, birth date, 户 <household number>, relationship, phone.
#include <fmt/format.h>

#include <map>

#include "cli/command.h"
#include "registry/cli/commands.h"
#include "registry/registry_service.h"
#include "storage/migrate.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::registry {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

void RegisterPersonCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("person", "Look up relocated persons");
  cmd->require_subcommand(1);
  auto* find = cmd->add_subcommand("find", "Find persons by name, pinyin initials, resident id or its last 4-6 characters");
  struct Opts {
    std::string db, query;
    bool full = false;
    int limit = 50;
  };
  auto o = std::make_shared<Opts>();
  find->add_option("QUERY", o->query, "张海明 | zhm | 141124199001010012 | 0012")->required();
  AddDbOption(find, o->db);
  find->add_flag("--full", o->full, "show whole resident ids and phones (recorded in the audit trail)");
  find->add_option("--limit", o->limit, "at most this many persons (1-500)")->capture_default_str();
  find->callback([&run, o] {
    run = [o] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteRegistryRepository repo(**db);
      registry::RegistryService svc(repo);
      auto found = svc.FindPersons(SystemActor(), o->query, o->limit, o->full);
      if (!found) return ReportError(found.error());
      // The household by its number (户编号), as clerks know it, not the internal id.
      std::map<int64_t, std::string> household_no;
      for (const auto& p : *found) {
        if (household_no.contains(p.household_id)) continue;
        auto h = svc.GetHousehold(SystemActor(), p.household_id);
        household_no[p.household_id] = h ? h->household.household_no : fmt::format("#{}", p.household_id);
      }
      for (const auto& p : *found)
        fmt::print("{}\t{}\t{}\t{}\t{}\t户 {}\t{}\t{}\n", p.id, p.name, p.resident_id, SexName(p.sex),
                   FormatIsoDate(p.birth_date), household_no[p.household_id],
                   registry::RelationshipNameZh(p.relationship), p.phone.empty() ? "-" : p.phone);
      if (static_cast<int>(found->size()) >= o->limit)  // the search stopped at the limit
        fmt::print("{} shown, the limit; there may be more (narrow the query or raise --limit, at most 500)\n",
                   found->size());
      else
        fmt::print("{} found\n", found->size());
      return found->empty() ? kExitInvalid : kExitOk;
    };
  });
}

}  // namespace anju::registry
