# Fails when a C++ source is not formatted with the checked-in .clang-format (STYLE.md).
# Skips (exit code 77 via SKIP_RETURN_CODE) when clang-format is not installed.
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(NOT CLANG_FORMAT)
    message("clang-format not found: skipping the formatting check")
    cmake_language(EXIT 77)
endif()
file(GLOB_RECURSE sources
    ${ROOT}/core/*.cpp ${ROOT}/core/*.h ${ROOT}/ui/*.cpp ${ROOT}/ui/*.h
    ${ROOT}/app/*.cpp ${ROOT}/app/*.h ${ROOT}/tests/*.cpp ${ROOT}/tests/*.h)
set(bad "")
foreach(f IN LISTS sources)
    execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file ${f}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
        list(APPEND bad ${f})
    endif()
endforeach()
if(bad)
    string(REPLACE ";" "\n  " list "${bad}")
    message(FATAL_ERROR "not clang-formatted (run clang-format -i on them):\n  ${list}")
endif()
list(LENGTH sources n)
message("formatting: ${n} files ok")
