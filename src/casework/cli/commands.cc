#include "casework/cli/commands.h"

#include <fmt/format.h>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "importer/input.h"
#include "importer/sheet.h"
#include "storage/migrate.h"

namespace anju::casework {
namespace {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

std::string CellText(const importer::Cell& c) {
  if (c.type == importer::Cell::Type::kNumber && c.date_format) {
    // Excel serial day (1900 system): day 25569 is 1970-01-01.
    return FormatIsoDate(FromDaysSinceEpoch(static_cast<int>(c.number) - 25569));
  }
  std::string t = c.text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\r')) t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(0, 1);
  return t;
}

// Reads rows "date, kind, name" (a header row is skipped: its first cell is not a date).
Result<std::vector<CalendarDay>> ReadCalendarFile(const std::string& path, const Actor& actor) {
  // file-open: the operator's calendar file named on the command line (read only).
  ANJU_TRY(file, importer::InputFile::Open(path));
  ANJU_TRY(wb, importer::OpenWorkbook(file));
  std::vector<CalendarDay> days;
  std::vector<Error> faults;
  ANJU_CHECK(wb->ReadRows(0, [&](const importer::Row& row) -> Status {
    auto cell = [&](size_t i) { return i < row.cells.size() ? CellText(row.cells[i]) : ""; };
    const std::string d = cell(0), k = cell(1), n = cell(2);
    if (d.empty() && k.empty()) return {};
    auto day = ParseIsoDate(d, "date");
    if (!day) {
      if (days.empty() && faults.empty()) return {};  // the header row
      faults.push_back(InvalidArgument(fmt::format("{} row {} column A: not a date YYYY-MM-DD",
                                                   path, row.number),
                                       "date", d, fmt::format("{} 第{}行A列：日期格式应为 "
                                                              "YYYY-MM-DD", path, row.number))
                           .error());
      return {};
    }
    auto kind = ParseDayKind(k);
    if (!kind) {
      Error e = kind.error();
      e.message = fmt::format("{} row {} column B: {}", path, row.number, e.message);
      e.message_zh = fmt::format("{} 第{}行B列：{}", path, row.number, e.message_zh);
      faults.push_back(std::move(e));
      return {};
    }
    days.push_back({*day, *kind, n, "imported by " + actor.username + " from " + path});
    return {};
  }));
  if (!faults.empty()) return AllFaults(std::move(faults));
  if (days.empty())
    return InvalidArgument("no days in the file (columns: date, kind, name)", "file", path,
                           "文件中没有日期（列：日期、类型、名称）");
  return days;
}

void RegisterCalendar(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("calendar", "The working-day calendar (holidays, adjusted working days)");
  cmd->require_subcommand(1);
  struct Opts {
    std::string db, file;
    int year = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* imp = cmd->add_subcommand("import", "Add or replace listed days from a CSV/xlsx: date, kind (holiday|workday), name");
  imp->add_option("FILE", o->file, "calendar.csv | calendar.xlsx")->required();
  AddDbOption(imp, o->db);
  imp->callback([&run, o] {
    run = [o] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      const Actor actor = SystemActor();
      auto days = ReadCalendarFile(o->file, actor);
      if (!days) return ReportError(days.error());
      if (auto s = UpsertCalendarDays(**db, actor, *days); !s) return ReportError(s.error());
      fmt::print("{} days imported\n", days->size());
      return kExitOk;
    };
  });
  auto* list = cmd->add_subcommand("list", "The listed days of a year");
  list->add_option("YEAR", o->year, "2025")->required()->check(CLI::Range(1900, 2200));
  AddDbOption(list, o->db);
  list->callback([&run, o] {
    run = [o] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      auto days = CalendarYear(**db, o->year);
      if (!days) return ReportError(days.error());
      for (const auto& d : *days)
        fmt::print("{}\t{}\t{}\t{}\n", FormatIsoDate(d.day), DayKindName(d.kind), d.name, d.source);
      fmt::print("{} days listed for {}{}\n", days->size(), o->year,
                 days->empty() ? " (none: weekends only; import the year's notice)" : "");
      return kExitOk;
    };
  });
}

void RegisterCases(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("cases", "Cases with clocks");
  cmd->require_subcommand(1);
  struct Opts {
    std::string db, as_of;
  };
  auto o = std::make_shared<Opts>();
  auto* esc = cmd->add_subcommand("escalate", "Escalate overdue cases one level and send deadline-near notices (once per day)");
  esc->add_option("--as-of", o->as_of, "the day of the sweep, YYYY-MM-DD (default today in China)");
  AddDbOption(esc, o->db);
  esc->callback([&run, o] {
    run = [o] {
      Date as_of = TodayInChina();
      if (!o->as_of.empty()) {
        auto d = ParseIsoDate(o->as_of, "as_of");
        if (!d) return ReportError(d.error());
        as_of = *d;
      }
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      auto r = MakeCaseService(**db, as_of).Sweep(SystemActor(), as_of);
      if (!r) return ReportError(r.error());
      fmt::print("{}: {} cases escalated, {} deadline-near notices\n", FormatIsoDate(as_of),
                 r->escalated, r->near_notified);
      return kExitOk;
    };
  });
}

}  // namespace

void AddCommands(CLI::App& app, cli::Runner& run) {
  RegisterCalendar(app, run);
  RegisterCases(app, run);
}

}  // namespace anju::casework
