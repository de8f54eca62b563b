# What `cmake --install BUILD [--prefix P]` puts where, and the Debian package
# `cpack -G DEB` makes of it (tests/cli/test_package.py checks both).
include(GNUInstallDirs)

install(TARGETS profilec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
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

# The .deb on Linux; elsewhere (macOS, docs/macos.md) a .tar.gz.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(CPACK_GENERATOR "DEB")
else()
  set(CPACK_GENERATOR "TGZ")
endif()
set(CPACK_PACKAGE_NAME "profilec")
set(CPACK_PACKAGE_VENDOR "profilec")
set(CPACK_PACKAGE_CONTACT "profilec maintainers <maintainers@profilec.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "compiler and linter for Apple configuration profiles")
set(CPACK_PACKAGE_DESCRIPTION
    "profilec compiles TOML policies into .mobileconfig files, checks them and existing profiles against Apple's payload schemas, and signs and verifies them.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "profilec")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # profilec_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROFILEC_HOMEPAGE}")
# Depends from the libraries the binary links (libplist, libssl, libfmt,
# libpugixml, libstdc++, ...), found by dpkg-shlibdeps from dpkg-dev.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
