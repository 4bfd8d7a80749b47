# Installs libkefu.so, kefu.h, the CMake package (find_package(kefu CONFIG) -> kefu::kefu) and
# kefu.pc. The C++ headers are not installed: libkefu.so exports only the C ABI.
include(CMakePackageConfigHelpers)

install(TARGETS kefu EXPORT kefuTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/kefu/kefu.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kefu)

set(KEFU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kefu)
install(EXPORT kefuTargets NAMESPACE kefu:: DESTINATION ${KEFU_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/kefuConfig.cmake.in
  ${PROJECT_BINARY_DIR}/kefuConfig.cmake INSTALL_DESTINATION ${KEFU_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kefuConfig.cmake ${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake
  DESTINATION ${KEFU_CMAKE_DIR})

# The prefix is found from the .pc file's own place (${pcfiledir}), so that an installed tree can
# be moved or installed with `cmake --install --prefix` and still be found.
file(RELATIVE_PATH KEFU_PC_UP "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
string(REGEX REPLACE "/$" "" KEFU_PC_UP "${KEFU_PC_UP}")
set(KEFU_PC_PREFIX "\${pcfiledir}/${KEFU_PC_UP}")
foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(KEFU_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  else()
    set(KEFU_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/kefu.pc.in ${PROJECT_BINARY_DIR}/kefu.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/kefu.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
