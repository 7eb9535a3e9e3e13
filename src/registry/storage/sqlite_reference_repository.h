// SQLite implementation of registry::ReferenceRepository: the divisions and origin_villages
// tables of migration 0001, read with bound parameters.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "registry/reference_repository.h"
#include "storage/connection.h"

namespace anju::storage {

/// The origin village of the current row of `st`, columns from `c`: id, division_code, name,
/// township_code, township name, relocation_type ('whole_village' or 'scattered', the schema's
/// CHECK), legacy_name (NULLs read as ""). For every SELECT of origin villages.
registry::OriginVillage ReadOriginVillage(const Statement& st, int c = 0);

class SqliteReferenceRepository final : public registry::ReferenceRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteReferenceRepository(Connection& db) : db_(db) {}
  Result<std::vector<registry::Division>> ListDivisions(const std::string& level,
                                                        const std::string& parent_code) override;
  Result<std::vector<registry::OriginVillage>> ListOriginVillages(
      const std::string& township_code,
      std::optional<registry::RelocationType> type) override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
