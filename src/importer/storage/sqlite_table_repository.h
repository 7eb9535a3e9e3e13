// SQLite implementation of importer::TableRepository: the generic upsert of a table a module
// declares (importer/table_import.h). SQL text is built from the spec's table and column names
// only — TableSpec::Validate checks them as identifiers before any statement is built — and
// every value from a file is bound, never spliced. Statements are cached per connection
// (Database::Prepare), so one spec's SQL is compiled once.
//
// Thread-safety: as Database (one thread per connection).
#pragma once

#include <optional>

#include "importer/table_import.h"
#include "storage/sqlite.h"

namespace anju::storage {

class SqliteTableRepository : public importer::TableRepository {
 public:
  explicit SqliteTableRepository(Database& db) : db_(db) {}
  Result<std::vector<importer::SiteName>> LoadSites() override;
  Status Begin() override;
  /// Errors: kConflict when two stored rows share the key (the table has no unique index on it).
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec& spec,
                                          const std::vector<importer::TableValue>& key) override;
  Result<int64_t> Insert(const importer::TableSpec& spec, const importer::TableRow& values,
                         const std::vector<bool>& present) override;
  Status Update(const importer::TableSpec& spec, int64_t id, const importer::TableRow& values,
                const std::vector<bool>& present) override;
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Status Commit() override;
  void Rollback() override;
  Status ForEachRow(const importer::TableSpec& spec,
                    const std::function<Status(int64_t id, const importer::TableRow&)>& fn) override;

 private:
  /// spec.Validate() once per spec object (specs are immutable, declared once by modules):
  /// no SQL is built from a spec that failed it.
  Status Checked(const importer::TableSpec& spec);
  Database& db_;
  const importer::TableSpec* validated_ = nullptr;
  std::optional<Transaction> tx_;
};

}  // namespace anju::storage
