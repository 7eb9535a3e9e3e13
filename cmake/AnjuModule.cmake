# anju_module(<m> [DEPENDS <module>...] [LIBS <lib>...] [PRIVATE_LIBS <lib>...]
#             [SOURCES <file>...] [STORAGE_TEST_LIBS <lib>...])
#
# Defines the targets of one module folder src/<m>/ (docs/modules.md, issue #13):
#   anju_<m>          domain: src/<m>/*.cc (+ SOURCES), not *_test.cc. Links anju_core, the
#                     domains of DEPENDS, LIBS (public) and PRIVATE_LIBS. Never SQLite, httplib,
#                     CLI11 or a storage/http/cli target: refused here at configure time.
#   anju_<m>_storage  src/<m>/storage/*.cc: its repositories' SQL. Links anju_<m>, anju_storage
#                     (the platform) and the storage of DEPENDS.
#   anju_<m>_http     src/<m>/http/*.cc: <m>::AddRoutes. Links anju_<m>_storage and anju_http_base.
#   anju_<m>_cli      src/<m>/cli/*.cc: <m>::AddCommands. Links anju_<m>_storage, anju_cli (the plumbing), CLI11.
#   anju_<m>_module   src/<m>/module.cc: <m>::ModuleDef(), linking every layer above; and
#                     src/<m>/figures.cc (its report figures), linking anju_reports.
#   <m>_storage_test  src/<m>/storage/*_test.cc, when there are any.
# A layer without sources gets an INTERFACE target, so every name exists for every module.
# Migrations: src/<m>/migrations/NNNN_*.sql are embedded by src/CMakeLists.txt (one generated
# file for all owners, in ANJU_MODULES order: storage/migrate.h).
# DEPENDS must name modules listed before <m> in ANJU_MODULES (checked): that order is the order
# migrations run and modules::AllModules() lists them.
set(ANJU_LAYER_FORBIDDEN_LIBS "SQLite::SQLite3;PkgConfig::HTTPLIB;CLI11::CLI11;anju_storage;anju_http;anju_http_base;anju_cli")

function(anju_layer target dir)
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "(_test|/module|/figures)\\.cc$")
  list(APPEND srcs ${ARGN})
  if(srcs)
    add_library(${target} ${srcs})
    set(${target}_KIND PUBLIC PARENT_SCOPE)
  else()
    add_library(${target} INTERFACE)
    set(${target}_KIND INTERFACE PARENT_SCOPE)
  endif()
  target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
endfunction()

function(anju_module m)
  cmake_parse_arguments(M "" "" "DEPENDS;LIBS;PRIVATE_LIBS;SOURCES;STORAGE_TEST_LIBS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  list(FIND ANJU_MODULES ${m} self)
  if(self EQUAL -1)
    message(FATAL_ERROR "anju_module(${m}): add ${m} to ANJU_MODULES in src/CMakeLists.txt")
  endif()
  foreach(d ${M_DEPENDS})
    list(FIND ANJU_MODULES ${d} at)
    if(at EQUAL -1 OR NOT at LESS self)
      message(FATAL_ERROR "anju_module(${m}): DEPENDS ${d} must be listed before ${m} in ANJU_MODULES")
    endif()
  endforeach()
  foreach(lib ${M_LIBS} ${M_PRIVATE_LIBS})
    if(lib IN_LIST ANJU_LAYER_FORBIDDEN_LIBS OR lib MATCHES "^anju_.*_(storage|http|cli|module)$")
      message(FATAL_ERROR "anju_module(${m}): the domain target anju_${m} may not link ${lib} "
                          "(layering, docs/modules.md); put that code in ${m}/storage, ${m}/http or ${m}/cli")
    endif()
  endforeach()

  # Domain.
  anju_layer(anju_${m} ${dir} ${M_SOURCES})
  set(kind ${anju_${m}_KIND})
  target_link_libraries(anju_${m} ${kind} anju_core ${M_LIBS})
  foreach(d ${M_DEPENDS})
    target_link_libraries(anju_${m} ${kind} anju_${d})
  endforeach()
  if(M_PRIVATE_LIBS AND kind STREQUAL "PUBLIC")
    target_link_libraries(anju_${m} PRIVATE ${M_PRIVATE_LIBS})
  endif()

  # Storage: the module's SQL over the platform's connection.
  anju_layer(anju_${m}_storage ${dir}/storage)
  set(kind ${anju_${m}_storage_KIND})
  target_link_libraries(anju_${m}_storage ${kind} anju_${m} anju_storage)
  foreach(d ${M_DEPENDS})
    target_link_libraries(anju_${m}_storage ${kind} anju_${d}_storage)
  endforeach()

  # HTTP routes and CLI commands.
  anju_layer(anju_${m}_http ${dir}/http)
  target_link_libraries(anju_${m}_http ${anju_${m}_http_KIND} anju_${m}_storage anju_http_base)
  anju_layer(anju_${m}_cli ${dir}/cli)
  target_link_libraries(anju_${m}_cli ${anju_${m}_cli_KIND} anju_${m}_storage anju_cli CLI11::CLI11 fmt::fmt)

  # The descriptor.
  add_library(anju_${m}_module ${dir}/module.cc)
  target_link_libraries(anju_${m}_module PUBLIC anju_${m}_http anju_${m}_cli anju_${m}_storage)
  # Its report figures (src/<m>/figures.cc) read reports::CountyReport and call report helpers;
  # anju_reports depends on this module's domain, so they live here, not in anju_${m} (a cycle).
  if(EXISTS ${dir}/figures.cc)
    target_sources(anju_${m}_module PRIVATE ${dir}/figures.cc)
    target_link_libraries(anju_${m}_module PUBLIC anju_reports)
  endif()

  file(GLOB tests CONFIGURE_DEPENDS ${dir}/storage/*_test.cc)
  if(tests)
    anju_test(${m}_storage_test SOURCES ${tests} LIBS anju_${m}_storage ${M_STORAGE_TEST_LIBS})
  endif()
endfunction()
