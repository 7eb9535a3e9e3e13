// `anju report [--db PATH] [--as-of DATE] [--lang zh|en] [--format text|json|xlsx|html]
//              [--out FILE] [--site NAME] [--threads N] [--figure KEY ...]`: the county report
// computed from the records (reports/report_service.h). With --figure (repeatable): only those
// labour figures (reports/labour_figures.h), computed by the same engine with the steps and columns no
// other figure needs left out; text prints one line per figure, json the report's keys for them. text and json go to stdout unless --out is given; xlsx and html
// are files: without --out they are written to anju-report-<as_of>.<ext> in the current
// folder, and the command says where.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "cli/command.h"
#include "cli/output_file.h"
#include "reports/cli/commands.h"
#include "reports/figure_spec.h"
#include "reports/labour_figures.h"
#include "reports/report_render.h"
#include "reports/report_service.h"
#include "storage/migrate.h"
#include "reports/storage/sqlite_report_repository.h"

namespace anju::reports {

using cli::AddDbOption;
using cli::NonBlank;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;
using cli::WriteOutputFile;

namespace {

struct ReportFlags {
  std::string db;
  std::string as_of;
  std::string lang = "zh";
  std::string format = "text";
  std::string out;
  std::string site;
  int threads = 2;
  std::vector<std::string> figures;
  bool scan = false;  // --scan: no kept day totals (reports/storage/labour_spans.h)
};

// The narrow report (--figure): the requested keys only. json: as_of, county and for each key
// the full report's entries (a rate with .numerator and .denominator); text: "key label value".
std::string RenderFigures(const reports::CountyReport& r, const std::vector<std::string>& keys, bool json,
                          reports::Lang lang) {
  const nlohmann::json full = reports::ReportToJson(r);
  if (json) {
    nlohmann::json j = nlohmann::json::object();
    for (const char* k : {"as_of", "county_code", "county_name", "site", "scope"}) j[k] = full.at(k);
    for (const auto& key : keys)
      for (const std::string& k : {key, key + ".numerator", key + ".denominator"})
        if (full.contains(k)) j[k] = full.at(k);
    return j.dump(2) + "\n";
  }
  std::string out = fmt::format("as_of {}\n", FormatIsoDate(r.as_of));
  for (const auto& key : keys) {
    const auto* spec = reports::FindFigure(key);
    const auto& label = spec ? (lang == reports::Lang::kZh ? spec->label_zh : spec->label_en) : key;
    std::string value;
    if (full.at(key).is_null()) value = "—";
    else if (full.contains(key + ".numerator"))
      value = fmt::format("{:.4f} ({}/{})", full.at(key).get<double>(), full.at(key + ".numerator").get<int64_t>(),
                          full.at(key + ".denominator").get<int64_t>());
    else value = full.at(key).dump();
    out += fmt::format("{}\t{}\t{}\n", key, label, value);
  }
  return out;
}

// Writes `content` to `path`; the reason of a failure comes from errno (e.g. "No space left
// on device"). WriteOutputFile names the file and removes what was written.
Status WriteFile(const std::string& path, const std::string& content) {
  errno = 0;
  {
    // file-open: the --out target; RunReport refuses the database and its companions
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (f) f << content;
    if (f && f.flush()) {
      f.close();
      if (!f.fail()) return {};
    }
  }
  return InvalidArgument(errno ? std::strerror(errno) : "the file could not be written", "out", path);
}

int RunReport(const ReportFlags& f) {
  auto lang = reports::ParseLang(f.lang);
  if (!lang) return ReportError(lang.error());
  reports::ReportOptions opts;
  opts.site = f.site;
  opts.labour_day_totals = !f.scan;
  if (!f.figures.empty() && f.format != "text" && f.format != "json")
    return ReportError(InvalidArgument("--figure prints text or json; use --format text or json", "format",
                                       f.format, "--figure 只输出 text 或 json；请用 --format text 或 json")
                           .error());
  if (!f.as_of.empty()) {
    auto d = ParseIsoDate(f.as_of, "as-of");
    if (!d) return ReportError(d.error());
    opts.as_of = *d;
  }
  auto db = storage::OpenAndMigrate(ResolveDbPath(f.db), true);
  if (!db) return ReportError(db.error());
  storage::SqliteReportRepository repo(**db, f.threads);
  if (!f.figures.empty()) repo.SetScanNeeds({.floor_area = false, .job_channels = false, .resident_id = false});
  auto report = f.figures.empty() ? reports::BuildCountyReport(repo, opts)
                                  : reports::BuildLabourFigures(repo, opts, f.figures);
  if (!report) return ReportError(report.error());

  const std::string ext = f.format == "html" ? "html" : f.format == "xlsx" ? "xlsx" : "";
  std::string out = f.out;
  if (out.empty() && !ext.empty())
    out = fmt::format("anju-report-{}.{}", FormatIsoDate(report->as_of), ext);
  if (auto w = storage::RefuseDatabaseFile(out, "--out", ResolveDbPath(f.db)); !w)
    return ReportError(w.error());

  if (f.format == "xlsx") {
    auto s = WriteOutputFile(out, "out", [&](const std::string& target) {
      return reports::WriteXlsx(*report, *lang, target);
    });
    if (!s) return ReportError(s.error());
  } else {
    std::string text = !f.figures.empty()   ? RenderFigures(*report, f.figures, f.format == "json", *lang)
                       : f.format == "json"   ? reports::RenderJson(*report)
                       : f.format == "html" ? reports::RenderHtml(*report, *lang)
                                            : reports::RenderText(*report, *lang);
    if (out.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return kExitOk;
    }
    auto s = WriteOutputFile(out, "out", [&](const std::string& target) { return WriteFile(target, text); });
    if (!s) return ReportError(s.error());
  }
  fmt::print(stderr, "{}\n",
             *lang == reports::Lang::kZh ? fmt::format("报表已写入 {}", out)
                                         : fmt::format("report written to {}", out));
  return kExitOk;
}

}  // namespace

void RegisterReportCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "report", "County report computed from the records (县级统计报表): text, json, xlsx, html");
  auto f = std::make_shared<ReportFlags>();
  AddDbOption(cmd, f->db);
  cmd->add_option("--as-of", f->as_of,
                  "Statistics day YYYY-MM-DD (default: the database's statistics_date, else "
                  "today in China)")
      ->check(NonBlank("omit --as-of for the statistics date", "不加 --as-of 即为统计日期"));
  cmd->add_option("--lang", f->lang, "Labels: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--format", f->format, "text (default), json, xlsx or html")
      ->check(CLI::IsMember({"text", "json", "xlsx", "html"}));
  cmd->add_option("--out", f->out,
                  "Output file (xlsx/html default: anju-report-<as_of>.<ext> in the current "
                  "folder)")
      ->check(NonBlank("omit --out for stdout or the default file name",
                       "不加 --out 则输出到屏幕或默认文件名"));
  cmd->add_option("--site", f->site, "Only this resettlement site (name or alias)")
      ->check(NonBlank("omit --site for the whole county", "不加 --site 即为全县报表"));
  cmd->add_option("--threads", f->threads,
                  "Threads scanning a large registry (≥ 500,000 persons) in parallel (default 2)")
      ->check(CLI::Range(1, 16));
  cmd->add_option("--figure", f->figures,
                  "Only this figure (repeatable): labor.working_age, labor.employed, labor.employment_rate, "
                  "labor.working_age_share or labor.zero_employment_households, computed alone (fast); "
                  "text or json");
  cmd->add_flag("--scan", f->scan,
                "With --figure: count by a pass over every person and job instead of the kept day totals "
                "(a check of those totals; slower on a large registry)");
  cmd->callback([&run, f] { run = [f] { return RunReport(*f); }; });
}

}  // namespace anju::reports
