#include "auth/audit_service.h"

#include <fmt/format.h>

#include <cctype>

#include "core/date.h"
#include "core/resident_id.h"

namespace anju::auth {

static Status RequireAuditReader(const Actor& actor) {
  if (!actor.CanReadAudit())
    return PermissionDenied("only auditors and county admins may read the audit trail",
                            "只有审计员和县级管理员可以查看审计日志");
  return {};
}

Result<std::vector<AuditRecord>> AuditService::Query(const Actor& actor, const AuditQuery& q) {
  if (auto a = RequireAuditReader(actor); !a) return std::unexpected(a.error());
  if (q.limit < 1 || q.limit > 1000)
    return InvalidArgument("limit must be between 1 and 1000", "limit", std::to_string(q.limit),
                           "limit 须在 1 到 1000 之间");
  AuditQuery norm = q;
  if (!q.since.empty()) {
    // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS[.mmm]][Z]": stored times are UTC ISO text, so a
    // string comparison orders them.
    auto day = ParseIsoDate(q.since.substr(0, 10), "since");
    if (!day)
      return InvalidArgument("since must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SS",
                             "since", q.since, "since 须为日期 YYYY-MM-DD");
    if (q.since.size() > 10 && q.since[10] != 'T')
      return InvalidArgument("since must be a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM:SS",
                             "since", q.since, "since 须为日期 YYYY-MM-DD");
    if (!norm.since.empty() && norm.since.back() == 'Z') norm.since.pop_back();
  }
  auto rows = repo_.QueryAudit(norm);
  if (!rows) return std::unexpected(rows.error());
  for (AuditRecord& r : *rows) {
    r.changes = MaskPersonalText(r.changes);
    r.source = MaskPersonalText(r.source);
    r.entity_id = MaskPersonalText(r.entity_id);
  }
  return rows;
}

Result<AuditCheck> AuditService::Verify(const Actor& actor) {
  if (auto a = RequireAuditReader(actor); !a) return std::unexpected(a.error());
  return repo_.VerifyAudit();
}

std::string MaskPersonalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  while (i < text.size()) {
    if (!digit(i)) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (digit(j)) ++j;
    size_t run = j - i;
    bool x_end = run == 17 && j < text.size() && (text[j] == 'X' || text[j] == 'x') &&
                 !(j + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[j + 1])));
    std::string_view piece = text.substr(i, run + (x_end ? 1 : 0));
    if (run == 18 || x_end || run == 15) {
      out += MaskResidentId(piece);
    } else if (run == 11 && text[i] == '1') {
      out += MaskPhone(piece);
    } else {
      out += piece;
    }
    i += piece.size();
  }
  return out;
}

}  // namespace anju::auth
