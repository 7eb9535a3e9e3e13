#include "registry/reference_service.h"

namespace anju::registry {

Result<std::vector<Division>> ReferenceService::ListDivisions(const std::string& level,
                                                              const std::string& parent_code) {
  if (!level.empty() && level != "province" && level != "city" && level != "county" &&
      level != "township" && level != "village") {
    return InvalidArgument("level must be province, city, county, township or village", "level",
                           level.substr(0, 20), "级别应为 province/city/county/township/village");
  }
  return repo_.ListDivisions(level, parent_code);
}

Result<std::vector<OriginVillage>> ReferenceService::ListOriginVillages(
    const std::string& township_code, std::optional<RelocationType> type) {
  return repo_.ListOriginVillages(township_code, type);
}

}  // namespace anju::registry
