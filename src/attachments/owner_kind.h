// A kind of record files may be attached to (issue #15 item 3, docs/casework.md): declared by
// the module owning the record (modules::Module::attachment_owners), handed here by
// modules::Install(). The attachments service asks `place_of` for the owner's Place on every
// upload, list and read, so a file is seen exactly where its record is (outside: 404).
//
// Thread-safety: immutable statics; SetOwnerKinds once at start before other threads run.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/error.h"

namespace anju::storage {
class Connection;  // storage/connection.h (only storage code calls place_of)
}

namespace anju::attachments {

struct OwnerKind {
  std::string_view kind;  // wire name in ?owner=: "household", "person", "visit", "finding"
  std::string_view module;
  std::string_view label_zh;
  std::string_view label_en;
  /// The owner record's Place; std::nullopt when no record `id` exists (→ 404). Errors: storage.
  /// Implemented in the owning module's storage layer.
  Result<std::optional<Place>> (*place_of)(storage::Connection& db, int64_t id) = nullptr;
  /// Its household, for the household file (0 when the record belongs to none); may be null.
  Result<int64_t> (*household_of)(storage::Connection& db, int64_t id) = nullptr;
};

/// Installs every module's owner kinds (modules::Install, once at start).
void SetOwnerKinds(std::vector<const OwnerKind*> kinds);
std::span<const OwnerKind* const> AllOwnerKinds();
/// The owner kind `kind`, or nullptr.
const OwnerKind* FindOwnerKind(std::string_view kind);

}  // namespace anju::attachments
