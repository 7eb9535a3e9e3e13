// The client address of a request behind a reverse proxy (issue #12, item 2): throttling of
// failed logins by address and the audit trail's "client" must see the real client, not nginx.
//
// Rule (the right-most untrusted address; as nginx's realip module with real_ip_recursive on,
// and MDN "X-Forwarded-For", section "Selecting an IP address"):
//   - the TCP peer is not a trusted proxy -> the peer; X-Forwarded-For is ignored, so a client
//     cannot choose the address it is throttled and audited under;
//   - the peer is a trusted proxy -> walk X-Forwarded-For from the right (each proxy appends the
//     address it received the request from), skipping trusted proxies; the first address that is
//     not a trusted proxy is the client. Everything to its left was written by that client or
//     its own proxies and is never looked at;
//   - an entry that is not an IP address stops the walk: the last address accepted (the peer or
//     a trusted hop) is the answer, never the malformed text;
//   - every entry trusted -> the left-most one.
// No trusted proxies configured (the default): always the peer.
//
// Addresses are IPv4 or IPv6 text as inet_pton reads it; an IPv4-mapped IPv6 address
// (::ffff:127.0.0.1) counts as its IPv4 address. Entries of X-Forwarded-For may carry spaces
// around the commas; several X-Forwarded-For header lines are read as one list joined in order.
//
// Thread-safety: TrustedProxies is immutable after Parse; all functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anju::auth {

/// The set of proxies whose X-Forwarded-For is believed: addresses and CIDR networks.
class TrustedProxies {
 public:
  /// Parses entries "127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8". Empty entries are skipped.
  /// Errors: kInvalidArgument, field `field` (e.g. "--trusted-proxy"), value = the entry, when
  /// an entry is not an address or the prefix length is out of range (0–32 / 0–128).
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries,
                                      std::string_view field = "trusted_proxy");
  /// Splits a list separated by commas and/or spaces ("127.0.0.1, 10.0.0.0/8"), then Parse.
  static Result<TrustedProxies> ParseList(std::string_view list,
                                          std::string_view field = "ANJU_TRUSTED_PROXIES");

  /// True when `address` (IP text) is one of the trusted proxies. Malformed text: false.
  bool Contains(std::string_view address) const;
  bool empty() const { return nets_.empty(); }
  /// The entries as given, normalised ("127.0.0.1/32"), for the start-up banner.
  std::string Describe() const;

 private:
  struct Net {
    std::array<uint8_t, 16> bytes{};  // IPv4 in the first 4 bytes
    bool v4 = true;
    int prefix = 32;
    std::string text;
  };
  std::vector<Net> nets_;
};

/// The client address of a request: `peer` (the TCP peer's address) and the X-Forwarded-For
/// header value(s) (`forwarded_for`, "" when absent), by the rule above. The answer is always
/// the peer or an address taken from the header that parsed as an IP address.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& trusted);

}  // namespace anju::auth
