// SHA-256 against the examples of FIPS 180-4 (NIST "Examples with intermediate values": "abc",
// the 448-bit message) and the well-known digest of the empty string.
#include "core/sha256.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace anju {
namespace {

TEST(Sha256, FipsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),  // FIPS 180-2 appendix B.3
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The same digests when the message comes in pieces (a file hashed 64 MiB at a time).
TEST(Sha256, PiecesGiveTheDigestOfTheWhole) {
  auto pieces = [](std::vector<std::string> parts) {
    size_t i = 0;
    return Sha256Hex([parts, i]() mutable { return i < parts.size() ? std::string_view(parts[i++]) : std::string_view(); });
  };
  EXPECT_EQ(pieces({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(pieces({"a", "bc"}), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(pieces({"abcdbcdecdefdefgefghfghighijhijk", "ijkljklmklmnlmnomnopnopq"}),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(pieces(std::vector<std::string>(1000, std::string(1000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace anju
