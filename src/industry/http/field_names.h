// The industry routes' refusals name the field in both languages and say the fix (docs/industry.md
// "Errors"): the body reader's generic faults ("必填", "应为整数", "未知字段") and any service fault
// whose Chinese message lacks the field's Chinese name get it, and every write lists ALL its
// faults at once (the reader's and the service's, http/all_faults.h).
#pragma once

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

/// A body field of the industry routes: its Chinese name and what to give in English.
struct FieldName {
  std::string_view field, zh, en;
};
/// The name of `field` ("open_from" -> 开始招聘日期), or nullptr for a field not in the list.
const FieldName* IndustryField(std::string_view field);

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
