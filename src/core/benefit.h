// What a household has received from a programme (issue #15 item 8, docs/casework.md): one
// line of the household page's and household file's benefits list (享受政策). Each module that
// gives something declares modules::Module::benefits, which lists its lines for a household.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace anju {

struct Benefit {
  std::string module;     // the declaring module: "registry", "industry", …
  std::string kind;       // wire name within the module: "housing", "welfare_post", "training"
  std::string label_zh;   // "安置住房 城北安置点 3号楼2单元301 (90 m²)"
  std::string label_en;
  std::optional<Date> from;   // when it began (or was received)
  std::optional<Date> until;  // when it ended; nullopt = still running / one-off
  std::optional<int64_t> amount_fen;  // money, in fen, when it is money
  int64_t person_id = 0;      // 0: the household as a whole
  std::string entity;         // the record it comes from, for a link: "housing_unit", …
  int64_t entity_id = 0;
};

}  // namespace anju
