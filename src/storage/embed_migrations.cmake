# Generates a .cc that embeds every storage/migrations/NNNN_*.sql file as a raw string.
# Invoked at build time: cmake -DSRC_DIR=... -DOUT=... -P embed_migrations.cmake
file(GLOB files "${SRC_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  string(SUBSTRING ${name} 0 4 num)
  math(EXPR num "${num}")
  file(READ ${f} sql)
  string(APPEND body "    {${num}, \"${name}\", R\"anjusql(${sql})anjusql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from storage/migrations by embed_migrations.cmake. Do not edit.\n#include \"storage/migrate.h\"\nnamespace anju::storage {\nconst std::vector<Migration>& EmbeddedMigrations() {\n  static const std::vector<Migration> kMigrations = {\n${body}  };\n  return kMigrations;\n}\n}  // namespace anju::storage\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
