// Read access to the reference tables the API lists as they are: statistical divisions
// (divisions) and origin villages (origin_villages) of migration 0001. Neither holds personal
// data, so the lists are not scope-filtered. Implemented on SQLite by
// storage/sqlite_reference_repository.h.
//
// (Interface kept beside the API until the registry module exposes these reads itself; see
// docs/api.md "Requests from api" 2.)
//
// Thread-safety: one thread at a time per implementation object.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/registry.h"

namespace anju::http {

/// One row of the divisions table.
struct DivisionRecord {
  std::string code;         // prefix form: 6 county, 9 township, 12 village
  std::string name;
  std::string level;        // province | city | county | township | village
  std::string parent_code;  // "" for the top
  std::string urban_rural_code;
};

class ReferenceRepository {
 public:
  virtual ~ReferenceRepository() = default;
  /// Divisions filtered by level and/or parent code ("" = any), ordered by code.
  virtual Result<std::vector<DivisionRecord>> ListDivisions(const std::string& level,
                                                            const std::string& parent_code) = 0;
  /// Origin villages, with the township name, filtered by township code ("" = any) and
  /// relocation type (nullopt = any), ordered by township code then name.
  virtual Result<std::vector<registry::OriginVillage>> ListOriginVillages(
      const std::string& township_code, std::optional<registry::RelocationType> type) = 0;
  /// The sequence number of the newest audit entry (0 when none). Every change to the records
  /// appends an audit entry in its own transaction (house rule, storage/audit_log.h), so this
  /// number changes whenever the data may have changed: the report cache keys on it.
  virtual Result<int64_t> LastAuditSeq() = 0;
};

}  // namespace anju::http
