# kefu_warnings(target): the warning set every kefu target is built with.
function(kefu_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wcast-qual
    -Wformat=2 -Wundef
    $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
    $<$<COMPILE_LANGUAGE:C>:-Wstrict-prototypes -Wmissing-prototypes>)
  if(KEFU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# KEFU_SANITIZE: "address,undefined" (ASan + UBSan) or "thread" (TSan) instruments every target,
# the library included. Undefined behaviour aborts instead of printing and carrying on.
set(KEFU_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined | thread | empty")
if(KEFU_SANITIZE)
  add_compile_options(-fsanitize=${KEFU_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${KEFU_SANITIZE})
  if(KEFU_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()

# KEFU_COVERAGE: gcc's line and branch counters (.gcda files beside the objects), read by gcovr
# in tests/coverage.sh. CI turns it on in the ASan build, which is unoptimised and runs every test.
if(KEFU_COVERAGE)
  add_compile_options(--coverage -fprofile-update=atomic)  # atomic: the tests run threads
  add_link_options(--coverage)
endif()

# KEFU_FUZZ: coverage for libFuzzer plus ASan and UBSan, over the library and the targets.
if(KEFU_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()
