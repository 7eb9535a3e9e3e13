// JsonWriter: appends JSON text straight to a string, for the hot read endpoints (household
// detail) where building an nlohmann::json tree first (a std::map node and a string per key)
// cost more than the database reads. The caller writes keys in the order it wants; dto.cc
// writes them sorted as nlohmann::json would, so both mappings give identical bytes (tested).
//
// Strings: UTF-8 passed through (no \u escapes for non-ASCII, as dump(ensure_ascii=false));
// '"', '\\' and control characters escaped as nlohmann::json does (\b \f \n \r \t, else
// \u00xx); each byte of an invalid UTF-8 sequence becomes U+FFFD (like error_handler
// replace; the number of U+FFFD for one bad sequence may differ from nlohmann's).
// Numbers: integers as decimals; doubles in the shortest form that reads back exactly, with
// ".0" added to integral values (as nlohmann::json).
//
// Thread-safety: one writer per string, one thread. Header-only.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace anju::http {

class JsonWriter {
 public:
  /// Appends to `out` (which must outlive the writer).
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  /// An object key; the next call writes its value.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  /// null when `s` is empty (the API's optional texts).
  JsonWriter& OptString(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  JsonWriter& Double(double v);

 private:
  void Separate();
  void Escaped(std::string_view s);
  std::string& out_;
  bool need_comma_ = false;
};

// ---- implementation (header-only: small, and inlined into the hot path) ----

inline void JsonWriter::Separate() {
  if (need_comma_) out_ += ',';
}

inline JsonWriter& JsonWriter::BeginObject() {
  Separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

inline JsonWriter& JsonWriter::EndObject() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::BeginArray() {
  Separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

inline JsonWriter& JsonWriter::EndArray() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  Escaped(key);
  out_ += ':';
  need_comma_ = false;
  return *this;
}

inline JsonWriter& JsonWriter::String(std::string_view s) {
  Separate();
  Escaped(s);
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::OptString(std::string_view s) { return s.empty() ? Null() : String(s); }

inline JsonWriter& JsonWriter::Int(int64_t v) {
  Separate();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::Bool(bool v) {
  Separate();
  out_ += v ? "true" : "false";
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::Null() {
  Separate();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

inline JsonWriter& JsonWriter::Double(double v) {
  Separate();
  if (!std::isfinite(v)) {
    out_ += "null";  // as nlohmann::json
  } else {
    size_t start = out_.size();
    fmt::format_to(std::back_inserter(out_), "{}", v);
    if (out_.find_first_of(".eE", start) == std::string::npos) out_ += ".0";
  }
  need_comma_ = true;
  return *this;
}

// Length of the valid UTF-8 sequence starting at s[i] (1–4), or 0 when invalid (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
inline size_t JsonUtf8Length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return 4;
  }
  return 0;
}

inline void JsonWriter::Escaped(std::string_view s) {
  out_ += '"';
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run of bytes that need nothing (printable ASCII other than '"' and '\\', and
    // valid UTF-8 sequences) at once.
    size_t run = i;
    while (run < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[run]);
      if (c >= 0x80) {
        size_t n = JsonUtf8Length(s, run);
        if (n == 0) break;
        run += n;
        continue;
      }
      if (c < 0x20 || c == '"' || c == '\\') break;
      ++run;
    }
    out_.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = JsonUtf8Length(s, i);
      if (n == 0) {
        out_ += "\xEF\xBF\xBD";
        ++i;
      } else {
        out_.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<int>(c));
    }
    ++i;
  }
  out_ += '"';
}

}  // namespace anju::http
