#include "http/services.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "storage/migrate.h"
#include "storage/sqlite.h"
#include "auth/storage/sqlite_auth_repository.h"
#include "registry/storage/sqlite_reference_repository.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "reports/storage/sqlite_report_repository.h"
#include "sites/storage/sqlite_sites_repository.h"

namespace anju::http {

Services::~Services() {
  // Services before repositories before the connection.
  sites.reset();
  reference.reset();
  registry.reset();
  audit.reset();
  auth.reset();
  reference_repo_.reset();
  report_repo.reset();
  sites_repo_.reset();
  registry_repo_.reset();
  auth_repo_.reset();
  db.reset();
}

Result<std::unique_ptr<Services>> Services::Open(const std::string& db_path,
                                                 const auth::AuthOptions& auth_options) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    return NotFound(fmt::format("database {} does not exist; create it with `anju init --db {}` "
                                "or a demo with `anju demo --db {}`",
                                db_path, db_path, db_path),
                    "db", db_path, "数据库不存在，请先运行 anju init 或 anju demo");
  }
  // A folder or a file that is not SQLite: a plain answer (exit 1), not SQLite's message.
  if (auto st = storage::CheckDatabasePath(db_path); !st) return std::unexpected(st.error());
  auto db = storage::Database::Open(db_path, {.create = false});
  if (!db) return std::unexpected(db.error());
  auto version = storage::SchemaVersion(**db);
  if (!version) return std::unexpected(version.error());
  if (*version != storage::LatestSchemaVersion()) {
    return Unavailable(fmt::format(
        "database {} is at schema version {}, this anju needs {}; run `anju init --db {}` to "
        "upgrade it",
        db_path, *version, storage::LatestSchemaVersion(), db_path));
  }
  auto s = std::make_unique<Services>();
  s->db = std::move(*db);
  auto auth_repo = std::make_unique<storage::SqliteAuthRepository>(*s->db);
  s->audit_repo_view_ = auth_repo.get();
  s->auth_repo_ = std::move(auth_repo);
  s->registry_repo_ = std::make_unique<storage::SqliteRegistryRepository>(*s->db);
  s->sites_repo_ = std::make_unique<storage::SqliteSitesRepository>(*s->db);
  s->report_repo = std::make_unique<storage::SqliteReportRepository>(*s->db);
  s->reference_repo_ = std::make_unique<storage::SqliteReferenceRepository>(*s->db);
  s->auth = std::make_unique<auth::AuthService>(*s->auth_repo_, auth_options);
  s->audit = std::make_unique<auth::AuditService>(*s->audit_repo_view_);
  s->registry = std::make_unique<registry::RegistryService>(*s->registry_repo_);
  s->reference = std::make_unique<registry::ReferenceService>(*s->reference_repo_);
  s->sites = std::make_unique<sites::SitesService>(*s->sites_repo_);
  return s;
}

Result<DatabaseFacts> Services::Facts() {
  auto meta = report_repo->Meta();
  if (!meta) return std::unexpected(meta.error());
  DatabaseFacts f;
  f.is_demo = meta->is_demo;
  f.county_code = meta->county_code;
  f.county_name = meta->county_name;
  f.statistics_date = meta->statistics_date.value_or("");
  if (f.is_demo)
    for (const auth::DemoAccount& d : auth::DemoAccounts()) {
      auto user = auth_repo_->FindUserByName(d.username);
      if (!user) return std::unexpected(user.error());
      if (*user) f.demo_accounts.push_back(auth::DescribeDemoAccount(d));
    }
  return f;
}

Date Services::DefaultAsOf() {
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::steady_clock::now().time_since_epoch())
                    .count();
  if (!as_of_ || now - as_of_read_at_ >= 60) {
    auto d = registry_repo_->StatisticsDate();
    as_of_ = d && *d ? **d : TodayInChina();
    as_of_read_at_ = now;
  }
  return *as_of_;
}

}  // namespace anju::http
