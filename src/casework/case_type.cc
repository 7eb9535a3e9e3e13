#include "casework/case_type.h"

namespace anju::casework {
namespace {
std::vector<const CaseType*>& Installed() {
  static std::vector<const CaseType*> types;
  return types;
}
}  // namespace

void SetCaseTypes(std::vector<const CaseType*> types) { Installed() = std::move(types); }

std::span<const CaseType* const> AllCaseTypes() { return Installed(); }

const CaseType* FindCaseType(std::string_view kind) {
  for (const CaseType* t : Installed())
    if (t->kind == kind) return t;
  return nullptr;
}

}  // namespace anju::casework
