// An entry of the audit trail (审计日志): who did what to which record, with before and after
// values. Written by storage in the same transaction as the change it describes
// (storage/audit_log.h), hash-chained so that edits, deletions and reorderings are detectable.
//
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <string>

#include "core/actor.h"

namespace anju {

struct AuditEntry {
  std::string action;     // create | update | delete | view_full (a whole id/phone was shown) |
                          // login | login_failed | logout | import | export | user_admin | demo
  std::string entity;     // table-like name: household, person, site, user, session, import …
  std::string entity_id;  // the record's id as text ("" when not about one record)
  std::string changes;    // JSON object {"field": [before, after], …}; "{}" when none.
                          // Personal values in it are masked except on the record's own
                          // create/update where the full before/after is the point of the trail.
  std::string source;     // where the change came from, e.g. "import 临泉镇.xlsx row 17"
};

}  // namespace anju
