// Password hashing (argon2id through libsodium) and the minimum password rules.
//
// Hashes are libsodium's crypto_pwhash_str strings ("$argon2id$v=19$m=65536,t=2,p=1$…"): they
// carry their own salt and parameters, so a hash made with the test parameters still verifies
// and NeedsRehash() tells when to upgrade it at the next login.
//
// Parameters: production uses libsodium's INTERACTIVE limits for argon2id — opslimit 2 passes,
// memlimit 64 MiB (crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE), about
// 0.1 s per hash on one core; these meet the OWASP Password Storage Cheat Sheet's argon2id
// minimum (19 MiB, t=2, p=1). Tests pass PasswordHashParams::FastForTests() (1 pass, 64 KiB).
//
// Thread-safety: free functions; safe from any thread once Init() has run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju::auth {

/// Initialises libsodium (sodium_init). Idempotent and thread-safe; every function of this
/// library calls it, so calling it from main is optional. Errors: kInternal if libsodium cannot
/// initialise (no entropy source).
Status Init();

/// argon2id cost parameters.
struct PasswordHashParams {
  uint64_t opslimit = 0;  // passes over memory
  std::size_t memlimit = 0;  // bytes

  /// libsodium's interactive limits: opslimit 2, memlimit 64 MiB.
  static PasswordHashParams Production();
  /// The cheapest argon2id allows (1 pass, 64 KiB), for unit tests only.
  static PasswordHashParams FastForTests();
};

/// Hashes `password` with argon2id and a random salt. Errors: kInternal when libsodium fails
/// (out of memory for memlimit).
Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);

/// True when `password` matches `hash` (a crypto_pwhash_str string). A malformed hash is
/// simply "no match".
bool VerifyPassword(std::string_view password, std::string_view hash);

/// True when `hash` was made with parameters other than `params` (or another algorithm).
bool NeedsRehash(std::string_view hash, const PasswordHashParams& params);

/// Minimum password rules (issue 5): at least 10 characters (Unicode code points), at most
/// 256 bytes, not equal to the username (ignoring case), not one of a list of common passwords
/// (ignoring case). Errors: kInvalidArgument, field "password", never echoing the password.
Status CheckPasswordRules(std::string_view username, std::string_view password);

/// Minimum length in characters of a password.
inline constexpr int kMinPasswordChars = 10;

/// A random password for one-time use (`anju init --admin`, `anju user passwd`): 16
/// characters from an alphabet without look-alikes (no 0/O, 1/l/I), about 90 bits.
std::string GenerateOneTimePassword();

}  // namespace anju::auth
