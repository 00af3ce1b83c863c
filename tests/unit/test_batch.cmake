# The batch test reads gzipped catalogs and the gzipped reference: zlib.
target_link_libraries(${name} PRIVATE PkgConfig::ZLIB)
add_test(NAME ${short} COMMAND ${name})
set_tests_properties(${short} PROPERTIES LABELS unit ENVIRONMENT "${OW_TEST_ENV}")
