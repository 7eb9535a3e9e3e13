// The one error-propagation helper: ANJU_TRY / ANJU_CHECK, for every layer.
//
//   ANJU_TRY(rows, repo.List(q));   // declares `auto& rows` = the value, or returns the error
//   ANJU_CHECK(tx.Commit());        // returns the error of a Status (or of any Result)
//
// The error is returned as `std::unexpected(E(error))`, where E is deduced from the enclosing
// function's return type through ErrorOf<>: Result<T> and Status return the anju::Error itself;
// http's RouteResult (std::expected<Reply, HttpError>) converts it with HttpError's implicit
// constructor. So one macro serves services, repositories and routes alike (this replaces the
// four private TRY/ANJU_TRY macros of session 4).
//
// Thread-safety: macros only.
#pragma once

#include <expected>
#include <utility>

#include "core/error.h"

#define ANJU_CONCAT_INNER_(a, b) a##b
#define ANJU_CONCAT_(a, b) ANJU_CONCAT_INNER_(a, b)

/// Evaluates `expr` (a Result<T> or std::expected<T, E>); on error returns it from the
/// enclosing function (converted to that function's error type); else declares `var` as a
/// reference to the value.
#define ANJU_TRY(var, expr)                                                 \
  auto&& ANJU_CONCAT_(anju_try_, __LINE__) = (expr);                         \
  if (!ANJU_CONCAT_(anju_try_, __LINE__))                                    \
    return std::unexpected(std::move(ANJU_CONCAT_(anju_try_, __LINE__)).error()); \
  auto& var = *ANJU_CONCAT_(anju_try_, __LINE__)

/// Evaluates `expr` (a Status, Result<T> or std::expected<…>); on error returns it from the
/// enclosing function (converted to that function's error type).
#define ANJU_CHECK(expr)                                                    \
  do {                                                                       \
    if (auto&& anju_check_ = (expr); !anju_check_)                           \
      return std::unexpected(std::move(anju_check_).error());                \
  } while (0)
