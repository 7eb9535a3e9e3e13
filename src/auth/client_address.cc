#include "auth/client_address.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

namespace anju::auth {
namespace {

struct Ip {
  std::array<uint8_t, 16> bytes{};
  bool v4 = true;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// IPv4 or IPv6 text -> bytes; an IPv4-mapped IPv6 address becomes IPv4.
std::optional<Ip> ParseIp(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  Ip ip;
  in_addr a4{};
  if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
    std::memcpy(ip.bytes.data(), &a4, 4);
    return ip;
  }
  in6_addr a6{};
  if (inet_pton(AF_INET6, s.c_str(), &a6) != 1) return std::nullopt;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(&a6, kMapped, 12) == 0) {
    std::memcpy(ip.bytes.data(), reinterpret_cast<const uint8_t*>(&a6) + 12, 4);
    return ip;
  }
  std::memcpy(ip.bytes.data(), &a6, 16);
  ip.v4 = false;
  return ip;
}

bool PrefixMatches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b,
                   int prefix) {
  int full = prefix / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<size_t>(full)) != 0) return false;
  int rest = prefix % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a[static_cast<size_t>(full)] & mask) == (b[static_cast<size_t>(full)] & mask);
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries,
                                             std::string_view field) {
  TrustedProxies out;
  for (const auto& raw : entries) {
    std::string_view e = Trim(raw);
    if (e.empty()) continue;
    auto bad = [&](std::string_view why, std::string_view why_zh) {
      return InvalidArgument(
          fmt::format("{}: '{}' {}; give an address such as 127.0.0.1 or ::1, or a network such "
                      "as 10.0.0.0/8",
                      field, e, why),
          std::string(field), std::string(e.substr(0, 60)),
          fmt::format("{}：“{}”{}；应为地址（如 127.0.0.1）或网段（如 10.0.0.0/8）", field, e,
                      why_zh));
    };
    size_t slash = e.find('/');
    auto ip = ParseIp(e.substr(0, slash));
    if (!ip) return bad("is not an IP address", "不是 IP 地址");
    Net n;
    n.bytes = ip->bytes;
    n.v4 = ip->v4;
    n.prefix = n.v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
      std::string_view p = e.substr(slash + 1);
      int v = -1;
      auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
      if (p.empty() || ec != std::errc() || end != p.data() + p.size() || v < 0 || v > n.prefix)
        return bad(n.v4 ? "has a prefix length outside 0-32" : "has a prefix length outside 0-128",
                   "的前缀长度超出范围");
      n.prefix = v;
    }
    n.text = fmt::format("{}/{}", e.substr(0, slash), n.prefix);
    out.nets_.push_back(std::move(n));
  }
  return out;
}

Result<TrustedProxies> TrustedProxies::ParseList(std::string_view list, std::string_view field) {
  std::vector<std::string> entries;
  std::string cur;
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) entries.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) entries.push_back(std::move(cur));
  return Parse(entries, field);
}

bool TrustedProxies::Contains(std::string_view address) const {
  auto ip = ParseIp(Trim(address));
  if (!ip) return false;
  return std::any_of(nets_.begin(), nets_.end(), [&](const Net& n) {
    return n.v4 == ip->v4 && PrefixMatches(n.bytes, ip->bytes, n.prefix);
  });
}

std::string TrustedProxies::Describe() const {
  std::string out;
  for (const auto& n : nets_) {
    if (!out.empty()) out += ", ";
    out += n.text;
  }
  return out;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& trusted) {
  std::string client(peer);
  if (trusted.empty() || !trusted.Contains(peer)) return client;
  // Walk the entries from the right.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view entry =
        Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (entry.empty()) continue;  // "a,,b" or a trailing comma
    if (!ParseIp(entry)) break;   // not an address: keep the last one accepted
    client = std::string(entry);
    if (!trusted.Contains(entry)) break;
  }
  return client;
}

}  // namespace anju::auth
