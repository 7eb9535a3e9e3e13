// ReferenceService: the reference lists the registry's forms pick from: statistical divisions
// (township filter, origin township) and origin villages. Reference data is the same for
// every role and scope (no personal data), so no actor is taken.
//
// Thread-safety: as the repository (one thread at a time).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "registry/reference_repository.h"
#include "registry/registry.h"

namespace anju::registry {

class ReferenceService {
 public:
  /// `repo` must outlive the service.
  explicit ReferenceService(ReferenceRepository& repo) : repo_(repo) {}

  /// Divisions of `level` ("" = any; else province, city, county, township or village) under
  /// `parent_code` ("" = any), ordered by code. Errors: kInvalidArgument (field "level")
  /// naming the value and listing the levels.
  Result<std::vector<Division>> ListDivisions(const std::string& level,
                                              const std::string& parent_code);
  /// Origin villages in `township_code` ("" = any) of relocation type `type` (nullopt = any),
  /// with township names, ordered by township code then name. Errors: the repository's.
  Result<std::vector<OriginVillage>> ListOriginVillages(const std::string& township_code,
                                                        std::optional<RelocationType> type);

 private:
  ReferenceRepository& repo_;
};

}  // namespace anju::registry
