// `anju idcheck ID...`: validates resident identity numbers (GB 11643-1999) and prints, per
// argument, the normalised number, region code, birth date and sex, or the reason it is invalid.
// Exit 1 if any argument is invalid.
#include <fmt/format.h>

#include "cli/command.h"
#include "core/resident_id.h"

namespace anju::cli {

void RegisterIdcheckCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand(
      "idcheck", "Check resident identity numbers (公民身份号码, GB 11643-1999)");
  auto ids = std::make_shared<std::vector<std::string>>();
  cmd->add_option("ID", *ids, "18- or 15-digit numbers; full-width and spaced input is accepted")
      ->required();
  cmd->callback([&run, ids] {
    run = [ids] {
      int rc = kExitOk;
      const Date today = TodayInChina();
      for (const std::string& raw : *ids) {
        auto id = ParseResidentId(raw, today);
        if (id) {
          fmt::print("{}\tvalid\tregion {}\tborn {}\t{}{}\n", id->str(), id->RegionCode(),
                     FormatIsoDate(id->BirthDate()), SexName(id->sex()),
                     id->upgraded_from_15() ? "\t(upgraded from 15 digits)" : "");
        } else {
          fmt::print("{}\tinvalid\t{}\n", id.error().value, id.error().message);
          rc = kExitInvalid;
        }
      }
      return rc;
    };
  });
}

}  // namespace anju::cli
