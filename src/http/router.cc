#include "http/router.h"

#include <cassert>

namespace anju::http {

namespace {
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// Number of literal segments: more literals = more specific.
int Specificity(const Route& r) {
  int n = 0;
  for (const auto& s : r.segments) n += IsParam(s) ? 0 : 1;
  return n;
}
}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.access = access;
  r.handler = std::move(handler);
  for (std::string_view s : Split(r.pattern)) r.segments.emplace_back(s);
  for (const Route& o : routes_) {
    assert(!(o.method == r.method && o.pattern == r.pattern) && "duplicate route");
    (void)o;
  }
  routes_.push_back(std::move(r));
}

Router::MatchResult Router::Match(std::string_view method, std::string_view path) const {
  MatchResult best;
  int best_spec = -1;
  std::vector<std::string_view> parts = Split(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    PathParams params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = r.segments[i];
      if (IsParam(seg)) {
        if (parts[i].empty()) ok = false;
        else params.emplace(seg.substr(1, seg.size() - 2), std::string(parts[i]));
      } else {
        ok = seg == parts[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      best.path_known = true;
      if (!best.allowed.empty()) best.allowed += ", ";
      best.allowed += r.method;
      continue;
    }
    int spec = Specificity(r);
    if (spec > best_spec) {
      best_spec = spec;
      best.route = &r;
      best.params = std::move(params);
    }
  }
  return best;
}

}  // namespace anju::http
