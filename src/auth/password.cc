#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace anju::auth {

Status Init() {
  static const int rc = sodium_init();  // thread-safe static initialisation; idempotent
  if (rc < 0) return Internal("libsodium could not be initialised (sodium_init failed)");
  return {};
}

PasswordHashParams PasswordHashParams::Production() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordHashParams PasswordHashParams::FastForTests() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, 64 * 1024};
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  if (auto s = Init(); !s) return std::unexpected(s.error());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opslimit,
                            params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, std::string_view hash) {
  if (!Init()) return false;
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, const PasswordHashParams& params) {
  if (!Init()) return true;
  if (hash.size() >= crypto_pwhash_STRBYTES) return true;
  std::string h(hash);
  return crypto_pwhash_argon2id_str_needs_rehash(h.c_str(), params.opslimit, params.memlimit) != 0;
}

namespace {

// Common passwords refused outright: the top of the public breach lists (SecLists
// "10-million-password-list-top-100" entries of 10+ characters) and guesses specific to this
// system and county. Compared ignoring case.
constexpr std::array<std::string_view, 24> kCommonPasswords = {
    "1234567890", "0123456789", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc",
    "qwertyuiop", "password123", "password1234", "passw0rd123", "iloveyou123", "abc1234567",
    "abcdefghij", "a123456789", "aa12345678", "1111111111", "0000000000", "8888888888",
    "woaini1314", "anju123456", "anju-admin", "admin12345", "administrator", "linxian123",
};

int CountCodePoints(std::string_view s) {
  int n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Status CheckPasswordRules(std::string_view username, std::string_view password) {
  if (password.size() > 256)
    return InvalidArgument("password is longer than 256 bytes", "password", "",
                           "密码不能超过 256 字节");
  if (CountCodePoints(password) < kMinPasswordChars)
    return InvalidArgument("password must have at least 10 characters", "password", "",
                           "密码至少需要 10 个字符");
  std::string lower = Lower(password);
  if (!username.empty() && lower == Lower(username))
    return InvalidArgument("password must not be the username", "password", "",
                           "密码不能与用户名相同");
  for (std::string_view common : kCommonPasswords)
    if (lower == common)
      return InvalidArgument("password is too common; choose another", "password", "",
                             "密码过于常见，请换一个");
  return {};
}

std::string GenerateOneTimePassword() {
  (void)Init();
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 16; ++i)
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  return out;
}

}  // namespace anju::auth
