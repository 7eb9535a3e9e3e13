# Generates a .cc that embeds every data/*.csv file as a raw string (like the migrations).
# Invoked at build time: cmake -DSRC_DIR=... -DOUT=... -P embed_data.cmake
file(GLOB files "${SRC_DIR}/*.csv")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"anjudata(${text})anjudata\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from data/*.csv by embed_data.cmake. Do not edit.\n#include \"sites/reference_data.h\"\n#include <map>\nnamespace anju::sites {\nstd::optional<std::string> EmbeddedDataFile(std::string_view name) {\n  static const std::map<std::string_view, std::string_view> kFiles = {\n${body}  };\n  auto it = kFiles.find(name);\n  if (it == kFiles.end()) return std::nullopt;\n  return std::string(it->second);\n}\n}  // namespace anju::sites\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
