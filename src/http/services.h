// The services one server worker uses, over its own SQLite connection: the composition root
// of the HTTP server (storage implementations -> domain services). Routes see only the
// domain services (controller -> service -> repository, CONVENTIONS.md); the repositories are
// private, except the report repository, which the report library's service function
// (reports::BuildCountyReport) takes as its argument.
//
// Thread-safety: a Services bundle is used by one request at a time (ServicePool hands it
// out); the connection inside is not shared.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit_service.h"
#include "auth/auth_service.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/reference_service.h"
#include "registry/registry_service.h"
#include "reports/report_repository.h"
#include "sites/sites_service.h"

namespace anju::storage {
class Database;
}

namespace anju::http {

/// Facts of the database shown before login (banner, title): meta is_demo, county_code,
/// county_name, statistics_date ("" when not set); on a demo database the demo accounts it has
/// (auth::DemoAccounts() present in users, as auth::DescribeDemoAccount).
struct DatabaseFacts {
  bool is_demo = false;
  std::string county_code;
  std::string county_name;
  std::string statistics_date;
  std::vector<std::string> demo_accounts;
};

struct Services {
  /// Opens `db_path` (must exist; migrated to this binary's schema) and builds the services.
  /// Errors: kNotFound when the file does not exist (suggests `anju init` or `anju demo`);
  /// kUnavailable when it cannot be opened.
  static Result<std::unique_ptr<Services>> Open(const std::string& db_path,
                                                const auth::AuthOptions& auth_options);
  ~Services();

  /// meta facts (reads the meta table).
  Result<DatabaseFacts> Facts();
  /// The statistics date (meta), else today in China: the default `as_of` of figures
  /// (ages in lists, working age of site figures). Read from the database at most once a
  /// minute per worker (it changes only with an import or `anju init`).
  Date DefaultAsOf();

  std::unique_ptr<storage::Database> db;  // health check (schema version)
  std::unique_ptr<reports::ReportRepository> report_repo;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<auth::AuditService> audit;
  std::unique_ptr<registry::RegistryService> registry;
  std::unique_ptr<registry::ReferenceService> reference;
  std::unique_ptr<sites::SitesService> sites;

 private:
  std::unique_ptr<auth::AuthRepository> auth_repo_;   // also the audit repository:
  auth::AuditRepository* audit_repo_view_ = nullptr;  // the same object (SQLite implements both)
  std::unique_ptr<registry::RegistryRepository> registry_repo_;
  std::unique_ptr<sites::SitesRepository> sites_repo_;
  std::unique_ptr<registry::ReferenceRepository> reference_repo_;
  std::optional<Date> as_of_;
  int64_t as_of_read_at_ = 0;  // steady-clock seconds
};

}  // namespace anju::http
