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
  // Local days (China Standard Time, UTC+8, the county's time) as UTC bounds: day D starts at
  // D-1 16:00 UTC.
  auto local_day_start = [](Date d) {
    return FormatIsoDate(FromDaysSinceEpoch(DaysSinceEpoch(d) - 1)) + "T16:00:00.000";
  };
  std::optional<Date> from, to;
  if (!q.from_date.empty()) {
    auto d = ParseIsoDate(q.from_date, "from");
    if (!d || q.from_date.size() != 10)
      return InvalidArgument("from must be a local date YYYY-MM-DD, e.g. 2026-03-01", "from",
                             q.from_date, "from 须为日期 YYYY-MM-DD，如 2026-03-01");
    from = *d;
    std::string start = local_day_start(*d);
    if (norm.since.empty() || start > norm.since) norm.since = start;
  }
  if (!q.to_date.empty()) {
    auto d = ParseIsoDate(q.to_date, "to");
    if (!d || q.to_date.size() != 10)
      return InvalidArgument("to must be a local date YYYY-MM-DD, e.g. 2026-03-31", "to",
                             q.to_date, "to 须为日期 YYYY-MM-DD，如 2026-03-31");
    to = *d;
    norm.until = local_day_start(FromDaysSinceEpoch(DaysSinceEpoch(*d) + 1));
  }
  if (from && to && DaysSinceEpoch(*to) < DaysSinceEpoch(*from))
    return InvalidArgument("to must not be before from (" + q.from_date + ")", "to", q.to_date,
                           "截止日期 to 不能早于起始日期 from（" + q.from_date + "）");
  if (!q.resident_id_tail.empty()) {
    std::string tail = q.resident_id_tail;
    bool ok = tail.size() >= 4 && tail.size() <= 18;
    for (size_t i = 0; ok && i < tail.size(); ++i) {
      char c = tail[i];
      if (c == 'x') tail[i] = c = 'X';
      ok = (c >= '0' && c <= '9') || (c == 'X' && i + 1 == tail.size());
    }
    if (!ok)
      return InvalidArgument(
          "resident_id_tail must be the last 4 to 18 characters of a resident id (digits, X last)",
          "resident_id_tail", MaskPersonalText(q.resident_id_tail),
          "resident_id_tail 须为身份证号末尾 4 至 18 位（数字，末位可为 X）");
    norm.resident_id_tail = tail;
  }
  auto rows = repo_.QueryAudit(norm);
  if (!rows) return std::unexpected(rows.error());
  for (AuditRecord& r : *rows) {
    r.changes = MaskPersonalText(r.changes);
    r.source = MaskPersonalText(r.source);
    r.entity_id = MaskPersonalText(r.entity_id);
    if (!r.person_resident_id.empty()) r.person_resident_id = MaskResidentId(r.person_resident_id);
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
