# One INTERFACE target that every HeaderLens target links: warnings, Qt strictness defines and
# the optional sanitizer build. Keeping them here means no target can quietly drop them.
add_library(headerlens_settings INTERFACE)
add_library(HeaderLens::settings ALIAS headerlens_settings)

target_compile_features(headerlens_settings INTERFACE cxx_std_20)

target_compile_definitions(headerlens_settings INTERFACE
    QT_NO_KEYWORDS                       # GMime pulls in GIO, which has a member named "signals"
    QT_NO_CAST_FROM_ASCII
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    HEADERLENS_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(headerlens_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor)
    # Calls into Qt, GMime and libc go through the GOT directly instead of a PLT stub (one jump
    # less and less code in the instruction cache for the thousands of such calls per message;
    # -1.7 % to -3 % CPU on the corpus). The addresses are then bound at load time (-z now), which
    # start-up does not notice (5.3-5.5 ms either way).
    target_compile_options(headerlens_settings INTERFACE -fno-plt)
    target_link_options(headerlens_settings INTERFACE "LINKER:-z,now")
    if(HEADERLENS_WERROR)
        target_compile_options(headerlens_settings INTERFACE -Werror)
    endif()
    if(HEADERLENS_FUZZ)
        # Coverage for libFuzzer in every HeaderLens target; the fuzz executables add the driver.
        target_compile_options(headerlens_settings INTERFACE -fsanitize=fuzzer-no-link)
        target_link_options(headerlens_settings INTERFACE -fsanitize=fuzzer-no-link)
    endif()
    if(HEADERLENS_SANITIZE)
        target_compile_options(headerlens_settings INTERFACE
            -fsanitize=address,undefined -fno-omit-frame-pointer
            # Line tables are all a report needs (function, file and line of each frame); full
            # debug information made this build 8 GB, which filled a CI machine's disk.
            -g1)
        target_link_options(headerlens_settings INTERFACE -fsanitize=address,undefined)
    endif()
endif()
