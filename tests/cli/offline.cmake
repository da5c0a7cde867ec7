# Offline proof (issue 14): the CLI (analyze, report) and the GUI (offscreen, opening a message
# whose HTML part references remote images and links) open no network socket. Every socket(2)
# and connect(2) is traced with strace -f; an AF_INET or AF_INET6 one fails the test. Skips
# (code 77) when strace is missing or not permitted.
find_program(STRACE strace)
if(NOT STRACE)
    message("strace not found: skipped")
    cmake_language(EXIT 77)
endif()
execute_process(COMMAND ${STRACE} -f -qq -e trace=socket true RESULT_VARIABLE permitted OUTPUT_QUIET ERROR_QUIET)
if(NOT permitted EQUAL 0)
    message("strace is not permitted here: skipped")
    cmake_language(EXIT 77)
endif()

file(MAKE_DIRECTORY ${WORK})
set(msg ${WORK}/remote-images.eml)
file(WRITE ${msg} "From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Undelivered Mail Returned to Sender
Date: Mon, 2 Dec 2024 10:00:01 +0000
Message-ID: <remote@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=B

--B
Content-Type: text/html

<html><body><img src=\"http://tracker.example.com/pixel.gif\"><img src=\"https://cdn.example.net/logo.png\">
<link rel=\"stylesheet\" href=\"http://styles.example.org/s.css\"><iframe src=\"http://frame.example.com/\"></iframe>
<p>Delivery to <a href=\"mailto:gone@example.com\">gone@example.com</a> failed: 550 5.1.1 user unknown.
See <a href=\"http://help.example.com/\">help</a>.</p></body></html>
--B--
")

function(traced name)
    set(log ${WORK}/${name}.strace)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
                            ${STRACE} -f -qq -e trace=socket,connect -o ${log} ${ARGN}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${name}: exit status ${rc}")
    endif()
    file(STRINGS ${log} network REGEX "AF_INET6?|sin_addr|sin6_addr")
    if(network)
        string(REPLACE ";" "\n  " lines "${network}")
        message(FATAL_ERROR "${name} opened a network socket:\n  ${lines}")
    endif()
    message("${name}: no network socket")
endfunction()

traced(analyze ${CLI} analyze --json ${msg})
traced(report ${CLI} report ${msg} --pdf ${WORK}/remote-images.pdf)
if(GUI)
    traced(window ${GUI} --screenshot ${WORK}/shots ${msg})
endif()
