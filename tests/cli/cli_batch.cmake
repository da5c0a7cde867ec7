# headerlens-cli batch and history as a script uses them: an mbox and a Maildir in, CSV and JSON
# Lines out, the history database in WORK (never the user's), the list-hygiene files, exit codes.
# Invoked by CTest: cmake -DCLI=... -DDATA=... -DWORK=... -P cli_batch.cmake

function(expect_exit code)
    if(NOT rc EQUAL ${code})
        message(FATAL_ERROR "expected exit status ${code}, got ${rc}\nstdout: ${out}\nstderr: ${err}")
    endif()
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(db ${WORK}/history.sqlite)

# 1. usage errors
execute_process(COMMAND ${CLI} batch RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)
execute_process(COMMAND ${CLI} batch ${DATA}/mbox --soft-bounces 9 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)
execute_process(COMMAND ${CLI} history RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(2)

# 2. a batch: JSON Lines on standard output, CSV and the hygiene lists in files
execute_process(COMMAND ${CLI} batch ${DATA}/mbox/list-bounces.mbox ${DATA}/maildir --history-db ${db}
                        --json - --csv ${WORK}/rows.csv --hygiene ${WORK}/lists
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
# (server texts hold semicolons: count line ends rather than splitting into a CMake list)
string(REGEX MATCHALL "\n" ends "${out}")
list(LENGTH ends count)
if(NOT count EQUAL 12)
    message(FATAL_ERROR "expected 12 rows (7 mbox messages, 5 Maildir files), got ${count}: ${out}")
endif()
string(REGEX MATCH "^[^\n]*" first "${out}")
foreach(key date address domain type cause side advice remove_address reply_code status reporting_mta
            diagnostic history kind file item)
    string(JSON type ERROR_VARIABLE jerr TYPE "${first}" ${key})
    if(jerr)
        message(FATAL_ERROR "row key '${key}' missing: ${first}")
    endif()
endforeach()
string(JSON evidence GET "${first}" history evidence)
if(NOT evidence STREQUAL "3rd consecutive soft bounce since 2026-11-01")
    message(FATAL_ERROR "the first mbox message should carry the escalation, got '${evidence}'")
endif()
if(NOT err MATCHES "12 messages, 12 rows")
    message(FATAL_ERROR "the summary goes to standard error when rows go to standard output: ${err}")
endif()
file(READ ${WORK}/rows.csv csv)
if(NOT csv MATCHES "^date,recipient,domain,type,cause,side,advice")
    message(FATAL_ERROR "CSV header missing: ${csv}")
endif()
file(READ ${WORK}/lists/suppression.txt suppression)
if(NOT suppression STREQUAL "ines.moreau@example.net\npaul@example.com\nrosa@example.com\nsub@example.org\n")
    message(FATAL_ERROR "suppression list: ${suppression}")
endif()
file(READ ${WORK}/lists/remove.csv remove)
if(NOT remove MATCHES "rosa@example.com,example.com,stop_sending,feedback_report")
    message(FATAL_ERROR "the complainer is removed with stop_sending: ${remove}")
endif()

# 3. the same batch again stores nothing new
execute_process(COMMAND ${CLI} batch ${DATA}/mbox/list-bounces.mbox ${DATA}/maildir --history-db ${db}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "12 events stored, 0 new")
    message(FATAL_ERROR "importing twice must add nothing: ${out}")
endif()

# 4. history of one address, of a domain, of a list
execute_process(COMMAND ${CLI} history Ines.Moreau@example.net --history-db ${db}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "List: +remove: 3rd consecutive soft bounce since 2026-11-01")
    message(FATAL_ERROR "history of one address: ${out}")
endif()
execute_process(COMMAND ${CLI} history --domain example.com --json --history-db ${db}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
string(JSON n LENGTH "${out}")
if(NOT n EQUAL 5)
    message(FATAL_ERROR "5 addresses at example.com expected: ${out}")
endif()
execute_process(COMMAND ${CLI} history --list watch --history-db ${db}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT out MATCHES "^max@example.org")
    message(FATAL_ERROR "watch list: ${out}")
endif()
execute_process(COMMAND ${CLI} history nobody@example.org --history-db ${db}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)

execute_process(COMMAND ${CLI} history nobody@example.org --history-db ${WORK}/none.sqlite
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)
if(EXISTS ${WORK}/none.sqlite OR NOT err MATCHES "no history database")
    message(FATAL_ERROR "looking at a history that does not exist must not create it: ${err}")
endif()

# 5. a damaged database: a clear message, and the batch still works without history
file(WRITE ${WORK}/damaged.sqlite "this is not a database at all, just text that is long enough to be read")
execute_process(COMMAND ${CLI} batch ${DATA}/mbox --history-db ${WORK}/damaged.sqlite
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(0)
if(NOT err MATCHES "damaged or is not a HeaderLens history" OR NOT out MATCHES "7 messages, 7 rows")
    message(FATAL_ERROR "damaged database: stdout ${out}\nstderr ${err}")
endif()

# 6. an input that cannot be read gets a row and exit status 1
execute_process(COMMAND ${CLI} batch ${DATA}/does-not-exist.mbox --no-history --csv -
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_exit(1)
if(NOT out MATCHES "does-not-exist.mbox")
    message(FATAL_ERROR "the unreadable input needs its row: ${out}")
endif()
message(STATUS "cli batch: ok")
