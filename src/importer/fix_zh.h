// The Chinese of an import fault's fix (Problem::fix, Fault::fix): the importer writes its fix
// suggestions in English; the web import page (zh), the preview payload (`fix_zh`) and the
// error report's 修改建议 column show them in Chinese from this catalogue (issue #12, item 9).
//
// A fix's Chinese is best written beside it, at the call site (Problem::fix_zh, carried to
// Fault::fix_zh; importer.cc does so). The catalogue (fix_zh.cc) has one entry per fix text
// written without it (clean.cc's Err/Warn, sheet faults, …). An entry's English may hold `{}`
// for a part that varies (a value, a list, a header); its Chinese names the parts it repeats as
// {0}, {1} … in the order they occur in the English. The ctest importer.fix_zh
// (check_fix_zh.py) fails when a fix text in the importer's sources has neither its Chinese at
// the call site nor a catalogue entry, so a new message cannot reach a Chinese page in English
// unnoticed.
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <string>
#include <string_view>

#include "importer/importer.h"

namespace anju::importer {

/// The Chinese of `fix`; "" when `fix` is empty or not in the catalogue (callers then show the
/// English).
std::string FixZh(std::string_view fix);

/// The Chinese of a fault's fix: `fix_zh` as its call site wrote it, else FixZh(fix).
std::string FixZh(const Fault& fault);

}  // namespace anju::importer
