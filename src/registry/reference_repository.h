// Read access to the reference tables the registry refers to: statistical divisions
// (divisions: NBS codes of the county, its townships and villages) and origin villages
// (origin_villages) of migration 0001. Neither holds personal data, so the lists are not
// scope-filtered. Implemented on SQLite by registry/storage/sqlite_reference_repository.h; used through
// ReferenceService (registry/reference_service.h).
//
// Thread-safety: one thread at a time per implementation object.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/registry.h"

namespace anju::registry {

/// One row of the divisions table (NBS statistical division codes, data/linxian_divisions.csv).
struct Division {
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
  virtual Result<std::vector<Division>> ListDivisions(const std::string& level,
                                                      const std::string& parent_code) = 0;
  /// Origin villages, with the township name, filtered by township code ("" = any) and
  /// relocation type (nullopt = any), ordered by township code then name.
  virtual Result<std::vector<OriginVillage>> ListOriginVillages(
      const std::string& township_code, std::optional<RelocationType> type) = 0;
};

}  // namespace anju::registry
