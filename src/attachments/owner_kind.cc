#include "attachments/owner_kind.h"

namespace anju::attachments {
namespace {
std::vector<const OwnerKind*>& Installed() {
  static std::vector<const OwnerKind*> kinds;
  return kinds;
}
}  // namespace

void SetOwnerKinds(std::vector<const OwnerKind*> kinds) { Installed() = std::move(kinds); }

std::span<const OwnerKind* const> AllOwnerKinds() { return Installed(); }

const OwnerKind* FindOwnerKind(std::string_view kind) {
  for (const OwnerKind* k : Installed())
    if (k->kind == kind) return k;
  return nullptr;
}

}  // namespace anju::attachments
