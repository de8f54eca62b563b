# What `cmake --install BUILD [--prefix P]` puts where, and the Debian package
# `cpack -G DEB` makes of it (tests/cli/test_package.py checks both).
include(GNUInstallDirs)

install(TARGETS profilec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Full RELRO (lintian: hardening-no-bindnow): the dynamic symbols are bound
# at start-up and the GOT made read-only. GNU ld only.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  target_link_options(profilec PRIVATE LINKER:-z,relro,-z,now)
endif()
# Debian policy: man pages compressed, with `gzip -9n` (no name or time in
# the header, so the package stays reproducible).
find_program(PROFILEC_GZIP gzip REQUIRED)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/profilec.1.gz
  COMMAND sh -c "${PROFILEC_GZIP} -9n -c '${PROJECT_SOURCE_DIR}/docs/man/profilec.1' > '${CMAKE_BINARY_DIR}/profilec.1.gz'"
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/profilec.1
  COMMENT "Compressing the man page"
  VERBATIM)
add_custom_target(profilec_man_page ALL DEPENDS ${CMAKE_BINARY_DIR}/profilec.1.gz)
install(FILES ${CMAKE_BINARY_DIR}/profilec.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completions/profilec.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME profilec)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_profilec
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/profilec.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# /usr/share/doc/profilec (Debian policy 12): the machine-readable copyright
# file, the changelog generated from CHANGELOG.md (the one record of what each
# release brought; the build fails when its newest entry is not this version),
# and the documentation, laid out as in the repository so that the pages'
# relative links still work: docs/*.md (language.md, cli.md, ...),
# docs/rules/*.md (one page a rule) and stdlib/README.md (the fragments, a
# table that tests/lang/stdlib_test.cc holds to stdlib/ both ways).
find_program(PROFILEC_PYTHON3 NAMES python3 REQUIRED)
set(PROFILEC_MAINTAINER "profilec maintainers <maintainers@profilec.invalid>")
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND sh -c "'${PROFILEC_PYTHON3}' '${PROJECT_SOURCE_DIR}/scripts/debian-changelog' '${PROJECT_SOURCE_DIR}/CHANGELOG.md' '${PROJECT_VERSION}' '${PROFILEC_MAINTAINER}' > '${CMAKE_BINARY_DIR}/changelog' && ${PROFILEC_GZIP} -9n -c '${CMAKE_BINARY_DIR}/changelog' > '${CMAKE_BINARY_DIR}/changelog.gz'"
  DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/scripts/debian-changelog
  COMMENT "Writing the Debian changelog from CHANGELOG.md"
  VERBATIM)
add_custom_target(profilec_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
set(PROFILEC_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/profilec)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${CMAKE_BINARY_DIR}/changelog.gz
        DESTINATION ${PROFILEC_DOC_DIR})
file(GLOB PROFILEC_DOC_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
file(GLOB PROFILEC_RULE_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/rules/*.md)
install(FILES ${PROFILEC_DOC_PAGES} DESTINATION ${PROFILEC_DOC_DIR}/docs)
install(FILES ${PROFILEC_RULE_PAGES} DESTINATION ${PROFILEC_DOC_DIR}/docs/rules)
install(FILES ${PROJECT_SOURCE_DIR}/stdlib/README.md DESTINATION ${PROFILEC_DOC_DIR}/stdlib)

# The .deb on Linux; elsewhere (macOS, docs/macos.md) a .tar.gz.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(CPACK_GENERATOR "DEB")
else()
  set(CPACK_GENERATOR "TGZ")
endif()
set(CPACK_PACKAGE_NAME "profilec")
set(CPACK_PACKAGE_VENDOR "profilec")
set(CPACK_PACKAGE_CONTACT "${PROFILEC_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "compiler and linter for Apple configuration profiles")
# The extended description: Debian's format (lines under 80 columns, an
# empty line between paragraphs; CPack writes the " ." lines).
set(CPACK_PACKAGE_DESCRIPTION [=[
profilec compiles configuration-profile policies, kept in git as TOML, into
byte-stable .mobileconfig files for Apple devices, and signs, encrypts and
verifies them with OpenSSL.

It checks policies and existing .mobileconfig files against the payload
schemas generated from Apple's device-management data (embedded in the
binary): unknown keys and types, values out of range, keys unavailable on
the targeted platforms and OS versions or needing supervision, duplicate
identifiers, and conflicting settings across every profile of a
repository. Findings come as compiler-style diagnostics, JSON, SARIF or
GitHub annotations, for pre-commit hooks and CI.

It also imports existing profiles into policy source.]=])
set(CPACK_PACKAGE_INSTALL_DIRECTORY "profilec")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # profilec_0.2.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROFILEC_HOMEPAGE}")
# Depends from the libraries the binary links (libplist, libssl, libfmt,
# libpugixml, libstdc++, ...), found by dpkg-shlibdeps from dpkg-dev.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
