# Runs `headerlens-cli report` as a script would: usage errors exit 2 and write nothing; an
# unreadable input or an unwritable target exits 1, says why on stderr and leaves no file; a good
# input gives a PDF, with no display at all (the CLI falls back to the offscreen platform).
# Invoked by CTest: cmake -DCLI=... -DDATA=... -DWORK=... -P cli_report.cmake

function(expect_exit code)
    if(NOT rc EQUAL ${code})
        message(FATAL_ERROR "expected exit status ${code}, got ${rc}\nstdout: ${out}\nstderr: ${err}")
    endif()
endfunction()

# Every run without a display: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM.
set(HEADLESS ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=QT_QPA_PLATFORM)
set(BOUNCE ${DATA}/bounces/rfc3464-postfix-two-recipients.eml)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(OUT ${WORK}/report.pdf)

# 1. --help shows the command and its options.
execute_process(COMMAND ${CLI} --help RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
foreach(expected "report FILE" "--pdf OUT.pdf" "--redact" "--paper a4\\|letter")
    if(NOT out MATCHES "${expected}")
        message(FATAL_ERROR "--help does not show '${expected}': ${out}")
    endif()
endforeach()

# 2. Bad usage: exit 2, a message, no file.
foreach(args "report" "report;${BOUNCE}" "report;--pdf;${OUT}" "report;${BOUNCE};--pdf"
             "report;${BOUNCE};--pdf;${OUT};--paper;a5" "report;${BOUNCE};--pdf;${OUT};--frobnicate"
             "report;${BOUNCE};${BOUNCE};--pdf;${OUT}")
    execute_process(COMMAND ${HEADLESS} ${CLI} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    expect_exit(2)
    if(err STREQUAL "")
        message(FATAL_ERROR "bad usage '${args}' says nothing on stderr")
    endif()
    if(EXISTS ${OUT})
        message(FATAL_ERROR "bad usage '${args}' wrote ${OUT}")
    endif()
endforeach()

# 3. Input failures: a missing file, a file without header fields. Exit 1, a reason, no file.
file(WRITE ${WORK}/no-headers.txt "just some words\nwithout any header field\n")
foreach(input ${DATA}/does-not-exist.eml ${WORK}/no-headers.txt)
    execute_process(COMMAND ${HEADLESS} ${CLI} report ${input} --pdf ${OUT}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    expect_exit(1)
    if(NOT err MATCHES "No report written")
        message(FATAL_ERROR "an unreadable input must be explained on stderr: ${err}")
    endif()
    if(EXISTS ${OUT})
        message(FATAL_ERROR "an unreadable input left ${OUT}")
    endif()
endforeach()

# 4. Write failure: a folder that does not exist. Exit 1, the reason, nothing created.
execute_process(COMMAND ${HEADLESS} ${CLI} report ${BOUNCE} --pdf ${WORK}/missing/report.pdf
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)
if(NOT err MATCHES "does not exist")
    message(FATAL_ERROR "a write failure must say why: ${err}")
endif()
if(EXISTS ${WORK}/missing)
    message(FATAL_ERROR "a failed write created ${WORK}/missing")
endif()

# 5. A report, headless, Letter, redacted; standard input with "-"; --paper=a4 spelling.
execute_process(COMMAND ${HEADLESS} ${CLI} report ${BOUNCE} --pdf ${OUT} --paper letter --redact
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT EXISTS ${OUT})
    message(FATAL_ERROR "no PDF written: ${err}")
endif()
file(READ ${OUT} head LIMIT 5 HEX)
if(NOT head STREQUAL "255044462d") # "%PDF-"
    message(FATAL_ERROR "${OUT} is not a PDF: ${head}")
endif()
execute_process(COMMAND ${HEADLESS} ${CLI} report - --pdf=${WORK}/stdin.pdf --paper=a4
                INPUT_FILE ${BOUNCE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT EXISTS ${WORK}/stdin.pdf)
    message(FATAL_ERROR "no PDF written from standard input: ${err}")
endif()
execute_process(COMMAND ${HEADLESS} ${CLI} report ${BOUNCE} --pdf -
                OUTPUT_FILE ${WORK}/stdout.pdf RESULT_VARIABLE rc ERROR_VARIABLE err)
expect_exit(0)
file(READ ${WORK}/stdout.pdf head LIMIT 5 HEX)
if(NOT head STREQUAL "255044462d")
    message(FATAL_ERROR "--pdf - must write the PDF to standard output: ${head} ${err}")
endif()
file(GLOB leftovers ${WORK}/*)
list(LENGTH leftovers count)
if(NOT count EQUAL 4) # report.pdf, stdin.pdf, stdout.pdf, no-headers.txt: no temporary files
    message(FATAL_ERROR "unexpected files: ${leftovers}")
endif()

# 6. What is in it, when poppler-utils can read it back.
find_program(PDFINFO pdfinfo)
find_program(PDFTOTEXT pdftotext)
if(PDFINFO AND PDFTOTEXT)
    execute_process(COMMAND ${PDFINFO} ${OUT} OUTPUT_VARIABLE info)
    if(NOT info MATCHES "Page size: +612 x 792 pts \\(letter\\)")
        message(FATAL_ERROR "--paper letter gave: ${info}")
    endif()
    execute_process(COMMAND ${PDFINFO} ${WORK}/stdin.pdf OUTPUT_VARIABLE info)
    if(NOT info MATCHES "Page size: +595 x 842 pts \\(A4\\)")
        message(FATAL_ERROR "--paper=a4 gave: ${info}")
    endif()
    execute_process(COMMAND ${PDFTOTEXT} ${OUT} - OUTPUT_VARIABLE text)
    foreach(expected "REDACTED" "Mailbox does not exist" "550" "5.1.1" "mail.example.net" "Page 1 of")
        string(FIND "${text}" "${expected}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "the report lacks '${expected}'")
        endif()
    endforeach()
    foreach(personal "bob@" "carol@" "203.0.113.5")
        string(FIND "${text}" "${personal}" at)
        if(NOT at EQUAL -1)
            message(FATAL_ERROR "the redacted report still holds '${personal}'")
        endif()
    endforeach()
endif()
message(STATUS "cli report: ok")
