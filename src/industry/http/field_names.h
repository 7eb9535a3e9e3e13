// The industry routes' refusals name the field in both languages and say the fix (docs/industry.md
// "Errors"): the body reader's generic faults ("必填", "应为整数", "未知字段") and any service fault
// whose Chinese message lacks the field's Chinese name get it, and every write lists ALL its
// faults at once (the reader's and the service's, http/all_faults.h).
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/date.h"
#include "core/error.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "storage/connection.h"

namespace anju::industry {

/// Stands in for a date the reader refused (missing or not a date) while the write runs only to
/// find its own faults (WriteNamed); the reader's fault already names the field.
inline constexpr Date kMissingDate{std::chrono::year{1}, std::chrono::January, std::chrono::day{1}};

/// A body field of the industry routes: its Chinese name, what to give in English and, for a
/// free-text field, its longest length in characters (core/plausible.h: kMaxShortTextChars for
/// one-line text such as a name or an employer, kMaxLongTextChars for notes and reasons, which
/// may span lines); 0 for a field that is not free text (a code, a number, a date).
struct FieldName {
  std::string_view field, zh, en;
  size_t max_chars = 0;
  bool multiline = false;
};
/// The name of `field` ("open_from" -> 开始招聘日期), or nullptr for a field not in the list.
const FieldName* IndustryField(std::string_view field);

/// Reads the free-text body field `name` (an employer, a name, a note, a reason) as
/// BodyReader::String does and, when it is given, checks it with ValidateFreeText at the field's
/// limit (FieldName::max_chars; kMaxShortTextChars for a field not in the list): a fault —
/// "employer has 5000 characters; at most 100 are allowed" / "用工单位（employer）：长度为 5000
/// 个字符，最多 100 个字符" once WriteNamed names it — is recorded in `r`, so the request's 422
/// lists it with its other faults and nothing is stored. The value is kept so the service's own
/// rules on the other fields still speak.
http::Field<std::string> Text(http::BodyReader& r, std::string_view name);

/// Reads the integer body field `name`, a monthly amount in fen (monthly_income_fen,
/// monthly_pay_fen, min_pay_fen, monthly_subsidy_fen, paid_fen), as BodyReader::Int does and
/// checks it is 0 to kMaxMonthlyFen (core/plausible.h, ¥10,000,000 a month): otherwise a fault
/// "monthly_income_fen must be between 0 and 1000000000 fen (10000000 yuan) a month" /
/// "月收入（monthly_income_fen）须在 0 到 1000000000 分（1000 万元）之间：请改正" naming the value
/// is recorded in `r` and the field is answered as not given (no value, not null: the service
/// never sees it, a PATCH does not clear it, and Require adds no "required" beside the fault).
http::Field<int64_t> MonthlyFen(http::BodyReader& r, std::string_view name);

/// Rewrites `e` and its details so each message names its field in that language and says the
/// fix: "open_from is required: give the first day of hiring (YYYY-MM-DD)" / "开始招聘日期
/// （open_from）必填：请填写开始招聘日期". A fault of a field not in the list, or one already
/// naming its field, is left as it is.
void NameFields(Error& e);

/// http::WriteWithAllFaults with the faults named (NameFields): runs `write` when the reader has
/// no fault; otherwise runs it in a rolled-back scope and answers 422 with every fault.
template <class F>
auto WriteNamed(storage::Connection& db, http::BodyReader& r, F&& write) -> std::invoke_result_t<F&> {
  auto out = http::WriteWithAllFaults(db, r, std::forward<F>(write));
  if (!out) NameFields(out.error());
  return out;
}

}  // namespace anju::industry
