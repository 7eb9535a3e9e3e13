// Reading JSON request bodies and query parameters into typed values, collecting every fault
// so that one 422 answer lists each bad field (not only the first).
//
// Limits: the body is parsed with a nesting limit (kMaxJsonDepth) so a deeply nested document
// cannot exhaust the stack; the byte limit is enforced by the server before parsing.
//
// Thread-safety: a BodyReader belongs to one request.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace anju::http {

/// Deepest JSON nesting accepted in a request body (objects and arrays).
inline constexpr int kMaxJsonDepth = 32;

/// Parses `body` as one JSON object. Errors (kInvalidArgument, field "body"): not JSON (the
/// message gives the byte offset and a plain parser message, without nlohmann's exception id),
/// nested deeper than `max_depth`, or not an object; a number too large for a double (1e400)
/// gives kInvalidArgument naming the key it was given for.
Result<nlohmann::json> ParseJsonObject(std::string_view body, int max_depth = kMaxJsonDepth);

/// A field given in a body: absent, explicitly null, or a value. PATCH uses the distinction
/// (absent = keep, null = clear).
template <class T>
struct Field {
  bool present = false;
  std::optional<T> value;  // empty when absent or null
  bool IsNull() const { return present && !value; }
};

/// Reads typed fields from a parsed JSON object and remembers each fault.
class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& object) : obj_(object) {}

  /// Text field; a JSON string. Fault when another JSON type.
  Field<std::string> String(std::string_view name);
  /// Integer field; a JSON integer within int64, read exactly. Fault otherwise, never a rounded
  /// value: a fraction or a decimal/exponent form (2.5, 2.0, 3.2e5: "must be a whole number,
  /// written without a decimal point or exponent"), a number beyond int64 ("a whole number from
  /// -9223372036854775808 to 9223372036854775807"), a string or another type.
  Field<int64_t> Int(std::string_view name);
  /// Boolean field; the JSON literals true/false only (0/1 and strings are faults).
  Field<bool> Bool(std::string_view name);
  /// Date field "YYYY-MM-DD". Fault when not a string or not a real date.
  Field<Date> DateField(std::string_view name);

  /// Marks `name` as a known field the caller reads itself (e.g. an array); returns whether
  /// the body has it.
  bool Known(std::string_view name) {
    seen_.emplace(name);
    return obj_.contains(name);
  }
  /// Records a fault found by the caller (e.g. a rule across fields).
  void Fault(Error e) { faults_.push_back(std::move(e)); }
  /// True while no fault has been met.
  bool Ok() const { return faults_.empty(); }
  /// Records "required" for `name` if `f` is absent or null; returns whether it is there. A
  /// field that already has a fault (a wrong type: `1` for a boolean) gets no second one.
  template <class T>
  bool Require(std::string_view name, const Field<T>& f) {
    if (f.value) return true;
    RequiredFault(name);
    return false;
  }

  /// Ends reading: faults for fields the reader was not asked about (unknown fields, listing
  /// them) and for every recorded fault. Ok when none.
  Status Finish();
  /// Ends reading as Finish does, but gives the faults as a list (empty when none) and leaves the
  /// reader empty of faults: for a route that adds the service's own faults (all_faults.h).
  std::vector<Error> TakeFaults();

 private:
  void RequiredFault(std::string_view name);
  void TypeFault(std::string_view name, const nlohmann::json& v, std::string_view want,
                 std::string_view want_zh);
  const nlohmann::json& obj_;
  std::set<std::string, std::less<>> seen_;
  std::vector<Error> faults_;
};

/// Reads an enum-valued text field with a domain parser (`parse(text)` -> Result<E>, e.g.
/// registry::ParseCategory, ParseRole); the fault names `name` (and the value when the parser's
/// error has none).
template <class E, class Parse>
Field<E> EnumField(BodyReader& r, std::string_view name, Parse parse) {
  Field<std::string> s = r.String(name);
  Field<E> f;
  f.present = s.present;
  if (!s.value) return f;
  auto v = parse(*s.value);
  if (!v) {
    Error e = v.error();
    e.field = std::string(name);
    if (e.value.empty()) e.value = *s.value;
    r.Fault(std::move(e));
    return f;
  }
  f.value = *v;
  return f;
}

/// The reader's faults followed by the field faults of `service` (an error of a service call on
/// what did parse: itself, or its details when it lists several). A service fault is left out
/// when it is not about a field (no field, or not kInvalidArgument/kConflict: a scope, a state)
/// or when the reader already has a fault on the same field or a part of it ("columns" and
/// "columns[0].type"): the reader's says why the value is missing. See all_faults.h.
std::vector<Error> JoinFaults(std::vector<Error> reader_faults, const Error& service);

/// The fault of a PATCH body that changes no field (field "body").
Error NothingToChange();

/// Parses query text as a bounded integer. Errors: kInvalidArgument naming `field` and the value.
Result<int64_t> ParseQueryInt(std::string_view field, std::string_view text, int64_t min,
                              int64_t max);
/// Parses "true"/"false"/"1"/"0". Errors: kInvalidArgument naming `field`.
Result<bool> ParseQueryBool(std::string_view field, std::string_view text);

}  // namespace anju::http
