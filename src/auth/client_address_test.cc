// The X-Forwarded-For rule of client_address.h: believed only from a trusted peer, right-most
// untrusted entry, spoofed entries to its left ignored, malformed entries never returned.
#include "auth/client_address.h"

#include <gtest/gtest.h>

namespace anju::auth {
namespace {

TrustedProxies Trust(std::vector<std::string> e) {
  auto t = TrustedProxies::Parse(e);
  EXPECT_TRUE(t) << t.error().ToString();
  return *t;
}

TEST(ClientAddress, NoTrustedProxiesMeansThePeerAlways) {
  TrustedProxies none;
  EXPECT_EQ(ClientAddress("203.0.113.7", "", none), "203.0.113.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.9", none), "127.0.0.1");
}

TEST(ClientAddress, UntrustedPeerCannotChooseItsAddress) {
  auto t = Trust({"127.0.0.1"});
  // A client talking to anju directly sends a made-up header: ignored.
  EXPECT_EQ(ClientAddress("203.0.113.7", "127.0.0.1", t), "203.0.113.7");
  EXPECT_EQ(ClientAddress("203.0.113.7", "198.51.100.1, 10.1.1.1", t), "203.0.113.7");
}

TEST(ClientAddress, TrustedPeerGivesTheRightMostEntry) {
  auto t = Trust({"127.0.0.1"});
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.9", t), "198.51.100.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", " 198.51.100.9 ", t), "198.51.100.9");
  // No header from the trusted proxy: the proxy itself.
  EXPECT_EQ(ClientAddress("127.0.0.1", "", t), "127.0.0.1");
}

TEST(ClientAddress, SpoofedEntriesLeftOfTheRealClientAreIgnored) {
  auto t = Trust({"127.0.0.1"});
  // The client sent "X-Forwarded-For: 10.9.9.9, 192.0.2.1"; nginx appended the real peer.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.9.9.9, 192.0.2.1, 198.51.100.9", t), "198.51.100.9");
  // Even a spoofed trusted address on the left does not move the answer.
  EXPECT_EQ(ClientAddress("127.0.0.1", "127.0.0.1, 198.51.100.9", t), "198.51.100.9");
}

TEST(ClientAddress, MultiHopThroughSeveralTrustedProxies) {
  auto t = Trust({"127.0.0.1", "10.0.0.0/8"});
  // client 198.51.100.9 -> load balancer 10.0.0.2 -> nginx 127.0.0.1 -> anju
  EXPECT_EQ(ClientAddress("127.0.0.1", "203.0.113.66, 198.51.100.9, 10.0.0.2", t),
            "198.51.100.9");
  // Every hop trusted: the left-most.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.2.3.4, 10.0.0.2", t), "10.2.3.4");
  // Two header lines joined in order read as one list.
  EXPECT_EQ(ClientAddress("10.0.0.2", "203.0.113.66,198.51.100.9,10.0.0.3", t), "198.51.100.9");
}

TEST(ClientAddress, MalformedEntriesAreNeverReturned) {
  auto t = Trust({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.9, <script>", t), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "unknown, 10.0.0.2", t), "10.0.0.2");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.9,, ", t), "198.51.100.9");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.9:4711", t), "127.0.0.1");
}

TEST(ClientAddress, Ipv6AndMappedIpv4) {
  auto t = Trust({"::1", "fd00::/8"});
  EXPECT_EQ(ClientAddress("::1", "2001:db8::5", t), "2001:db8::5");
  EXPECT_EQ(ClientAddress("fd12::1", "2001:db8::5, fd00::9", t), "2001:db8::5");
  EXPECT_EQ(ClientAddress("2001:db8::7", "2001:db8::5", t), "2001:db8::7");
  auto v4 = Trust({"127.0.0.1"});
  EXPECT_TRUE(v4.Contains("::ffff:127.0.0.1"));
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", "198.51.100.9", v4), "198.51.100.9");
}

TEST(TrustedProxies, NetworksAndErrorsNameTheEntry) {
  auto t = Trust({"10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12"});
  EXPECT_TRUE(t.Contains("10.255.0.1"));
  EXPECT_TRUE(t.Contains("192.168.1.200"));
  EXPECT_FALSE(t.Contains("192.168.2.1"));
  EXPECT_TRUE(t.Contains("172.31.255.255"));
  EXPECT_FALSE(t.Contains("172.32.0.1"));
  EXPECT_FALSE(t.Contains("not-an-ip"));
  EXPECT_EQ(t.Describe(), "10.0.0.0/8, 192.168.1.0/24, 172.16.0.0/12");

  auto bad = TrustedProxies::Parse({"127.0.0.1", "nginx.local"}, "--trusted-proxy");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "--trusted-proxy");
  EXPECT_EQ(bad.error().value, "nginx.local");
  EXPECT_FALSE(bad.error().message_zh.empty());
  EXPECT_EQ(TrustedProxies::Parse({"10.0.0.0/33"}).error().value, "10.0.0.0/33");
  EXPECT_EQ(TrustedProxies::Parse({"::1/129"}).error().value, "::1/129");

  auto list = TrustedProxies::ParseList("127.0.0.1, ::1  10.0.0.0/8");
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->Contains("::1"));
  EXPECT_TRUE(list->Contains("10.0.0.1"));
  EXPECT_EQ(TrustedProxies::ParseList("127.0.0.1,bogus").error().field, "ANJU_TRUSTED_PROXIES");
  EXPECT_TRUE(TrustedProxies::ParseList("")->empty());
}

}  // namespace
}  // namespace anju::auth
