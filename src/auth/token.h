// Random session and CSRF tokens and their stored form.
//
// A token is 32 random bytes (libsodium randombytes_buf) in unpadded base64url: 43 characters,
// safe in cookies and headers. The database stores only TokenHash(token), the hex SHA-256, so a
// copy of the database does not let anyone resume a session.
//
// Thread-safety: free functions; safe from any thread once Init() (password.h) has run.
#pragma once

#include <string>
#include <string_view>

namespace anju::auth {

/// 32 random bytes as 43 base64url characters (no padding).
std::string NewToken();

/// Lowercase hex SHA-256 of `token` (64 characters).
std::string TokenHash(std::string_view token);

/// True when `token` has the shape NewToken produces (43 base64url characters), so that
/// garbage is refused before touching the database.
bool LooksLikeToken(std::string_view token);

}  // namespace anju::auth
