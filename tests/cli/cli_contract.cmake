# Runs headerlens-cli as a script would and checks the DOMAIN.md section 3 contract:
# one JSON line per input in input order, every contract key present, exit codes 0/1/2.
# Invoked by CTest: cmake -DCLI=... -DDATA=... -P cli_contract.cmake

function(expect_exit code)
    if(NOT rc EQUAL ${code})
        message(FATAL_ERROR "expected exit status ${code}, got ${rc}\nstdout: ${out}\nstderr: ${err}")
    endif()
endfunction()

# 1. --help and --version exit 0; no arguments and an unknown option are usage errors (2).
execute_process(COMMAND ${CLI} --help RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "analyze \\[--json\\]")
    message(FATAL_ERROR "--help does not show the analyze usage: ${out}")
endif()
execute_process(COMMAND ${CLI} --version RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
execute_process(COMMAND ${CLI} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)
execute_process(COMMAND ${CLI} analyze --frobnicate x RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)

# 2. A readable file, a missing file and a file with no header fields: three lines, in order,
#    exit 1 because two inputs failed; the failed ones carry a non-empty errors array.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/cli-no-headers.txt "just some words\nwithout any header field\n")
execute_process(COMMAND ${CLI} analyze --json ${DATA}/messages/gmail-delivered.eml
                        ${DATA}/does-not-exist.eml ${CMAKE_CURRENT_BINARY_DIR}/cli-no-headers.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)
string(REGEX REPLACE "\n$" "" out "${out}")
string(REPLACE "\n" ";" lines "${out}")
list(LENGTH lines count)
if(NOT count EQUAL 3)
    message(FATAL_ERROR "expected 3 JSON lines, got ${count}: ${out}")
endif()
list(GET lines 0 first)
list(GET lines 1 second)
list(GET lines 2 third)

foreach(key file kind relay original_relay recipients errors warnings)
    string(JSON type ERROR_VARIABLE jerr TYPE "${first}" ${key})
    if(jerr)
        message(FATAL_ERROR "contract key '${key}' missing: ${first}")
    endif()
endforeach()
string(JSON file GET "${first}" file)
if(NOT file STREQUAL "${DATA}/messages/gmail-delivered.eml")
    message(FATAL_ERROR "file should be the path as given, got ${file}")
endif()
string(JSON kind GET "${first}" kind)
if(NOT kind STREQUAL "message")
    message(FATAL_ERROR "a delivered message with a body is kind 'message', got ${kind}")
endif()
string(JSON hops LENGTH "${first}" relay)
if(NOT hops EQUAL 4)
    message(FATAL_ERROR "gmail-delivered.eml has 4 Received fields, relay has ${hops} hops")
endif()
foreach(key hop from_helo from_host from_ip by_host protocol tls id for time delay_s)
    string(JSON type ERROR_VARIABLE jerr TYPE "${first}" relay 0 ${key})
    if(jerr)
        message(FATAL_ERROR "relay key '${key}' missing: ${first}")
    endif()
endforeach()
string(JSON n LENGTH "${first}" errors)
if(NOT n EQUAL 0)
    message(FATAL_ERROR "a good message reports errors: ${first}")
endif()

foreach(line IN ITEMS "${second}" "${third}")
    string(JSON n LENGTH "${line}" errors)
    if(n EQUAL 0)
        message(FATAL_ERROR "an unreadable or header-less input must carry errors: ${line}")
    endif()
endforeach()
string(JSON file GET "${second}" file)
if(NOT file STREQUAL "${DATA}/does-not-exist.eml")
    message(FATAL_ERROR "output order must follow input order, second is ${file}")
endif()

# 3. Standard input with "-".
execute_process(COMMAND ${CLI} analyze --json -
                INPUT_FILE ${DATA}/messages/headers-only.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
string(JSON kind GET "${out}" kind)
if(NOT kind STREQUAL "headers")
    message(FATAL_ERROR "a header block without body is kind 'headers', got ${kind}")
endif()
string(JSON file GET "${out}" file)
if(NOT file STREQUAL "-")
    message(FATAL_ERROR "standard input is reported as '-', got ${file}")
endif()

# 4. The readable summary names the relay chain.
execute_process(COMMAND ${CLI} analyze ${DATA}/messages/headers-only.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "Relay chain \\(2 hops")
    message(FATAL_ERROR "readable summary lacks the relay chain: ${out}")
endif()


# 5. --history: the same mailbox full three times over three weeks is recommended for removal;
#    without --history each bounce alone keeps the address.
set(history_inputs ${DATA}/history/mailbox-full-1.eml ${DATA}/history/mailbox-full-2.eml
                   ${DATA}/history/mailbox-full-3.eml)
execute_process(COMMAND ${CLI} analyze --json ${history_inputs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
string(REGEX MATCH "\"remove_address\":true" removed "${out}")
if(removed)
    message(FATAL_ERROR "a single full-mailbox bounce must keep the address: ${out}")
endif()
execute_process(COMMAND ${CLI} analyze --json --history ${history_inputs}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
string(REGEX REPLACE "\n$" "" out "${out}")
string(REPLACE "\n" ";" lines "${out}")
foreach(line IN LISTS lines)
    string(JSON remove GET "${line}" recipients 0 remove_address)
    string(JSON advice GET "${line}" recipients 0 advice)
    if(NOT remove OR NOT advice STREQUAL "remove_address")
        message(FATAL_ERROR "three full-mailbox bounces over weeks should recommend removal: ${line}")
    endif()
endforeach()
message(STATUS "cli history: ok")
message(STATUS "cli contract: ok")

# explain: a reply without a message, as an argument and on standard input, with the same
# contract fields as analyze; a text without a reply exits 1, no text is a usage error.
execute_process(COMMAND ${CLI} explain --json "550 5.1.1 <a@b.example>: Recipient address rejected: User unknown"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
foreach(key file kind relay original_relay recipients errors warnings)
    string(JSON type ERROR_VARIABLE jerr TYPE "${out}" ${key})
    if(jerr)
        message(FATAL_ERROR "explain: contract key '${key}' missing: ${out}")
    endif()
endforeach()
foreach(key address action reply_code status diagnostic remote_mta reporting_mta type cause side advice
            remove_address reputation_impact confidence evidence explanation)
    string(JSON type ERROR_VARIABLE jerr TYPE "${out}" recipients 0 ${key})
    if(jerr)
        message(FATAL_ERROR "explain: recipient key '${key}' missing: ${out}")
    endif()
endforeach()
string(JSON kind GET "${out}" kind)
string(JSON cause GET "${out}" recipients 0 cause)
string(JSON address GET "${out}" recipients 0 address)
if(NOT kind STREQUAL "bounce" OR NOT cause STREQUAL "mailbox_unknown" OR NOT address STREQUAL "a@b.example")
    message(FATAL_ERROR "explain: expected a bounce, mailbox_unknown for a@b.example: ${out}")
endif()
execute_process(COMMAND ${CLI} explain --json -
                INPUT_FILE ${DATA}/replies/three-replies.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
string(JSON count LENGTH "${out}" recipients)
if(NOT count EQUAL 3)
    message(FATAL_ERROR "explain -: three replies give three recipients, got ${count}: ${out}")
endif()
execute_process(COMMAND ${CLI} explain "550 5.1.1 <a@b.example>: User unknown"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "mailbox_unknown")
    message(FATAL_ERROR "explain without --json prints the verdict: ${out}")
endif()
execute_process(COMMAND ${CLI} explain --json "no reply in here"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)
string(JSON errors LENGTH "${out}" errors)
if(errors EQUAL 0)
    message(FATAL_ERROR "explain: a text without a reply has errors: ${out}")
endif()
execute_process(COMMAND ${CLI} explain RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)
