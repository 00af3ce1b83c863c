# One ctest case per element set of SGP4-VER.TLE (33 cases), named
# sgp4_ver_NN_SATNUM (NN keeps 20413's two copies apart). The satellite
# numbers only name the cases: the executable finds its case by index.
set(_ver_tle "${OW_SHARED_DATA}/sgp4-ver/SGP4-VER.TLE")
set(_ver_nums "")
if(EXISTS "${_ver_tle}")
  file(STRINGS "${_ver_tle}" _ver_l2 REGEX "^2 ")
  foreach(_l ${_ver_l2})
    string(SUBSTRING "${_l}" 2 5 _num)
    list(APPEND _ver_nums "${_num}")
  endforeach()
endif()
list(LENGTH _ver_nums _ver_n)
if(NOT _ver_n EQUAL 33)
  # No reference data: one case that fails and says why.
  add_test(NAME sgp4_ver COMMAND ${name} all)
  set_tests_properties(sgp4_ver PROPERTIES
    LABELS unit ENVIRONMENT "${OW_TEST_ENV}")
else()
  set(_i 0)
  foreach(_num ${_ver_nums})
    if(_i LESS 10)
      set(_nn "0${_i}")
    else()
      set(_nn "${_i}")
    endif()
    add_test(NAME sgp4_ver_${_nn}_${_num} COMMAND ${name} ${_i})
    set_tests_properties(sgp4_ver_${_nn}_${_num} PROPERTIES
      LABELS unit ENVIRONMENT "${OW_TEST_ENV}")
    math(EXPR _i "${_i} + 1")
  endforeach()
endif()
