# The catalog reference is gzipped: this test alone links zlib.
target_link_libraries(${name} PRIVATE PkgConfig::ZLIB)
add_test(NAME ${short} COMMAND ${name})
set_tests_properties(${short} PROPERTIES
  LABELS unit ENVIRONMENT "${OW_TEST_ENV}")
